// The one timed wait of the app. A stopped task, mirror or replay must not sit out a delay, so
// every wait takes the AbortSignal of what it belongs to.

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts (at once if it has). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    if (ms <= 0) { resolve(); return; }
    const onAbort = () => { clearTimeout(timer); reject(signal?.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves after `ms`, or as soon as the signal aborts: for a wait whose caller finishes the job
 * itself on abort (a swipe still lifts its finger, a settle loop checks the signal after).
 */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, signal).catch(() => undefined);
}
