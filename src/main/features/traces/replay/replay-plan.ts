// Which recorded steps a replay performs, in order. Only actions that were executed on the
// phone and succeeded are replayed: bookkeeping (note, call_api), the user-facing ones
// (take_over, interact: the user's own taps were never recorded, so the screen check of the
// next step decides whether the replay can go on), finish, and steps that failed or were
// denied change nothing and are left out.
import type { AgentAction } from '../../../../shared/agent/actions';
import type { StepView, TraceView } from '../../../../shared/traces/trace-view';

export interface ReplayStep {
  step: number;
  action: AgentAction;
  /** The recorded screen this action was decided on (compared with the live one first). */
  screenshot: string;
  /** Why the user must approve it again (a sensitive tap, or a step confirmed when recorded). */
  sensitive: string | null;
  /** Recorded time from this step's start to the next step's start (the 1x pacing), ms. */
  recordedMs: number;
}

const REPLAYABLE: ReadonlySet<AgentAction['type']> = new Set(['tap', 'double_tap', 'long_press', 'swipe', 'type', 'launch', 'back', 'home', 'recents', 'enter', 'wait']);

function sensitiveReason(s: StepView, action: AgentAction): string | null {
  if (action.type === 'tap' && action.sensitive) return action.sensitive;
  const asked = s.confirmations.find((c) => c.phase === 'asked');
  return asked ? asked.reason : null;
}

export function planReplay(view: TraceView): ReplayStep[] {
  const plan: ReplayStep[] = [];
  for (const s of view.steps) {
    const action = s.action as AgentAction | null;
    if (!action || !REPLAYABLE.has(action.type)) continue;
    // Executed and succeeded: a parsed-only action was denied or interrupted before it ran.
    if (!s.result?.ok) continue;
    if (!s.screenshot) continue;
    plan.push({ step: s.step, action, screenshot: s.screenshot, sensitive: sensitiveReason(s, action), recordedMs: s.timings.stepMs ?? 0 });
  }
  return plan;
}
