// The video socket's producer: renders the simulated screen when it changes (and now and then
// when it does not, so a late client still gets a picture), encodes it with ffmpeg and writes
// scrcpy-framed packets. Mirrors the server's SurfaceEncoder + Streamer.
import { splitParameterSets, CodecId, encodeCodecMeta, encodeMediaHeader, encodeSessionPacket, type ScrcpyFraming, type ScrcpyServerOptions } from '#wire';
import { captureGeometry, type CaptureGeometry } from './capture-geometry';
import type { AdbStream } from '../adb/adb-stream';
import type { SimulatedAndroid } from '../android/types';
import type { EventLog } from '../event-log';
import { H264Encoder, type EncodedPacket } from './h264-encoder';
import { replayClip, type ReplayClip } from './replay-clip';

export interface VideoStreamerOptions {
  android: SimulatedAndroid;
  socket: AdbStream;
  framing: ScrcpyFraming;
  /** The server options that shape the video: max_size, crop, capture_orientation, alignment. */
  geometry: Pick<ScrcpyServerOptions, 'crop' | 'captureOrientation' | 'maxSize' | 'framing' | 'minSizeAlignment' | 'ignoreVideoEncoderConstraints'>;
  maxFps: number;
  bitRate: number;
  sendCodecMeta: boolean;
  sendFrameMeta: boolean;
  log: EventLog;
  ffmpegPath?: string;
  /** The simulated display's refresh rate: the frame rate when the client sets no max_fps. Default 30, at most 60. */
  refreshRate?: number;
  /**
   * 'screen' (default): render and encode the simulated screen when it changes. 'replay'
   * (benchmarks): loop a pre-encoded clip of moving content at the frame rate cap.
   */
  source?: SimulatedVideoSource;
  /** Seconds between key frames while the screen changes (default 10). */
  iFrameIntervalS?: number;
  /** Called when the encoder fails for good (the server would exit). */
  onFatal(error: Error): void;
}

export type SimulatedVideoSource = 'screen' | 'replay';

/** Refresh rate of the simulated display unless configured: the simulated screen rarely needs more. */
export const DEFAULT_REFRESH_RATE = 30;
/** Highest frame rate the simulated server produces (refresh rate or max_fps). */
export const MAX_FPS = 60;
/**
 * A still screen is re-sent every 500 ms, without end. A phone's encoder repeats the last frame
 * after 100 ms at most 10 times (KEY_REPEAT_PREVIOUS_FRAME_AFTER, kRepeatLastFrameCount) and then
 * sends nothing; that timing waits for the agent's settle logic to stop relying on these
 * repeats (issue 12) before it replaces this one.
 */
export const REPEAT_AFTER_MS = 500;
export const REPEAT_LAST_FRAME_COUNT = Number.POSITIVE_INFINITY;
/** Skip captures while this many writes are unacknowledged: a slow client must not grow memory. */
const MAX_PENDING_WRITES = 8;

export class VideoStreamer {
  private encoder: H264Encoder | null = null;
  private source = { width: 0, height: 0 };
  private video = { width: 0, height: 0 };
  private readonly captureTimes = new Map<number, number>();
  private startedAt = 0;
  private lastCaptureAt = 0;
  private captureTimer: NodeJS.Timeout | null = null;
  private repeatTimer: NodeJS.Timeout | null = null;
  private repeatsLeft = 0;
  private layout: CaptureGeometry | null = null;
  /** Frames that were repeats of the last picture (for inspection and tests). */
  framesRepeated = 0;
  private pendingWrites = 0;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private restarts = 0;
  framesSent = 0;

  constructor(private readonly o: VideoStreamerOptions) {}

  get videoSize(): { width: number; height: number } {
    return { ...this.video };
  }

  /** How the current video maps to the screen (touches land where the client saw them). */
  get geometry(): CaptureGeometry {
    return this.layout ?? captureGeometry(this.o.android.size, this.o.geometry);
  }

