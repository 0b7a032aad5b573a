import { describe, expect, it } from 'vitest';
import { checkAudio, rms, toPcm16 } from '../../../../src/main/features/voice/audio-checks';
import { VoiceError } from '../../../../src/shared/voice/errors';

const tone = (seconds: number, amplitude: number) =>
  Float32Array.from({ length: Math.round(16000 * seconds) }, (_, i) => amplitude * Math.sin(i / 5));

function codeOf(fn: () => void): string | undefined {
  try { fn(); return undefined; } catch (error) { return (error as VoiceError).voiceCode; }
}

describe('checkAudio', () => {
  it('accepts a second of speech-level audio', () => {
    expect(codeOf(() => checkAudio(tone(1, 0.3)))).toBeUndefined();
  });

  it('refuses under 0.3 s as audio_too_short, with a hint', () => {
    try { checkAudio(tone(0.2, 0.3)); expect.unreachable(); } catch (error) {
      expect(error).toBeInstanceOf(VoiceError);
      expect((error as VoiceError).voiceCode).toBe('audio_too_short');
      expect((error as VoiceError).hint).toMatch(/0\.3 s/);
    }
  });

  it('refuses near-silence as audio_silent and very long clips as audio_too_long', () => {
    expect(codeOf(() => checkAudio(tone(1, 0.001)))).toBe('audio_silent');
    expect(codeOf(() => checkAudio(new Float32Array(16000)))).toBe('audio_silent');
    expect(codeOf(() => checkAudio(tone(3, 0.3), { minSeconds: 0.3, maxSeconds: 2, silenceRms: 0.002 }))).toBe('audio_too_long');
  });

  it('computes RMS', () => {
    expect(rms(Float32Array.from([1, -1, 1, -1]))).toBe(1);
    expect(rms(new Float32Array(0))).toBe(0);
  });
});

describe('toPcm16', () => {
  it('scales and clips to int16', () => {
    expect(Array.from(toPcm16(Float32Array.from([0, 0.5, 1, -1, 2, -2])))).toEqual([0, 16384, 32767, -32768, 32767, -32768]);
  });
});
