// Mirror benchmarks, the app as users run it: the simulated phone in its own process, a private
// adb server, the app's services + web bridge in a third process of their own (bench/mirror-app.ts,
// so its process.cpuUsage() is main's cost alone), the real renderer in headless Chromium driven
// from this process. Per screen size and video source:
//  (1) frames and MB per second main demuxes and forwards, main CPU per frame and in % of one
//      core (the app process only; PP_BENCH_CPU_PROF=DIR also writes a --cpu-prof profile of it);
//  (2) latency from a frame's arrival in main to its decoder output and to its draw on the
//      canvas (page hooks on EncodedVideoChunk / VideoDecoder / drawImage; main and page both
//      use performance.timeOrigin + now(), the same epoch clock on one machine);
//  (3) control latency from a pointerdown on the canvas to the touch logged by the phone
//      (its event log is Date.now(), 1 ms resolution).
// Video sources (the phone's display runs at 60 Hz in both):
//  - replay: the simulated scrcpy server loops a pre-encoded clip of moving content (testsrc2,
//    same x264 settings and bit rate as the live screen) at 60 fps; nothing else runs. This is
//    what the 60 fps targets are checked on: the phone costs ~nothing per frame, so the figures
//    are main's and the renderer's.
//  - screen: the simulated screen rendered and encoded live during a continuous drag on a long
//    list; the frame rate is what this machine's phone model + encoder sustain (below 60).
// Dropped frames: frames whose bytes reached main in the measuring window and were never drawn,
// plus frames the phone skipped because the client fell behind (replay only).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { startAdbServer, type AdbServerHandle } from '../tests/support/adb-server';
import { launchChromium } from '../tests/support/chromium';
import { makeTempDir } from '../tests/support/temp-dir';
import { appTestEnv } from '../tests/support/app-env';
import { round, summarize } from './stats';

const SIZES = [{ width: 1080, height: 2400 }, { width: 720, height: 1600 }];
type VideoSource = 'replay' | 'screen';
const SOURCES: VideoSource[] = (process.env.PP_BENCH_MIRROR_SOURCES?.split(',') as VideoSource[] | undefined) ?? ['replay', 'screen'];
const REFRESH_RATE = 60;
const DRAG_MS = 6000;
const CLICKS = 40;

/** Runs in the page before the app: records per-frame times keyed by the decoder's chunk timestamp. */
const PAGE_HOOKS = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const b = window.__ppBench = { arrival: {}, decoded: {}, drawn: {}, downs: [], chunks: 0, outputs: 0, draws: 0 };
  const EVC = window.EncodedVideoChunk;
  window.EncodedVideoChunk = class extends EVC {
    constructor(init) {
      super(init);
      b.chunks++;
      const d = init.data;
      // The chunk's bytes are a view into the mirror-stream frame message: its header holds main's arrival time.
      if (d && d.byteOffset >= 24) b.arrival[init.timestamp] = new DataView(d.buffer, d.byteOffset - 24, 24).getFloat64(12);
    }
  };
  const VD = window.VideoDecoder;
  window.VideoDecoder = class extends VD {
    constructor(init) {
      super({ ...init, output: (frame) => { b.outputs++; b.decoded[frame.timestamp] = now(); init.output(frame); } });
    }
  };
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    if (args[0] instanceof VideoFrame) { b.draws++; b.drawn[args[0].timestamp] = now(); }
    return draw.apply(this, args);
  };
  addEventListener('pointerdown', (e) => { if (e.target && e.target.dataset && e.target.dataset.testid === 'mirror-video') b.downs.push(now()); }, true);
})();`;

interface PageBench {
  arrival: Record<string, number>;
  decoded: Record<string, number>;
  drawn: Record<string, number>;
  downs: number[];
  chunks: number;
  outputs: number;
  draws: number;
}

interface PhoneProcess {
  proc: ChildProcess;
  serial: string;
  inspectPort: number;
  stop(): Promise<void>;
}

async function startPhoneProcess(size: { width: number; height: number }, adbPort: number, source: VideoSource): Promise<PhoneProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/index.ts'), 'virtual-phone',
    '--size', `${size.width}x${size.height}`, '--refresh-rate', String(REFRESH_RATE), '--video-source', source, '--connect', '--adb-port', String(adbPort), '--inspect-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`virtual-phone exited with ${code}`)));
  });
  const info = JSON.parse(line) as { serial: string; inspectPort: number };
  return {
    proc, serial: info.serial, inspectPort: info.inspectPort,
    stop: () => new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

interface PhoneState {
  events: Array<{ at: number; kind: string; detail: string }>;
  scrcpy: Array<{ framesSent?: number; framesSkipped?: number; fps?: number }>;
}

async function phoneState(inspectPort: number): Promise<PhoneState> {
  const res = await fetch(`http://127.0.0.1:${inspectPort}/state`);
  return (await res.json()) as PhoneState;
}

