// Mirror frames -> mirror-stream messages on any number of renderer streams. Each stream gets
// the current config first and then frames from the next key frame on (a decoder cannot start
// on a delta frame); every message is a fresh buffer, transferred to its stream.

import { encodeConfigMessage, encodeFrameMessage, encodeImageMessage, type MirrorConfig, type MirrorImage } from '../../../shared/mirror/mirror-stream';
import type { StreamSink } from '../../platform/stream-hub';
import type { MirrorFrame } from './mirror-session';

interface Attached {
  sink: StreamSink;
  /** Waiting for a key frame (just attached, or attached before the config). */
  awaitingKey: boolean;
}

export type StreamConfig = Omit<MirrorConfig, 'type'>;

// Read once: the timeOrigin getter validates its receiver on every call (measurable at 60 fps).
const TIME_ORIGIN = performance.timeOrigin;

/** Main's clock for receivedAtMs: epoch-based and monotonic, comparable with a page's timeOrigin + now(). */
export function mainClockMs(): number {
  return TIME_ORIGIN + performance.now();
}

export class MirrorStreamFanout {
  private readonly attached = new Map<string, Attached>();
  private config: StreamConfig | null = null;
  /** Low-frame-rate mode: the last picture, for streams that join later. */
  private lastImage: Omit<MirrorImage, 'type'> | null = null;
  private closedListener: (() => void) | null = null;
  framesForwarded = 0;
  bytesForwarded = 0;

  /** Called when the last stream closed (the renderer went away). */
  onEmpty(listener: () => void): void {
    this.closedListener = listener;
  }

  get size(): number {
    return this.attached.size;
  }

  /** Adds a stream; returns true when it needs a key frame the caller should ask for. */
  add(sink: StreamSink): boolean {
    const entry: Attached = { sink, awaitingKey: true };
    this.attached.set(sink.id, entry);
    sink.onClose(() => {
      if (this.attached.delete(sink.id) && this.attached.size === 0) this.closedListener?.();
    });
    if (this.config) sink.send(encodeConfigMessage(this.config));
    if (this.lastImage) sink.send(encodeImageMessage(this.lastImage));
    return true;
  }

  /** A new video configuration (first SPS, rotation, resolution change): every stream reconfigures. */
  setConfig(config: StreamConfig): void {
    this.config = config;
    for (const entry of this.attached.values()) entry.sink.send(encodeConfigMessage(config));
  }

  frame(frame: MirrorFrame, receivedAtMs: number): void {
    if (!this.config) return;
    for (const entry of this.attached.values()) {
      if (entry.awaitingKey) {
        if (!frame.keyFrame) continue;
        entry.awaitingKey = false;
      }
      entry.sink.send(encodeFrameMessage({ keyFrame: frame.keyFrame, ptsUs: frame.ptsUs, receivedAtMs, data: frame.data }));
      this.framesForwarded++;
      this.bytesForwarded += frame.data.byteLength;
    }
  }

  /** A whole picture (low-frame-rate mode): every stream gets it, no key frame needed. */
  image(image: Omit<MirrorImage, 'type'>): void {
    this.lastImage = image;
    for (const entry of this.attached.values()) {
      entry.sink.send(encodeImageMessage(image));
      this.framesForwarded++;
      this.bytesForwarded += image.data.byteLength;
    }
  }

  /** After a restart of the video (new session), streams must wait for its first key frame. */
  resync(): void {
    for (const entry of this.attached.values()) entry.awaitingKey = true;
  }

  end(reason: string): void {
    this.closedListener = null;
    for (const entry of [...this.attached.values()]) entry.sink.end(reason);
    this.attached.clear();
  }
}
