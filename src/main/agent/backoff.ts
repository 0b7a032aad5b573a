// Bounded exponential backoff (the wait itself is src/shared/sleep.ts: a stopped task must not
// sit out a retry delay).

export interface BackoffOptions { baseMs: number; maxMs: number }

/** Delay before retry number `retry` (1-based): base, 2*base, 4*base... capped. */
export function backoffDelay(retry: number, options: BackoffOptions, retryAfterMs?: number): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  // A server's Retry-After wins when it asks for longer, within the same cap.
  return retryAfterMs !== undefined ? Math.min(options.maxMs, Math.max(exp, retryAfterMs)) : exp;
}

/** Retry-After (seconds or HTTP date) in ms, if the error carries response headers. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: Headers | Record<string, string> })?.headers;
  if (!headers) return undefined;
  const v = typeof (headers as Headers).get === 'function' ? (headers as Headers).get('retry-after') : (headers as Record<string, string>)['retry-after'];
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
