// A few worker threads that downscale screenshots for the HTML export. Decoding a 1080x2400
// JPEG costs ~12 ms of CPU and @napi-rs/canvas decodes on the calling thread (only the encode
// goes to libuv's pool), so on the main thread a 100-step export was ~1.7 s of mostly serial
// work that also blocked the event loop (in the app: Electron's main process). In workers
// the decodes run on every core and the main thread stays free. Measured on 2 cores: the
// images of a 100-step trace take ~0.8 s in 3 workers (start-up included), ~1.5-1.8 s on the
// main thread. Each worker costs ~60-150 ms to start and ~50 MB; they live for one export.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DownscaledImage, DownscaleOptions } from './image-downscale';

export interface ImageJob { id: number; bytes: Uint8Array; options: DownscaleOptions }
/** A job, or the request to finish (image-worker.ts closes its port and ends by itself). */
export type ImageWorkerMessage = ImageJob | { close: true };
export type ImageReply = { id: number; ok: true; image: DownscaledImage } | { id: number; ok: false; message: string };

/** The bytes are not an image (the single-thread path throws the same). */
export class ImageDecodeError extends Error {}
/** The pool itself failed (a worker could not start or died): the caller may retry in-thread. */
export class ImagePoolError extends Error {}

export const BUNDLED_IMAGE_WORKER_FILE = 'trace-image-worker.js';

/**
 * Where the worker entry is. From source (vitest, tsx: this module is a .ts file) it is the
 * sibling image-worker.ts. Bundled by electron-vite it is `trace-image-worker.js`, its own rollup
 * input in out/main/, while this module sits in an entry file or in out/main/chunks/.
 */
export function defaultImageWorkerUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts')) return new URL('./image-worker.ts', moduleUrl);
  const candidates = [new URL(`./${BUNDLED_IMAGE_WORKER_FILE}`, moduleUrl), new URL(`../${BUNDLED_IMAGE_WORKER_FILE}`, moduleUrl)];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // Node 20 applies neither the parent's --import loaders nor `execArgv: ['--import', ...]` to
  // a worker thread, so a .ts entry is loaded through tsx's CommonJS require hook, which
  // lives inside the thread (dev and tests only; the app runs the bundled .js entry).
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(entry))});`, { eval: true });
}

/**
 * Workers worth starting for `images` screenshots: none for a few (start-up costs ~60-150 ms,
 * about what 5 images cost in-thread), else one more than the cores, at most 4. The extra one
 * fills the gaps while a worker waits for its next job or the main thread, and holds its own
 * on a busy machine: 100 images on 2 cores took ~840 ms with 2 workers, ~770 ms with 3,
 * ~790 ms with 4 (medians of 3, load average ~3.5 from other work).
 */
export function defaultImageWorkers(images: number): number {
  return images < 8 ? 0 : Math.max(1, Math.min(4, availableParallelism() + 1, Math.ceil(images / 4)));
}

interface Slot { worker: Worker; inFlight: Map<number, Pending>; alive: boolean; exited: Promise<void> }
interface Pending { job: ImageJob; resolve(image: DownscaledImage): void; reject(error: Error): void }

const CLOSE_GRACE_MS = 2000;

/** Two jobs per worker in flight, so a worker never waits for the main thread between images. */
const PER_WORKER = 2;

export class ImagePool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size: number, entry: URL = defaultImageWorkerUrl()) {
    if (!(size >= 1)) throw new RangeError('an image pool needs at least one worker');
    const slots: Slot[] = [];
    try {
      for (let i = 0; i < size; i++) slots.push(this.spawn(entry));
    } catch (err) {
      // E.g. an entry that is not a file: URL, or no tsx to run the .ts entry from source.
      for (const slot of slots) void slot.worker.terminate();
      throw new ImagePoolError(`cannot start an image worker: ${(err as Error).message}`, { cause: err });
    }
    this.slots = slots;
  }

  /** Threads currently running (0 once `close` has resolved). */
  get threadIds(): number[] {
    return this.slots.filter((s) => s.alive).map((s) => s.worker.threadId);
  }

  run(bytes: Uint8Array, options: DownscaleOptions): Promise<DownscaledImage> {
    if (this.closed) return Promise.reject(new ImagePoolError('the image pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, bytes, options }, resolve, reject });
      this.pump();
    });
  }

  /**
   * Ends every worker and waits until each thread has exited; pending jobs fail. A worker is
   * asked to finish (so it ends without native leak warnings, see image-worker.ts) and terminated
   * if it has not within CLOSE_GRACE_MS or still has a job running.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.failQueued(new ImagePoolError('the image pool was closed'));
    await Promise.all(this.slots.map(async (slot) => {
      if (slot.alive && slot.inFlight.size === 0) {
        slot.worker.postMessage({ close: true } satisfies ImageWorkerMessage);
        const timer = setTimeout(() => void slot.worker.terminate(), CLOSE_GRACE_MS);
        await slot.exited;
        clearTimeout(timer);
      } else if (slot.alive) {
        await slot.worker.terminate();
      }
      await slot.exited;
    }));
  }

  private spawn(entry: URL): Slot {
    const worker = startWorker(entry);
    let exited!: () => void;
    const slot: Slot = { worker, inFlight: new Map(), alive: true, exited: new Promise((r) => { exited = r; }) };
    worker.on('message', (reply: ImageReply) => {
      const pending = slot.inFlight.get(reply.id);
      if (!pending) return;
      slot.inFlight.delete(reply.id);
      if (reply.ok) pending.resolve(reply.image);
      else pending.reject(new ImageDecodeError(reply.message));
      this.pump();
    });
    const fail = (why: string) => {
      if (!slot.alive) return;
      slot.alive = false;
      for (const pending of slot.inFlight.values()) pending.reject(new ImagePoolError(`an image worker ${why}`));
      slot.inFlight.clear();
      if (!this.slots.some((s) => s.alive)) this.failQueued(new ImagePoolError(`no image worker left (the last one ${why})`));
    };
    worker.on('error', (err) => fail(`failed: ${err.message}`));
    worker.on('exit', (code) => {
      fail(`exited with code ${code}`);
      exited();
    });
    return slot;
  }

  private pump(): void {
    if (!this.slots.some((s) => s.alive)) {
      this.failQueued(new ImagePoolError('no image worker is running'));
      return;
    }
    while (this.queue.length > 0) {
      const slot = this.slots.filter((s) => s.alive && s.inFlight.size < PER_WORKER).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.inFlight.set(pending.job.id, pending);
      slot.worker.postMessage(pending.job satisfies ImageWorkerMessage);
    }
  }

  private failQueued(error: Error): void {
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }
}
