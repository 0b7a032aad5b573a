// The video socket's producer: renders the simulated screen when it changes (and now and then
// when it does not, so a late client still gets a picture), encodes it with ffmpeg and writes
// scrcpy-framed packets. Mirrors the server's SurfaceEncoder + Streamer.
import { splitParameterSets } from '../../../../shared/scrcpy/h264';
import {
  CodecId, encodeCodecMeta, encodeMediaHeader, encodeSessionPacket, type ScrcpyFraming,
} from '../../../../shared/scrcpy/video-framing';
import type { AdbStream } from '../adb/adb-stream';
import type { SimulatedAndroid } from '../android/types';
import type { EventLog } from '../event-log';
import { H264Encoder, type EncodedPacket } from './h264-encoder';
import { computeVideoSize } from './server-options';

export interface VideoStreamerOptions {
  android: SimulatedAndroid;
  socket: AdbStream;
  framing: ScrcpyFraming;
  maxSize: number;
  maxFps: number;
  bitRate: number;
  sendCodecMeta: boolean;
  sendFrameMeta: boolean;
  log: EventLog;
  ffmpegPath?: string;
  /** Called when the encoder fails for good (the server would exit). */
  onFatal(error: Error): void;
}

/** Frame rate cap when the client sets none: the simulated screen never needs more. */
const DEFAULT_FPS = 30;
/** Re-send the picture this often when nothing changes (scrcpy repeats frames too). */
const REPEAT_AFTER_MS = 500;
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
  private pendingWrites = 0;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private restarts = 0;
  framesSent = 0;

  constructor(private readonly o: VideoStreamerOptions) {}

  get videoSize(): { width: number; height: number } {
    return { ...this.video };
  }

  get ffmpegPid(): number | undefined {
    return this.encoder?.pid;
  }

  private get minIntervalMs(): number {
    const fps = this.o.maxFps > 0 ? Math.min(this.o.maxFps, DEFAULT_FPS) : DEFAULT_FPS;
    return 1000 / fps;
  }

  start(): void {
    const { width, height } = this.o.android.size;
    this.source = { width, height };
    this.video = computeVideoSize(width, height, this.o.maxSize);
    this.startedAt = performance.now();
    if (this.o.sendCodecMeta) this.write(encodeCodecMeta(this.o.framing, CodecId.H264, this.video.width, this.video.height));
    this.startEncoder();
    this.unsubscribe = this.o.android.on('frame', () => this.scheduleCapture());
    this.repeatTimer = setInterval(() => {
      if (performance.now() - this.lastCaptureAt >= REPEAT_AFTER_MS) this.capture();
    }, REPEAT_AFTER_MS);
    this.capture();
  }

  /** RESET_VIDEO: a fresh encoder, so the next packets are a config and a key frame. */
  reset(): void {
    if (this.stopped) return;
    void this.restartEncoder();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.captureTimer) clearTimeout(this.captureTimer);
    if (this.repeatTimer) clearInterval(this.repeatTimer);
    const enc = this.encoder;
    this.encoder = null;
    await enc?.stop();
  }

  private startEncoder(): void {
    if (this.o.framing === '4' && this.o.sendFrameMeta) this.write(encodeSessionPacket(this.video.width, this.video.height, false));
    const enc = new H264Encoder({
      sourceWidth: this.source.width,
      sourceHeight: this.source.height,
      videoWidth: this.video.width,
      videoHeight: this.video.height,
      fps: this.o.maxFps > 0 ? Math.min(this.o.maxFps, DEFAULT_FPS) : DEFAULT_FPS,
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
    this.video = computeVideoSize(width, height, this.o.maxSize);
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

  private capture(): void {
    if (this.stopped) return;
    const enc = this.encoder;
    if (!enc) return; // restarting: the restart captures when ready
    const { width, height } = this.o.android.size;
    if (width !== this.source.width || height !== this.source.height) {
      void this.restartEncoder();
      return;
    }
    if (enc.backlog > 2 || this.pendingWrites > MAX_PENDING_WRITES) {
      // Busy: try again shortly instead of queueing stale pictures.
      if (!this.captureTimer) this.captureTimer = setTimeout(() => { this.captureTimer = null; this.capture(); }, 50);
      return;
    }
    const image = this.o.android.render();
    this.lastCaptureAt = performance.now();
    const index = enc.writeFrame(image.data);
    if (index >= 0) this.captureTimes.set(index, this.lastCaptureAt);
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
