// Runs the settle period after each screen change: ticks ~60 times a second so frameVersion keeps
// moving (intermediate frames), then stops. The timer is unref'd and cleared by dispose().
export type TransitionKind = 'slide' | 'fade';

export class Animator {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private endsAt = 0;
  kind: TransitionKind = 'fade';

  constructor(private readonly durationMs: number, private readonly onTick: () => void) {}

  get active(): boolean { return this.timer !== undefined; }

  /** 0 at the change, 1 when settled. */
  progress(): number {
    if (!this.timer || this.durationMs <= 0) return 1;
    return Math.min(1, (performance.now() - this.startedAt) / this.durationMs);
  }

  start(kind: TransitionKind): void {
    if (this.durationMs <= 0) return;
    // A slide in progress stays a slide when a small change follows it.
    this.kind = this.timer && this.kind === 'slide' && this.progress() < 0.5 ? 'slide' : kind;
    this.startedAt = performance.now();
    this.endsAt = this.startedAt + this.durationMs;
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 16);
    this.timer.unref();
  }

  private tick(): void {
    if (performance.now() >= this.endsAt) this.stop();
    this.onTick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
