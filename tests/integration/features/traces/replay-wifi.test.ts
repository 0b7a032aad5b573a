// Replay end to end: a real agent run (scripted model, real operator, real adb on a private
// port, simulated phone) records the Wi-Fi task; its trace is then replayed on FRESH simulated
// phones, through the Replayer as the app drives it and through `phonepilot traces replay`.
// The phone's own setting is the judge; a phone showing another app must stop the replay
// before anything is tapped.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../../src/cli/command';
import { replayCommand } from '../../../../src/cli/traces/replay-command';
import { loadReplaySource } from '../../../../src/main/features/traces/replay/replay-source';
import { Replayer } from '../../../../src/main/features/traces/replay/replayer';
import { DEFAULT_THRESHOLD } from '../../../../src/main/features/traces/replay/screen-compare';
import { TraceStore } from '../../../../src/main/features/traces/trace-store';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply, type Rig, type Suite } from '../../../support/agent-rig';

/** The recorded task's id in the history (set once it is recorded). */
let TRACE_ID = '';
let suite: Suite;
let rig: Rig | undefined;
const home = () => join(suite.dir, 'home');
const store = () => new TraceStore({ dir: join(home(), 'traces') });

async function wifiOn(r: Rig): Promise<string> {
  return (await r.phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim();
}

async function cliReplay(...argv: string[]): Promise<{ code: number; out: string; err: string; error?: Error }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const env = { ...process.env, PHONEPILOT_HOME: home(), ANDROID_ADB_SERVER_PORT: String(suite.adb.port) };
  const stdin = new PassThrough();
  stdin.end();
  let code: number;
  let error: Error | undefined;
  try {
    code = await replayCommand(argv, { stdout, stderr, env, signal: new AbortController().signal }, stdin);
  } catch (e) {
    error = e as Error;
    code = e instanceof CliError ? e.exitCode : -1;
  }
  return { code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8'), error };
}

beforeAll(async () => {
  suite = await startSuite();
  // Record the task once, with the real agent loop, into the history of a PHONEPILOT_HOME.
  const recorder = await startRig(suite, { mirror: false });
  try {
    suite.model.script([
      () => doReply('do(action="Launch", app="Settings")', 'Open Settings.'),
      () => tapReply(recorder, clickableWith(recorder, 'Wi-Fi'), 'Tap the Wi-Fi row.'),
      () => doReply('finish(message="Wi-Fi is on")', 'Done.'),
    ]);
    const { outcome, traceDir } = await runAgent(suite, recorder, 'Turn on Wi-Fi', { tracesDir: join(home(), 'traces') });
    expect(outcome.status).toBe('finished');
    TRACE_ID = basename(traceDir);
    expect(await wifiOn(recorder)).toBe('1');
  } finally {
    await recorder.close();
  }
  // The same trace, in which the user had approved step 2: replaying it asks again.
  const copy = join(home(), 'traces', 'wifi-sensitive');
  await cp(join(home(), 'traces', TRACE_ID), copy, { recursive: true });
  const lines = (await readFile(join(copy, 'trace.jsonl'), 'utf8')).trimEnd().split('\n');
  const at = lines.findIndex((l) => JSON.parse(l).type === 'action_executed' && JSON.parse(l).step === 2);
  lines.splice(at, 0, JSON.stringify({ seq: 1000, t: JSON.parse(lines[at]!).t, type: 'confirmation', step: 2, phase: 'asked', reason: 'Changes a system setting' }));
  await writeFile(join(copy, 'trace.jsonl'), `${lines.join('\n')}\n`);
});
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

describe('replay of the recorded Wi-Fi task', () => {
  it('plans the two executed actions (launch, tap) and not the finish', async () => {
    const source = await loadReplaySource(store(), TRACE_ID);
    expect(source.task).toBe('Turn on Wi-Fi');
    expect(source.plan.map((s) => [s.step, s.action.type])).toEqual([[1, 'launch'], [2, 'tap']]);
  });

  it('reproduces the end state on a fresh phone through the mirror (the app path)', async () => {
    rig = await startRig(suite, { mirror: true });
    expect(await wifiOn(rig)).toBe('0');
    const source = await loadReplaySource(store(), TRACE_ID);
    const differences: number[] = [];
    const replayer = new Replayer({
      plan: source.plan, operator: rig.operator, readRecorded: source.readRecorded, speed: 'settle', threshold: DEFAULT_THRESHOLD,
      confirm: async () => { throw new Error('no step of this trace is sensitive'); },
    });
    replayer.on((e) => { if (e.kind === 'checked') differences.push(e.difference); });
    const outcome = await replayer.start();
    expect(outcome).toMatchObject({ status: 'completed', done: 2, step: null });
    expect(differences).toHaveLength(2);
    for (const d of differences) expect(d).toBeLessThanOrEqual(DEFAULT_THRESHOLD);
    expect(await wifiOn(rig)).toBe('1');
    expect(rig.phone.phone.android.focus().packageName).toBe('com.android.settings');
    await replayer.dispose();
  });

  it('`phonepilot traces replay` reproduces it too and exits 0', async () => {
    rig = await startRig(suite, { mirror: false });
    expect(await wifiOn(rig)).toBe('0');
    const r = await cliReplay(TRACE_ID, '--serial', rig.phone.serial, '--speed', 'settle', '--no-mirror', '--json');
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'start', id: TRACE_ID, serial: rig.phone.serial, steps: 2 });
    expect(lines.at(-1)).toMatchObject({ type: 'outcome', status: 'completed', done: 2 });
    expect(await wifiOn(rig)).toBe('1');
  });

  it('a sensitive step is denied without --yes when nobody can answer (exit 1), approved with --yes', async () => {
    rig = await startRig(suite, { mirror: false });
    const denied = await cliReplay('wifi-sensitive', '--serial', rig.phone.serial, '--speed', 'settle', '--no-mirror');
    expect(denied.code).toBe(1);
    expect(denied.error!.message).toBe('Step 2 needs your approval (Changes a system setting) and was declined, so the replay stopped.');
    expect(denied.err).toContain('denied (not an interactive terminal; pass --yes to approve sensitive actions)');
    expect(await wifiOn(rig)).toBe('0');
    expect(rig.phone.phone.android.focus().packageName).toBe('com.android.settings');
    await rig.close();

    rig = await startRig(suite, { mirror: false });
    const approved = await cliReplay('wifi-sensitive', '--serial', rig.phone.serial, '--speed', 'settle', '--no-mirror', '--yes');
    expect(approved.code).toBe(0);
    expect(approved.err).toContain('approved by --yes');
    expect(approved.out).toContain('Replayed all 2 step(s).');
    expect(await wifiOn(rig)).toBe('1');
  });

  it('refuses bad flags and unknown traces with one line', async () => {
    expect((await cliReplay(TRACE_ID, '--speed', '3')).error!.message).toBe('--speed must be 1, 2, 4 or settle (as fast as the screen settles), got "3"');
    expect((await cliReplay(TRACE_ID, '--threshold', '300')).code).toBe(2);
    expect((await cliReplay()).code).toBe(2);
    const missing = await cliReplay('no-such-trace', '--serial', 'x');
    expect(missing.code).toBe(1);
    expect(missing.error!.message).toMatch(/no-such-trace/);
  });

  it('stops before acting when the phone shows another app, naming the step', async () => {
    rig = await startRig(suite, { mirror: false });
    const android = rig.phone.phone.android;
    expect(android.launchPackage('com.google.android.deskclock')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the launch animation end
    const sinceSeq = rig.phone.phone.events.lastSeq;
    const r = await cliReplay(TRACE_ID, '--serial', rig.phone.serial, '--speed', 'settle', '--no-mirror');
    expect(r.code).toBe(1);
    expect(r.error).toBeInstanceOf(CliError);
    expect(r.error!.message).toMatch(/^Step 1: the phone shows a different screen than when this step was recorded \(difference \d+\.\d > 12\)/);
    expect(r.error!.message).not.toContain('\n');
    // Nothing was done to the phone: no input, no launch, Wi-Fi untouched, still in the clock.
    const events = rig.phone.phone.events.list({ sinceSeq });
    expect(events.filter((e) => e.kind === 'input' || e.kind === 'control')).toEqual([]);
    expect(android.focus().packageName).toBe('com.google.android.deskclock');
    expect(await wifiOn(rig)).toBe('0');
  });
});
