import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep, sleepUnlessAborted } from '../../../src/shared/sleep';

describe('sleep', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('resolves after the delay and leaves no listener on the signal', async () => {
    const controller = new AbortController();
    let done = false;
    const wait = sleep(100, controller.signal).then(() => { done = true; });
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(done).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("rejects with the signal's reason when it aborts, and at once when it already has", async () => {
    const controller = new AbortController();
    const wait = sleep(10_000, controller.signal);
    const reason = new Error('stopped by the user');
    controller.abort(reason);
    await expect(wait).rejects.toBe(reason);
    await expect(sleep(0, controller.signal)).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleepUnlessAborted resolves early instead, for callers that finish the job themselves', async () => {
    const controller = new AbortController();
    const wait = sleepUnlessAborted(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(wait).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