  get ffmpegPid(): number | undefined {
    return this.encoder?.pid;
  }

  /** Frames skipped because the client did not keep up (replay source only). */
  framesSkipped = 0;
  private replay: { clip: ReplayClip; next: number; due: number; timer: NodeJS.Timeout | null; needConfig: boolean } | null = null;

  /** Frames per second: max_fps when the client sets it, the display's refresh rate otherwise; at most 60. */
  get fps(): number {
    return Math.min(MAX_FPS, this.o.maxFps > 0 ? this.o.maxFps : Math.max(1, this.o.refreshRate ?? DEFAULT_REFRESH_RATE));
  }

  private get minIntervalMs(): number {
    return 1000 / this.fps;
  }

  start(): void {
    const { width, height } = this.o.android.size;
    this.source = { width, height };
    this.layout = captureGeometry(this.source, this.o.geometry);
    this.video = this.layout.video;
    this.startedAt = performance.now();
    if (this.o.sendCodecMeta) this.write(encodeCodecMeta(this.o.framing, CodecId.H264, this.video.width, this.video.height));
    if (this.o.source === 'replay') {
      this.startReplay();
      return;
    }
    this.startEncoder();
    this.unsubscribe = this.o.android.on('frame', () => this.scheduleCapture());
    this.capture();
  }

