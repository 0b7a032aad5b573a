// Per-step overhead of the agent on the phone side, model time excluded: screen capture,
// encoding for the model, the action, and waiting for the screen to settle. Measured on the
// simulated phone with its real-phone latency profile (screencap ~450 ms, `input` ~300 ms,
// 250 ms animations), in the same run for:
// - ours: the mirror operator (frames decoded from the scrcpy stream, control-socket input,
//   settle measured from the video) + the model image prep the agent does; twice: as the app
//   runs by default (the phone's animation scales at 0 for the task, agent.animationsOff) and
//   with the phone's animations left on;
// - the reference approach of Open-AutoGLM: `screencap -p` to a file + `adb pull`,
//   `dumpsys window` for the current app, base64 of the PNG, `adb shell input`, a fixed 1 s sleep.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdbClient } from '../src/main/phone/adb/adbkit';
import { CoordinateMap, createProtocolAdapter } from '../src/main/agent';
import { prepareModelImage } from '../src/main/agent/image-prep';
import { createPhoneOperator } from '../src/main/phone/operators';
import { FileAnimationLedger } from '../src/main/phone/animations/animation-ledger';
import { MirrorSession } from '../src/main/phone/scrcpy/mirror-session';
import type { AgentAction } from '../src/shared/agent/actions';
import type { UiNode } from '#virtual-phone';
import { startAdbServer } from '../tests/support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../tests/support/virtual-phone';
import { round, summarize } from './stats';
import { writeStandInServer } from '../tests/support/scrcpy-server-file';

const CYCLES = 4;
/**
 * The model's turn sits between screen and action in every real step (1-15 s); it is not
 * measured, but work the operator defers to it (asking for a fresh key frame) must not land
 * inside the measured settle, so both approaches pause this long there, unmeasured.
 */
const MODEL_GAP_MS = 500;
const PARTS = ['capture', 'encode', 'action', 'settle'] as const;
type Part = typeof PARTS[number];
type Sample = Record<Part, number>;

function flatten(n: UiNode, out: UiNode[] = []): UiNode[] {
  out.push(n);
  for (const c of n.children) flatten(c, out);
  return out;
}

/** The next action of a fixed little workload: open Settings, toggle Wi-Fi twice, go back. */
function workload(phone: ConnectedPhone, i: number): AgentAction {
  const centreOf = (label: string): AgentAction => {
    const nodes = flatten(phone.phone.android.uiTree());
    const text = nodes.find((n) => n.text === label || n.contentDesc === label);
    const box = text && nodes.find((n) => n.clickable && n.bounds[0] <= text.bounds[0] && n.bounds[1] <= text.bounds[1] && n.bounds[2] >= text.bounds[2] && n.bounds[3] >= text.bounds[3]);
    if (!box) throw new Error(`bench workload: ${label} not on screen`);
    return { type: 'tap', x: Math.round((box.bounds[0] + box.bounds[2]) / 2), y: Math.round((box.bounds[1] + box.bounds[3]) / 2) };
  };
  switch (i % 4) {
    case 0: return centreOf('Settings');
    case 1: case 2: return centreOf('Wi-Fi');
    default: return { type: 'back' };
  }
}

