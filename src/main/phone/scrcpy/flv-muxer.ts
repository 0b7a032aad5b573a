// Minimal FLV writer for H.264: gives ffmpeg real timestamps when remuxing the mirror to MP4.
// (Raw Annex-B on a pipe carries none, and wall-clock stamping on ffmpeg's side comes out
// non-monotonic.) Layout: FLV 1 header, then video tags holding an AVCDecoderConfigurationRecord
// (sequence header) and length-prefixed NAL units, each followed by its PreviousTagSize.

import { concatBytes, NalType, nalUnitType, splitNalUnits } from '#wire';

const FLV_HEADER = new Uint8Array([0x46, 0x4c, 0x56, 0x01, 0x01, 0x00, 0x00, 0x00, 0x09, 0, 0, 0, 0]);

function videoTag(timestampMs: number, body: Uint8Array): Uint8Array {
  const tag = new Uint8Array(11 + body.length + 4);
  const dv = new DataView(tag.buffer);
  const size = body.length;
  const ts = Math.max(0, Math.round(timestampMs)) >>> 0;
  tag[0] = 9; // video
  tag[1] = (size >> 16) & 0xff; tag[2] = (size >> 8) & 0xff; tag[3] = size & 0xff;
  tag[4] = (ts >> 16) & 0xff; tag[5] = (ts >> 8) & 0xff; tag[6] = ts & 0xff; tag[7] = (ts >>> 24) & 0xff;
  // stream id: 3 zero bytes
  tag.set(body, 11);
  dv.setUint32(11 + size, 11 + size);
  return tag;
}

function avcConfigRecord(sps: Uint8Array, pps: Uint8Array): Uint8Array {
  const out = new Uint8Array(11 + sps.length + pps.length);
  const dv = new DataView(out.buffer);
  out[0] = 1; out[1] = sps[1]; out[2] = sps[2]; out[3] = sps[3];
  out[4] = 0xff; // 4-byte NAL lengths
  out[5] = 0xe1; // one SPS
  dv.setUint16(6, sps.length);
  out.set(sps, 8);
  out[8 + sps.length] = 1; // one PPS
  dv.setUint16(9 + sps.length, pps.length);
  out.set(pps, 11 + sps.length);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Turns mirror frames (Annex-B, SPS/PPS merged into key frames) into an FLV byte stream.
 * The first SPS/PPS become the sequence header. When they change mid-stream (the phone
 * rotated: the encoder restarts at the swapped size), they stay in-band in front of that key
 * frame: ffmpeg's MP4 track has a single avcC, but decoders switch to in-band parameter sets
 * where they appear (scrcpy's own recordings do the same), so one file plays across rotations.
 */
export class FlvH264Muxer {
  private started = false;
  /** The parameter sets decoders currently use: the sequence header's, or the last in-band ones. */
  private current: { sps: Uint8Array; pps: Uint8Array } | null = null;
  private firstPtsUs: number | null = null;
  private lastMs = -1;

  /** Bytes to write for this frame ([] while waiting for the first SPS/PPS + key frame). */
  push(frame: { data: Uint8Array; keyFrame: boolean; ptsUs: number }): Uint8Array {
    const nals = splitNalUnits(frame.data);
    const parts: Uint8Array[] = [];
    const sps = nals.find((n) => nalUnitType(n) === NalType.SPS);
    const pps = nals.find((n) => nalUnitType(n) === NalType.PPS);
    if (!this.started) {
      if (!sps || !pps || !frame.keyFrame) return new Uint8Array(0);
      this.started = true;
      this.current = { sps, pps };
      parts.push(FLV_HEADER, videoTag(0, concatBytes([new Uint8Array([0x17, 0, 0, 0, 0]), avcConfigRecord(sps, pps)])));
    }
    const newConfig = sps !== undefined && pps !== undefined && this.current !== null
      && !(sameBytes(sps, this.current.sps) && sameBytes(pps, this.current.pps));
    if (newConfig) this.current = { sps, pps };
    this.firstPtsUs ??= frame.ptsUs;
    // Timestamps must not go backwards (a server restart resets the encoder's clock).
    const ms = Math.max(this.lastMs + 1, Math.round((frame.ptsUs - this.firstPtsUs) / 1000));
    this.lastMs = ms;
    const payload = nals.filter((n) => {
      const t = nalUnitType(n);
      if (t === NalType.AUD) return false;
      return newConfig || (t !== NalType.SPS && t !== NalType.PPS);
    });
    const body = new Uint8Array(5 + payload.reduce((n, p) => n + 4 + p.length, 0));
    const dv = new DataView(body.buffer);
    body[0] = frame.keyFrame ? 0x17 : 0x27; // key/inter frame, codec 7 (AVC)
    body[1] = 1; // AVC NALU; composition time 0 (no B-frames from MediaCodec's low-latency modes)
    let off = 5;
    for (const p of payload) {
      dv.setUint32(off, p.length);
      body.set(p, off + 4);
      off += 4 + p.length;
    }
    parts.push(videoTag(ms, body));
    return concatBytes(parts);
  }
}
