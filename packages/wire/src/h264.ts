// H.264 Annex-B helpers: NAL splitting, SPS parsing (size + WebCodecs codec string), access-unit
// grouping and scrcpy's "merge the CONFIG packet into the next frame" rule. Pure TS so the
// renderer (WebCodecs), main (recorder, frame grabber) and the simulated phone share it.

import { concatBytes, copyBytes } from './bytes';

export const NalType = {
  SLICE: 1,
  IDR: 5,
  SEI: 6,
  SPS: 7,
  PPS: 8,
  AUD: 9,
} as const;

const START_CODE = new Uint8Array([0, 0, 0, 1]);

export function nalUnitType(nal: Uint8Array): number {
  return nal[0] & 0x1f;
}

export function isVclNal(type: number): boolean {
  return type >= 1 && type <= 5;
}

/**
 * Position of the next start code prefix (00 00 01) at or after `from`, as
 * [index of the first 0 of the prefix, index just after the 01]; a 4-byte code (00 00 00 01)
 * is reported from its first zero. -1 when none.
 */
function findStartCode(buf: Uint8Array, from: number): [number, number] | null {
  for (let i = from; i + 2 < buf.length; i++) {
    if (buf[i + 2] > 1) { i += 2; continue; } // fast skip: no prefix can end here
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      const begin = i > from && buf[i - 1] === 0 ? i - 1 : i;
      return [begin, i + 3];
    }
  }
  return null;
}

function trimTrailingZeros(buf: Uint8Array, start: number, end: number): number {
  while (end > start && buf[end - 1] === 0) end--;
  return end;
}

/** NAL units of an Annex-B buffer, without start codes, as subarrays (no copy). */
export function splitNalUnits(data: Uint8Array): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let sc = findStartCode(data, 0);
  while (sc) {
    const next = findStartCode(data, sc[1]);
    const end = trimTrailingZeros(data, sc[1], next ? next[0] : data.length);
    if (end > sc[1]) nals.push(data.subarray(sc[1], end));
    sc = next;
  }
  return nals;
}

/** Annex-B bytes (4-byte start codes) of the given NAL units. */
export function joinNalUnits(nals: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const n of nals) parts.push(START_CODE, n);
  return concatBytes(parts);
}

/** RBSP of a NAL: drops the emulation prevention byte of every 00 00 03 sequence. */
export function nalToRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let o = 0;
  let zeros = 0;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i];
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[o++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, o);
}

/** MSB-first bit reader with Exp-Golomb codes (H.264 9.1). */
export class BitReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  bit(): number {
    const byte = this.pos >> 3;
    if (byte >= this.bytes.length) throw new RangeError('read past the end of the bitstream');
    const v = (this.bytes[byte] >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return v;
  }

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError('invalid Exp-Golomb code');
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}

