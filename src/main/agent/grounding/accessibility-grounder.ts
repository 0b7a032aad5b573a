// The accessibility grounder: the phone's UI tree (read once per screen) and matchTarget. Fast
// (milliseconds once the tree is there), exact boxes, works in any language the screen speaks;
// blind where the tree is (WebViews drawn as one node, games, Flutter without semantics).
import { parseTarget } from './target-query';
import { matchTarget } from './match-target';
import type { AccessibilityGrounderOptions, Grounder, GroundingRequest, GroundingResult } from './types';

export class AccessibilityGrounder implements Grounder {
  readonly id = 'accessibility' as const;

  constructor(private readonly options: AccessibilityGrounderOptions) {}

  async ground(request: GroundingRequest): Promise<GroundingResult> {
    const started = performance.now();
    let reading;
    try {
      reading = await this.options.tree.read({ fingerprint: request.fingerprint, signal: request.signal });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      return {
        status: 'not_found', grounder: 'accessibility', confidence: 0, candidates: [],
        message: `The screen's accessibility tree is not available (${(error as Error).message}).`,
        timings: { totalMs: performance.now() - started },
      };
    }
    const matchStarted = performance.now();
    const screen = { width: request.capture.width, height: request.capture.height };
    const outcome = reading.tree.elements.length === 0
      ? { status: 'not_found' as const, confidence: 0, candidates: [], message: 'The screen has no accessibility tree (a game, a video or a custom-drawn view).' }
      : matchTarget(reading.tree, parseTarget(request.target, request.hint), request.purpose, screen, { minConfidence: this.options.minConfidence, keep: this.options.keep });
    const done = performance.now();
    return {
      ...outcome, grounder: 'accessibility',
      timings: { treeMs: round(matchStarted - started), treeCached: reading.cached, matchMs: round(done - matchStarted), totalMs: round(done - started) },
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
