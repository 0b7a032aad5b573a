// Decoder bookkeeping that needs no WebCodecs: the key-frame gate, the backlog drop policy and
// the rolling figures shown in the HUD. Pure, so Node tests pin the policy down exactly.

export type Admission =
  /** Hand the chunk to the decoder. */
  | 'decode'
  /** Not decodable yet: the decoder needs a key frame first (after (re)configure or a drop). */
  | 'await-key'
  /** The decoder is behind: drop this delta frame and everything up to the next key frame. */
  | 'drop';

export class DecodeGate {
  private awaitingKey = true;
  private keyFrameRequested = false;
  framesDropped = 0;

  /** @param maxQueue decode queue size at which delta frames are dropped (latency over completeness). */
  constructor(private readonly maxQueue: number) {}

  /** After configure: the decoder refuses delta frames until a key frame. */
  reset(): void {
    this.awaitingKey = true;
    this.keyFrameRequested = false;
  }

  /**
   * Decides for one incoming frame. `requestKeyFrame` is true once per gap that only a fresh key
   * frame can close (scrcpy RESET_VIDEO), so a stalled stream recovers without waiting for the
   * encoder's next periodic key frame.
   */
  admit(keyFrame: boolean, queueSize: number): { admission: Admission; requestKeyFrame: boolean } {
    if (keyFrame) {
      // A key frame is always decoded: it is what ends any gap.
      this.awaitingKey = false;
      this.keyFrameRequested = false;
      return { admission: 'decode', requestKeyFrame: false };
    }
    if (this.awaitingKey) {
      this.framesDropped++;
      return { admission: 'await-key', requestKeyFrame: this.requestOnce() };
    }
    if (queueSize >= this.maxQueue) {
      // Dropping one delta frame breaks every later reference until the next key frame.
      this.awaitingKey = true;
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
