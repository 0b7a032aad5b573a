import { AppError, type ErrorCode } from '../errors';

// Voice failures carry a precise `voiceCode` and a `hint` (what the user can do) in `details`,
// so they survive the ErrorEnvelope round trip and the renderer can pick a message or an action
// (e.g. offer the model download on `model_missing`) without parsing text.

export type VoiceErrorCode =
  | 'model_missing'
  | 'model_load_failed'
  | 'model_invalid'
  | 'audio_too_short'
  | 'audio_too_long'
  | 'audio_silent'
  | 'bad_audio'
  | 'ffmpeg_missing'
  | 'bad_language'
  | 'download_failed'
  | 'checksum_mismatch'
  | 'download_in_progress'
  | 'cancelled'
  | 'worker_failed'
  | 'disposed';

const APP_CODES: Record<VoiceErrorCode, ErrorCode> = {
  model_missing: 'not_found',
  model_load_failed: 'unavailable',
  model_invalid: 'validation',
  audio_too_short: 'validation',
  audio_too_long: 'validation',
  audio_silent: 'validation',
  bad_audio: 'validation',
  ffmpeg_missing: 'unavailable',
  bad_language: 'validation',
  download_failed: 'io',
  checksum_mismatch: 'io',
  download_in_progress: 'conflict',
  cancelled: 'cancelled',
  worker_failed: 'internal',
  disposed: 'unavailable',
};

export class VoiceError extends AppError {
  readonly voiceCode: VoiceErrorCode;
  readonly hint: string;

  constructor(voiceCode: VoiceErrorCode, message: string, hint: string, options: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(APP_CODES[voiceCode], message, { ...options, details: { ...options.details, voiceCode, hint } });
    this.name = 'VoiceError';
    this.voiceCode = voiceCode;
    this.hint = hint;
  }
}

/** The voice code of any error (also one rebuilt from an envelope), or undefined. */
export function voiceErrorCode(error: unknown): VoiceErrorCode | undefined {
  if (error instanceof VoiceError) return error.voiceCode;
  const details = (error as { details?: Record<string, unknown> } | null)?.details;
  const code = details?.voiceCode;
  return typeof code === 'string' && code in APP_CODES ? (code as VoiceErrorCode) : undefined;
}