async function phoneEvents(inspectPort: number): Promise<PhoneState['events']> {
  return (await phoneState(inspectPort)).events;
}

/** Video counters of the phone's (single) running scrcpy server. */
async function phoneVideo(inspectPort: number): Promise<{ sent: number; skipped: number; fps: number | null }> {
  const s = (await phoneState(inspectPort)).scrcpy.find((x) => x.framesSent !== undefined);
  return { sent: s?.framesSent ?? 0, skipped: s?.framesSkipped ?? 0, fps: s?.fps ?? null };
}

interface Ticks { mainUser: number; mainSystem: number; otherUser: number; otherSystem: number }
interface AppSample { at: number; cpuUs: number; userUs: number; systemUs: number; ticks: Ticks | null; frames: number; bytes: number }

/** Where the app process's CPU went between two samples, in % of one core (clock ticks of 10 ms: coarse). */
function cpuSplit(s0: AppSample, s1: AppSample, seconds: number): Record<string, number> | null {
  const pct = (us: number) => round((us / 1000 / (seconds * 1000)) * 100, 1);
  const out: Record<string, number> = { userPercent: pct(s1.userUs - s0.userUs), systemPercent: pct(s1.systemUs - s0.systemUs) };
  if (!s0.ticks || !s1.ticks) return out;
  const tick = (k: keyof Ticks) => round(((s1.ticks![k] - s0.ticks![k]) * 10 / (seconds * 1000)) * 100, 1);
  return { ...out, mainThreadUser: tick('mainUser'), mainThreadSystem: tick('mainSystem'), otherThreadsUser: tick('otherUser'), otherThreadsSystem: tick('otherSystem') };
}

/** The app's services + bridge in their own process (bench/mirror-app.ts). */
interface AppProcess {
  url: string;
  sample(serial: string): Promise<AppSample>;
  stop(): Promise<void>;
}

