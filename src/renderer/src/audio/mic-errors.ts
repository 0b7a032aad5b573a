// Microphone failures as the push-to-talk UI explains them. getUserMedia reports them as
// DOMException names, which differ slightly between Chromium versions.

export type MicErrorCode = 'mic_permission_denied' | 'no_input_device' | 'mic_busy' | 'mic_unsupported';

export class MicError extends Error {
  constructor(readonly code: MicErrorCode, message: string, readonly hint: string) {
    super(message);
    this.name = 'MicError';
  }
}

export function micErrorFrom(error: unknown): MicError {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new MicError('mic_permission_denied', 'Microphone access was denied.',
      'Allow microphone access for PhonePilot in the system privacy settings (or the browser\'s site settings), then try again.');
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return new MicError('no_input_device', 'No microphone was found.', 'Connect a microphone or headset, then try again.');
  }
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') {
    return new MicError('mic_busy', 'The microphone could not be started.', 'Another application may be using it; close it and try again.');
  }
  return new MicError('mic_unsupported', `Recording is not available: ${(error as Error)?.message ?? String(error)}`,
    'Use a current Chromium-based browser or the desktop app.');
}
