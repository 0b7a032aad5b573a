// The trace regrouped by step: what a viewer shows (timeline, screenshot + action overlay,
// thought, raw replies, timings, confirmations, errors). Pure, so the HTML export and the app's
// viewer read one shape and tests pin it without a browser.
import type { AgentActionSchema, FinishStatus, TraceEvent } from '../agent/trace';
import type { z } from 'zod';

type Action = z.infer<typeof AgentActionSchema>;

export interface StepReply {
  attempt: number;
  reason: 'step' | 'corrective' | null;
  raw: string;
  ttftMs: number | null;
  totalMs: number;
  usage: { promptTokens: number; completionTokens: number } | null;
}

export interface StepView {
  step: number;
  /** Screenshot file name beside trace.jsonl (the export swaps it for an inline image key). */
  screenshot: string | null;
  /** Device pixels of the screenshot: the coordinate space of `action`. */
  screen: { width: number; height: number } | null;
  currentApp: string;
  startedAt: number | null;
  thought: string;
  replies: StepReply[];
  /** The action as executed (else as parsed): the overlay draws this. */
  action: Action | null;
  element: number | null;
  result: { ok: boolean; message?: string } | null;
  timings: { modelMs: number | null; ttftMs: number | null; actionMs: number | null; settleMs: number | null; stepMs: number | null };
  confirmations: Array<{ phase: 'asked' | 'approved' | 'denied'; reason: string }>;
  errors: Array<{ code: string; message: string; raw?: string }>;
  userInputs: Array<{ kind: string; text: string }>;
}

export interface TraceView {
  task: string;
  taskId: string;
  device: { serial: string; model: string; width: number; height: number } | null;
  endpoint: { name: string; model: string; protocol: string } | null;
  settings: Record<string, string | number | boolean | null>;
  startedAt: number | null;
  status: FinishStatus;
  message: string;
  durationMs: number | null;
  steps: StepView[];
  /** Errors and user inputs not tied to a step (before the first step, or step 0). */
  general: { errors: StepView['errors']; userInputs: StepView['userInputs'] };
}

function emptyStep(step: number): StepView {
  return {
    step, screenshot: null, screen: null, currentApp: '', startedAt: null, thought: '', replies: [], action: null,
    element: null, result: null, timings: { modelMs: null, ttftMs: null, actionMs: null, settleMs: null, stepMs: null },
    confirmations: [], errors: [], userInputs: [],
  };
}

export function buildTraceView(events: readonly TraceEvent[], status: FinishStatus): TraceView {
  const steps = new Map<number, StepView>();
  const reasons = new Map<string, 'step' | 'corrective'>();
  const general: TraceView['general'] = { errors: [], userInputs: [] };
  const view: TraceView = {
    task: '', taskId: '', device: null, endpoint: null, settings: {}, startedAt: null, status,
    message: '', durationMs: null, steps: [], general,
  };
  const at = (n: number) => {
    let s = steps.get(n);
    if (!s) steps.set(n, (s = emptyStep(n)));
    return s;
  };
  let finishT: number | null = null;
  let lastT: number | null = null;

  for (const e of events) {
    lastT = e.t;
    switch (e.type) {
      case 'task':
        Object.assign(view, {
          task: e.task, taskId: e.taskId, device: e.device, settings: e.settings, startedAt: e.t,
          endpoint: { name: e.endpoint.name, model: e.endpoint.model, protocol: e.endpoint.protocol },
        });
        break;
      case 'step_started':
        Object.assign(at(e.step), { screenshot: e.screenshot, screen: e.screen, currentApp: e.currentApp, startedAt: e.t });
        break;
      case 'model_request':
        reasons.set(`${e.step}/${e.attempt}`, e.reason);
        break;
      case 'model_reply': {
        const s = at(e.step);
        s.replies.push({ attempt: e.attempt, reason: reasons.get(`${e.step}/${e.attempt}`) ?? null, raw: e.raw, ttftMs: e.ttftMs, totalMs: e.totalMs, usage: e.usage ?? null });
        s.timings.modelMs = (s.timings.modelMs ?? 0) + e.totalMs;
        s.timings.ttftMs ??= e.ttftMs;
        break;
      }
      case 'action_parsed': {
        const s = at(e.step);
        Object.assign(s, { action: e.action, thought: e.thought, element: e.element ?? null });
        break;
      }
      case 'action_executed': {
        const s = at(e.step);
        Object.assign(s, { action: e.action, result: e.result });
        Object.assign(s.timings, { actionMs: e.actionMs, settleMs: e.settleMs });
        break;
      }
      case 'confirmation':
        at(e.step).confirmations.push({ phase: e.phase, reason: e.reason });
        break;
      case 'user_input':
        (e.step > 0 ? at(e.step).userInputs : general.userInputs).push({ kind: e.kind, text: e.text });
        break;
      case 'error': {
        const err = { code: e.code, message: e.message, ...(e.raw !== undefined ? { raw: e.raw } : {}) };
        (e.step ? at(e.step).errors : general.errors).push(err);
        break;
      }
      case 'finish':
        Object.assign(view, { message: e.message, durationMs: e.durationMs });
        finishT = e.t;
        break;
    }
  }
  view.steps = [...steps.values()].sort((a, b) => a.step - b.step);
  // A step lasts until the next one starts (or the task ends).
  view.steps.forEach((s, i) => {
    const end = view.steps[i + 1]?.startedAt ?? finishT ?? lastT;
    if (s.startedAt !== null && end !== null) s.timings.stepMs = Math.max(0, end - s.startedAt);
  });
  if (view.durationMs === null && view.startedAt !== null && lastT !== null) view.durationMs = Math.max(0, lastT - view.startedAt);
  return view;
}
