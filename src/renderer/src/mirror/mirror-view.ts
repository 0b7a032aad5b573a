// One live mirror on one canvas: reads mirror-stream messages from a BinaryStream, decodes them,
// draws them, and turns input on the canvas into control messages. Framework-free so the Vue
// component stays thin and the Chromium tests drive exactly what the app runs.

import type { BinaryStream } from '../../../shared/contract/streams';
import { decodeMirrorMessage, type MirrorConfig, type MirrorImage } from '../../../shared/mirror/mirror-stream';
import type { ControlMessage } from '#wire';
import { CanvasRenderer } from './canvas-renderer';
import type { BacklogPolicy } from './decode-stats';
import type { Rotation, VideoLayout } from './geometry';
import { H264Decoder, type DecodedFrameInfo } from './h264-decoder';
import { InputMapper } from './input-mapper';

export type MirrorStatus =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'playing' }
  | { state: 'disconnected'; reason: string }
  | { state: 'error'; message: string };

export interface MirrorStats {
  fps: number;
  decodeMs: number;
  framesDecoded: number;
  /** Not decoded: before a key frame, or dropped because the decoder was behind. */
  framesDropped: number;
  /** Decoded but never drawn (arrived after dispose): each frame is drawn as soon as it is decoded. */
  framesSkipped: number;
  framesDrawn: number;
  codec: string | null;
  /** Current video size (what input positions refer to), null before the first config. */
  width: number | null;
  height: number | null;
  /** Main received -> renderer decoded, for the last frame; null unless the clock offset is known. */
  latencyMs: number | null;
  lastFrame: DecodedFrameInfo | null;
}

export interface MirrorViewOptions {
  canvas: HTMLCanvasElement;
  textSink: HTMLTextAreaElement | HTMLInputElement;
  sendControl(message: ControlMessage): void;
  onStatus(status: MirrorStatus): void;
  /** renderer performance.now() minus main's monotonic clock, if the app measured it. */
  clockOffsetMs?: number;
  /** When the decoder drops frames because it is behind (defaults suit a live mirror). */
  decodeBacklog?: Partial<BacklogPolicy>;
}

export class MirrorView {
  private readonly renderer: CanvasRenderer;
  private readonly decoder: H264Decoder;
  private readonly input: InputMapper;
  private config: MirrorConfig | null = null;
  private rotation: Rotation = 0;
  private lastFrame: DecodedFrameInfo | null = null;
  private detach: (() => void) | null = null;
  private status: MirrorStatus = { state: 'idle' };
  /** A malformed message was received: the stream is unusable (decoder errors are not fatal). */
  private streamBroken = false;
  private clockOffsetMs: number | undefined;
  /** Low-frame-rate mode: the size of the last picture (positions refer to it). */
  private imageSize: { width: number; height: number } | null = null;
  /** Pictures are decoded one after another, so an older one never replaces a newer one. */
  private imageChain: Promise<void> = Promise.resolve();
  private disposed = false;
  imagesShown = 0;

  constructor(private readonly options: MirrorViewOptions) {
    this.clockOffsetMs = options.clockOffsetMs;
    this.renderer = new CanvasRenderer(options.canvas);
    this.decoder = new H264Decoder({
      backlog: options.decodeBacklog,
      onFrame: (frame, info) => {
        this.lastFrame = info;
        this.renderer.push(frame);
        if (this.status.state === 'connecting') this.setStatus({ state: 'playing' });
      },
      onError: (error) => this.setStatus({ state: 'error', message: error.message }),
      onKeyFrameNeeded: () => options.sendControl({ type: 'resetVideo' }),
    });
    this.input = new InputMapper({
      surface: options.canvas,
      textSink: options.textSink,
      layout: () => this.layout(),
      send: (message) => options.sendControl(message),
    });
  }