function adbRun(port: number, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('adb', ['-P', String(port), ...args], { encoding: 'buffer', maxBuffer: 64 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measureOurs(phone: ConnectedPhone, port: number, serverFile: string, ledger: FileAnimationLedger | undefined): Promise<Sample[]> {
  const client = createAdbClient({ port });
  const session = new MirrorSession({ client, serial: phone.serial, server: { path: serverFile, version: '3.3.4' } });
  await session.start();
  const operator = createPhoneOperator({ client, serial: phone.serial, mirror: session, scrcpyServer: { path: serverFile, version: '3.3.4' }, ...(ledger ? { animationsOff: { ledger } } : {}) });
  const adapter = createProtocolAdapter('autoglm', { autoglm: { lang: 'en' } });
  const signal = new AbortController().signal;
  const samples: Sample[] = [];
  try {
    // Warm-up: size lookup, first key frame, and (once per task, not per step) the scales.
    await operator.screen(signal);
    await operator.execute({ type: 'home' }, signal);
    await operator.waitForStill({ timeoutMs: 3_000, signal });
    for (let i = 0; i < CYCLES * 4; i++) {
      let t = now();
      const capture = await operator.screen(signal);
      const captureMs = now() - t;
      t = now();
      const device = { width: capture.width, height: capture.height };
      await prepareModelImage(capture, new CoordinateMap(device, adapter.modelImageSize(device)));
      const encodeMs = now() - t;
      await sleep(MODEL_GAP_MS);
      t = now();
      const result = await operator.execute(workload(phone, i), signal);
      if (!result.ok) throw new Error(`ours: ${result.message}`);
      const actionMs = now() - t;
      const { settleMs } = await operator.waitForStill({ timeoutMs: 3_000, signal });
      samples.push({ capture: captureMs, encode: encodeMs, action: actionMs, settle: settleMs });
    }
  } finally {
    await operator.dispose();
    await session.dispose();
  }
  return samples;
}

async function measureReference(phone: ConnectedPhone, port: number, dir: string): Promise<Sample[]> {
  const s = ['-s', phone.serial];
  const local = join(dir, 'screen.png');
  const samples: Sample[] = [];
  for (let i = 0; i < CYCLES * 4; i++) {
    let t = now();
    await adbRun(port, [...s, 'shell', 'screencap', '-p', '/sdcard/tmp.png']);
    await adbRun(port, [...s, 'pull', '/sdcard/tmp.png', local]);
    const png = await readFile(local);
    await adbRun(port, [...s, 'shell', 'dumpsys', 'window']);
    const captureMs = now() - t;
    t = now();
    Buffer.from(png).toString('base64'); // Open-AutoGLM sends the PNG as is, base64-encoded
    const encodeMs = now() - t;
    await sleep(MODEL_GAP_MS);
    t = now();
    const action = workload(phone, i);
    if (action.type === 'tap') await adbRun(port, [...s, 'shell', 'input', 'tap', String(action.x), String(action.y)]);
    else await adbRun(port, [...s, 'shell', 'input', 'keyevent', '4']);
    const actionMs = now() - t;
    t = now();
    await sleep(1000);
    samples.push({ capture: captureMs, encode: encodeMs, action: actionMs, settle: now() - t });
  }
  return samples;
}

function report(samples: Sample[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of PARTS) {
    const s = summarize(samples.map((x) => x[part]));
    out[part] = { median: round(s.median, 1), p95: round(s.p95, 1) };
  }
  const total = summarize(samples.map((x) => PARTS.reduce((sum, p) => sum + x[p], 0)));
  out.total = { median: round(total.median, 1), p95: round(total.p95, 1), n: total.n };
  return out;
}

export async function runAgentBench(): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-agent-bench-'));
  const serverFile = await writeStandInServer(join(dir, 'server'));
  const adb = await startAdbServer();
  const phone = await startConnectedPhone(adb, { latencyProfile: 'real-phone' });
  try {
    const reference = await measureReference(phone, adb.port, dir);
    await adbRun(adb.port, ['-s', phone.serial, 'shell', 'input', 'keyevent', '3']); // same start screen
    await sleep(500);
    const animated = await measureOurs(phone, adb.port, serverFile, undefined);
    const ours = await measureOurs(phone, adb.port, serverFile, new FileAnimationLedger(join(dir, 'phone-animations')));
    const r = report(reference);
    const o = report(ours);
    const a = report(animated);
    const rt = r.total as { median: number; p95: number };
    const ratio = (x: Record<string, unknown>) => {
      const t = x.total as { median: number; p95: number };
      return { median: round(rt.median / t.median, 2), p95: round(rt.p95 / t.p95, 2) };
    };
    const result = {
      steps: CYCLES * 4,
      workload: 'tap Settings icon (page transition), tap Wi-Fi twice, Back (transition); repeated',
      ours: o,
      oursAnimationsOn: a,
      reference: r,
      speedup: ratio(o),
      speedupAnimationsOn: ratio(a),
      target: 'reference / ours >= 5',
    };
    const line = (name: string, x: Record<string, unknown>) => `${name.padEnd(10)} ${[...PARTS, 'total'].map((p) => {
      const v = x[p] as { median: number; p95: number };
      return `${p} ${v.median}/${v.p95}`;
    }).join('  ')} (ms, median/p95)`;
    process.stdout.write(`${line('ours', o)}\n${line('ours+anim', a)}\n${line('reference', r)}\n`
      + `speedup (reference/ours): median ${result.speedup.median}x, p95 ${result.speedup.p95}x; `
      + `with the phone's animations left on: median ${result.speedupAnimationsOn.median}x, p95 ${result.speedupAnimationsOn.p95}x\n`);
    return result;
  } finally {
    await phone.stop();
    await adb.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
