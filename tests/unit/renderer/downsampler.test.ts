import { describe, expect, it } from 'vitest';
import { Downsampler } from '../../../src/renderer/src/audio/downsampler';

function feed(d: { push(b: Float32Array): Array<{ samples: Float32Array; rms: number; peak: number }> }, signal: Float32Array) {
  const out: Array<{ samples: Float32Array; rms: number; peak: number }> = [];
  for (let i = 0; i < signal.length; i += 128) out.push(...d.push(signal.subarray(i, i + 128))); // render quanta
  return out;
}

const sine = (freq: number, rate: number, seconds: number, amp = 0.5) =>
  Float32Array.from({ length: rate * seconds }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

describe('Downsampler', () => {
  it('turns 1 s at 48 kHz into ten 100 ms chunks at 16 kHz with level readings', () => {
    const chunks = feed(new Downsampler(48000, 16000, 1600), sine(300, 48000, 1));
    expect(chunks).toHaveLength(10);
    expect(chunks.every((c) => c.samples.length === 1600)).toBe(true);
    expect(chunks[5].peak).toBeGreaterThan(0.45);
    expect(chunks[5].rms).toBeGreaterThan(0.3);
    expect(chunks[5].rms).toBeLessThan(0.37);
    // The 300 Hz tone survives: 60 zero crossings per 100 ms.
    const s = chunks[5].samples;
    let crossings = 0;
    for (let i = 1; i < s.length; i++) if ((s[i - 1] < 0) !== (s[i] < 0)) crossings++;
    expect(Math.abs(crossings - 60)).toBeLessThanOrEqual(2);
  });

  it('handles 44.1 kHz (a non-integer ratio) and flushes the tail', () => {
    const d = new Downsampler(44100, 16000, 1600);
    const chunks = feed(d, sine(200, 44100, 1));
    const tail = d.flush();
    const total = chunks.reduce((n, c) => n + c.samples.length, 0) + (tail?.samples.length ?? 0);
    expect(Math.abs(total - 16000)).toBeLessThanOrEqual(1);
    expect(d.flush()).toBeNull();
  });

  it('passes 16 kHz through sample for sample', () => {
    const input = sine(100, 16000, 0.1);
    const d = new Downsampler(16000, 16000, 1600);
    const [chunk] = feed(d, input);
    expect(Array.from(chunk.samples)).toEqual(Array.from(input));
  });

});
