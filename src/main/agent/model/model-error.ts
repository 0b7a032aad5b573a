import OpenAI from 'openai';
import type { ErrorCode } from '../../../shared/errors';

export interface DescribedModelError {
  code: ErrorCode;
  message: string;
  hint: string;
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turns whatever the openai SDK threw into one of a few cases a user can act on. The base URL
 * is needed for the most common mistake: an OpenAI-compatible server answers 404 when `/v1`
 * is missing from the URL.
 */
export function describeModelError(error: unknown, baseURL: string): DescribedModelError {
  const lacksVersion = !/\/v\d+(\/|$)/.test(safePath(baseURL));
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const detail = error.message.replace(/^\d{3}\s*/, '').slice(0, 300);
    switch (error.status) {
      case 401:
      case 403:
        return { code: 'model_unauthorized', message: `The endpoint refused the API key (${error.status}).`, hint: 'Check the API key in Settings > Model endpoints (it may be missing, mistyped or expired).' };
      case 404:
        if (/model/i.test(detail) && !lacksVersion) {
          return { code: 'model_not_found', message: `The endpoint does not serve this model (${detail}).`, hint: 'Check the model id; "Test connection" lists the models the endpoint serves.' };
        }
        return {
          code: 'model_not_found_url',
          message: `Nothing answers at ${baseURL} (404).`,
          hint: lacksVersion ? `The base URL probably needs /v1 at the end, e.g. ${baseURL.replace(/\/+$/, '')}/v1` : 'Check the base URL: the server answered 404 for its API path.',
        };
      case 408:
        return { code: 'model_timeout', message: 'The endpoint timed out (408).', hint: 'Try again; check the server load.' };
      case 413:
        return { code: 'model_context_too_long', message: 'The request is too large for the endpoint (413).', hint: 'Lower the screenshot size or the history kept.' };
      case 429:
        return { code: 'model_error', message: 'The endpoint is rate limiting requests (429).', hint: 'Wait a little, or check the quota of your plan.' };
      default:
        if (/context|maximum.*tokens|too long/i.test(detail)) {
          return { code: 'model_context_too_long', message: `The conversation is too long for the model: ${detail}`, hint: 'Lower the screenshot size or the history kept.' };
        }
        return { code: 'model_error', message: `The endpoint answered ${error.status}: ${detail}`, hint: error.status >= 500 ? 'The server had a problem; try again or check its logs.' : 'Check the endpoint settings.' };
    }
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError || (error as Error)?.name === 'TimeoutError') {
    return { code: 'model_timeout', message: `No answer from ${baseURL} in time.`, hint: 'Check that the server is running and reachable; a cold model may need longer.' };
  }
  const code = causeCode(error);
  if (code === 'ECONNREFUSED') {
    return { code: 'model_refused', message: `Connection refused at ${baseURL}.`, hint: 'Nothing listens there: start the model server (e.g. vLLM on port 8000) or fix host and port.' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { code: 'model_refused', message: `The host of ${baseURL} cannot be resolved.`, hint: 'Check the host name and your network.' };
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
    return { code: 'model_tls', message: `TLS failed for ${baseURL} (${code}).`, hint: 'The certificate is not trusted, or the server speaks plain http: try http:// for a local server.' };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const inner = (error as { cause?: { message?: string } }).cause?.message ?? error.message;
    if (/certificate|ssl|tls|wrong version number/i.test(inner)) {
      return { code: 'model_tls', message: `TLS failed for ${baseURL}: ${inner}`, hint: 'The certificate is not trusted, or the server speaks plain http: try http:// for a local server.' };
    }
    return { code: 'model_refused', message: `Cannot connect to ${baseURL}: ${inner}`, hint: 'Check that the server is running and the URL is right.' };
  }
  return { code: 'model_error', message: error instanceof Error ? error.message : String(error), hint: 'Check the endpoint settings.' };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
