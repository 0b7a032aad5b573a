// The messages main sends the renderer on a mirror stream: one message per ArrayBuffer, in
// order. Main demuxes scrcpy's video socket and forwards each access unit with one copy (into
// the message buffer, which is then transferred); the renderer decodes with WebCodecs.
//
// Layout (big-endian, like scrcpy's own framing):
//   config (24 + n bytes): u8 type=1, u8 version=1, u8 rotation (0..3 quarter turns, 0xff =
//     unknown), u8 codec length n, u32 coded width, u32 coded height, u32 screen width,
//     u32 screen height, u32 reserved (0), codec string (ASCII, e.g. "avc1.42E01E").
//   frame (24 + n bytes): u8 type=2, u8 version=1, u8 flags (bit0 key frame), u8 reserved (0),
//     u32 pts high, u32 pts low (microseconds), f64 received-at (ms on main's monotonic clock),
//     u32 reserved (0), Annex-B access unit (SPS/PPS merged in front of the frame after a config).
//   image (24 + n bytes): u8 type=3, u8 version=1, u8 format (1 = PNG), u8 reserved (0),
//     u32 width, u32 height, f64 received-at (ms, main's clock), u32 reserved (0), the encoded
//     picture. The low-frame-rate mirror (screencap, no scrcpy server) sends only these: each
//     is a whole picture, no config and no decoder needed.
// A config precedes the first frame and is sent again whenever the encoder restarts (rotation,
// resolution change): the renderer reconfigures its decoder in place, no reconnect.

export const MIRROR_STREAM_VERSION = 1;
export const MirrorMessageType = { CONFIG: 1, FRAME: 2, IMAGE: 3 } as const;
export const MIRROR_HEADER_LENGTH = 24;
/** Codec strings are short ("avc1.640028"); a longer one means the buffer is not ours. */
export const MAX_CODEC_LENGTH = 64;
const FLAG_KEY_FRAME = 1;
const ROTATION_UNKNOWN = 0xff;
const TWO_POW_32 = 2 ** 32;

export interface MirrorConfig {
  type: 'config';
  /** WebCodecs codec string built from the SPS (codecStringFromSps). */
  codec: string;
  /** Size of the decoded picture (the SPS's cropped size), i.e. the current video size. */
  codedWidth: number;
  codedHeight: number;
  /** The device's screen in its current orientation (0 when unknown). */
  screenWidth: number;
  screenHeight: number;
  /** Display rotation in quarter turns (0..3), or null when main does not know it. */
  rotation: number | null;
}

export interface MirrorFrame {
  type: 'frame';
  keyFrame: boolean;
  /** Presentation time from the device, microseconds. */
  ptsUs: number;
  /** When main received the packet, on main's monotonic clock (ms); for latency measurement. */
  receivedAtMs: number;
  /** Annex-B access unit; a view into the message buffer when decoded (no copy). */
  data: Uint8Array;
}

/** A whole still picture (low-frame-rate mirror). */
export interface MirrorImage {
  type: 'image';
  format: 'png';
  width: number;
  height: number;
  receivedAtMs: number;
  /** The encoded picture; a view into the message buffer when decoded. */
  data: Uint8Array;
}

const IMAGE_FORMAT_PNG = 1;

export type MirrorMessage = MirrorConfig | MirrorFrame | MirrorImage;

/** The buffer is not a valid mirror message: the stream is broken, not the video. */
export class MirrorStreamError extends Error {
  constructor(message: string) {
    super(`mirror stream: ${message}`);
    this.name = 'MirrorStreamError';
  }
}

function checkUint32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= TWO_POW_32) {
    throw new MirrorStreamError(`${name} must be a u32, got ${value}`);
  }
}

