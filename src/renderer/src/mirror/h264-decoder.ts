// WebCodecs H.264 decoder for the mirror stream. Annex-B in, VideoFrames out (the caller owns
// and must close each frame). Reconfigures in place on a new `config` message, waits for a key
// frame after each (re)configure, and drops delta frames when the decoder stays behind.

import type { MirrorConfig, MirrorFrame } from '../../../shared/mirror/mirror-stream';
import { DecodeGate, FpsMeter, RollingMean, type BacklogPolicy } from './decode-stats';

export interface DecodedFrameInfo {
  ptsUs: number;
  /** Main's monotonic clock when it received the packet (see MirrorFrame). */
  receivedAtMs: number;
  /** performance.now() when the decoder returned the frame. */
  decodedAtMs: number;
}

export interface DecoderStats {
  framesDecoded: number;
  /** Frames never decoded: waiting for a key frame or dropped because the decoder was behind. */
  framesDropped: number;
  fps: number;
  /** Mean time from decode() to output over the last frames, ms. */
  decodeMs: number;
  queueSize: number;
  codec: string | null;
}

/** A decoder failure the UI shows as is (unsupported codec, corrupt stream). */
export class MirrorDecodeError extends Error {
  constructor(message: string, readonly codec: string | null) {
    super(message);
    this.name = 'MirrorDecodeError';
  }
}

export interface H264DecoderOptions {
  onFrame(frame: VideoFrame, info: DecodedFrameInfo): void;
  onError(error: MirrorDecodeError): void;
  /** Ask the device for a fresh key frame (scrcpy RESET_VIDEO) after frames had to be dropped. */
  onKeyFrameNeeded?(): void;
  /** When delta frames are dropped because the decoder is behind (see BacklogPolicy). */
  backlog?: Partial<BacklogPolicy>;
}

interface Pending {
  ptsUs: number;
  receivedAtMs: number;
  startedAt: number;
}

export class H264Decoder {
  private decoder: VideoDecoder | null = null;
  private codec: string | null = null;
  private decoderConfig: VideoDecoderConfig | null = null;
  /** Bumped on every configure, so a late error report about an old config is ignored. */
  private generation = 0;
  private readonly gate: DecodeGate;
  private readonly fps = new FpsMeter();
  private readonly decodeTime = new RollingMean();
  // Chunks carry a sequence number as timestamp: device PTS can repeat across encoder restarts.
  private readonly pending = new Map<number, Pending>();
  private sequence = 0;
  private framesDecoded = 0;
  private failed = false;
  private disposed = false;

  constructor(private readonly options: H264DecoderOptions) {
    this.gate = new DecodeGate(options.backlog);
  }

  configure(config: MirrorConfig): void {
    if (this.disposed) return;
    // A closed decoder (after an error) cannot be reconfigured: make a new one.
    if (!this.decoder || this.decoder.state === 'closed') this.decoder = this.createDecoder();
    this.codec = config.codec;
    this.failed = false;
    this.generation++;
    this.gate.reset();
    this.pending.clear();
    this.decoderConfig = {
      codec: config.codec,
      codedWidth: config.codedWidth,
      codedHeight: config.codedHeight,
      optimizeForLatency: true,
      // No `description`: the chunks are Annex-B with SPS/PPS in band.
    };
    try {
      // Synchronous (no awaiting isConfigSupported first): frames that follow stay in order.
      this.decoder.configure(this.decoderConfig);
    } catch (error) {
      this.fail(`Cannot configure the video decoder for ${config.codec}: ${(error as Error).message}`);
    }
  }

  decode(frame: MirrorFrame): void {
    if (this.disposed || this.failed || !this.decoder || this.decoder.state !== 'configured') return;
    const { admission, requestKeyFrame } = this.gate.admit(frame.keyFrame, this.decoder.decodeQueueSize, performance.now());
    if (requestKeyFrame) this.options.onKeyFrameNeeded?.();
    if (admission !== 'decode') return;
    const timestamp = this.sequence++;
    this.pending.set(timestamp, { ptsUs: frame.ptsUs, receivedAtMs: frame.receivedAtMs, startedAt: performance.now() });
    try {
      this.decoder.decode(new EncodedVideoChunk({ type: frame.keyFrame ? 'key' : 'delta', timestamp, data: frame.data }));
    } catch (error) {
      this.pending.delete(timestamp);
      this.fail(`Video decoding failed: ${(error as Error).message}`);
    }
  }

  get stats(): DecoderStats {
    const now = performance.now();
    return {
      framesDecoded: this.framesDecoded,
      framesDropped: this.gate.framesDropped,
      fps: this.fps.fps(now),
      decodeMs: this.decodeTime.value,
      queueSize: this.decoder && this.decoder.state !== 'closed' ? this.decoder.decodeQueueSize : 0,
      codec: this.codec,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.pending.clear();
  }

  private createDecoder(): VideoDecoder {
    return new VideoDecoder({
      output: (frame) => this.onOutput(frame),
      error: (error) => this.onDecoderError(error),
    });
  }

  private onOutput(frame: VideoFrame): void {
    if (this.disposed) {
      frame.close();
      return;
    }
    const now = performance.now();
    const pending = this.pending.get(frame.timestamp);
    this.pending.delete(frame.timestamp);
    this.framesDecoded++;
    this.fps.tick(now);
    if (pending) this.decodeTime.add(now - pending.startedAt);
    this.options.onFrame(frame, { ptsUs: pending?.ptsUs ?? 0, receivedAtMs: pending?.receivedAtMs ?? 0, decodedAtMs: now });
  }

  private onDecoderError(error: DOMException): void {
    if (this.disposed) return;
    this.failed = true;
    this.pending.clear();
    // Chromium reports an unsupported config as a generic OperationError: ask the decoder
    // which it was, so the user reads "codec not supported" rather than an internal message.
    const generation = this.generation;
    const config = this.decoderConfig;
    const check = error.name === 'NotSupportedError' || !config
      ? Promise.resolve(error.name !== 'NotSupportedError')
      : VideoDecoder.isConfigSupported(config).then((r) => r.supported === true, () => true);
    void check.then((supported) => {
      if (this.disposed || generation !== this.generation) return;
      this.fail(supported
        ? `Video decoding failed (${error.name}): ${error.message}`
        : `This computer cannot decode the phone's video: codec ${this.codec ?? '?'} is not supported here`);
    });
  }

  private fail(message: string): void {
    this.failed = true;
    this.pending.clear();
    this.options.onError(new MirrorDecodeError(message, this.codec));
  }
}