async function startAppProcess(env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const profDir = process.env.PP_BENCH_CPU_PROF;
  const proc = fork(join(process.cwd(), 'bench/mirror-app.ts'), [], {
    execArgv: ['--import', 'tsx', ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
      ...(process.env.PP_BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, PP_BENCH_APP_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, (m: AppSample) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the app process exited with ${code}`)));
    proc.on('message', (m: { type: string; id?: number; url?: string } & AppSample) => {
      if (m.type === 'ready') resolve(m.url!);
      else if (m.id !== undefined) waiting.get(m.id)?.(m);
    });
  });
  const call = <T>(message: Record<string, unknown>): Promise<T> => new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, (m) => { waiting.delete(id); resolve(m as T); });
    proc.send({ ...message, id });
  });
  return {
    url,
    sample: (serial) => call<AppSample>({ type: 'sample', serial }),
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      await Promise.race([call({ type: 'stop' }), new Promise((r) => setTimeout(r, 10_000))]);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const epochNow = (): number => performance.timeOrigin + performance.now();

async function benchSize(size: { width: number; height: number }, source: VideoSource): Promise<Record<string, unknown>> {
  const tmp = await makeTempDir('pp-mirror-bench-');
  let adb: AdbServerHandle | undefined;
  let phone: PhoneProcess | undefined;
  let app: AppProcess | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    adb = await startAdbServer();
    phone = await startPhoneProcess(size, adb.port, source);
    app = await startAppProcess(await appTestEnv(tmp.dir, adb.port));
    chromium = await launchChromium();
    const page: Page = await chromium.browser.newPage();
    await page.addInitScript(PAGE_HOOKS);
    await page.goto(app.url);
    const item = page.locator(`[data-testid="device-item"][data-serial="${phone.serial}"][data-state="device"]`);
    await item.waitFor({ timeout: 30_000 });
    await item.getByTestId('device-mirror').click();
    await page.locator('[data-testid="mirror-canvas"][data-state="playing"]').waitFor({ timeout: 60_000 });
    await adb.adb(['-s', phone.serial, 'shell', 'am', 'start', '-n', 'com.phonepilot.shop/.MainActivity']);
    await new Promise((r) => setTimeout(r, 1000));

    const canvas = page.getByTestId('mirror-video');
    const box = (await canvas.boundingBox())!;
    const scale = Math.min(box.width / size.width, box.height / size.height);
    const ox = box.x + (box.width - size.width * scale) / 2;
    const oy = box.y + (box.height - size.height * scale) / 2;
    const at = (fx: number, fy: number) => ({ x: ox + fx * size.width * scale, y: oy + fy * size.height * scale });

    // (1)+(2): replay: the clip plays, nothing else runs; screen: a continuous drag up and down the product list.
    const serial = phone.serial;
    const pageBefore = await page.evaluate(() => (window as unknown as { __ppBench: PageBench }).__ppBench.outputs);
    const video0 = await phoneVideo(phone.inspectPort);
    const s0 = await app.sample(serial);
    const w0 = epochNow();
    const t0 = performance.now();
    if (source === 'screen') {
      const start = at(0.5, 0.8);
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      let phase = 0;
      while (performance.now() - t0 < DRAG_MS) {
        phase += 0.05;
        const p = at(0.5, 0.5 + 0.3 * Math.cos(phase));
        await page.mouse.move(p.x, p.y);
        await new Promise((r) => setTimeout(r, 8));
      }
      await page.mouse.up();
    } else {
      await new Promise((r) => setTimeout(r, DRAG_MS));
    }
    const s1 = await app.sample(serial);
    const w1 = epochNow();
    const video1 = await phoneVideo(phone.inspectPort);
    const seconds = (s1.at - s0.at) / 1000;
    const cpuMs = (s1.cpuUs - s0.cpuUs) / 1000;
    const frames = s1.frames - s0.frames;
    const bytes = s1.bytes - s0.bytes;
    await new Promise((r) => setTimeout(r, 500));
    const pb = await page.evaluate(() => (window as unknown as { __ppBench: PageBench }).__ppBench);
    const decodeLat: number[] = [];
    const drawLat: number[] = [];
    let arrivedInWindow = 0;
    let drawnInWindow = 0;
    for (const [ts, arrival] of Object.entries(pb.arrival)) {
      if (pb.decoded[ts] !== undefined) decodeLat.push(pb.decoded[ts] - arrival);
      if (pb.drawn[ts] !== undefined) drawLat.push(pb.drawn[ts] - arrival);
      if (arrival >= w0 && arrival < w1) {
        arrivedInWindow++;
        if (pb.drawn[ts] !== undefined) drawnInWindow++;
      }
    }

    // (3): clicks on the title bar (no navigation), matched in order with the phone's touch-downs.
    const events0 = (await phoneEvents(phone.inspectPort)).filter((e) => e.kind === 'control' && e.detail.startsWith('touch down')).length;
    const downs0 = pb.downs.length;
    const target = at(0.5, 0.06);
    for (let i = 0; i < CLICKS; i++) {
      await page.mouse.click(target.x, target.y);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const downs = (await page.evaluate(() => (window as unknown as { __ppBench: PageBench }).__ppBench.downs)).slice(downs0);
    const touchDowns = (await phoneEvents(phone.inspectPort)).filter((e) => e.kind === 'control' && e.detail.startsWith('touch down')).slice(events0);
    const control = downs.slice(0, touchDowns.length).map((d, i) => touchDowns[i].at - d);

    return {
      size: `${size.width}x${size.height}`,
      source,
      phone: {
        fpsCap: video1.fps,
        framesSent: video1.sent - video0.sent,
        framesSkippedClientBehind: video1.skipped - video0.skipped,
        framesPerSecond: round((video1.sent - video0.sent) / seconds, 1),
      },
      main: {
        seconds: round(seconds),
        framesPerSecond: round(frames / seconds, 1),
        mbPerSecond: round(bytes / seconds / 1e6, 3),
        cpuPercentOfOneCore: round((cpuMs / (seconds * 1000)) * 100, 1),
        cpuMsPerFrame: frames ? round(cpuMs / frames, 3) : null,
        cpuSplitPercentOfOneCore: cpuSplit(s0, s1, seconds),
        cpuNote: 'the app process alone (services + web bridge), process.cpuUsage user+system',
      },
      dropped: {
        arrivedInMainInWindow: arrivedInWindow,
        neverDrawn: arrivedInWindow - drawnInWindow,
        forwardedByMainMinusDrawn: frames - drawnInWindow,
        skippedByPhone: video1.skipped - video0.skipped,
      },
      renderer: {
        framesOutOfDecoder: pb.outputs - pageBefore,
        framesForwardedByMain: frames,
        chunksDecoded: pb.chunks,
        framesDrawn: pb.draws,
        framesNotDrawn: pb.outputs - pb.draws,
      },
      arrivalToDecodedMs: pick(summarize(decodeLat)),
      arrivalToDrawnMs: pick(summarize(drawLat)),
      controlPointerdownToPhoneTouchMs: { ...pick(summarize(control)), clicks: CLICKS, matched: control.length, resolution: '1 ms (phone log is Date.now())' },
    };
  } finally {
    await chromium?.close().catch(() => undefined);
    await app?.stop().catch(() => undefined);
    await phone?.stop();
    await adb?.stop();
    await tmp.cleanup();
  }
}

function pick(s: ReturnType<typeof summarize>): Record<string, number> {
  return { n: s.n, median: round(s.median), p95: round(s.p95), max: round(s.max) };
}

export async function runMirrorBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const source of SOURCES) {
    for (const size of SIZES) {
      const r = await benchSize(size, source);
      out[`${r.size as string} ${source}`] = r;
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    }
  }
  return out;
}
