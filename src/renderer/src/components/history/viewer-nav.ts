// The trace viewer's navigation, pure so it is tested without a browser: which step a key
// goes to, and how long the slideshow shows a step at 1x/2x/4x.
import type { StepViewWire } from '../../../../shared/contract';

export type SlideSpeed = 1 | 2 | 4;

/** The step index a key moves to, or null when the key is not a navigation key. */
export function navigate(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowLeft': return Math.max(0, index - 1);
    case 'ArrowRight': return Math.min(count - 1, index + 1);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

/** Shortest and longest time a slide stays at 1x: recorded pacing, without minutes of model time. */
const MIN_SLIDE_MS = 600;
const MAX_SLIDE_MS = 4_000;

/** How long the slideshow shows a step: its recorded duration, clamped, divided by the speed. */
export function slideDelay(step: Pick<StepViewWire, 'timings'>, speed: SlideSpeed): number {
  const recorded = step.timings.stepMs ?? 1_000;
  return Math.min(MAX_SLIDE_MS, Math.max(MIN_SLIDE_MS, recorded)) / speed;
}
