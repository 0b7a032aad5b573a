// Mirror benchmarks, the app as users run it: the simulated phone in its own process (so main's
// CPU is the app's alone), a private adb server, the app's services + web bridge in this
// process, the real renderer in headless Chromium. Per screen size:
//  (1) frames and MB per second main demuxes and forwards, main CPU per frame (process.cpuUsage,
//      this process also hosts the bridge and Playwright's client);
//  (2) latency from a frame's arrival in main to its decoder output and to its draw on the
//      canvas (page hooks on EncodedVideoChunk / VideoDecoder / drawImage; main and page both
//      use performance.timeOrigin + now(), the same epoch clock on one machine);
//  (3) control latency from a pointerdown on the canvas to the touch logged by the phone
//      (its event log is Date.now(), 1 ms resolution).
// Workload: a continuous drag on a long list (the screen changes every frame the phone sends).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { startAdbServer, type AdbServerHandle } from '../tests/support/adb-server';
import { startTestBridge, type TestBridge } from '../tests/support/bridge';
import { launchChromium } from '../tests/support/chromium';
import { makeTempDir } from '../tests/support/temp-dir';
import { appTestEnv } from '../tests/integration/app-devices/app-env';
import { round, summarize } from './stats';

const SIZES = [{ width: 1080, height: 2400 }, { width: 720, height: 1600 }];
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

async function startPhoneProcess(size: { width: number; height: number }, adbPort: number): Promise<PhoneProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/index.ts'), 'virtual-phone',
    '--size', `${size.width}x${size.height}`, '--connect', '--adb-port', String(adbPort), '--inspect-port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function phoneEvents(inspectPort: number): Promise<Array<{ at: number; kind: string; detail: string }>> {
  const res = await fetch(`http://127.0.0.1:${inspectPort}/state`);
  return ((await res.json()) as { events: Array<{ at: number; kind: string; detail: string }> }).events;
}

async function benchSize(size: { width: number; height: number }): Promise<Record<string, unknown>> {
  const tmp = await makeTempDir('pp-mirror-bench-');
  let adb: AdbServerHandle | undefined;
  let phone: PhoneProcess | undefined;
  let t: TestBridge | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    adb = await startAdbServer();
    phone = await startPhoneProcess(size, adb.port);
    t = await startTestBridge({ env: await appTestEnv(tmp.dir, adb.port), requireRenderer: true });
    chromium = await launchChromium();
    const page: Page = await chromium.browser.newPage();
    await page.addInitScript(PAGE_HOOKS);
    await page.goto(t.url);
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

    // (1)+(2): a continuous drag up and down the product list.
    const mirror = t.services.mirror.mirrors.get(phone.serial)!;
    const frames0 = mirror.fanout.framesForwarded;
    const bytes0 = mirror.fanout.bytesForwarded;
    const pageBefore = await page.evaluate(() => (window as unknown as { __ppBench: PageBench }).__ppBench.outputs);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
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
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const frames = mirror.fanout.framesForwarded - frames0;
    const bytes = mirror.fanout.bytesForwarded - bytes0;
    await new Promise((r) => setTimeout(r, 500));
    const pb = await page.evaluate(() => (window as unknown as { __ppBench: PageBench }).__ppBench);
    const decodeLat: number[] = [];
    const drawLat: number[] = [];
    for (const [ts, arrival] of Object.entries(pb.arrival)) {
      if (pb.decoded[ts] !== undefined) decodeLat.push(pb.decoded[ts] - arrival);
      if (pb.drawn[ts] !== undefined) drawLat.push(pb.drawn[ts] - arrival);
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

    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      size: `${size.width}x${size.height}`,
      phoneFpsCap: 'the simulated phone encodes at most 30 fps (VideoStreamer DEFAULT_FPS) whatever max_fps asks',
      main: {
        seconds: round(seconds),
        framesPerSecond: round(frames / seconds, 1),
        mbPerSecond: round(bytes / seconds / 1e6, 3),
        cpuPercentOfOneCore: round((cpuMs / (seconds * 1000)) * 100, 1),
        cpuMsPerFrame: frames ? round(cpuMs / frames, 3) : null,
        cpuNote: 'whole bench process: app services + bridge + Playwright client',
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
    await t?.stop().catch(() => undefined);
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
  for (const size of SIZES) {
    const r = await benchSize(size);
    out[r.size as string] = r;
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  }
  return out;
}
