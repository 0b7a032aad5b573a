import { describe, expect, it } from 'vitest';
import {
  decodeMirrorMessage, encodeConfigMessage, encodeFrameMessage, MIRROR_HEADER_LENGTH, MirrorStreamError,
  type MirrorConfig, type MirrorFrame,
} from '../../../src/shared/mirror/mirror-stream';

const config: Omit<MirrorConfig, 'type'> = {
  codec: 'avc1.640028', codedWidth: 1080, codedHeight: 2340, screenWidth: 1080, screenHeight: 2400, rotation: 1,
};

describe('mirror stream messages', () => {
  it('round-trips a config, with the exact bytes of the documented layout', () => {
    const buffer = encodeConfigMessage(config);
    const bytes = new Uint8Array(buffer);
    expect(bytes.length).toBe(24 + 11);
    expect([...bytes.subarray(0, 24)]).toEqual([
      1, 1, 1, 11,
      0, 0, 0x04, 0x38, 0, 0, 0x09, 0x24, 0, 0, 0x04, 0x38, 0, 0, 0x09, 0x60,
      0, 0, 0, 0,
    ]);
    expect(new TextDecoder().decode(bytes.subarray(24))).toBe('avc1.640028');
    expect(decodeMirrorMessage(buffer)).toEqual({ type: 'config', ...config });
  });

  it('keeps an unknown rotation as null', () => {
    const decoded = decodeMirrorMessage(encodeConfigMessage({ ...config, rotation: null })) as MirrorConfig;
    expect(new Uint8Array(encodeConfigMessage({ ...config, rotation: null }))[2]).toBe(0xff);
    expect(decoded.rotation).toBeNull();
  });

  it('round-trips a frame; the data is a view into the message, not a copy', () => {
    const data = new Uint8Array([0, 0, 0, 1, 0x65, 0x88, 0x84, 0x00, 0x33]);
    const ptsUs = 2 ** 40 + 123_456; // needs the high word
    const buffer = encodeFrameMessage({ keyFrame: true, ptsUs, receivedAtMs: 1234.5678, data });
    const bytes = new Uint8Array(buffer);
    expect([...bytes.subarray(0, 4)]).toEqual([2, 1, 1, 0]);
    expect(new DataView(buffer).getUint32(4)).toBe(256);
    const frame = decodeMirrorMessage(buffer) as MirrorFrame;
    expect(frame).toEqual({ type: 'frame', keyFrame: true, ptsUs, receivedAtMs: 1234.5678, data });
    expect(frame.data.buffer).toBe(buffer);
    expect(frame.data.byteOffset).toBe(MIRROR_HEADER_LENGTH);
  });

  it('decodes from a Uint8Array window into a larger buffer', () => {
    const inner = new Uint8Array(encodeFrameMessage({ keyFrame: false, ptsUs: 33_333, receivedAtMs: 5, data: new Uint8Array([0, 0, 1, 0x41, 7]) }));
    const outer = new Uint8Array(inner.length + 10);
    outer.set(inner, 7);
    const frame = decodeMirrorMessage(outer.subarray(7, 7 + inner.length)) as MirrorFrame;
    expect(frame.keyFrame).toBe(false);
    expect(frame.ptsUs).toBe(33_333);
    expect([...frame.data]).toEqual([0, 0, 1, 0x41, 7]);
  });

  it('rejects malformed messages with a clear error', () => {
    const frame = new Uint8Array(encodeFrameMessage({ keyFrame: false, ptsUs: 1, receivedAtMs: 0, data: new Uint8Array([1]) }));
    const cfg = new Uint8Array(encodeConfigMessage(config));
    const mutate = (src: Uint8Array, at: number, value: number): Uint8Array => {
      const copy = src.slice();
      copy[at] = value;
      return copy;
    };
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(5), /shorter than the 24-byte header/],
      [mutate(frame, 0, 9), /unknown message type 9/],
      [mutate(frame, 1, 2), /unsupported version 2/],
      [mutate(frame, 2, 0x81), /unknown frame flags 0x81/],
      [frame.subarray(0, 24), /frame without data/],
      [cfg.subarray(0, cfg.length - 1), /expected 35 for a 11-char codec/],
      [mutate(cfg, 3, 0), /without a codec string/],
      [mutate(cfg, 2, 7), /invalid rotation 7/],
      [mutate(cfg, 24, 0x0a), /not printable ASCII/],
      [mutate(mutate(cfg, 6, 0), 7, 0), /empty video size 0x2340/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeMirrorMessage(bytes)).toThrow(MirrorStreamError);
      expect(() => decodeMirrorMessage(bytes)).toThrow(message);
    }
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeConfigMessage({ ...config, codec: 'avc1 42' })).toThrow(/invalid codec string/);
    expect(() => encodeConfigMessage({ ...config, codedWidth: -1 })).toThrow(/codedWidth must be a u32/);
    expect(() => encodeConfigMessage({ ...config, rotation: 4 })).toThrow(/rotation must be 0..3/);
    expect(() => encodeFrameMessage({ keyFrame: true, ptsUs: 0, receivedAtMs: 0, data: new Uint8Array(0) })).toThrow(/empty access unit/);
    expect(() => encodeFrameMessage({ keyFrame: true, ptsUs: -5, receivedAtMs: 0, data: new Uint8Array(1) })).toThrow(/invalid pts/);
  });
});
