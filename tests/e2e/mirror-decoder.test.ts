import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MirrorPacker } from '../../src/shared/mirror/mirror-packer';
import { encodeConfigMessage } from '../../src/shared/mirror/mirror-stream';
import { AnnexBAccessUnitSplitter, splitParameterSets } from '#wire';
import { launchChromium } from '../support/chromium';
import { bundleForBrowser, serveTestPage, type TestPageServer } from '../support/renderer-bundle';
import { makeTempDir } from '../support/temp-dir';

const run = promisify(execFile);
const PAGE_ENTRY = join(process.cwd(), 'src/renderer/src/mirror/testing/mirror-test-page.ts');
/** Chromium and ffmpeg convert YUV to RGB with slightly different filters and rounding. */
const COLOUR_TOLERANCE = 12;

interface Clip {
  width: number;
  height: number;
  frames: number;
  /** Mirror messages, each prefixed by its u32 length (the test page's clip format). */
  messages: Uint8Array;
  /** ffmpeg's own decode of the last frame, RGB24. */
  lastFrameRgb: Uint8Array;
}

async function ffmpeg(args: string[]): Promise<Uint8Array> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], { encoding: 'buffer', maxBuffer: 1 << 28 });
  return new Uint8Array(stdout);
}

/** x264 output cut the way scrcpy delivers it (CONFIG packet, then frames) and packed as main does. */
async function makeClip(dir: string, width: number, height: number, frames: number): Promise<Clip> {
  const h264 = await ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30`, '-frames:v', String(frames),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0', '-pix_fmt', 'yuv420p',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv', '-f', 'h264', '-']);
  const file = join(dir, `${width}x${height}.h264`);
  await writeFile(file, h264);
  // The stream says BT.709 (as Chromium also assumes for untagged H.264); ffmpeg 5's swscale
  // would convert with BT.601 unless told.
  const rgb = await ffmpeg(['-i', file, '-vf', 'scale=in_color_matrix=bt709', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const splitter = new AnnexBAccessUnitSplitter();
  const units = [...splitter.push(h264), ...splitter.flush()];
  const packer = new MirrorPacker();
  packer.setScreen({ width, height, rotation: 0 });
  const buffers: ArrayBuffer[] = [];
  units.forEach((unit, i) => {
    const ptsUs = Math.round((i * 1e6) / 30);
    if (unit.hasSps) {
      const { config, frame } = splitParameterSets(unit.data);
      buffers.push(...packer.push({ config: true, keyFrame: false, ptsUs: 0, data: config! }, i));
      buffers.push(...packer.push({ config: false, keyFrame: unit.keyFrame, ptsUs, data: frame }, i));
    } else {
      buffers.push(...packer.push({ config: false, keyFrame: unit.keyFrame, ptsUs, data: unit.data }, i));
    }
  });
  const messages = new Uint8Array(buffers.reduce((n, b) => n + 4 + b.byteLength, 0));
  let off = 0;
  for (const b of buffers) {
    new DataView(messages.buffer).setUint32(off, b.byteLength);
    messages.set(new Uint8Array(b), off + 4);
    off += 4 + b.byteLength;
  }
  const frameBytes = width * height * 3;
  expect(rgb.length).toBe(frameBytes * frames);
  return { width, height, frames: units.length, messages, lastFrameRgb: rgb.subarray(rgb.length - frameBytes) };
}

/** Points inside flat colour areas of ffmpeg's decode: robust to scaling, not to a wrong picture. */
function flatPoints(clip: Clip, step = 20, radius = 6): Array<{ at: [number, number]; rgb: [number, number, number] }> {
  const px = (x: number, y: number): number[] => {
    const i = (y * clip.width + x) * 3;
    return [clip.lastFrameRgb[i], clip.lastFrameRgb[i + 1], clip.lastFrameRgb[i + 2]];
  };
  const points: Array<{ at: [number, number]; rgb: [number, number, number] }> = [];
  for (let y = radius; y < clip.height - radius; y += step) {
    for (let x = radius; x < clip.width - radius; x += step) {
      const c = px(x, y);
      let flat = true;
      for (let dy = -radius; dy <= radius && flat; dy++) {
        for (let dx = -radius; dx <= radius && flat; dx++) {
          const n = px(x + dx, y + dy);
          flat = Math.abs(n[0] - c[0]) <= 2 && Math.abs(n[1] - c[1]) <= 2 && Math.abs(n[2] - c[2]) <= 2;
        }
      }
      if (flat) points.push({ at: [x, y], rgb: c as [number, number, number] });
    }
  }
  return points;
}

/** Distinct colours among the points (so a blank or single-colour canvas cannot pass). */
function distinctColours(rgbs: Array<[number, number, number]>): number {
  const seen: Array<[number, number, number]> = [];
  for (const c of rgbs) {
    if (!seen.some((s) => Math.max(...s.map((v, i) => Math.abs(v - c[i]))) < 60)) seen.push(c);
  }
  return seen.length;
}

type Sent = Record<string, unknown>;

describe('mirror decoding, drawing and input in Chromium', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let server: TestPageServer;
  let page: Page;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let tall: Clip;
  let wide: Clip;

  /** Calls a method of the page's mirrorTest API (see mirror-test-page.ts). */
  function call<T>(method: string, ...args: unknown[]): Promise<T> {
    return page.evaluate(({ method, args }) => {
      const api = (globalThis as unknown as { mirrorTest: Record<string, (...a: unknown[]) => unknown> }).mirrorTest;
      return api[method](...args);
    }, { method, args }) as Promise<T>;
  }

  async function pixelsMatch(clip: Clip): Promise<void> {
    const points = flatPoints(clip);
    expect(points.length).toBeGreaterThan(30);
    expect(distinctColours(points.map((p) => p.rgb))).toBeGreaterThanOrEqual(4);
    const actual = await call<Array<[number, number, number]>>('pixelsAtVideo', points.map((p) => p.at), [clip.width, clip.height]);
    const worst = points.map((p, i) => Math.max(...p.rgb.map((v, c) => Math.abs(v - actual[i][c]))));
    const bad = worst.filter((d) => d > COLOUR_TOLERANCE).length;
    expect(bad, `points off by more than ${COLOUR_TOLERANCE}: ${bad}/${points.length}, worst ${Math.max(...worst)}`).toBe(0);
  }

  beforeAll(async () => {
    tmp = await makeTempDir('phonepilot-mirror-e2e-');
    [tall, wide] = await Promise.all([makeClip(tmp.dir, 720, 1600, 30), makeClip(tmp.dir, 1600, 720, 15)]);
    const bundle = await bundleForBrowser(PAGE_ENTRY);
    server = await serveTestPage(bundle, new Map([['tall', tall.messages], ['wide', wide.messages]]));
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    // HiDPI: the canvas backing store must follow devicePixelRatio.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1400, height: 860, deviceScaleFactor: 2, mobile: false });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    expect(errors).toEqual([]);
    expect(await call<number>('load', 'tall')).toBe(31); // config + 30 frames
    expect(await call<number>('load', 'wide')).toBe(16);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await tmp?.cleanup();
  });

  it('decodes every frame sent and shows the picture on a HiDPI canvas', async () => {
    await call('createView', 600, 800);
    await call('feed', 'tall', { paced: true });
    const stats = await call<{ framesDecoded: number; framesDropped: number; framesDrawn: number; framesSkipped: number; width: number; height: number; codec: string }>('settle');
    // Each frame is drawn as soon as it is decoded: none is superseded before an animation frame.
    expect(stats).toMatchObject({ framesDecoded: 30, framesDropped: 0, framesDrawn: 30, framesSkipped: 0, width: 720, height: 1600 });
    expect(stats.codec).toMatch(/^avc1\.[0-9A-F]{6}$/);
    const canvas = await call<{ cssWidth: number; cssHeight: number; width: number; height: number; dpr: number }>('canvasInfo');
    expect(canvas).toMatchObject({ cssWidth: 600, cssHeight: 800, width: 1200, height: 1600, dpr: 2 });
    await pixelsMatch(tall);
    const statuses = await call<Array<{ state: string }>>('statuses');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'playing']);
  });

  it('reconfigures in place on a size change without losing the following frames', async () => {
    await call('feed', 'wide', { paced: true });
    const stats = await call<{ framesDecoded: number; framesDropped: number; width: number; height: number }>('settle');
    expect(stats).toMatchObject({ framesDecoded: 45, framesDropped: 0, width: 1600, height: 720 });
    await pixelsMatch(wide);
    expect(await call('snapshotSize')).toEqual({ type: 'image/png', width: 1600, height: 720 });
    // Input now maps into the new video size: picture 600x270 at y=265 in the 600x800 box.
    await call('clearSent');
    await page.mouse.click(300, 400);
    expect(await call<Sent[]>('sent')).toEqual([
      { type: 'injectTouch', action: 0, pointerId: '-2', x: 800, y: 360, screenWidth: 1600, screenHeight: 720, pressure: 1, actionButton: 0, buttons: 0 },
      { type: 'injectTouch', action: 1, pointerId: '-2', x: 800, y: 360, screenWidth: 1600, screenHeight: 720, pressure: 0, actionButton: 0, buttons: 0 },
    ]);
  });

  it('decodes every frame of a short burst: a hiccup is not a reason to drop', async () => {
    await call('createView', 600, 800);
    await call('feed', 'tall', { paced: false }); // 30 frames in one task: the queue backs up briefly
    const burst = await call<{ framesDecoded: number; framesDropped: number }>('settle');
    expect(burst).toMatchObject({ framesDecoded: 30, framesDropped: 0 });
    expect((await call<Sent[]>('sent')).filter((m) => m.type === 'resetVideo')).toHaveLength(0);
  });

  it('drops frames when the decoder falls too far behind, asks for a key frame once, and recovers', async () => {
    await call('createView', 600, 800, { maxQueue: 2, behindForMs: 0, hardQueue: 8 });
    await call('feed', 'tall', { paced: false }); // 30 frames in one task: the queue backs up
    const burst = await call<{ framesDecoded: number; framesDropped: number }>('settle');
    expect(burst.framesDropped).toBeGreaterThan(0);
    expect(burst.framesDecoded + burst.framesDropped).toBe(30);
    expect((await call<Sent[]>('sent')).filter((m) => m.type === 'resetVideo')).toHaveLength(1);
    // The device answers RESET_VIDEO with a new config + key frame: everything decodes again.
    await call('feed', 'tall', { paced: true });
    const after = await call<{ framesDecoded: number; framesDropped: number }>('settle');
    expect(after.framesDecoded).toBe(burst.framesDecoded + 30);
    expect(after.framesDropped).toBe(burst.framesDropped);
  });

  it('reports an unsupported codec and a malformed message clearly', async () => {
    await call('createView', 600, 800);
    const hevc = encodeConfigMessage({ codec: 'hvc1.1.6.L93.B0', codedWidth: 720, codedHeight: 1600, screenWidth: 720, screenHeight: 1600, rotation: 0 });
    await call('deliverRaw', [...new Uint8Array(hevc)]);
    await expect.poll(() => call<Array<{ state: string; message?: string }>>('statuses').then((s) => s.at(-1)))
      .toMatchObject({ state: 'error', message: expect.stringMatching(/codec hvc1\.1\.6\.L93\.B0 is not supported/) });
    await call('createView', 600, 800);
    await call('deliverRaw', [2, 7, 0, 0]);
    expect((await call<Array<{ state: string; message?: string }>>('statuses')).at(-1)).toMatchObject({
      state: 'error', message: expect.stringMatching(/mirror stream: message of 4 bytes is shorter than the 24-byte header/),
    });
  });

  it('closes every decoded VideoFrame, drawn or skipped, by dispose', async () => {
    const before = await call<{ framesClosed: number }>('leaks');
    await call('createView', 600, 800);
    await call('feed', 'tall', { paced: true });
    const stats = await call<{ framesDecoded: number; framesDrawn: number; framesSkipped: number }>('settle');
    expect(stats.framesDecoded).toBe(30);
    expect(stats.framesDrawn).toBeGreaterThan(0);
    await call('disposeView');
    const after = await call<{ framesClosed: number }>('leaks');
    expect(after.framesClosed - before.framesClosed).toBe(30);
  });

  describe('input on the canvas -> scrcpy control messages (video 720x1600 shown at 360x800 from x=120)', () => {
    const touch = (action: number, x: number, y: number, pointerId = '-2'): Sent => ({
      type: 'injectTouch', action, pointerId, x, y, screenWidth: 720, screenHeight: 1600, pressure: action === 1 ? 0 : 1, actionButton: 0, buttons: 0,
    });

    beforeAll(async () => {
      await call('createView', 600, 800);
      await call('feed', 'tall', { from: 0, to: 2, paced: true });
      await call('settle');
    });

    it('taps and long-presses at video coordinates', async () => {
      await call('clearSent');
      await page.mouse.click(300, 400);
      await page.mouse.move(156, 80);
      await page.mouse.down();
      await page.mouse.up(); // a long press is the same pair with time in between: the phone decides
      expect(await call<Sent[]>('sent')).toEqual([touch(0, 360, 800), touch(1, 360, 800), touch(0, 72, 160), touch(1, 72, 160)]);
    });

    it('drags as down/move/up, clamped to the picture when leaving it', async () => {
      await call('clearSent');
      await page.mouse.move(156, 80);
      await page.mouse.down();
      await page.mouse.move(156, 480, { steps: 4 });
      await page.mouse.move(20, 480); // over the letterbox bar: the finger stays on the edge
      await page.mouse.up();
      expect(await call<Sent[]>('sent')).toEqual([
        touch(0, 72, 160), touch(2, 72, 360), touch(2, 72, 560), touch(2, 72, 760), touch(2, 72, 960), touch(2, 0, 960), touch(1, 0, 960),
      ]);
    });

    it('pinches with Ctrl: a virtual finger mirrored around the center', async () => {
      await call('clearSent');
      await page.mouse.move(200, 300);
      await page.keyboard.down('Control');
      await page.mouse.down();
      await page.mouse.move(220, 320);
      await page.mouse.up();
      await page.keyboard.up('Control');
      expect(await call<Sent[]>('sent')).toEqual([
        touch(0, 160, 600), touch(0, 560, 1000, '-3'),
        touch(2, 200, 640), touch(2, 520, 960, '-3'),
        touch(1, 200, 640), touch(1, 520, 960, '-3'),
      ]);
    });

    it('ignores presses on the letterbox bars', async () => {
      await call('clearSent');
      await page.mouse.click(20, 400);
      await page.mouse.click(590, 100);
      expect(await call<Sent[]>('sent')).toEqual([]);
    });

    it('scrolls with the wheel, right click is Back, middle click is Home', async () => {
      await call('clearSent');
      await page.mouse.move(300, 400);
      await page.mouse.wheel(0, 100);
      await expect.poll(() => call<Sent[]>('sent').then((s) => s.length)).toBe(1);
      await page.mouse.click(300, 400, { button: 'right' });
      await page.mouse.click(300, 400, { button: 'middle' });
      expect(await call<Sent[]>('sent')).toEqual([
        { type: 'injectScroll', x: 360, y: 800, screenWidth: 720, screenHeight: 1600, hscroll: 0, vscroll: -1, buttons: 0 },
        { type: 'backOrScreenOn', action: 0 },
        { type: 'backOrScreenOn', action: 1 },
        { type: 'injectKeycode', action: 0, keycode: 3, repeat: 0, metaState: 0 },
        { type: 'injectKeycode', action: 1, keycode: 3, repeat: 0, metaState: 0 },
      ]);
    });

    it('sends special keys as key codes and any text (IME, CJK, emoji, paste) through the clipboard', async () => {
      await page.mouse.click(300, 400); // focuses the mirror's text sink
      await call('clearSent');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+A');
      // Holding a key: the browser repeats keydown; Android wants the repeat count.
      await page.keyboard.down('Backspace');
      await page.keyboard.down('Backspace');
      await page.keyboard.down('Backspace');
      await page.keyboard.up('Backspace');
      await page.keyboard.type('hi');
      await page.keyboard.insertText('你好😀');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.imeSetComposition', { text: 'zhongwen', selectionStart: 8, selectionEnd: 8 });
      await cdp.send('Input.insertText', { text: '中文' });
      await cdp.detach();
      const clip = (text: string): Sent => ({ type: 'setClipboard', sequence: '0', paste: true, text });
      expect(await call<Sent[]>('sent')).toEqual([
        { type: 'injectKeycode', action: 0, keycode: 66, repeat: 0, metaState: 0 },
        { type: 'injectKeycode', action: 1, keycode: 66, repeat: 0, metaState: 0 },
        { type: 'injectKeycode', action: 0, keycode: 29, repeat: 0, metaState: 0x1000 },
        { type: 'injectKeycode', action: 1, keycode: 29, repeat: 0, metaState: 0x1000 },
        ...[0, 1, 2].map((repeat) => ({ type: 'injectKeycode', action: 0, keycode: 67, repeat, metaState: 0 })),
        { type: 'injectKeycode', action: 1, keycode: 67, repeat: 0, metaState: 0 },
        clip('h'), clip('i'), clip('你好😀'), clip('中文'),
      ]);
    });

    it('lifts a finger still down when disposed', async () => {
      await page.mouse.move(300, 400);
      await page.mouse.down();
      await call('clearSent');
      await call('disposeView');
      await page.mouse.move(320, 420);
      await page.mouse.up(); // no listener left: nothing more is sent
      expect(await call<Sent[]>('sent')).toEqual([touch(1, 360, 800)]);
    });
  });

  describe('MirrorCanvas and NavBar components', () => {
    const text = (testId: string): Promise<string | null> => page.getByTestId(testId).textContent();

    it('shows connecting, then the picture with a HUD, and reports stats', async () => {
      await call('mountComponent', 600, 800, true);
      await page.getByTestId('mirror-connecting').waitFor();
      await call('feed', 'tall', { paced: false });
      await page.getByTestId('mirror-connecting').waitFor({ state: 'detached' });
      // Every frame is accounted for: decoded or dropped (a burst may back the decoder up).
      await expect.poll(async () => Number(await text('hud-frames')) + Number(await text('hud-dropped'))).toBe(30);
      expect(await text('hud-size')).toBe('720×1600');
      expect(Number(await text('hud-frames'))).toBeGreaterThan(0);
      const stats = await call<{ width: number; height: number; codec: string }>('stats');
      expect(stats).toMatchObject({ width: 720, height: 1600 });
      expect(stats.codec).toMatch(/^avc1\./);
    });

    it('emits a PNG screenshot of the current picture', async () => {
      await page.getByTestId('mirror-screenshot').click();
      await expect.poll(() => call('snapshotSize').catch(() => null)).toEqual({ type: 'image/png', width: 720, height: 1600 });
    });

    it('sends the navigation buttons as control messages', async () => {
      await call('clearSent');
      for (const id of ['back', 'home', 'recents', 'power', 'volume-up', 'volume-down', 'rotate', 'notifications']) {
        await page.getByTestId(`nav-${id}`).click();
      }
      const press = (keycode: number): Sent[] => [0, 1].map((action) => ({ type: 'injectKeycode', action, keycode, repeat: 0, metaState: 0 }));
      expect(await call<Sent[]>('sent')).toEqual([
        ...press(4), ...press(3), ...press(187), ...press(26), ...press(24), ...press(25),
        { type: 'rotateDevice' }, { type: 'expandNotificationPanel' },
      ]);
    });

    it('shows the reason when the stream closes, and leaves no timer behind when unmounted', async () => {
      await call('closeStream', 'device unplugged');
      await expect.poll(() => text('mirror-disconnected')).toMatch(/Disconnected: device unplugged/);
      expect((await call<{ liveIntervals: number }>('leaks')).liveIntervals).toBe(1);
      await call('unmountComponent');
      expect((await call<{ liveIntervals: number }>('leaks')).liveIntervals).toBe(0);
    });
  });
});
