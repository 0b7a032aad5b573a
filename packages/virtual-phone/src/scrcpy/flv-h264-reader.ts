// Reads H.264 out of an FLV byte stream (ffmpeg's output). FLV frames every packet with its
// size, so a frame is known complete the moment its tag is, unlike raw Annex-B where the end of
// a frame is only known when the next one starts (one frame of extra latency).
import { joinNalUnits } from '#wire';

export interface FlvVideoPacket {
  /** SPS/PPS in Annex-B (from the AVC sequence header). */
  config: boolean;
  keyFrame: boolean;
  timestampMs: number;
  /** Annex-B bytes. */
  data: Uint8Array;
}

const FLV_HEADER_MIN = 9;
const TAG_HEADER = 11;
const TAG_VIDEO = 9;

export class FlvH264Reader {
  private buf: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private nalLengthSize = 4;

  push(chunk: Buffer): FlvVideoPacket[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: FlvVideoPacket[] = [];
    let off = 0;
    if (!this.headerDone) {
      if (this.buf.length < FLV_HEADER_MIN + 4) return out;
      if (this.buf.toString('latin1', 0, 3) !== 'FLV') throw new Error('not an FLV stream');
      off = this.buf.readUInt32BE(5) + 4; // header, then PreviousTagSize0
      this.headerDone = true;
    }
    for (;;) {
      if (this.buf.length - off < TAG_HEADER) break;
      const type = this.buf[off] & 0x1f;
      const size = this.buf.readUIntBE(off + 1, 3);
      const total = TAG_HEADER + size + 4;
      if (this.buf.length - off < total) break;
      const timestampMs = this.buf.readUIntBE(off + 4, 3) | (this.buf[off + 7] << 24);
      if (type === TAG_VIDEO) {
        const packet = this.parseVideo(this.buf.subarray(off + TAG_HEADER, off + TAG_HEADER + size), timestampMs);
        if (packet) out.push(packet);
      }
      off += total;
    }
    this.buf = off >= this.buf.length ? Buffer.alloc(0) : Buffer.from(this.buf.subarray(off));
    return out;
  }

  private parseVideo(body: Buffer, timestampMs: number): FlvVideoPacket | null {
    if (body.length < 5) return null;
    const frameType = body[0] >> 4;
    const codecId = body[0] & 0x0f;
    if (codecId !== 7) throw new Error(`FLV video codec ${codecId} is not AVC`);
    const packetType = body[1];
    const payload = body.subarray(5);
    if (packetType === 0) {
      return { config: true, keyFrame: false, timestampMs: 0, data: this.parseAvcC(payload) };
    }
    if (packetType !== 1) return null;
    const nals: Uint8Array[] = [];
    for (let p = 0; p + this.nalLengthSize <= payload.length;) {
      const len = payload.readUIntBE(p, this.nalLengthSize);
      p += this.nalLengthSize;
      nals.push(payload.subarray(p, p + len));
      p += len;
    }
    return { config: false, keyFrame: frameType === 1, timestampMs, data: joinNalUnits(nals) };
  }

  private parseAvcC(rec: Buffer): Uint8Array {
    this.nalLengthSize = (rec[4] & 3) + 1;
    const nals: Uint8Array[] = [];
    let p = 5;
    const numSps = rec[p++] & 0x1f;
    for (let i = 0; i < numSps; i++) {
      const len = rec.readUInt16BE(p);
      nals.push(rec.subarray(p + 2, p + 2 + len));
      p += 2 + len;
    }
    const numPps = rec[p++];
    for (let i = 0; i < numPps; i++) {
      const len = rec.readUInt16BE(p);
      nals.push(rec.subarray(p + 2, p + 2 + len));
      p += 2 + len;
    }
    return joinNalUnits(nals);
  }
}
