import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdaptivePoller, DEFAULT_POLL_TIMING, initialPace, nextPace, type PollOutcome, type PollTiming } from '../../../../src/main/phone/screencap/adaptive-poll';

const timing: PollTiming = { minMs: 100, maxMs: 1000, growth: 2, afterInputMs: 30, errorMinMs: 500, errorMaxMs: 4000 };

describe('nextPace', () => {
  it('slows down while the screen stays the same, up to the maximum', () => {
    let pace = initialPace(timing);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = nextPace(pace, 'same', timing);
      pace = next.pace;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([200, 400, 800, 1000, 1000, 1000]);
  });

  it('goes back to the fastest pace as soon as the screen changes', () => {
    let pace = initialPace(timing);
    for (let i = 0; i < 4; i++) pace = nextPace(pace, 'same', timing).pace;
    expect(nextPace(pace, 'changed', timing).delayMs).toBe(100);
  });

  it('backs off exponentially on errors and recovers on success', () => {
    let pace = initialPace(timing);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = nextPace(pace, 'error', timing);
      pace = next.pace;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    const ok = nextPace(pace, 'changed', timing);
    expect(ok.pace.errors).toBe(0);
    expect(ok.delayMs).toBe(100);
  });

  it('has sane defaults', () => {
    expect(DEFAULT_POLL_TIMING.afterInputMs).toBeLessThan(DEFAULT_POLL_TIMING.minMs);
    expect(DEFAULT_POLL_TIMING.maxMs).toBeGreaterThan(DEFAULT_POLL_TIMING.minMs);
  });
});

describe('AdaptivePoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A task whose polls the test finishes by hand. */
  function controlledTask() {
    const pending: Array<{ resolve(o: PollOutcome): void; reject(e: Error): void; signal: AbortSignal }> = [];
    let running = 0;
    let maxRunning = 0;
    const task = (signal: AbortSignal) => new Promise<PollOutcome>((resolve, reject) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const done = () => { running--; };
      pending.push({ resolve: (o) => { done(); resolve(o); }, reject: (e) => { done(); reject(e); }, signal });
    });
    return { task, pending, maxRunning: () => maxRunning };
  }

  it('never runs two polls at once, even when nudged during a poll', async () => {
    const c = controlledTask();
    const poller = new AdaptivePoller({ task: c.task, timing });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.pending).toHaveLength(1);
    poller.nudge();
    poller.nudge();
    await vi.advanceTimersByTimeAsync(5000);
    expect(c.pending).toHaveLength(1);
    expect(poller.scheduled).toBe(false);
    c.pending[0].resolve('same');
    await vi.advanceTimersByTimeAsync(0);
    // Input came during the poll: the next one is the after-input one, not the slowed-down one.
    expect(poller.nextDelayMs).toBe(30);
    await vi.advanceTimersByTimeAsync(30);
    expect(c.pending).toHaveLength(2);
    expect(c.maxRunning()).toBe(1);
    c.pending[1].resolve('same');
    await poller.stop();
  });

  it('adapts the delay: slower while unchanged, fast after input, backs off on errors', async () => {
    const c = controlledTask();
    const errors: number[] = [];
    const poller = new AdaptivePoller({ task: c.task, timing, onError: (_e, n) => errors.push(n) });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    c.pending[0].resolve('same');
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.nextDelayMs).toBe(200);
    // Input while waiting: the pending poll moves up.
    poller.nudge();
    expect(poller.nextDelayMs).toBe(30);
    await vi.advanceTimersByTimeAsync(30);
    c.pending[1].resolve('changed');
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.nextDelayMs).toBe(100);
    await vi.advanceTimersByTimeAsync(100);
    c.pending[2].reject(new Error('device offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([1]);
    expect(poller.nextDelayMs).toBe(500);
    // While failing, input does not cut the back-off short.
    poller.nudge();
    expect(poller.nextDelayMs).toBe(500);
    await vi.advanceTimersByTimeAsync(500);
    c.pending[3].reject(new Error('device offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.nextDelayMs).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000);
    c.pending[4].resolve('changed');
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.nextDelayMs).toBe(100);
    expect(poller.polls).toBe(5);
    await poller.stop();
  });

  it('stop() waits for the running poll, aborts it, and leaves no timer behind (no leak)', async () => {
    const c = controlledTask();
    const poller = new AdaptivePoller({ task: c.task, timing });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = poller.stop().then(() => { stopped = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(c.pending[0].signal.aborted).toBe(true);
    expect(stopped).toBe(false);
    c.pending[0].reject(new Error('aborted'));
    await stopping;
    expect(poller.running).toBe(false);
    expect(poller.scheduled).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    // Nothing starts it again.
    poller.nudge();
    poller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(c.pending).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() between polls clears the pending timer', async () => {
    const c = controlledTask();
    const poller = new AdaptivePoller({ task: c.task, timing });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    c.pending[0].resolve('same');
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    await poller.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(c.pending).toHaveLength(1);
  });
});
