import { describe, expect, it } from 'vitest';
import { resample, toMono } from '../../../../src/main/features/voice/resample';

function sine(freq: number, rate: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * freq * i) / rate));
}

function zeroCrossings(samples: Float32Array): number {
  let n = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1] < 0) !== (samples[i] < 0)) n++;
  return n;
}

describe('resample', () => {
  it('turns 1 s at 48 kHz into 1 s at 16 kHz and keeps a 440 Hz tone at 440 Hz', () => {
    const out = resample(sine(440, 48000, 1), 48000);
    expect(out.length).toBe(16000);
    expect(Math.abs(zeroCrossings(out) - 880)).toBeLessThanOrEqual(2);
  });

  it('upsamples 8 kHz telephone audio', () => {
    const out = resample(sine(300, 8000, 0.5), 8000);
    expect(out.length).toBe(8000);
    expect(Math.abs(zeroCrossings(out) - 300)).toBeLessThanOrEqual(2);
  });

  it('returns 16 kHz input unchanged', () => {
    const input = sine(100, 16000, 0.1);
    expect(resample(input, 16000)).toBe(input);
  });
});

describe('toMono', () => {
  it('averages channels', () => {
    expect(Array.from(toMono([Float32Array.from([1, 0.5]), Float32Array.from([0, -0.5])]))).toEqual([0.5, 0]);
  });
});