export interface SpsInfo {
  profileIdc: number;
  /** The byte of constraint_set0..5 flags (+ 2 reserved bits), as in the codec string. */
  constraintFlags: number;
  levelIdc: number;
  chromaFormatIdc: number;
  /** Displayed size: coded size minus the cropping window. */
  width: number;
  height: number;
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Parses an SPS NAL unit (header byte included, no start code). */
export function parseSps(nal: Uint8Array): SpsInfo {
  if (nalUnitType(nal) !== NalType.SPS) throw new RangeError(`not an SPS (NAL type ${nalUnitType(nal)})`);
  const r = new BitReader(nalToRbsp(nal.subarray(1)));
  const profileIdc = r.bits(8);
  const constraintFlags = r.bits(8);
  const levelIdc = r.bits(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlane = 0;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) separateColourPlane = r.bit();
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.bit(); // qpprime_y_zero_transform_bypass_flag
    if (r.bit()) { // seq_scaling_matrix_present_flag
      const lists = chromaFormatIdc !== 3 ? 8 : 12;
      for (let i = 0; i < lists; i++) {
        if (r.bit()) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) {
    r.ue(); // log2_max_pic_order_cnt_lsb_minus4
  } else if (pocType === 1) {
    r.bit(); // delta_pic_order_always_zero_flag
    r.se(); // offset_for_non_ref_pic
    r.se(); // offset_for_top_to_bottom_field
    const cycle = r.ue();
    for (let i = 0; i < cycle; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.bit(); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.bit();
  if (!frameMbsOnly) r.bit(); // mb_adaptive_frame_field_flag
  r.bit(); // direct_8x8_inference_flag
  let cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
  if (r.bit()) {
    cropLeft = r.ue();
    cropRight = r.ue();
    cropTop = r.ue();
    cropBottom = r.ue();
  }
  // Crop units (H.264 7.4.2.1.1): in chroma samples unless monochrome / separate planes.
  const arrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = arrayType === 3 ? 1 : 2;
  const subHeightC = arrayType === 1 ? 2 : 1;
  const cropUnitX = arrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (arrayType === 0 ? 1 : subHeightC) * (2 - frameMbsOnly);
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    chromaFormatIdc,
    width: widthMbs * 16 - cropUnitX * (cropLeft + cropRight),
    height: (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom),
  };
}

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** WebCodecs codec string, e.g. avc1.42E01E (profile, constraint byte, level). */
export function codecStringFromSps(sps: SpsInfo | Uint8Array): string {
  const info = sps instanceof Uint8Array ? parseSps(sps) : sps;
  return `avc1.${hex2(info.profileIdc)}${hex2(info.constraintFlags)}${hex2(info.levelIdc)}`;
}

/** The first SPS NAL in an Annex-B buffer (e.g. a scrcpy CONFIG packet), or null. */
export function findSps(annexB: Uint8Array): Uint8Array | null {
  return splitNalUnits(annexB).find((n) => nalUnitType(n) === NalType.SPS) ?? null;
}

/** first_mb_in_slice of a slice NAL: 0 means the slice opens a new picture. */
export function firstMbInSlice(nal: Uint8Array): number {
  // Emulation prevention cannot occur in the first bytes of a slice header that matter here
  // unless the ue() is huge; take a few bytes through the RBSP conversion to be exact anyway.
  return new BitReader(nalToRbsp(nal.subarray(1, Math.min(nal.length, 16)))).ue();
}

/** Does this NAL begin a new access unit when the current one already holds a picture? */
function startsAccessUnit(nal: Uint8Array): boolean {
  const t = nalUnitType(nal);
  if (t === NalType.AUD || t === NalType.SPS || t === NalType.PPS || t === NalType.SEI) return true;
  if (t >= 14 && t <= 18) return true;
  return (t === NalType.SLICE || t === NalType.IDR) && firstMbInSlice(nal) === 0;
}

/**
 * Groups NAL units into access units (one picture each): x264 zerolatency writes several
 * slices per frame, and a decoder wants the whole frame in one chunk.
 */
export function groupAccessUnits(nals: readonly Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let hasPicture = false;
  for (const nal of nals) {
    if (nal.length === 0) continue;
    if (hasPicture && startsAccessUnit(nal)) {
      units.push(current);
      current = [];
      hasPicture = false;
    }
    current.push(nal);
    if (isVclNal(nalUnitType(nal))) hasPicture = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}

export interface AccessUnit {
  /** Annex-B bytes of the whole access unit (4-byte start codes). */
  data: Uint8Array;
  /** Contains an IDR slice. */
  keyFrame: boolean;
  /** Contains an SPS (the stream (re)configures here). */
  hasSps: boolean;
}

function toAccessUnit(nals: Uint8Array[]): AccessUnit {
  let keyFrame = false;
  let hasSps = false;
  for (const n of nals) {
    const t = nalUnitType(n);
    if (t === NalType.IDR) keyFrame = true;
    if (t === NalType.SPS) hasSps = true;
  }
  return { data: joinNalUnits(nals), keyFrame, hasSps };
}

/**
 * Incremental Annex-B -> access units (e.g. over ffmpeg's stdout). An access unit is emitted
 * once the first NAL of the next one is complete, or on flush() at end of stream.
 */
export class AnnexBAccessUnitSplitter {
  private buf: Uint8Array = new Uint8Array(0);
  private nals: Uint8Array[] = [];
  private hasPicture = false;

  push(chunk: Uint8Array): AccessUnit[] {
    this.buf = this.buf.length === 0 ? copyBytes(chunk) : concatBytes([this.buf, chunk]);
    const out: AccessUnit[] = [];
    let sc = findStartCode(this.buf, 0);
    let consumed = 0;
    while (sc) {
      const next = findStartCode(this.buf, sc[1]);
      if (!next) break; // the last NAL may still grow
      const end = trimTrailingZeros(this.buf, sc[1], next[0]);
      // copy: this.buf is replaced on the next push
      if (end > sc[1]) this.addNal(copyBytes(this.buf, sc[1], end), out);
      consumed = next[0];
      sc = next;
    }
    if (consumed > 0) this.buf = copyBytes(this.buf, consumed);
    return out;
  }

  /** End of stream: the pending NAL and access unit are complete. */
  flush(): AccessUnit[] {
    const out: AccessUnit[] = [];
    for (const nal of splitNalUnits(this.buf)) this.addNal(copyBytes(nal), out);
    this.buf = new Uint8Array(0);
    if (this.nals.length > 0) out.push(toAccessUnit(this.nals));
    this.nals = [];
    this.hasPicture = false;
    return out;
  }

  private addNal(nal: Uint8Array, out: AccessUnit[]): void {
    if (this.hasPicture && startsAccessUnit(nal)) {
      out.push(toAccessUnit(this.nals));
      this.nals = [];
      this.hasPicture = false;
    }
    this.nals.push(nal);
    if (isVclNal(nalUnitType(nal))) this.hasPicture = true;
  }
}

/**
 * Splits SPS/PPS out of an access unit, as Android's MediaCodec does (it emits them as a
 * separate CODEC_CONFIG buffer, which scrcpy sends as a CONFIG packet).
 */
export function splitParameterSets(annexB: Uint8Array): { config: Uint8Array | null; frame: Uint8Array } {
  const config: Uint8Array[] = [];
  const frame: Uint8Array[] = [];
  for (const n of splitNalUnits(annexB)) {
    const t = nalUnitType(n);
    (t === NalType.SPS || t === NalType.PPS ? config : frame).push(n);
  }
  return { config: config.length > 0 ? joinNalUnits(config) : null, frame: joinNalUnits(frame) };
}

export interface ScrcpyMediaPacket {
  config: boolean;
  keyFrame: boolean;
  ptsUs: number;
  data: Uint8Array;
}

/**
 * scrcpy's packet merger: a CONFIG packet (SPS/PPS) is held and prepended to the next media
 * packet, so every key frame handed to a decoder or muxer is self-contained.
 */
export class ConfigPacketMerger {
  private config: Uint8Array | null = null;
  private latest: Uint8Array | null = null;

  /** The latest configuration seen (to re-prime a decoder or a late sink). */
  get lastConfig(): Uint8Array | null {
    return this.latest;
  }

  /** Returns the packet to forward, or null for a CONFIG packet (held until the next frame). */
  push(packet: ScrcpyMediaPacket): ScrcpyMediaPacket | null {
    if (packet.config) {
      // Copy: the packet's data may be a view into a socket chunk that will be reused.
      this.config = copyBytes(packet.data);
      this.latest = this.config;
      return null;
    }
    if (this.config) {
      const merged = concatBytes([this.config, packet.data]);
      this.config = null;
      return { ...packet, data: merged };
    }
    return packet;
  }
}
