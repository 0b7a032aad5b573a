import { VoiceError } from '../../../shared/voice/errors';

// A RIFF/WAVE reader for what microphones, espeak-ng, sox and browsers write: integer PCM
// (8/16/24/32-bit) and IEEE float (32/64-bit), plain or WAVE_FORMAT_EXTENSIBLE. Anything else
// (mu-law, ADPCM...) is refused with `unsupported: true` so the caller can hand it to ffmpeg.

export interface DecodedAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved-free: one Float32Array per channel, samples in [-1, 1]. */
  channelData: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE';
}

export function parseWav(bytes: Uint8Array): DecodedAudio {
  if (!isWav(bytes)) throw badWav('the data does not start with a RIFF/WAVE header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    // Streaming writers (browsers, arecord) leave the data size at 0 or 0xFFFFFFFF: take the rest.
    if (id === 'data' && (size === 0 || body + size > bytes.length)) size = bytes.length - body;
    if (id === 'fmt ') {
      if (size < 16) throw badWav('the fmt chunk is truncated');
      let format = view.getUint16(body, true);
      const bits = view.getUint16(body + 14, true);
      if (format === FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true);
      fmt = { format, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits };
    } else if (id === 'data') {
      if (!fmt) throw badWav('the data chunk comes before the fmt chunk');
      return decodeSamples(view, body, size, fmt);
    }
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  throw badWav(fmt ? 'there is no data chunk' : 'there is no fmt chunk');
}

function decodeSamples(view: DataView, start: number, size: number, fmt: { format: number; channels: number; sampleRate: number; bits: number }): DecodedAudio {
  const { format, channels, sampleRate, bits } = fmt;
  if (channels < 1 || sampleRate < 1000) throw badWav(`it declares ${channels} channel(s) at ${sampleRate} Hz`);
  const read = sampleReader(format, bits);
  if (!read) throw badWav(`sample format ${format} with ${bits} bits is not PCM or float`, true);
  const bytesPerSample = bits / 8;
  const frames = Math.floor(size / (bytesPerSample * channels));
  const channelData = Array.from({ length: channels }, () => new Float32Array(frames));
  let p = start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      channelData[c][i] = read(view, p);
      p += bytesPerSample;
    }
  }
  return { sampleRate, channels, channelData };
}

type Reader = (view: DataView, at: number) => number;

function sampleReader(format: number, bits: number): Reader | undefined {
  if (format === FORMAT_PCM) {
    if (bits === 8) return (v, at) => (v.getUint8(at) - 128) / 128;
    if (bits === 16) return (v, at) => v.getInt16(at, true) / 32768;
    if (bits === 24) return (v, at) => (((v.getUint8(at + 2) << 24) | (v.getUint8(at + 1) << 16) | (v.getUint8(at) << 8)) >> 8) / 8388608;
    if (bits === 32) return (v, at) => v.getInt32(at, true) / 2147483648;
  }
  if (format === FORMAT_FLOAT) {
    if (bits === 32) return (v, at) => v.getFloat32(at, true);
    if (bits === 64) return (v, at) => v.getFloat64(at, true);
  }
  return undefined;
}

/** 16-bit PCM WAV of mono samples: what tests, the bench and debug dumps write. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => { for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i); };
  text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, FORMAT_PCM, true); view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, 'data'); view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), true);
  return bytes;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function badWav(reason: string, unsupported = false): VoiceError {
  return new VoiceError('bad_audio', `Cannot read the WAV file: ${reason}.`,
    unsupported ? 'Convert it to 16-bit PCM, or install ffmpeg so other encodings are converted automatically.' : 'The file is damaged or not a WAV file; record it again.',
    { details: { unsupported } });
}
