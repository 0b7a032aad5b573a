// The scrcpy video socket framing, both directions: writers for the (simulated) device and an
// incremental demuxer for the client. Layouts from scrcpy app/src/demuxer.c and server
// Streamer.java; 4.x changed the per-packet header and added session packets.

import { ScrcpyProtocolError, utf8Decode, utf8EncodeTruncated, viewOf } from '../bytes';

/** Framing generation, by the server version's major number ('3' for 3.x, '4' for 4.x). */
export type ScrcpyFraming = '3' | '4';

export function framingForServerVersion(version: string): ScrcpyFraming {
  const major = Number.parseInt(version, 10);
  if (!Number.isFinite(major) || major < 3) throw new RangeError(`unsupported scrcpy server version ${version}`);
  return major >= 4 ? '4' : '3';
}

export const CodecId = {
  /** The stream is disabled (e.g. audio unsupported on the device): nothing follows. */
  DISABLED: 0,
  /** The server failed to configure the encoder: nothing follows. */
  ERROR: 1,
  H264: 0x68323634,
  H265: 0x68323635,
  AV1: 0x00617631,
  VP8: 0x00767038,
  VP9: 0x00767039,
  OPUS: 0x6f707573,
  AAC: 0x00616163,
  FLAC: 0x666c6163,
  RAW: 0x00726177,
} as const;

export const DEVICE_NAME_FIELD_LENGTH = 64;
export const MEDIA_HEADER_LENGTH = 12;
export const SESSION_PACKET_LENGTH = 12;
/** Sanity cap on one media packet: a bigger size means the framing is lost. */
export const MAX_PACKET_SIZE = 64 * 1024 * 1024;

const FLAG3_CONFIG = 1n << 63n;
const FLAG3_KEY_FRAME = 1n << 62n;
const PTS3_MASK = FLAG3_KEY_FRAME - 1n;
const FLAG4_SESSION = 1n << 63n;
const FLAG4_CONFIG = 1n << 62n;
const FLAG4_KEY_FRAME = 1n << 61n;
const PTS4_MASK = FLAG4_KEY_FRAME - 1n;

export interface MediaHeader {
  config: boolean;
  keyFrame: boolean;
  /** Presentation time in microseconds (0 for config packets). */
  ptsUs: number;
  size: number;
}

// ---- writers (device side) -------------------------------------------------------------

/** 64 bytes: the device name in UTF-8 (at most 63 bytes, cut on a character), NUL padded. */
export function encodeDeviceMeta(name: string): Uint8Array {
  const out = new Uint8Array(DEVICE_NAME_FIELD_LENGTH);
  out.set(utf8EncodeTruncated(name, DEVICE_NAME_FIELD_LENGTH - 1));
  return out;
}

/** 3.x: codec id + width + height (12 bytes); 4.x: codec id only (size comes in session packets). */
export function encodeCodecMeta(framing: ScrcpyFraming, codecId: number, width = 0, height = 0): Uint8Array {
  if (framing === '4' || codecId === CodecId.DISABLED || codecId === CodecId.ERROR) {
    const out = new Uint8Array(4);
    viewOf(out).setUint32(0, codecId);
    return out;
  }
  const out = new Uint8Array(12);
  const dv = viewOf(out);
  dv.setUint32(0, codecId);
  dv.setUint32(4, width);
  dv.setUint32(8, height);
  return out;
}

/** 4.x session packet: sent before the first media packet and on every capture size change. */
export function encodeSessionPacket(width: number, height: number, clientResized: boolean): Uint8Array {
  const out = new Uint8Array(SESSION_PACKET_LENGTH);
  out[0] = 0x80;
  out[3] = clientResized ? 1 : 0;
  const dv = viewOf(out);
  dv.setUint32(4, width);
  dv.setUint32(8, height);
  return out;
}

/** The 12-byte header that precedes each media packet's payload. */
export function encodeMediaHeader(framing: ScrcpyFraming, h: MediaHeader): Uint8Array {
  const out = new Uint8Array(MEDIA_HEADER_LENGTH);
  const dv = viewOf(out);
  const pts = BigInt(Math.max(0, Math.trunc(h.ptsUs)));
  let word: bigint;
  if (framing === '3') {
    word = (pts & PTS3_MASK) | (h.config ? FLAG3_CONFIG : 0n) | (h.keyFrame ? FLAG3_KEY_FRAME : 0n);
  } else {
    word = (pts & PTS4_MASK) | (h.config ? FLAG4_CONFIG : 0n) | (h.keyFrame ? FLAG4_KEY_FRAME : 0n);
  }
  dv.setBigUint64(0, word);
  dv.setUint32(8, h.size);
  return out;
}

// ---- demuxer (client side) ---------------------------------------------------------------

export type VideoDemuxEvent =
  | { type: 'deviceMeta'; name: string }
  | { type: 'codec'; codecId: number; width?: number; height?: number }
  | { type: 'session'; width: number; height: number; clientResized: boolean }
  | { type: 'packet'; config: boolean; keyFrame: boolean; ptsUs: number; data: Uint8Array };

export interface ScrcpyVideoDemuxerOptions {
  framing: ScrcpyFraming;
  /** The stream starts with the 64-byte device name (true on the first socket). Default false. */
  deviceMeta?: boolean;
  /** The audio socket: its codec meta is the codec id alone in 3.x too (no size), then packets. */
  audio?: boolean;
}

type State = 'deviceMeta' | 'codecId' | 'videoSize' | 'header' | 'payload' | 'ended';

