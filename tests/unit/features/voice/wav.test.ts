import { describe, expect, it } from 'vitest';
import { encodeWav16, isWav, parseWav } from '../../../../src/main/features/voice/wav';
import { VoiceError } from '../../../../src/shared/voice/errors';

/** A WAV with an arbitrary fmt (format tag, bits, channels) around raw sample bytes. */
function wav(opts: { format: number; bits: number; channels: number; rate: number; data: Uint8Array; extensible?: boolean; extraChunk?: boolean }): Uint8Array {
  const fmtSize = opts.extensible ? 40 : 16;
  const extra = opts.extraChunk ? 8 + 3 + 1 : 0; // an odd-sized LIST chunk plus its pad byte
  const bytes = new Uint8Array(12 + 8 + fmtSize + extra + 8 + opts.data.length);
  const v = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => { bytes[at + i] = c.charCodeAt(0); });
  text(0, 'RIFF'); v.setUint32(4, bytes.length - 8, true); text(8, 'WAVE');
  text(12, 'fmt '); v.setUint32(16, fmtSize, true);
  v.setUint16(20, opts.extensible ? 0xfffe : opts.format, true); v.setUint16(22, opts.channels, true);
  v.setUint32(24, opts.rate, true); v.setUint16(34, opts.bits, true);
  if (opts.extensible) v.setUint16(20 + 24, opts.format, true); // SubFormat's first two bytes
  let at = 20 + fmtSize;
  if (opts.extraChunk) { text(at, 'LIST'); v.setUint32(at + 4, 3, true); at += 12; }
  text(at, 'data'); v.setUint32(at + 4, opts.data.length, true);
  bytes.set(opts.data, at + 8);
  return bytes;
}

describe('parseWav', () => {
  it('reads 16-bit PCM mono written by encodeWav16', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1, -1]);
    const parsed = parseWav(encodeWav16(samples, 22050));
    expect(parsed.sampleRate).toBe(22050);
    expect(parsed.channels).toBe(1);
    expect(Array.from(parsed.channelData[0]).map((x) => Math.round(x * 100) / 100)).toEqual([0, 0.5, -0.5, 1, -1]);
  });

  it('reads interleaved stereo float32 into separate channels, skipping unknown odd-sized chunks', () => {
    const data = new Uint8Array(new Float32Array([0.25, -0.25, 0.75, -0.75]).buffer);
    const parsed = parseWav(wav({ format: 3, bits: 32, channels: 2, rate: 48000, data, extraChunk: true }));
    expect(parsed.channels).toBe(2);
    expect(Array.from(parsed.channelData[0])).toEqual([0.25, 0.75]);
    expect(Array.from(parsed.channelData[1])).toEqual([-0.25, -0.75]);
  });

  it('reads 24-bit PCM inside WAVE_FORMAT_EXTENSIBLE, sign included', () => {
    const data = Uint8Array.from([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]); // +0.5, -0.5
    const parsed = parseWav(wav({ format: 1, bits: 24, channels: 1, rate: 16000, data, extensible: true }));
    expect(Array.from(parsed.channelData[0])).toEqual([0.5, -0.5]);
  });

  it('takes the rest of the file when a streaming writer left the data size at 0', () => {
    const bytes = encodeWav16(Float32Array.from([0.5, 0.5, 0.5]), 16000);
    new DataView(bytes.buffer).setUint32(40, 0, true);
    expect(parseWav(bytes).channelData[0].length).toBe(3);
  });

  it('refuses a non-WAV buffer with a bad_audio error', () => {
    expect(isWav(new TextEncoder().encode('<html>not audio</html>'))).toBe(false);
    expect(() => parseWav(new TextEncoder().encode('<html>not audio</html>'))).toThrowError(VoiceError);
  });

  it('marks mu-law as unsupported so the caller can fall back to ffmpeg', () => {
    try {
      parseWav(wav({ format: 7, bits: 8, channels: 1, rate: 8000, data: new Uint8Array(8) }));
      expect.unreachable();
    } catch (error) {
      expect((error as VoiceError).voiceCode).toBe('bad_audio');
      expect((error as VoiceError).details?.unsupported).toBe(true);
    }
  });

  it('refuses a file without a data chunk', () => {
    const bytes = encodeWav16(new Float32Array(4), 16000).subarray(0, 36);
    expect(() => parseWav(bytes)).toThrow(/no data chunk/);
  });
});
