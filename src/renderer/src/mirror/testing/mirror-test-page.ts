// A standalone page around the mirror pipeline for the Chromium tests (and latency benches):
// it is bundled on its own, never imported by the app. It drives the real MirrorView and the
// real MirrorCanvas/NavBar components and exposes a small JSON-friendly API on globalThis.

import { createApp, h, type App } from 'vue';
import { ListenerStream } from '../../api/port-stream';
import MirrorCanvas from '../../components/mirror/MirrorCanvas.vue';
import NavBar from '../../components/mirror/NavBar.vue';
import type { ControlMessage } from '#wire';
import { fitRect } from '../geometry';
import { MirrorView, type MirrorStats, type MirrorStatus } from '../mirror-view';
import type { BacklogPolicy } from '../decode-stats';

/** ControlMessage with bigints as strings, so it survives page.evaluate. */
type SentMessage = Record<string, unknown>;

const sent: SentMessage[] = [];
const statuses: MirrorStatus[] = [];
const clips = new Map<string, ArrayBuffer[]>();
let stream: ListenerStream | null = null;
let view: MirrorView | null = null;
let app: App | null = null;
let lastStats: MirrorStats | null = null;
let screenshot: Blob | null = null;
let delivered = 0;

// Leak accounting: every VideoFrame must be closed and no interval may outlive its component.
let framesClosed = 0;
const originalClose = VideoFrame.prototype.close;
VideoFrame.prototype.close = function close(this: VideoFrame): void {
  framesClosed++;
  originalClose.call(this);
};
const liveIntervals = new Set<number>();
const originalSetInterval = window.setInterval.bind(window);
const originalClearInterval = window.clearInterval.bind(window);
window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]): number => {
  const id = originalSetInterval(handler, timeout, ...args);
  liveIntervals.add(id);
  return id;
}) as typeof window.setInterval;
window.clearInterval = (id?: number): void => {
  if (id !== undefined) liveIntervals.delete(id);
  originalClearInterval(id);
};

function record(message: ControlMessage): void {
  sent.push(Object.fromEntries(Object.entries(message).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])));
}

function host(width: number, height: number): HTMLElement {
  document.body.replaceChildren();
  document.body.style.margin = '0';
  const box = document.createElement('div');
  box.id = 'host';
  Object.assign(box.style, { position: 'absolute', left: '0', top: '0', width: `${width}px`, height: `${height}px` });
  document.body.append(box);
  return box;
}

