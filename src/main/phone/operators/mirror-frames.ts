// A sink on the mirror's frame stream for the agent: keeps the frames since the last key frame
// (what a decoder needs to show the current picture) and when the last frame arrived (scrcpy
// sends frames only when the screen changes, so "no frame for a while" means "still").
import type { MirrorFrame, MirrorSession } from '../scrcpy/mirror-session';
import { AppError } from '../../../shared/errors';
import type { SettleConfig } from './settle-config';

/**
 * Decoding cost grows with the frames since the key frame (~10 per animated transition here), so
 * after a screen() with more than this many, a fresh key frame is asked for (it arrives while the
 * model thinks; the encoder restart costs the phone ~200 ms, not us).
 */
export const KEY_FRAME_AFTER_FRAMES = 12;
/**
 * A key frame we asked for restarts the encoder, which pauses the stream (~200 ms on the
 * simulated phone, similar with MediaCodec): until it arrives a quiet stream means nothing, so
 * settling waits for it, up to this long (a server that ignores the request must not stall us).
 */
export const KEY_FRAME_WAIT_MS = 1_000;
/** Memory bound: drop the run (and ask for a key frame) beyond this. */
const MAX_GOP_BYTES = 48 * 1024 * 1024;

export class MirrorFrames {
  private gop: Uint8Array[] = [];
  private gopBytes = 0;
  private seqValue = 0;
  private lastFrameAt = 0;
  /** When we asked for a key frame that has not come yet. */
  private keyFrameAskedAt: number | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly onFrame = (f: MirrorFrame) => this.push(f);
  private disposed = false;

  constructor(private readonly session: MirrorSession) {
    session.on('frame', this.onFrame);
  }

  /** Increments with every frame: equal values mean the picture cannot have changed. */
  get seq(): number { return this.seqValue; }
  get frameCount(): number { return this.gop.length; }

  /** The frames to decode for the current picture; asks for a key frame first if there is none. */
  async current(timeoutMs: number, signal?: AbortSignal): Promise<{ frames: Uint8Array[]; seq: number }> {
    if (this.gop.length === 0) {
      this.askKeyFrame();
      await this.until(() => this.gop.length > 0, timeoutMs, signal, 'The mirror sent no key frame.');
    }
    return { frames: this.gop.slice(), seq: this.seqValue };
  }

  /** Asks the encoder for a key frame when the run got long (call while nothing else waits). */
  trimSoon(): void {
    if (this.gop.length > KEY_FRAME_AFTER_FRAMES) this.askKeyFrame();
  }

  private askKeyFrame(): void {
    if (this.session.requestKeyFrame()) this.keyFrameAskedAt = performance.now();
  }

  /**
   * Resolves when no frame arrived for `quietMs` (or `firstChangeMs` while none arrived since
   * the call), not before `minMs`, at the latest after min(maxMs, timeoutMs).
   */
  async waitForStill(cfg: SettleConfig, timeoutMs: number, signal?: AbortSignal, onLull?: (seq: number) => void): Promise<number> {
    const started = performance.now();
    const startSeq = this.seqValue;
    const limit = started + Math.min(cfg.maxMs, timeoutMs);
    let lullSeq = -1;
    for (;;) {
      if (signal?.aborted || this.disposed) break;
      const changed = this.seqValue !== startSeq;
      const keyFrameDue = this.keyFrameAskedAt === undefined ? 0 : this.keyFrameAskedAt + KEY_FRAME_WAIT_MS;
      const stillAt = Math.max(changed ? this.lastFrameAt + cfg.quietMs : started + cfg.firstChangeMs, started + cfg.minMs, keyFrameDue);
      const now = performance.now();
      if (now >= stillAt || now >= limit) break;
      // Part of the quiet window passed: the last frame is probably the final picture, so the
      // caller may start decoding it now (wasted only if another frame comes).
      const lullAt = changed ? this.lastFrameAt + cfg.lullMs : Infinity;
      if (onLull && now >= lullAt && lullSeq !== this.seqValue) {
        lullSeq = this.seqValue;
        onLull(lullSeq);
      }
      const wakeAt = onLull && lullSeq !== this.seqValue && lullAt > now ? Math.min(lullAt, stillAt) : stillAt;
      await this.nextFrameOr(Math.min(wakeAt, limit) - now, signal);
    }
    return performance.now() - started;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.off('frame', this.onFrame);
    this.gop = [];
    for (const w of [...this.waiters]) w();
  }

  private push(f: MirrorFrame): void {
    this.seqValue++;
    this.lastFrameAt = performance.now();
    if (f.keyFrame) {
      this.keyFrameAskedAt = undefined;
      const config = f.withConfig ? undefined : this.session.lastConfig;
      this.gop = [config ? concat(config, f.data) : f.data];
      this.gopBytes = this.gop[0].length;
    } else if (this.gop.length > 0) {
      this.gop.push(f.data);
      this.gopBytes += f.data.length;
      if (this.gopBytes > MAX_GOP_BYTES) {
        this.gop = [];
        this.gopBytes = 0;
        this.askKeyFrame();
      }
    }
    for (const w of [...this.waiters]) w();
  }

  private nextFrameOr(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private async until(test: () => boolean, timeoutMs: number, signal: AbortSignal | undefined, message: string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!test()) {
      if (signal?.aborted) throw signal.reason;
      if (this.disposed) throw new AppError('cancelled', 'The mirror frame source was closed.');
      const left = deadline - performance.now();
      if (left <= 0) throw new AppError('timeout', message, { retryable: true });
      await this.nextFrameOr(left, signal);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
