import { describe, expect, it } from 'vitest';
import {
  CodecId, encodeCodecMeta, encodeDeviceMeta, encodeMediaHeader, encodeSessionPacket, framingForServerVersion,
  ScrcpyVideoDemuxer, type ScrcpyFraming, type VideoDemuxEvent,
} from '../../../packages/wire/src/scrcpy/video-framing';
import { concatBytes, ScrcpyProtocolError } from '../../../packages/wire/src/bytes';

describe('video framing writers', () => {
  it('writes the 64-byte NUL-padded device name, cut on a UTF-8 boundary', () => {
    const meta = encodeDeviceMeta('Pixel 8');
    expect(meta.length).toBe(64);
    expect([...meta.subarray(0, 8)]).toEqual([0x50, 0x69, 0x78, 0x65, 0x6c, 0x20, 0x38, 0]);
    expect(meta.subarray(7).every((b) => b === 0)).toBe(true);
    // 62 ASCII + 'é' = 64 bytes: only 63 fit, and 'é' must not be cut, so 62 bytes remain.
    const long = encodeDeviceMeta('a'.repeat(62) + 'é');
    expect(long[61]).toBe(0x61);
    expect(long[62]).toBe(0);
  });

  it('writes codec meta per framing', () => {
    expect([...encodeCodecMeta('3', CodecId.H264, 1080, 2400)]).toEqual([
      0x68, 0x32, 0x36, 0x34, 0, 0, 0x04, 0x38, 0, 0, 0x09, 0x60]);
    expect([...encodeCodecMeta('4', CodecId.H264, 1080, 2400)]).toEqual([0x68, 0x32, 0x36, 0x34]);
    expect([...encodeCodecMeta('3', CodecId.DISABLED)]).toEqual([0, 0, 0, 0]);
  });

  it('writes the 4.x session packet', () => {
    expect([...encodeSessionPacket(1080, 2400, true)]).toEqual([0x80, 0, 0, 1, 0, 0, 0x04, 0x38, 0, 0, 0x09, 0x60]);
    expect([...encodeSessionPacket(720, 1600, false)]).toEqual([0x80, 0, 0, 0, 0, 0, 0x02, 0xd0, 0, 0, 0x06, 0x40]);
  });

  it('writes 3.x media headers: bit 63 config, bit 62 key frame, 62-bit PTS', () => {
    expect([...encodeMediaHeader('3', { config: true, keyFrame: false, ptsUs: 0, size: 25 })]).toEqual([
      0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25]);
    expect([...encodeMediaHeader('3', { config: false, keyFrame: true, ptsUs: 0x010203, size: 0x1000 })]).toEqual([
      0x40, 0, 0, 0, 0, 0x01, 0x02, 0x03, 0, 0, 0x10, 0x00]);
  });

  it('writes 4.x media headers: MSB 0, bit 62 config, bit 61 key frame', () => {
    expect([...encodeMediaHeader('4', { config: true, keyFrame: false, ptsUs: 0, size: 25 })]).toEqual([
      0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25]);
    expect([...encodeMediaHeader('4', { config: false, keyFrame: true, ptsUs: 0x010203, size: 7 })]).toEqual([
      0x20, 0, 0, 0, 0, 0x01, 0x02, 0x03, 0, 0, 0, 7]);
  });

  it('maps server versions to framings', () => {
    expect(framingForServerVersion('3.3.4')).toBe('3');
    expect(framingForServerVersion('4.1')).toBe('4');
    expect(() => framingForServerVersion('2.7')).toThrow();
  });
});

const payload = (seed: number, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i) & 0xff);

function buildStream(framing: ScrcpyFraming): { bytes: Uint8Array; events: VideoDemuxEvent[] } {
  const parts: Uint8Array[] = [encodeDeviceMeta('PhonePilot Virtual')];
  const events: VideoDemuxEvent[] = [{ type: 'deviceMeta', name: 'PhonePilot Virtual' }];
  parts.push(encodeCodecMeta(framing, CodecId.H264, 720, 1600));
  events.push(framing === '3'
    ? { type: 'codec', codecId: CodecId.H264, width: 720, height: 1600 }
    : { type: 'codec', codecId: CodecId.H264 });
  const session = (w: number, h: number, r: boolean): void => {
    if (framing !== '4') return;
    parts.push(encodeSessionPacket(w, h, r));
    events.push({ type: 'session', width: w, height: h, clientResized: r });
  };
  const packet = (config: boolean, keyFrame: boolean, ptsUs: number, data: Uint8Array): void => {
    parts.push(encodeMediaHeader(framing, { config, keyFrame, ptsUs, size: data.length }), data);
    events.push({ type: 'packet', config, keyFrame, ptsUs, data });
  };
  session(720, 1600, false);
  packet(true, false, 0, payload(1, 20));
  packet(false, true, 0, payload(2, 40));
  packet(false, false, 33_333, payload(3, 7));
  packet(false, false, 66_666, new Uint8Array(0));
  session(1600, 720, true);
  packet(false, false, 2 ** 40 + 5, payload(4, 13));
  return { bytes: concatBytes(parts), events };
}

describe.each(['3', '4'] as const)('ScrcpyVideoDemuxer (%s.x framing)', (framing) => {
  const { bytes, events } = buildStream(framing);

  it('demuxes a coalesced stream without copying payloads', () => {
    const d = new ScrcpyVideoDemuxer({ framing, deviceMeta: true });
    const out = d.push(bytes);
    expect(out).toEqual(events);
    const pkt = out.find((e) => e.type === 'packet' && e.data.length > 0);
    expect(pkt && pkt.type === 'packet' && pkt.data.buffer).toBe(bytes.buffer);
  });

  it('demuxes the stream split at every byte boundary', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new ScrcpyVideoDemuxer({ framing, deviceMeta: true });
      // slice: separate buffers, as from two socket reads
      const out = [...d.push(bytes.slice(0, cut)), ...d.push(bytes.slice(cut))];
      expect(out).toEqual(events);
    }
  });

  it('demuxes a byte-by-byte stream', () => {
    const d = new ScrcpyVideoDemuxer({ framing, deviceMeta: true });
    const out: VideoDemuxEvent[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...d.push(bytes.slice(i, i + 1)));
    expect(out).toEqual(events);
  });

  it('ends after a disabled codec and rejects more data', () => {
    const d = new ScrcpyVideoDemuxer({ framing });
    expect(d.push(encodeCodecMeta(framing, CodecId.ERROR))).toEqual([{ type: 'codec', codecId: CodecId.ERROR }]);
    expect(d.ended).toBe(true);
    expect(() => d.push(new Uint8Array([1]))).toThrow(ScrcpyProtocolError);
  });
});

it('rejects an absurd packet size (framing lost)', () => {
  const d = new ScrcpyVideoDemuxer({ framing: '3' });
  d.push(encodeCodecMeta('3', CodecId.H264, 1, 1));
  expect(() => d.push(encodeMediaHeader('3', { config: false, keyFrame: false, ptsUs: 0, size: 0xffffffff }))).toThrow(ScrcpyProtocolError);
});
