// Pausing between steps: the loop awaits the gate before taking a screenshot and before acting,
// so a paused run never touches the phone; an abort releases a waiting loop at once.
export class PauseGate {
  private paused = false;
  private waiters: Array<() => void> = [];

  get isPaused(): boolean { return this.paused; }

  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves immediately when not paused, else when resumed; rejects with the signal's reason on abort. */
  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(signal.reason);
      };
      const done = () => { signal.removeEventListener('abort', onAbort); resolve(); };
      this.waiters.push(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** For leak tests: nobody should be left waiting after a run ends. */
  get waiting(): number { return this.waiters.length; }
}