export function encodeConfigMessage(config: Omit<MirrorConfig, 'type'>): ArrayBuffer {
  if (!/^[\x21-\x7e]+$/.test(config.codec) || config.codec.length > MAX_CODEC_LENGTH) {
    throw new MirrorStreamError(`invalid codec string "${config.codec}"`);
  }
  for (const key of ['codedWidth', 'codedHeight', 'screenWidth', 'screenHeight'] as const) checkUint32(key, config[key]);
  if (config.rotation !== null && !(Number.isInteger(config.rotation) && config.rotation >= 0 && config.rotation <= 3)) {
    throw new MirrorStreamError(`rotation must be 0..3 or null, got ${config.rotation}`);
  }
  const buffer = new ArrayBuffer(MIRROR_HEADER_LENGTH + config.codec.length);
  const dv = new DataView(buffer);
  dv.setUint8(0, MirrorMessageType.CONFIG);
  dv.setUint8(1, MIRROR_STREAM_VERSION);
  dv.setUint8(2, config.rotation ?? ROTATION_UNKNOWN);
  dv.setUint8(3, config.codec.length);
  dv.setUint32(4, config.codedWidth);
  dv.setUint32(8, config.codedHeight);
  dv.setUint32(12, config.screenWidth);
  dv.setUint32(16, config.screenHeight);
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < config.codec.length; i++) bytes[MIRROR_HEADER_LENGTH + i] = config.codec.charCodeAt(i);
  return buffer;
}

/** One copy of the access unit (into the buffer that is then transferred to the renderer). */
export function encodeFrameMessage(frame: Omit<MirrorFrame, 'type'>): ArrayBuffer {
  if (!Number.isSafeInteger(frame.ptsUs) || frame.ptsUs < 0) throw new MirrorStreamError(`invalid pts ${frame.ptsUs}`);
  if (!Number.isFinite(frame.receivedAtMs)) throw new MirrorStreamError(`invalid receivedAtMs ${frame.receivedAtMs}`);
  if (frame.data.length === 0) throw new MirrorStreamError('empty access unit');
  const buffer = new ArrayBuffer(MIRROR_HEADER_LENGTH + frame.data.length);
  const dv = new DataView(buffer);
  dv.setUint8(0, MirrorMessageType.FRAME);
  dv.setUint8(1, MIRROR_STREAM_VERSION);
  dv.setUint8(2, frame.keyFrame ? FLAG_KEY_FRAME : 0);
  dv.setUint32(4, Math.floor(frame.ptsUs / TWO_POW_32));
  dv.setUint32(8, frame.ptsUs % TWO_POW_32);
  dv.setFloat64(12, frame.receivedAtMs);
  new Uint8Array(buffer).set(frame.data, MIRROR_HEADER_LENGTH);
  return buffer;
}

/** One copy of the picture, into the buffer that is then transferred. */
export function encodeImageMessage(image: Omit<MirrorImage, 'type'>): ArrayBuffer {
  checkUint32('width', image.width);
  checkUint32('height', image.height);
  if (image.width === 0 || image.height === 0) throw new MirrorStreamError(`empty image size ${image.width}x${image.height}`);
  if (!Number.isFinite(image.receivedAtMs)) throw new MirrorStreamError(`invalid receivedAtMs ${image.receivedAtMs}`);
  if (image.data.length === 0) throw new MirrorStreamError('empty image');
  const buffer = new ArrayBuffer(MIRROR_HEADER_LENGTH + image.data.length);
  const dv = new DataView(buffer);
  dv.setUint8(0, MirrorMessageType.IMAGE);
  dv.setUint8(1, MIRROR_STREAM_VERSION);
  dv.setUint8(2, IMAGE_FORMAT_PNG);
  dv.setUint32(4, image.width);
  dv.setUint32(8, image.height);
  dv.setFloat64(12, image.receivedAtMs);
  new Uint8Array(buffer).set(image.data, MIRROR_HEADER_LENGTH);
  return buffer;
}

