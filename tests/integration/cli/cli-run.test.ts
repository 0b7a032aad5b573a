// `phonepilot run` end to end as a user runs it: a separate node process, the private adb server
// (ANDROID_ADB_SERVER_PORT), a temp PHONEPILOT_HOME, the scripted model over HTTP.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../../support/scripted-openai';
import { clickableWith, doReply, startRig, startSuite, tapReply, type Rig, type Suite } from '../../support/agent-rig';
import { appPaths } from '../../../src/main/platform/app-paths';
import { FileSecretStore } from '../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../src/main/platform/settings/settings-store';

const KEY = 'sk-cli-test-7f3a9c-secret';
let suite: Suite;
let keyed: ScriptedOpenAI;
let rig: Rig;
beforeAll(async () => {
  suite = await startSuite();
  keyed = await startScriptedOpenAI({ apiKey: KEY });
  rig = await startRig(suite, { mirror: false }); // the CLI starts its own mirror
});
afterAll(async () => {
  await rig?.close();
  await keyed?.close();
  await suite?.close();
});

function cli(args: string[], adbPort: number, home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'run', ...args], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? '', HOME: home, PHONEPILOT_HOME: home, ANDROID_ADB_SERVER_PORT: String(adbPort),
        SCRCPY_SERVER_PATH: suite.serverFile, PP_TEST_KEY: KEY,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.stdin.end();
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('phonepilot run', () => {
  it('finishes a task: steps as JSON lines, a trace under PHONEPILOT_HOME, exit 0, no key anywhere', async () => {
    const home = join(suite.dir, 'home-ok');
    const scale = () => rig.phone.phone.android.getSetting('global', 'transition_animation_scale');
    let scaleDuringTask: string | null = null;
    keyed.script([
      () => doReply('do(action="Launch", app="Settings")'),
      // The phone's animations are off while the task runs (first action onwards) ...
      () => { scaleDuringTask = scale(); return tapReply(rig, clickableWith(rig, 'Wi-Fi'), 'Tap Wi-Fi.'); },
      () => doReply('finish(message="Wi-Fi on")'),
    ]);
    const r = await cli(['Turn on Wi-Fi', '--serial', rig.phone.serial, '--base-url', keyed.baseURL, '--model', 'scripted-model', '--api-key-env', 'PP_TEST_KEY', '--json'], suite.adb.port, home);
    expect(r.stderr).not.toMatch(/Mirroring is not available/);
    expect(r.code).toBe(0);
    expect((await rig.phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim()).toBe('1');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(expect.arrayContaining(['task', 'step_started', 'action_parsed', 'action_executed', 'finish']));
    const outcome = lines.at(-1);
    expect(outcome).toMatchObject({ type: 'outcome', status: 'finished', message: 'Wi-Fi on', steps: 3 });
    expect(outcome.traceDir.startsWith(join(home, 'traces'))).toBe(true);
    const files = await readdir(outcome.traceDir);
    expect(files).toContain('trace.jsonl');
    const traceText = await readFile(join(outcome.traceDir, 'trace.jsonl'), 'utf8');
    expect(traceText).toContain('"mirror":true');
    expect(traceText).toContain('"animationsOff":true');
    // Assembled by createTaskRun, as the app assembles its tasks.
    expect(JSON.parse(traceText.split('\n')[0]).settings).toMatchObject({ source: 'cli', mode: 'direct', mirror: true });
    // ... and back to the phone's own value once it ended, with nothing left to restore.
    expect(scaleDuringTask).toBe('0');
    expect(scale()).toBe('1.0');
    expect(await readdir(join(home, 'phone-animations')).catch(() => [])).toEqual([]);
    expect(keyed.chatRequests().every((q) => q.authorized)).toBe(true);
    for (const text of [r.stdout, r.stderr, traceText]) expect(text).not.toContain(KEY);
  });

  it('a key the model echoes (thought split across chunks, a 400 body) is in no printed line and nowhere in the trace', async () => {
    const home = join(suite.dir, 'home-echo');
    keyed.script([
      { content: `<think>The key I got is ${KEY}.</think><answer>do(action="Launch", app="Settings")</answer>`, chunkSize: 4 },
      { status: 400, body: { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } },
    ]);
    const r = await cli(['Turn on Wi-Fi', '--serial', rig.phone.serial, '--base-url', keyed.baseURL, '--model', 'scripted-model', '--api-key-env', 'PP_TEST_KEY', '--no-mirror'], suite.adb.port, home);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('thought: The key I got is [redacted].');
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('phonepilot run:'))).toEqual([expect.stringContaining('Incorrect API key provided: [redacted]')]);
    const traceDir = /Trace: (.+)/.exec(r.stderr)![1]!;
    const traceText = await readFile(join(traceDir, 'trace.jsonl'), 'utf8');
    expect(traceText).toContain('"type":"finish"');
    for (const text of [r.stdout, r.stderr, traceText]) expect(text).not.toContain(KEY);
  });

  it('a key the desktop app encrypted is not sent: --endpoint says to give it with --api-key-env', async () => {
    const home = join(suite.dir, 'home-encrypted');
    const paths = appPaths(home);
    const keychain = { encrypt: (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain).reverse()]), decrypt: (d: Buffer) => Buffer.from(d.subarray(3)).reverse().toString() };
    const app = new SettingsStore(paths.settingsFile, new FileSecretStore(paths.secretsFile, keychain));
    await app.load();
    await app.saveEndpoint({ name: 'Hosted', baseURL: keyed.baseURL, model: 'scripted-model', protocol: 'autoglm', apiKey: KEY });
    const requests = keyed.requests.length;
    const r = await cli(['Turn on Wi-Fi', '--serial', rig.phone.serial, '--endpoint', 'Hosted', '--no-mirror'], suite.adb.port, home);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^phonepilot run: the API key of "Hosted" was saved by the PhonePilot desktop app, .* give it with --api-key-env VAR/)]);
    expect(keyed.requests.length).toBe(requests);
  });

  it('a base URL without /v1 fails with one line that says to add /v1', async () => {
    // No reply scripted: the server answers 404 for a path outside /v1 before any reply is used.
    const r = await cli(['Turn on Wi-Fi', '--serial', rig.phone.serial, '--base-url', suite.model.origin, '--model', 'scripted-model', '--no-mirror'], suite.adb.port, join(suite.dir, 'home-url'));
    expect(r.code).not.toBe(0);
    const errLines = r.stderr.trim().split('\n').filter((l) => l.startsWith('phonepilot run:'));
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toContain(`${suite.model.origin}/v1`);
  });

  it('no phone connected: exit non-zero with one clear line', async () => {
    let empty: AdbServerHandle | undefined;
    try {
      empty = await startAdbServer();
      const r = await cli(['Turn on Wi-Fi', '--base-url', suite.model.baseURL, '--model', 'scripted-model'], empty.port, join(suite.dir, 'home-none'));
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toEqual(['phonepilot run: No phone connected: plug one in with USB debugging on (phonepilot doctor helps).']);
    } finally {
      await empty?.stop();
    }
  });
});