  /** RESET_VIDEO: a fresh encoder, so the next packets are a config and a key frame. */
  reset(): void {
    if (this.stopped) return;
    if (this.o.source === 'replay') {
      if (this.replay) Object.assign(this.replay, { next: 0, needConfig: true });
      return;
    }
    void this.restartEncoder();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.captureTimer) clearTimeout(this.captureTimer);
    if (this.repeatTimer) clearTimeout(this.repeatTimer);
    if (this.replay?.timer) clearTimeout(this.replay.timer);
    const enc = this.encoder;
    this.encoder = null;
    await enc?.stop();
  }

  private startReplay(): void {
    const { width, height } = this.video;
    replayClip(width, height, this.fps, this.o.bitRate, this.o.ffmpegPath).then((clip) => {
      if (this.stopped) return;
      if (this.o.framing === '4' && this.o.sendFrameMeta) this.write(encodeSessionPacket(width, height, false));
      this.replay = { clip, next: 0, due: performance.now(), timer: null, needConfig: true };
      this.replayTick();
    }, (error: Error) => { if (!this.stopped) this.o.onFatal(error); });
  }

  /** Sends the clip's next frame and schedules the one after on a drift-free 1/fps grid. */
  private replayTick(): void {
    const r = this.replay;
    if (!r || this.stopped) return;
    r.timer = null;
    const now = performance.now();
    if (this.pendingWrites > MAX_PENDING_WRITES && !r.needConfig) {
      this.framesSkipped++;
    } else {
      if (r.needConfig) this.writePacket(true, false, 0, r.clip.config);
      r.needConfig = false;
      this.writePacket(false, r.next === 0, Math.round((now - this.startedAt) * 1000), r.clip.frames[r.next]);
      this.framesSent++;
      r.next = (r.next + 1) % r.clip.frames.length;
    }
    r.due += this.minIntervalMs;
    // Fell far behind (a stalled event loop): restart the grid rather than send a burst.
    if (r.due < now - this.minIntervalMs) r.due = now + this.minIntervalMs;
    r.timer = setTimeout(() => this.replayTick(), Math.max(0, r.due - performance.now()));
  }

  private startEncoder(): void {
    if (this.o.framing === '4' && this.o.sendFrameMeta) this.write(encodeSessionPacket(this.video.width, this.video.height, false));
    const enc = new H264Encoder({
      sourceWidth: this.source.width,
      sourceHeight: this.source.height,
      videoWidth: this.video.width,
      videoHeight: this.video.height,
      filter: this.layout?.filter,
      iFrameIntervalS: this.o.iFrameIntervalS,
      fps: this.fps,
      bitRate: this.o.bitRate,
      ffmpegPath: this.o.ffmpegPath,
    });
    this.captureTimes.clear();
    enc.on('packet', (p) => { if (this.encoder === enc) this.onPacket(p); });
    enc.on('error', (e) => { if (this.encoder === enc && !this.stopped) this.o.onFatal(e); });
    enc.start();
    this.encoder = enc;
  }

  private async restartEncoder(): Promise<void> {
    const old = this.encoder;
    this.encoder = null;
    this.restarts++;
    await old?.stop();
    if (this.stopped) return;
    const { width, height } = this.o.android.size;
    this.source = { width, height };
    this.layout = captureGeometry(this.source, this.o.geometry);
    this.video = this.layout.video;
    this.o.log.add('scrcpy', `encoder restart ${this.video.width}x${this.video.height}`, { restarts: this.restarts });
    this.startEncoder();
    this.capture();
  }

  private scheduleCapture(): void {
    if (this.stopped || this.captureTimer) return;
    const wait = Math.max(0, this.lastCaptureAt + this.minIntervalMs - performance.now());
    this.captureTimer = setTimeout(() => {
      this.captureTimer = null;
      this.capture();
    }, wait);
  }

  /** A new picture: the repeat budget starts again. */
  private capture(repeat = false): void {
    if (this.stopped) return;
    if (!repeat) this.repeatsLeft = REPEAT_LAST_FRAME_COUNT;
    const enc = this.encoder;
    if (!enc) return; // restarting: the restart captures when ready
    const { width, height } = this.o.android.size;
    if (width !== this.source.width || height !== this.source.height) {
      void this.restartEncoder();
      return;
    }
    if (enc.backlog > 2 || this.pendingWrites > MAX_PENDING_WRITES) {
      // Busy: try again shortly instead of queueing stale pictures.
      if (!this.captureTimer) this.captureTimer = setTimeout(() => { this.captureTimer = null; this.capture(repeat); }, 50);
      return;
    }
    const image = this.o.android.render();
    this.lastCaptureAt = performance.now();
    const index = enc.writeFrame(image.data);
    if (index >= 0) this.captureTimes.set(index, this.lastCaptureAt);
    if (repeat) this.framesRepeated++;
    this.armRepeat();
  }

  /** After REPEAT_AFTER_MS without a new picture, the encoder sends the last one again. */
  private armRepeat(): void {
    if (this.repeatTimer) clearTimeout(this.repeatTimer);
    this.repeatTimer = null;
    if (this.repeatsLeft <= 0 || this.stopped) return;
    this.repeatTimer = setTimeout(() => {
      this.repeatTimer = null;
      if (this.captureTimer || this.repeatsLeft <= 0) return;
      this.repeatsLeft--;
      this.capture(true);
    }, REPEAT_AFTER_MS);
  }

  private onPacket(p: EncodedPacket): void {
    if (this.stopped) return;
    if (p.config) {
      this.writePacket(true, false, 0, p.data);
      return;
    }
    const capturedAt = this.captureTimes.get(p.frameIndex) ?? performance.now();
    this.captureTimes.delete(p.frameIndex);
    const ptsUs = Math.round((capturedAt - this.startedAt) * 1000);
    // x264 repeats SPS/PPS inside key frames; MediaCodec (and so scrcpy) sends them apart.
    const { config, frame } = splitParameterSets(p.data);
    if (config) this.writePacket(true, false, 0, config);
    this.writePacket(false, p.keyFrame, ptsUs, frame);
    this.framesSent++;
  }

  private writePacket(config: boolean, keyFrame: boolean, ptsUs: number, data: Uint8Array): void {
    if (this.o.sendFrameMeta) {
      this.write(Buffer.concat([encodeMediaHeader(this.o.framing, { config, keyFrame, ptsUs, size: data.length }), data]));
    } else {
      this.write(data);
    }
  }

  private write(bytes: Uint8Array): void {
    this.pendingWrites++;
    void this.o.socket.write(bytes).then(() => { this.pendingWrites--; });
  }
}
