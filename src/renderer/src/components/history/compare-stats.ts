// The numbers two traces are compared on (models or prompts against each other): outcome,
// steps, time, where the time went, errors, tokens. Pure, so it is tested without a browser.
import { describeAction, type AgentAction } from '../../../../shared/agent/actions';
import type { OpenedTraceWire } from '../../../../shared/contract';

export interface TraceStats {
  id: string;
  task: string;
  model: string;
  status: string;
  steps: number;
  durationMs: number | null;
  modelMs: number;
  actionMs: number;
  settleMs: number;
  errors: number;
  tokens: number;
  actions: string[];
}

export function traceStats(t: OpenedTraceWire): TraceStats {
  const v = t.view;
  let modelMs = 0, actionMs = 0, settleMs = 0, errors = v.general.errors.length, tokens = 0;
  for (const s of v.steps) {
    modelMs += s.timings.modelMs ?? 0;
    actionMs += s.timings.actionMs ?? 0;
    settleMs += s.timings.settleMs ?? 0;
    errors += s.errors.length;
    for (const r of s.replies) tokens += (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0);
  }
  return {
    id: t.summary.id, task: v.task, model: v.endpoint ? `${v.endpoint.name} / ${v.endpoint.model}` : '', status: v.status,
    steps: v.steps.length, durationMs: v.durationMs, modelMs, actionMs, settleMs, errors, tokens,
    actions: v.steps.map((s) => (s.action ? describeAction(s.action as AgentAction) : '—')),
  };
}

/** Step rows side by side: row i holds the i-th step of each trace (or null past its end). */
export function alignSteps(a: TraceStats, b: TraceStats): Array<[string | null, string | null]> {
  const n = Math.max(a.actions.length, b.actions.length);
  return Array.from({ length: n }, (_, i) => [a.actions[i] ?? null, b.actions[i] ?? null]);
}
