import { WHISPER_SAMPLE_RATE } from '../../../shared/voice/types';
import type { DecodedAudio } from './wav';

// Down-mixing and resampling to whisper's 16 kHz mono. Speech energy sits below 4 kHz, so a
// linear interpolator after a moving-average low-pass (width = the decimation ratio) keeps the
// words intact at a fraction of a polyphase filter's cost and code.

export function toMono(channelData: readonly Float32Array[]): Float32Array {
  if (channelData.length === 1) return channelData[0];
  const frames = channelData[0]?.length ?? 0;
  const out = new Float32Array(frames);
  for (const channel of channelData) for (let i = 0; i < frames; i++) out[i] += channel[i];
  for (let i = 0; i < frames; i++) out[i] /= channelData.length;
  return out;
}

export function resample(samples: Float32Array, fromRate: number, toRate = WHISPER_SAMPLE_RATE): Float32Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const ratio = fromRate / toRate;
  const source = ratio > 1 ? lowPass(samples, Math.round(ratio)) : samples;
  const length = Math.max(1, Math.floor(samples.length / ratio));
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const x = i * ratio;
    const i0 = Math.floor(x);
    const i1 = Math.min(i0 + 1, source.length - 1);
    const frac = x - i0;
    out[i] = source[i0] * (1 - frac) + source[i1] * frac;
  }
  return out;
}

function lowPass(samples: Float32Array, width: number): Float32Array {
  if (width < 2) return samples;
  const out = new Float32Array(samples.length);
  const half = Math.floor(width / 2);
  let sum = 0;
  let count = 0;
  // Running sum over the centred window [i - half, i + half].
  for (let j = 0; j <= half && j < samples.length; j++) { sum += samples[j]; count++; }
  for (let i = 0; i < samples.length; i++) {
    out[i] = sum / count;
    const enter = i + half + 1;
    const leave = i - half;
    if (enter < samples.length) { sum += samples[enter]; count++; }
    if (leave >= 0) { sum -= samples[leave]; count--; }
  }
  return out;
}

export function toWhisperPcm(audio: DecodedAudio): Float32Array {
  return resample(toMono(audio.channelData), audio.sampleRate);
}
