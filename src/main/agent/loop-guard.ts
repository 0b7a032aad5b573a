// Models get stuck tapping the same dead spot. The guard counts identical actions chosen on an
// unchanged screen: at the third it warns (the loop tells the model instead of acting), if the
// model insists it says stop.
import type { AgentAction } from '../../shared/agent/actions';

export type LoopVerdict = 'ok' | 'warn' | 'stop';

export class LoopGuard {
  private lastKey = '';
  private count = 0;
  private warned = false;

  constructor(private readonly limit = 3, private readonly gridPx = 20) {}

  check(action: AgentAction, screenFingerprint: string): LoopVerdict {
    return this.checkKey(actionKey(action, this.gridPx), screenFingerprint);
  }

  /** The same count for an action known by a key (a planner's instruction that found no element). */
  checkKey(actionKey: string, screenFingerprint: string): LoopVerdict {
    const key = `${screenFingerprint}|${actionKey}`;
    if (key === this.lastKey) this.count += 1;
    else { this.lastKey = key; this.count = 1; this.warned = false; }
    if (this.count < this.limit) return 'ok';
    if (!this.warned) { this.warned = true; return 'warn'; }
    return 'stop';
  }
}

/** Nearby taps count as the same action: models jitter by a few pixels when stuck. */
export function actionKey(action: AgentAction, gridPx = 20): string {
  const snap = (v: number) => Math.round(v / gridPx);
  switch (action.type) {
    case 'tap': case 'double_tap': case 'long_press': return `${action.type}:${snap(action.x)},${snap(action.y)}`;
    case 'swipe': return `swipe:${snap(action.x1)},${snap(action.y1)},${snap(action.x2)},${snap(action.y2)}`;
    default: return JSON.stringify(action);
  }
}
