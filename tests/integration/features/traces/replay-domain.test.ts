// Replay as the app runs it: `replay.start` through the router, progress as `replay.changed`
// events, a sensitive step approved or denied with `replay.confirm`, the side-by-side images of
// a mismatch, and the phone lease released at the end. The phone is a simulated one behind
// real adb, driven by the real operator; the trace comes from a real agent run.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayInfo } from '../../../../src/shared/contract';
import type { DomainContext } from '../../../../src/main/features/domain';
import { createTracesDomain, type TracesDomain } from '../../../../src/main/features/traces/traces-domain';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply, type Rig, type Suite } from '../../../support/agent-rig';
import { makeTempDir } from '../../../support/temp-dir';
import { caller, domainContext } from './domain-context';

let suite: Suite;
let recorded: string;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ctx: DomainContext;
let events: Array<{ name: string; payload: unknown }>;
let domain: TracesDomain | undefined;
let rig: Rig | undefined;
let leases: { acquired: number; released: number };

beforeAll(async () => {
  suite = await startSuite();
  const recorder = await startRig(suite, { mirror: false });
  try {
    suite.model.script([
      () => doReply('do(action="Launch", app="Settings")', 'Open Settings.'),
      () => tapReply(recorder, clickableWith(recorder, 'Wi-Fi'), 'Tap the Wi-Fi row.'),
      () => doReply('finish(message="Wi-Fi is on")', 'Done.'),
    ]);
    const run = await runAgent(suite, recorder, 'Turn on Wi-Fi');
    expect(run.outcome.status).toBe('finished');
    recorded = run.traceDir;
  } finally {
    await recorder.close();
  }
});
afterAll(async () => { await suite?.close(); });

beforeEach(async () => {
  tmp = await makeTempDir('pp-replay-domain-');
  ({ ctx, events } = await domainContext(tmp.dir));
  // The recorded trace, plus a copy in which the user had to approve step 2 (a sensitive tap).
  await cp(recorded, join(tmp.dir, 'traces', 'wifi'), { recursive: true });
  await cp(recorded, join(tmp.dir, 'traces', 'wifi-sensitive'), { recursive: true });
  const file = join(tmp.dir, 'traces', 'wifi-sensitive', 'trace.jsonl');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const at = lines.findIndex((l) => JSON.parse(l).type === 'action_executed' && JSON.parse(l).step === 2);
  lines.splice(at, 0, JSON.stringify({ seq: 1000, t: JSON.parse(lines[at]!).t, type: 'confirmation', step: 2, phase: 'asked', reason: 'Changes a system setting' }));
  await writeFile(file, `${lines.join('\n')}\n`);
  rig = await startRig(suite, { mirror: false });
  leases = { acquired: 0, released: 0 };
  const phone = rig;
  domain = createTracesDomain(ctx, {
    operators: async (serial) => {
      expect(serial).toBe(phone.phone.serial);
      leases.acquired += 1;
      return { operator: phone.operator, release: async () => { leases.released += 1; } };
    },
  });
  await domain.start!();
});
afterEach(async () => {
  await domain?.dispose?.();
  domain = undefined;
  await rig?.close();
  rig = undefined;
  ctx.streams.dispose();
  await tmp.cleanup();
});

const wifiOn = async () => (await rig!.phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim();
const infos = (replayId: string) => events.filter((e) => e.name === 'replay.changed').map((e) => e.payload as ReplayInfo).filter((i) => i.replayId === replayId);
const latest = (replayId: string) => infos(replayId).at(-1);

describe('replay in the app', () => {
  it('asks for the sensitive step, goes on when approved and reproduces the end state', async () => {
    const call = caller(domain!.handlers);
    const { replayId } = await call('replay.start', { id: 'wifi-sensitive', serial: rig!.phone.serial, speed: 'settle' });
    await expect.poll(() => latest(replayId)?.state, { timeout: 15_000 }).toBe('confirming');
    expect(latest(replayId)).toMatchObject({ step: 2, done: 1, total: 2, pending: { step: 2, reason: 'Changes a system setting', action: { type: 'tap' } } });
    expect(await wifiOn()).toBe('0');
    // Only one replay per device at a time.
    await expect(call('replay.start', { id: 'wifi', serial: rig!.phone.serial })).rejects.toMatchObject({ code: 'conflict' });
    await call('replay.confirm', { replayId, approve: true });
    await expect.poll(() => latest(replayId)?.outcome?.status, { timeout: 15_000 }).toBe('completed');
    expect(latest(replayId)).toMatchObject({ state: 'done', done: 2, pending: null, mismatch: null });
    expect(await wifiOn()).toBe('1');
    expect(leases).toEqual({ acquired: 1, released: 1 });
    expect((await call('replay.list', {})).replays.map((r) => r.replayId)).toEqual([replayId]);
    await expect(call('replay.confirm', { replayId, approve: true })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a denied sensitive step stops the replay without tapping', async () => {
    const call = caller(domain!.handlers);
    const { replayId } = await call('replay.start', { id: 'wifi-sensitive', serial: rig!.phone.serial, speed: 'settle' });
    await expect.poll(() => latest(replayId)?.state, { timeout: 15_000 }).toBe('confirming');
    await call('replay.confirm', { replayId, approve: false });
    await expect.poll(() => latest(replayId)?.outcome?.status, { timeout: 15_000 }).toBe('denied');
    expect(latest(replayId)!.outcome!.message).toBe('Step 2 needs your approval (Changes a system setting) and was declined, so the replay stopped.');
    expect(await wifiOn()).toBe('0');
    expect(leases.released).toBe(1);
  });

  it('stops on a different screen and shows the recorded and the live screen side by side', async () => {
    rig!.phone.phone.android.launchPackage('com.google.android.deskclock');
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the launch animation end
    const call = caller(domain!.handlers);
    const { replayId } = await call('replay.start', { id: 'wifi', serial: rig!.phone.serial, speed: 1, threshold: 12 });
    await expect.poll(() => latest(replayId)?.outcome?.status, { timeout: 15_000 }).toBe('mismatch');
    const info = latest(replayId)!;
    expect(info).toMatchObject({ done: 0, step: 1, mismatch: { step: 1, threshold: 12 } });
    expect(info.mismatch!.difference).toBeGreaterThan(12);
    expect(info.mismatch!.recorded).toMatch(/^data:image\/jpeg;base64,/);
    expect(info.mismatch!.live).toMatch(/^data:image\/jpeg;base64,/);
    expect(info.mismatch!.live).not.toBe(info.mismatch!.recorded);
    expect(rig!.phone.phone.android.focus().packageName).toBe('com.google.android.deskclock');
  });

  it('stop ends a replay waiting for the user as stopped', async () => {
    const call = caller(domain!.handlers);
    const { replayId } = await call('replay.start', { id: 'wifi-sensitive', serial: rig!.phone.serial, speed: 'settle' });
    await expect.poll(() => latest(replayId)?.state, { timeout: 15_000 }).toBe('confirming');
    await call('replay.stop', { replayId });
    await expect.poll(() => latest(replayId)?.outcome?.status, { timeout: 15_000 }).toBe('stopped');
    expect(await wifiOn()).toBe('0');
    // The device is free again; back on the home screen, where the recording started.
    expect((await rig!.phone.adb(['shell', 'input', 'keyevent', '3'])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400)); // let the transition end
    const again = await call('replay.start', { id: 'wifi', serial: rig!.phone.serial, speed: 'settle' });
    await expect.poll(() => latest(again.replayId)?.outcome?.status, { timeout: 15_000 }).toBe('completed');
    expect(await wifiOn()).toBe('1');
  });
});
