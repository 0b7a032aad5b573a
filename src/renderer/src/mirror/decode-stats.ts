// Decoder bookkeeping that needs no WebCodecs: the key-frame gate, the backlog drop policy and
// the rolling figures shown in the HUD. Pure, so Node tests pin the policy down exactly.

export type Admission =
  /** Hand the chunk to the decoder. */
  | 'decode'
  /** Not decodable yet: the decoder needs a key frame first (after (re)configure or a drop). */
  | 'await-key'
  /** The decoder is behind: drop this delta frame and everything up to the next key frame. */
  | 'drop';

export interface BacklogPolicy {
  /** Decode queue size from which the decoder counts as behind. */
  maxQueue: number;
  /**
   * How long the decoder may stay behind before delta frames are dropped. A software decoder
   * stalls for 100-200 ms now and then (GC, a busy core) and then catches up within a few
   * frames: dropping at the first full queue lost up to a key-frame interval of frames for a
   * hiccup that cost no lasting latency. Only a backlog that lasts means the decoder is too slow
   * for the stream, and then showing the newest picture beats showing every frame late.
   */
  behindForMs: number;
  /** Queue size at which frames are dropped at once, whatever the time (bounds memory and lag). */
  hardQueue: number;
}

export const DEFAULT_BACKLOG: BacklogPolicy = { maxQueue: 4, behindForMs: 400, hardQueue: 45 };

export class DecodeGate {
  private awaitingKey = true;
  private keyFrameRequested = false;
  /** When the queue first reached maxQueue in the current backlog, or null when not behind. */
  private behindSince: number | null = null;
  framesDropped = 0;
  private readonly policy: BacklogPolicy;

  constructor(policy: Partial<BacklogPolicy> = {}) {
    this.policy = { ...DEFAULT_BACKLOG, ...policy };
  }

  /** After configure: the decoder refuses delta frames until a key frame. */
  reset(): void {
    this.awaitingKey = true;
    this.keyFrameRequested = false;
    this.behindSince = null;
  }

  /**
   * Decides for one incoming frame at time `nowMs`. `requestKeyFrame` is true once per gap that
   * only a fresh key frame can close (scrcpy RESET_VIDEO), so a stalled stream recovers without
   * waiting for the encoder's next periodic key frame.
   */
  admit(keyFrame: boolean, queueSize: number, nowMs: number): { admission: Admission; requestKeyFrame: boolean } {
    if (queueSize < this.policy.maxQueue) this.behindSince = null;
    else this.behindSince ??= nowMs;
    if (keyFrame) {
      // A key frame is always decoded: it is what ends any gap. A backlog clock started while
      // waiting for it would count that wait against the frames that follow: start afresh.
      if (this.awaitingKey) this.behindSince = queueSize < this.policy.maxQueue ? null : nowMs;
      this.awaitingKey = false;
      this.keyFrameRequested = false;
      return { admission: 'decode', requestKeyFrame: false };
    }
    if (this.awaitingKey) {
      this.framesDropped++;
      return { admission: 'await-key', requestKeyFrame: this.requestOnce() };
    }
    const lasting = this.behindSince !== null && nowMs - this.behindSince >= this.policy.behindForMs;
    if (lasting || queueSize >= this.policy.hardQueue) {
      // Dropping one delta frame breaks every later reference until the next key frame.
      this.awaitingKey = true;
      this.behindSince = null;
      this.framesDropped++;
      return { admission: 'drop', requestKeyFrame: this.requestOnce() };
    }
    return { admission: 'decode', requestKeyFrame: false };
  }

  private requestOnce(): boolean {
    if (this.keyFrameRequested) return false;
    this.keyFrameRequested = true;
    return true;
  }
}

/** Frames per second over the last `windowMs` of output timestamps. */
export class FpsMeter {
  private readonly times: number[] = [];

  constructor(private readonly windowMs = 1000) {}

  tick(now: number): void {
    this.times.push(now);
    this.trim(now);
  }

  fps(now: number): number {
    this.trim(now);
    return (this.times.length * 1000) / this.windowMs;
  }

  private trim(now: number): void {
    while (this.times.length > 0 && this.times[0] <= now - this.windowMs) this.times.shift();
  }
}

/** Mean of the last `size` samples (decode time per frame). */
export class RollingMean {
  private readonly samples: number[] = [];

  constructor(private readonly size = 30) {}

  add(value: number): void {
    this.samples.push(value);
    if (this.samples.length > this.size) this.samples.shift();
  }

  get value(): number {
    if (this.samples.length === 0) return 0;
    return this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
  }
}