function decodeImage(bytes: Uint8Array, dv: DataView): MirrorImage {
  const format = dv.getUint8(2);
  if (format !== IMAGE_FORMAT_PNG) throw new MirrorStreamError(`unknown image format ${format}`);
  if (bytes.length === MIRROR_HEADER_LENGTH) throw new MirrorStreamError('image without data');
  const width = dv.getUint32(4), height = dv.getUint32(8);
  if (width === 0 || height === 0) throw new MirrorStreamError(`image with an empty size ${width}x${height}`);
  return { type: 'image', format: 'png', width, height, receivedAtMs: dv.getFloat64(12), data: bytes.subarray(MIRROR_HEADER_LENGTH) };
}

/** Parses one message; a frame's data is a view into `message` (no copy). */
export function decodeMirrorMessage(message: ArrayBuffer | Uint8Array): MirrorMessage {
  const bytes = message instanceof Uint8Array ? message : new Uint8Array(message);
  if (bytes.length < MIRROR_HEADER_LENGTH) {
    throw new MirrorStreamError(`message of ${bytes.length} bytes is shorter than the ${MIRROR_HEADER_LENGTH}-byte header`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = dv.getUint8(0);
  const version = dv.getUint8(1);
  if (version !== MIRROR_STREAM_VERSION) {
    throw new MirrorStreamError(`unsupported version ${version} (expected ${MIRROR_STREAM_VERSION}): main and renderer are out of step`);
  }
  if (type === MirrorMessageType.CONFIG) return decodeConfig(bytes, dv);
  if (type === MirrorMessageType.FRAME) return decodeFrame(bytes, dv);
  if (type === MirrorMessageType.IMAGE) return decodeImage(bytes, dv);
  throw new MirrorStreamError(`unknown message type ${type}`);
}

function decodeConfig(bytes: Uint8Array, dv: DataView): MirrorConfig {
  const codecLength = dv.getUint8(3);
  if (codecLength === 0) throw new MirrorStreamError('config without a codec string');
  if (bytes.length !== MIRROR_HEADER_LENGTH + codecLength) {
    throw new MirrorStreamError(`config of ${bytes.length} bytes, expected ${MIRROR_HEADER_LENGTH + codecLength} for a ${codecLength}-char codec`);
  }
  const rotation = dv.getUint8(2);
  if (rotation > 3 && rotation !== ROTATION_UNKNOWN) throw new MirrorStreamError(`invalid rotation ${rotation}`);
  const codec = String.fromCharCode(...bytes.subarray(MIRROR_HEADER_LENGTH));
  if (!/^[\x21-\x7e]+$/.test(codec)) throw new MirrorStreamError('codec string is not printable ASCII');
  const config: MirrorConfig = {
    type: 'config',
    codec,
    codedWidth: dv.getUint32(4),
    codedHeight: dv.getUint32(8),
    screenWidth: dv.getUint32(12),
    screenHeight: dv.getUint32(16),
    rotation: rotation === ROTATION_UNKNOWN ? null : rotation,
  };
  if (config.codedWidth === 0 || config.codedHeight === 0) {
    throw new MirrorStreamError(`config with an empty video size ${config.codedWidth}x${config.codedHeight}`);
  }
  return config;
}

function decodeFrame(bytes: Uint8Array, dv: DataView): MirrorFrame {
  const flags = dv.getUint8(2);
  if ((flags & ~FLAG_KEY_FRAME) !== 0) throw new MirrorStreamError(`unknown frame flags 0x${flags.toString(16)}`);
  if (bytes.length === MIRROR_HEADER_LENGTH) throw new MirrorStreamError('frame without data');
  const ptsUs = dv.getUint32(4) * TWO_POW_32 + dv.getUint32(8);
  if (!Number.isSafeInteger(ptsUs)) throw new MirrorStreamError('pts beyond 2^53 µs');
  return {
    type: 'frame',
    keyFrame: (flags & FLAG_KEY_FRAME) !== 0,
    ptsUs,
    receivedAtMs: dv.getFloat64(12),
    data: bytes.subarray(MIRROR_HEADER_LENGTH),
  };
}
