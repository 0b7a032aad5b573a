// Errors cross process and network boundaries as plain envelopes and are rebuilt on the other
// side, so a renderer can branch on `code` exactly as main would.

export type ErrorCode =
  | 'validation'        // a payload or result failed its schema
  | 'unknown_channel'
  | 'forbidden'         // wrong sender, token or origin
  | 'not_found'
  | 'conflict'
  | 'io'
  | 'disk_full'
  | 'timeout'
  | 'cancelled'
  | 'unavailable'       // a required tool or service is missing
  | 'model_refused' | 'model_unauthorized' | 'model_not_found_url' | 'model_not_found'
  | 'model_timeout' | 'model_tls' | 'model_bad_reply' | 'model_context_too_long' | 'model_error'
  | 'device_unauthorized' | 'device_offline' | 'device_gone' | 'adb_unavailable'
  | 'internal';

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toEnvelope(): ErrorEnvelope {
    return { code: this.code, message: this.message, retryable: this.retryable, ...(this.details ? { details: this.details } : {}) };
  }

  static fromEnvelope(envelope: ErrorEnvelope): AppError {
    return new AppError(envelope.code, envelope.message, { retryable: envelope.retryable, details: envelope.details });
  }
}

/** Any thrown value as an envelope; unexpected errors keep their message but not their stack. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof AppError) return error.toEnvelope();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, retryable: false };
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorEnvelope };
