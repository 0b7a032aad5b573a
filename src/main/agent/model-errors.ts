// Typed model errors for the agent and for settings "Test connection": one classifier turns
// whatever the openai SDK (or our stream reader) threw into a code, a message and a hint the
// user can act on, plus whether retrying can help. The wording of the HTTP/network cases lives
// in model/model-error.ts (describeModelError) so both paths say the same thing.
import OpenAI from 'openai';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { KnownSecrets } from '../../shared/known-secrets';
import { describeModelError } from './model/model-error';

export type ModelErrorCode = Extract<ErrorCode,
  | 'model_refused' | 'model_unauthorized' | 'model_not_found_url' | 'model_not_found'
  | 'model_timeout' | 'model_tls' | 'model_bad_reply' | 'model_context_too_long' | 'model_error' | 'cancelled'>;

export class ModelError extends AppError {
  override readonly code: ModelErrorCode;
  readonly hint: string;
  /** HTTP status when the server answered. */
  readonly status?: number;

  constructor(code: ModelErrorCode, message: string, hint: string, options: { retryable?: boolean; status?: number; cause?: unknown } = {}) {
    super(code, message, { retryable: options.retryable ?? false, details: { hint, ...(options.status ? { status: options.status } : {}) }, cause: options.cause });
    this.name = 'ModelError';
    this.code = code;
    this.hint = hint;
    this.status = options.status;
  }
}

/** Thrown by our stream reader when a reply is unusable (cut off, empty). */
export class BadReplyError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'BadReplyError';
  }
}

/** Marker reason for aborts caused by our own per-request timer. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete reply within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);

/**
 * The same error with every known key removed from what it says (message, hint) and from what
 * it carries (its cause, whose message is the endpoint's body): servers echo the key they were
 * given ("Incorrect API key provided: sk-..."). Unchanged when no key appears.
 */
export function redactModelError(error: ModelError, known: KnownSecrets): ModelError {
  const causeText = error.cause instanceof Error ? error.cause.message : String(error.cause ?? '');
  if (known.size === 0 || ![error.message, error.hint, causeText].some((t) => known.appearsIn(t))) return error;
  return new ModelError(error.code, known.redact(error.message), known.redact(error.hint), {
    retryable: error.retryable, status: error.status, cause: new Error(known.redact(causeText)),
  });
}

/**
 * The public classifier: `classifyModelError(err, baseURL)` -> ModelError with `code`, `message`,
 * `hint`, `retryable`. Idempotent on ModelError. A server's own words are quoted in some messages
 * (a 400's body): redactModelError takes keys out of them.
 */
export function classifyModelError(error: unknown, baseURL: string): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof RequestTimeoutError) {
    return new ModelError('model_timeout', `No complete answer from ${baseURL} within ${Math.round(error.timeoutMs / 1000)} s.`,
      'Check that the server is running and not overloaded; a cold model may need a longer timeout.', { cause: error });
  }
  if (error instanceof BadReplyError) {
    return new ModelError('model_bad_reply', `The model's reply was unusable: ${error.message}.`,
      'The server cut the reply short or sent something unexpected; try again, or check the server logs.', { retryable: error.retryable, cause: error });
  }
  if (error instanceof OpenAI.APIUserAbortError || (error as Error)?.name === 'AbortError') {
    return new ModelError('cancelled', 'The model request was cancelled.', '', { cause: error });
  }
  const status = error instanceof OpenAI.APIError && typeof error.status === 'number' ? error.status : undefined;
  const apiCode = error instanceof OpenAI.APIError && typeof error.code === 'string' ? error.code : undefined;
  if (status === 404 && apiCode === 'model_not_found') {
    return new ModelError('model_not_found', `The endpoint does not serve this model (${error instanceof Error ? error.message.replace(/^\d{3}\s*/, '') : ''}).`,
      'Check the model id; "Test connection" lists the models the endpoint serves.', { status, cause: error });
  }
  if (apiCode !== undefined && CONTEXT_CODES.has(apiCode)) {
    return new ModelError('model_context_too_long', 'The conversation is too long for the model.', 'Lower the screenshot size or the history kept.', { status, cause: error });
  }
  if (status === undefined && isSocketDrop(error)) {
    return new ModelError('model_error', `The connection to ${baseURL} dropped during the reply.`,
      'The server or a proxy closed the connection; check the server logs if this repeats.', { retryable: true, cause: error });
  }
  const described = describeModelError(error, baseURL);
  const code = (described.code as ModelErrorCode);
  return new ModelError(code, described.message, described.hint, { status, retryable: isRetryable(error, status, code), cause: error });
}

/** 429, 5xx and connections dropped after they were established are worth another try. */
function isRetryable(error: unknown, status: number | undefined, code: ModelErrorCode): boolean {
  if (status !== undefined) return status === 429 || status >= 500;
  if (code === 'model_refused' || code === 'model_tls' || code === 'model_timeout') return false;
  return error instanceof OpenAI.APIConnectionError || isSocketDrop(error);
}

function isSocketDrop(error: unknown): boolean {
  let current: unknown = error;
  for (let i = 0; current && i < 5; i++) {
    const c = (current as { code?: unknown }).code;
    const m = (current as { message?: unknown }).message;
    if (c === 'ECONNRESET' || c === 'UND_ERR_SOCKET' || c === 'EPIPE') return true;
    if (typeof m === 'string' && /terminated|socket hang up|other side closed/i.test(m)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
