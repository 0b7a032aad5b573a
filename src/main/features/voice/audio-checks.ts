import { VoiceError } from '../../../shared/voice/errors';
import { WHISPER_SAMPLE_RATE } from '../../../shared/voice/types';

export interface AudioLimits {
  /** Shorter clips are refused: whisper hallucinates on a fraction of a word. Default 0.3 s. */
  minSeconds: number;
  /** Longer clips are refused rather than silently cut. Default 300 s. */
  maxSeconds: number;
  /** RMS below this (about -54 dBFS by default) counts as silence: a muted or dead mic. */
  silenceRms: number;
}

export const DEFAULT_AUDIO_LIMITS: AudioLimits = { minSeconds: 0.3, maxSeconds: 300, silenceRms: 0.002 };

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Throws the VoiceError that explains why 16 kHz mono `samples` are not worth transcribing. */
export function checkAudio(samples: Float32Array, limits: AudioLimits = DEFAULT_AUDIO_LIMITS): void {
  const seconds = samples.length / WHISPER_SAMPLE_RATE;
  if (seconds < limits.minSeconds) {
    throw new VoiceError('audio_too_short', `The recording is too short (${seconds.toFixed(2)} s).`,
      `Hold the talk key while you speak; at least ${limits.minSeconds} s is needed.`, { details: { seconds } });
  }
  if (seconds > limits.maxSeconds) {
    throw new VoiceError('audio_too_long', `The recording is too long (${Math.round(seconds)} s).`,
      `Keep it under ${limits.maxSeconds} s, or split it.`, { details: { seconds } });
  }
  const level = rms(samples);
  if (level < limits.silenceRms) {
    throw new VoiceError('audio_silent', 'The recording is silent.',
      'Check that the right microphone is selected and not muted, then speak closer to it.', { details: { rms: level } });
  }
}

/** whisper.node's transcribeData takes little-endian 16-bit PCM. */
export function toPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    out[i] = s >= 1 ? 32767 : s <= -1 ? -32768 : Math.round(s * 32767);
  }
  return out;
}
