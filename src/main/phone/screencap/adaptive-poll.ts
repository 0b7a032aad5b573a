// Runs one async task over and over, never two at once, at an interval that adapts: short
// while the result keeps changing and right after input (the screen is about to change), longer
// and longer while it stays the same, and backing off on errors. The screencap mirror polls
// the phone's screen with it.

export type PollOutcome = 'changed' | 'same';

export interface PollTiming {
  /** Delay after a poll that saw a change (and the shortest delay at all). */
  minMs: number;
  /** Longest delay while nothing changes. */
  maxMs: number;
  /** Each unchanged poll multiplies the delay by this. */
  growth: number;
  /** Delay for the poll after input. */
  afterInputMs: number;
  /** First delay after an error; doubles on each further error up to errorMaxMs. */
  errorMinMs: number;
  errorMaxMs: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  minMs: 100, maxMs: 1500, growth: 1.5, afterInputMs: 40, errorMinMs: 500, errorMaxMs: 10_000,
};

/** Where the scheduler stands between polls (pure data: the unit tests walk it). */
export interface PollPace {
  /** Delay used after the last unchanged or changed poll. */
  delayMs: number;
  /** Consecutive errors so far. */
  errors: number;
}

export function initialPace(timing: PollTiming): PollPace {
  return { delayMs: timing.minMs, errors: 0 };
}

/** The pace after a poll, and the delay until the next one. */
export function nextPace(pace: PollPace, outcome: PollOutcome | 'error', timing: PollTiming): { pace: PollPace; delayMs: number } {
  if (outcome === 'error') {
    const errors = pace.errors + 1;
    return { pace: { ...pace, errors }, delayMs: Math.min(timing.errorMaxMs, timing.errorMinMs * 2 ** (errors - 1)) };
  }
  const delayMs = outcome === 'changed' ? timing.minMs : Math.min(timing.maxMs, Math.round(pace.delayMs * timing.growth));
  return { pace: { delayMs, errors: 0 }, delayMs };
}

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: TimerApi = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AdaptivePollerOptions {
  /** One poll; its signal aborts when the poller stops. */
  task(signal: AbortSignal): Promise<PollOutcome>;
  onError?(error: unknown, consecutive: number): void;
  timing?: Partial<PollTiming>;
  timers?: TimerApi;
}

export class AdaptivePoller {
  private readonly timing: PollTiming;
  private readonly timers: TimerApi;
  private pace: PollPace;
  private timer: unknown = null;
  /** When the pending timer fires (timers' clock is not ours to read: kept as a delay). */
  private pendingDelayMs = 0;
  private inFlight: Promise<void> | null = null;
  private inputDuringPoll = false;
  private readonly abort = new AbortController();
  private started = false;
  polls = 0;

  constructor(private readonly options: AdaptivePollerOptions) {
    this.timing = { ...DEFAULT_POLL_TIMING, ...options.timing };
    this.timers = options.timers ?? realTimers;
    this.pace = initialPace(this.timing);
  }

  get running(): boolean {
    return this.started && !this.abort.signal.aborted;
  }

  /** True while a timer is pending (the leak tests check none is left after stop()). */
  get scheduled(): boolean {
    return this.timer !== null;
  }

  /** Delay of the pending timer, or null. */
  get nextDelayMs(): number | null {
    return this.timer === null ? null : this.pendingDelayMs;
  }

  /** Starts polling: the first poll runs after `firstDelayMs` (default: at once). */
  start(firstDelayMs = 0): void {
    if (this.started) return;
    this.started = true;
    this.schedule(firstDelayMs);
  }

  /** Input went to the device: poll soon (after the running poll, never alongside it). */
  nudge(): void {
    if (!this.running) return;
    // Errors keep their back-off: clicking at a phone that does not answer must not hammer it.
    if (this.pace.errors > 0) return;
    this.pace = initialPace(this.timing);
    if (this.inFlight) {
      this.inputDuringPoll = true;
      return;
    }
    if (this.timer === null || this.pendingDelayMs > this.timing.afterInputMs) this.schedule(this.timing.afterInputMs);
  }

  /** Stops: no further polls; resolves once the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('polling stopped'));
    this.clearTimer();
    await this.inFlight;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (!this.running) return;
    this.pendingDelayMs = delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.inFlight = this.poll().finally(() => { this.inFlight = null; this.afterPoll(); });
    }, delayMs);
  }

  private lastDelayMs = 0;

  private async poll(): Promise<void> {
    this.polls++;
    let outcome: PollOutcome | 'error';
    try {
      outcome = await this.options.task(this.abort.signal);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      outcome = 'error';
      const next = nextPace(this.pace, outcome, this.timing);
      this.pace = next.pace;
      this.lastDelayMs = next.delayMs;
      this.options.onError?.(error, this.pace.errors);
      return;
    }
    const next = nextPace(this.pace, outcome, this.timing);
    this.pace = next.pace;
    this.lastDelayMs = next.delayMs;
  }

  private afterPoll(): void {
    if (!this.running) return;
    let delay = this.lastDelayMs;
    if (this.inputDuringPoll) {
      this.inputDuringPoll = false;
      delay = Math.min(delay, this.timing.afterInputMs);
    }
    this.schedule(delay);
  }
}
