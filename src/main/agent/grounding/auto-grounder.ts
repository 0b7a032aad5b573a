// Auto (the default): the accessibility tree first, a vision model when the tree gives no clear
// answer (nothing or several match, a confidence below the bar, no tree at all: WebViews,
// Flutter, games). A vision point that falls inside one of the tree's candidates picks that
// candidate, with the tree's exact box; one that does not is taken as the vision model said it.
// A vision endpoint that fails leaves the tree's answer standing, with the reason attached.
import { center, containsPoint, type UiBounds } from '../../../shared/ui-tree';
import type { AccessibilityGrounder } from './accessibility-grounder';
import type { Grounder, GroundingCandidate, GroundingRequest, GroundingResult } from './types';
import type { VisionGrounder } from './vision-grounder';

export interface AutoGrounderOptions {
  /** Accessibility answers at or above this are taken without asking the vision model (default 0.8). */
  confirmBelow?: number;
}

/** How sure a tree candidate is once a vision point landed on it. */
const CONFIRMED = 0.9;

export class AutoGrounder implements Grounder {
  readonly id = 'auto' as const;

  constructor(private readonly a11y: AccessibilityGrounder, private readonly vision: VisionGrounder | undefined, private readonly options: AutoGrounderOptions = {}) {}

  async ground(request: GroundingRequest): Promise<GroundingResult> {
    const started = performance.now();
    const tree = await this.a11y.ground(request);
    if ((tree.status === 'found' && tree.confidence >= (this.options.confirmBelow ?? 0.8)) || !this.vision) return tree;
    let seen: GroundingResult;
    try {
      seen = await this.vision.ground(request);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const why = `the vision model could not be asked (${(error as Error).message})`;
      return { ...tree, message: tree.message ? `${tree.message} And ${why}.` : `Found in the accessibility tree; ${why}.` };
    }
    const timings = { ...tree.timings, visionMs: seen.timings.visionMs, totalMs: round(performance.now() - started) };
    const exchanges = seen.exchanges;
    if (seen.status !== 'found' || !seen.point) {
      // Neither is sure: keep the tree's answer (it may still be "found" at a low confidence).
      return { ...tree, timings, exchanges, message: [tree.message, seen.message].filter(Boolean).join(' ') || undefined };
    }
    const hit = smallestContaining(tree.candidates, seen.point.x, seen.point.y);
    if (hit) {
      return {
        status: 'found', grounder: 'accessibility', confirmedBy: 'vision', point: center(hit.box), box: hit.box,
        ...(hit.element !== undefined ? { element: hit.element } : {}),
        confidence: Math.max(hit.score, CONFIRMED), candidates: tree.candidates, timings, exchanges,
      };
    }
    return { ...seen, candidates: [...seen.candidates, ...tree.candidates], timings, exchanges };
  }
}

function smallestContaining(candidates: GroundingCandidate[], x: number, y: number): GroundingCandidate | undefined {
  const area = (b: UiBounds) => (b[2] - b[0]) * (b[3] - b[1]);
  return candidates.filter((c) => containsPoint(c.box, x, y)).sort((a, b) => area(a.box) - area(b.box))[0];
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