/**
 * Incremental demuxer: push() any chunking of the socket bytes and get the events they
 * complete. A packet wholly inside one chunk is returned as a subarray of that chunk (no copy:
 * consume or copy it before the chunk's buffer is reused); one that straddles chunks is
 * assembled once into its own buffer. The dummy byte of forward mode is not part of this
 * stream: the tunnel reads it before handing the socket over.
 */
export class ScrcpyVideoDemuxer {
  readonly framing: ScrcpyFraming;
  private state: State;
  private fixed = new Uint8Array(DEVICE_NAME_FIELD_LENGTH);
  private fixedFill = 0;
  private codecId = 0;
  private header: MediaHeader = { config: false, keyFrame: false, ptsUs: 0, size: 0 };
  private payload: Uint8Array | null = null;
  private payloadFill = 0;

  private readonly audio: boolean;

  constructor(options: ScrcpyVideoDemuxerOptions) {
    this.framing = options.framing;
    this.audio = options.audio ?? false;
    this.state = options.deviceMeta ? 'deviceMeta' : 'codecId';
  }

  /** True once the codec meta said the stream is disabled or failed: no more bytes expected. */
  get ended(): boolean {
    return this.state === 'ended';
  }

  push(chunk: Uint8Array): VideoDemuxEvent[] {
    const events: VideoDemuxEvent[] = [];
    let off = 0;
    while (off < chunk.length) {
      if (this.state === 'ended') throw new ScrcpyProtocolError('data after the end of the video stream');
      if (this.state === 'payload') {
        off = this.readPayload(chunk, off, events);
        continue;
      }
      const need = this.fixedLength();
      let field: Uint8Array;
      if (this.fixedFill === 0 && chunk.length - off >= need) {
        field = chunk.subarray(off, off + need);
        off += need;
      } else {
        const take = Math.min(need - this.fixedFill, chunk.length - off);
        this.fixed.set(chunk.subarray(off, off + take), this.fixedFill);
        this.fixedFill += take;
        off += take;
        if (this.fixedFill < need) break;
        this.fixedFill = 0;
        field = this.fixed.subarray(0, need);
      }
      this.onField(field, events);
    }
    return events;
  }

  private fixedLength(): number {
    switch (this.state) {
      case 'deviceMeta': return DEVICE_NAME_FIELD_LENGTH;
      case 'codecId': return 4;
      case 'videoSize': return 8;
      default: return MEDIA_HEADER_LENGTH;
    }
  }

  private onField(field: Uint8Array, events: VideoDemuxEvent[]): void {
    const dv = viewOf(field);
    switch (this.state) {
      case 'deviceMeta': {
        const nul = field.indexOf(0);
        events.push({ type: 'deviceMeta', name: utf8Decode(field.subarray(0, nul < 0 ? field.length : nul)) });
        this.state = 'codecId';
        return;
      }
      case 'codecId': {
        this.codecId = dv.getUint32(0);
        if (this.codecId === CodecId.DISABLED || this.codecId === CodecId.ERROR) {
          events.push({ type: 'codec', codecId: this.codecId });
          this.state = 'ended';
        } else if (this.framing === '3' && !this.audio) {
          this.state = 'videoSize';
        } else {
          events.push({ type: 'codec', codecId: this.codecId });
          this.state = 'header';
        }
        return;
      }
      case 'videoSize':
        events.push({ type: 'codec', codecId: this.codecId, width: dv.getUint32(0), height: dv.getUint32(4) });
        this.state = 'header';
        return;
      default:
        this.onHeader(dv, events);
    }
  }

  private onHeader(dv: DataView, events: VideoDemuxEvent[]): void {
    const word = dv.getBigUint64(0);
    const size = dv.getUint32(8);
    if (this.framing === '4' && (word & FLAG4_SESSION) !== 0n) {
      // 0x80, 0, 0, flags, u32 width, u32 height: the height sits where a media size would.
      events.push({ type: 'session', width: dv.getUint32(4), height: size, clientResized: (dv.getUint8(3) & 1) === 1 });
      return;
    }
    const h: MediaHeader = this.framing === '3'
      ? { config: (word & FLAG3_CONFIG) !== 0n, keyFrame: (word & FLAG3_KEY_FRAME) !== 0n, ptsUs: Number(word & PTS3_MASK), size }
      : { config: (word & FLAG4_CONFIG) !== 0n, keyFrame: (word & FLAG4_KEY_FRAME) !== 0n, ptsUs: Number(word & PTS4_MASK), size };
    if (size > MAX_PACKET_SIZE) throw new ScrcpyProtocolError(`video packet of ${size} bytes: framing lost`);
    if (size === 0) {
      events.push({ type: 'packet', config: h.config, keyFrame: h.keyFrame, ptsUs: h.ptsUs, data: new Uint8Array(0) });
      return;
    }
    this.header = h;
    this.payload = null;
    this.payloadFill = 0;
    this.state = 'payload';
  }

  private readPayload(chunk: Uint8Array, off: number, events: VideoDemuxEvent[]): number {
    const { size } = this.header;
    const available = chunk.length - off;
    let data: Uint8Array;
    if (this.payload === null && available >= size) {
      data = chunk.subarray(off, off + size);
      off += size;
    } else {
      this.payload ??= new Uint8Array(size);
      const take = Math.min(size - this.payloadFill, available);
      this.payload.set(chunk.subarray(off, off + take), this.payloadFill);
      this.payloadFill += take;
      off += take;
      if (this.payloadFill < size) return off;
      data = this.payload;
      this.payload = null;
    }
    const h = this.header;
    events.push({ type: 'packet', config: h.config, keyFrame: h.keyFrame, ptsUs: h.ptsUs, data });
    this.state = 'header';
    return off;
  }
}