  /** Shows this stream (null: nothing). The stream stays the caller's: it is not closed here. */
  attach(stream: BinaryStream | null): void {
    this.detach?.();
    this.detach = null;
    this.config = null;
    this.imageSize = null;
    this.streamBroken = false;
    if (!stream) {
      this.setStatus({ state: 'idle' });
      return;
    }
    this.setStatus({ state: 'connecting' });
    const offMessage = stream.onMessage((data) => this.onMessage(data, stream));
    const offClose = stream.onClose((reason) => {
      if (this.status.state !== 'error') this.setStatus({ state: 'disconnected', reason: reason ?? 'the stream ended' });
    });
    this.detach = () => {
      offMessage();
      offClose();
    };
  }

  /** Once the app has measured it (see MirrorViewOptions.clockOffsetMs). */
  setClockOffset(offsetMs: number | undefined): void {
    this.clockOffsetMs = offsetMs;
  }

  /** Client-side rotation of the picture (input mapping follows). */
  setRotation(rotation: Rotation): void {
    this.rotation = rotation;
    this.renderer.setRotation(rotation);
  }

  layout(): VideoLayout | null {
    const size = this.config ? { width: this.config.codedWidth, height: this.config.codedHeight } : this.imageSize;
    if (!size) return null;
    return { video: size, rotation: this.rotation };
  }

  snapshot(): Promise<Blob> {
    return this.renderer.snapshot();
  }

  get stats(): MirrorStats {
    const d = this.decoder.stats;
    const r = this.renderer.stats;
    const offset = this.clockOffsetMs;
    return {
      fps: d.fps,
      decodeMs: d.decodeMs,
      framesDecoded: d.framesDecoded,
      framesDropped: d.framesDropped,
      framesSkipped: r.framesSkipped,
      framesDrawn: r.framesDrawn,
      codec: d.codec,
      width: this.config?.codedWidth ?? null,
      height: this.config?.codedHeight ?? null,
      latencyMs: this.lastFrame && offset !== undefined ? this.lastFrame.decodedAtMs - (this.lastFrame.receivedAtMs + offset) : null,
      lastFrame: this.lastFrame,
    };
  }

  dispose(): void {
    this.disposed = true;
    this.detach?.();
    this.detach = null;
    this.input.dispose();
    this.decoder.dispose();
    this.renderer.dispose();
  }

  private onMessage(data: ArrayBuffer, stream: BinaryStream): void {
    if (this.streamBroken) return;
    let message;
    try {
      message = decodeMirrorMessage(data);
    } catch (error) {
      // A broken stream will not heal: say so and stop it rather than decode garbage.
      this.streamBroken = true;
      this.setStatus({ state: 'error', message: (error as Error).message });
      stream.close();
      return;
    }
    if (message.type === 'image') {
      this.showImage(message);
    } else if (message.type === 'config') {
      this.config = message;
      // A new configuration is a fresh start after a decoder error (e.g. the encoder changed).
      if (this.status.state === 'error') this.setStatus({ state: 'connecting' });
      this.decoder.configure(message);
    } else {
      this.decoder.decode(message);
    }
  }

  /** A whole picture (low-frame-rate mirror): decoded by the browser, drawn like a video frame. */
  private showImage(image: MirrorImage): void {
    const blob = new Blob([image.data as BlobPart], { type: 'image/png' });
    this.imageChain = this.imageChain.then(async () => {
      let bitmap: ImageBitmap | undefined;
      try {
        bitmap = await createImageBitmap(blob);
        if (this.disposed) return;
        const frame = new VideoFrame(bitmap, { timestamp: this.imagesShown });
        this.imageSize = { width: image.width, height: image.height };
        this.imagesShown++;
        this.renderer.push(frame);
        if (this.status.state !== 'playing') this.setStatus({ state: 'playing' });
      } catch (error) {
        if (!this.disposed) this.setStatus({ state: 'error', message: `A screen picture could not be shown: ${(error as Error).message}` });
      } finally {
        bitmap?.close();
      }
    });
  }

  private setStatus(status: MirrorStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
