// The step timeline of one run, folded from the events main sends (agent.event): what the
// agent saw, thought, did and how long each part took. Pure, so it is unit-tested in Node and
// the trace viewer can fold a trace file's events the same way.
import { describeAction, type AgentAction } from '../../../../shared/agent/actions';
import type { AgentRunEventWire } from '../../../../shared/contract/agent';

export interface StepView {
  step: number;
  /** Device pixels of the screen the model saw (the overlay's coordinate space). */
  screen: { width: number; height: number } | null;
  currentApp: string;
  /** Model text streamed so far, until the action is parsed. */
  streaming: string;
  thought: string;
  action: AgentAction | null;
  actionText: string;
  modelMs: number | null;
  ttftMs: number | null;
  actionMs: number | null;
  settleMs: number | null;
  result: { ok: boolean; message?: string } | null;
  confirmation: 'asked' | 'approved' | 'denied' | null;
  /** Instructions, answers and take-overs given during this step. */
  userInputs: string[];
  errors: string[];
}

export interface TimelineView {
  steps: StepView[];
  /** Inputs and errors that belong to no step (an instruction before the first screenshot). */
  notes: string[];
  final: { status: string; message: string } | null;
  /** Trace events applied, by seq: the history fetched after a reload may overlap live events. */
  seen: Record<number, true>;
}

export function emptyTimeline(): TimelineView {
  return { steps: [], notes: [], final: null, seen: {} };
}

function newStep(step: number): StepView {
  return {
    step, screen: null, currentApp: '', streaming: '', thought: '', action: null, actionText: '', modelMs: null, ttftMs: null,
    actionMs: null, settleMs: null, result: null, confirmation: null, userInputs: [], errors: [],
  };
}

function stepOf(view: TimelineView, step: number): StepView {
  let found = view.steps.find((s) => s.step === step);
  if (!found) {
    found = newStep(step);
    view.steps.push(found);
    view.steps.sort((a, b) => a.step - b.step);
  }
  return found;
}

const INPUT_LABEL = { instruction: 'Instruction', answer: 'Your answer', take_over_done: 'You took over' } as const;

/** Applies one event in place (the store keeps the view reactive); returns the view. */
export function applyRunEvent(view: TimelineView, e: AgentRunEventWire): TimelineView {
  if (e.kind === 'delta') {
    if (e.step < 1) return view;
    const s = stepOf(view, e.step);
    s.streaming = e.reset ? e.text : s.streaming + e.text;
    return view;
  }
  if (e.kind !== 'trace' || view.seen[e.event.seq]) return view;
  const t = e.event;
  view.seen[t.seq] = true;
  switch (t.type) {
    case 'step_started': {
      const s = stepOf(view, t.step);
      s.screen = t.screen;
      s.currentApp = t.currentApp;
      break;
    }
    case 'model_reply': {
      const s = stepOf(view, t.step);
      // Corrective retries add up: the step waited for all of them.
      s.modelMs = (s.modelMs ?? 0) + t.totalMs;
      s.ttftMs ??= t.ttftMs;
      break;
    }
    case 'action_parsed': {
      const s = stepOf(view, t.step);
      s.action = t.action;
      s.actionText = describeAction(t.action);
      s.thought = t.thought;
      s.streaming = '';
      break;
    }
    case 'action_executed': {
      const s = stepOf(view, t.step);
      s.actionMs = t.actionMs;
      s.settleMs = t.settleMs;
      s.result = t.result;
      break;
    }
    case 'confirmation':
      stepOf(view, t.step).confirmation = t.phase;
      break;
    case 'user_input': {
      const text = `${INPUT_LABEL[t.kind]}: ${t.text}`;
      if (t.step >= 1) stepOf(view, t.step).userInputs.push(text);
      else view.notes.push(text);
      break;
    }
    case 'error':
      if (t.step !== undefined && t.step >= 1) stepOf(view, t.step).errors.push(t.message);
      else view.notes.push(t.message);
      break;
    case 'finish':
      view.final = { status: t.status, message: t.message };
      break;
    default:
      break;
  }
  return view;
}

/**
 * The readable part of streamed model text: AutoGLM's <think> content (the answer call is shown
 * as the parsed action instead), otherwise the text as it came.
 */
export function readableThought(raw: string): string {
  const open = raw.indexOf('<think>');
  const body = open >= 0 ? raw.slice(open + '<think>'.length) : raw;
  const end = body.search(/<\/think>|<answer>/);
  return (end >= 0 ? body.slice(0, end) : body).trim();
}

/** "1.2 s" / "340 ms" for the timings row. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
