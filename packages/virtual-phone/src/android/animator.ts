// Runs the settle period after each screen change: ticks ~60 times a second so frameVersion keeps
// moving (intermediate frames), then stops. The timer is unref'd and cleared by dispose().
export type TransitionKind = 'slide' | 'fade';

/**
 * Android's developer-options scales: page transitions follow transition_animation_scale,
 * in-page changes (switches, fades) animator_duration_scale; 0 turns them off. Unparseable or
 * negative values count as 1, like the platform's own fallback.
 */
export type AnimationScale = (kind: TransitionKind) => number;

export class Animator {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private endsAt = 0;
  private durationMs = 0;
  kind: TransitionKind = 'fade';

  constructor(private readonly baseMs: number, private readonly onTick: () => void, private readonly scale: AnimationScale = () => 1) {}

  get active(): boolean { return this.timer !== undefined; }

  /** 0 at the change, 1 when settled. */
  progress(): number {
    if (!this.timer || this.durationMs <= 0) return 1;
    return Math.min(1, (performance.now() - this.startedAt) / this.durationMs);
  }

  start(kind: TransitionKind): void {
    // A slide in progress stays a slide when a small change follows it.
    const next = this.timer && this.kind === 'slide' && this.progress() < 0.5 ? 'slide' : kind;
    const durationMs = this.baseMs * this.scale(next);
    if (durationMs <= 0) {
      // Animations off: the new content shows at once, as on a phone with the scale at 0.
      this.stop();
      return;
    }
    this.kind = next;
    this.durationMs = durationMs;
    this.startedAt = performance.now();
    this.endsAt = this.startedAt + durationMs;
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

/** A scale setting's value as the platform reads it (a float, 1 when missing or invalid). */
export function parseAnimationScale(value: string | null | undefined): number {
  const n = value == null ? Number.NaN : Number.parseFloat(value);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}