function requireView(): MirrorView {
  if (!view) throw new Error('no view: call createView first');
  return view;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const api = {
  /** Fetches a clip: the test server serves messages as repeated (u32 length, message). */
  async load(name: string): Promise<number> {
    const bytes = new Uint8Array(await (await fetch(`/clips/${name}`)).arrayBuffer());
    const dv = new DataView(bytes.buffer);
    const messages: ArrayBuffer[] = [];
    for (let off = 0; off < bytes.length;) {
      const len = dv.getUint32(off);
      messages.push(bytes.slice(off + 4, off + 4 + len).buffer);
      off += 4 + len;
    }
    clips.set(name, messages);
    return messages.length;
  },

  /** The framework-free view in a host box of the given CSS size. */
  createView(width: number, height: number, decodeBacklog?: Partial<BacklogPolicy>): void {
    api.dispose();
    const box = host(width, height);
    const canvas = document.createElement('canvas');
    Object.assign(canvas.style, { display: 'block', width: '100%', height: '100%' });
    canvas.dataset.testid = 'mirror-video';
    const sink = document.createElement('textarea');
    sink.dataset.testid = 'mirror-keyboard';
    box.append(canvas, sink);
    stream = new ListenerStream(() => undefined);
    view = new MirrorView({ canvas, textSink: sink, sendControl: record, onStatus: (s) => statuses.push(s), decodeBacklog });
    view.attach(stream);
  },

  /** The MirrorCanvas component (and a NavBar) on a fresh stream. */
  mountComponent(width: number, height: number, showHud: boolean): void {
    api.dispose();
    const box = host(width, height);
    stream = new ListenerStream(() => undefined);
    const s = stream;
    app = createApp({
      render: () => h('div', { style: 'width:100%;height:100%' }, [
        h(MirrorCanvas, {
          stream: s, sendControl: record, showHud,
          onStats: (stats: MirrorStats) => { lastStats = stats; },
          onStatus: (status: MirrorStatus) => statuses.push(status),
          onScreenshot: (blob: Blob) => { screenshot = blob; },
        }),
        h(NavBar, { onControl: record }),
      ]),
    });
    app.mount(box);
  },

  /**
   * Delivers messages [from, to) of a clip. Paced: each frame is decoded before the next is
   * sent (the steady state of a live stream); unpaced: all at once (a stalled decoder).
   */
  async feed(name: string, options: { from?: number; to?: number; paced: boolean }): Promise<void> {
    const messages = clips.get(name);
    if (!messages || !stream) throw new Error(`clip ${name} not loaded or no stream`);
    for (const message of messages.slice(options.from ?? 0, options.to ?? messages.length)) {
      // A transferred buffer is detached after delivery in the app: hand over a copy.
      const isFrame = new Uint8Array(message)[0] === 2;
      stream.deliver(message.slice(0));
      if (isFrame) delivered++;
      if (options.paced && isFrame && view) {
        while (view.stats.framesDecoded + view.stats.framesDropped < delivered) await nextTask();
      }
    }
  },

  /** Resolves once every decoded frame was drawn or skipped (nothing left in flight). */
  async settle(): Promise<MirrorStats> {
    const v = requireView();
    for (;;) {
      const s = v.stats;
      if (s.framesDecoded + s.framesDropped >= delivered && s.framesDrawn + s.framesSkipped >= s.framesDecoded) return s;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  },

  deliverRaw(bytes: number[]): void {
    stream!.deliver(new Uint8Array(bytes).buffer);
  },

  closeStream(reason: string): void {
    stream!.finish(reason);
  },

  stats(): MirrorStats | null {
    return view ? view.stats : lastStats;
  },

  statuses(): MirrorStatus[] {
    return statuses.slice();
  },

  sent(): SentMessage[] {
    return sent.slice();
  },

  clearSent(): void {
    sent.length = 0;
  },

  /** The canvas: CSS box and backing store (HiDPI check). */
  canvasInfo(): { left: number; top: number; cssWidth: number; cssHeight: number; width: number; height: number; dpr: number } {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="mirror-video"]')!;
    const box = canvas.getBoundingClientRect();
    return { left: box.left, top: box.top, cssWidth: box.width, cssHeight: box.height, width: canvas.width, height: canvas.height, dpr: devicePixelRatio };
  },

  /** RGB of the canvas at video pixel positions (through the same letterbox the renderer draws). */
  pixelsAtVideo(points: Array<[number, number]>, video: [number, number]): Array<[number, number, number]> {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="mirror-video"]')!;
    const ctx = canvas.getContext('2d')!;
    const rect = fitRect({ width: canvas.width, height: canvas.height }, { width: video[0], height: video[1] });
    return points.map(([x, y]) => {
      const cx = Math.floor(rect.x + ((x + 0.5) * rect.width) / video[0]);
      const cy = Math.floor(rect.y + ((y + 0.5) * rect.height) / video[1]);
      const d = ctx.getImageData(cx, cy, 1, 1).data;
      return [d[0], d[1], d[2]];
    });
  },

  async snapshotSize(): Promise<{ type: string; width: number; height: number }> {
    const blob = view ? await view.snapshot() : screenshot;
    if (!blob) throw new Error('no screenshot');
    const bitmap = await createImageBitmap(blob);
    const out = { type: blob.type, width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return out;
  },

  leaks(): { framesClosed: number; liveIntervals: number } {
    return { framesClosed, liveIntervals: liveIntervals.size };
  },

  unmountComponent(): void {
    app?.unmount();
    app = null;
  },

  /** Disposes only the view, keeping the logs (to see what dispose itself sent). */
  disposeView(): void {
    view?.dispose();
    view = null;
  },

  dispose(): void {
    view?.dispose();
    app?.unmount();
    view = null;
    app = null;
    stream = null;
    delivered = 0;
    sent.length = 0;
    statuses.length = 0;
    lastStats = null;
    screenshot = null;
  },
};

export type MirrorTestApi = typeof api;
(globalThis as unknown as { mirrorTest: MirrorTestApi }).mirrorTest = api;
