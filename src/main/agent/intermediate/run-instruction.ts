// One intermediate action carried out: its target grounded (and traced with every candidate),
// turned into device actions, and run through the same confirm / execute / settle path as the
// end-to-end loop. The planner's `sensitive` travels with the action, not with the grounding, so
// no grounder can drop it; a target whose own words announce a payment or a deletion is
// confirmed even when the planner did not say so. What happened comes back as one line for the
// planner ("Tapped switch "Wi-Fi" at (948, 335)", or which candidates matched).
import type { AgentAction, AgentDecision } from '../../../shared/agent/actions';
import { actionTarget, describeIntermediate, type IntermediateAction, type SwipeDirection, type TargetHint } from '../../../shared/agent/intermediate';
import { area, type UiBounds, type UiTreeSource } from '../../../shared/ui-tree';
import type { ActOutcome } from '../act';
import type { Grounder, GroundingPurpose, GroundingResult } from '../grounding/types';
import { sensitiveCategory } from '../grounding/vocabulary';
import type { ScreenCapture } from '../interfaces';
import type { StepInput } from '../step-driver';

export interface InstructionDeps {
  grounder: Grounder;
  /** For finding the main scrolling list when a swipe names none. */
  tree?: UiTreeSource;
  /** Confirm taps on targets that read like a payment or a deletion, flagged or not (default true). */
  sensitiveNet?: boolean;
}

export interface InstructionResult {
  /** What the run does next (a note is never set: the planner hears `feedback` instead). */
  outcome: ActOutcome;
  /** The result for the planner, one or two sentences. */
  feedback: string;
  /** The action did what it said (grounded and executed, or a user-level action done). */
  ok: boolean;
  /** Why not, for plan mode's replanning. */
  failure?: 'grounding' | 'execution' | 'declined' | 'loop';
}

const SCROLL_TO_SWIPES = 8;
const SWIPE_MS = 450;
const LONG_PRESS_MS = 1000;

export async function runInstruction(action: IntermediateAction, input: StepInput, deps: InstructionDeps, meta: { thought: string; source: string; index?: number }): Promise<InstructionResult> {
  const { ctx, step } = input;
  await ctx.record({ type: 'instruction', step, action, thought: meta.thought, source: meta.source, ...(meta.index !== undefined ? { index: meta.index } : {}) });
  const direct = directAction(action);
  if (direct) return perform(input, direct, meta.thought, describeIntermediate(action));
  if (action.action === 'scroll_to') return scrollTo(action, input, deps, meta.thought);

  const t = actionTarget(action);
  if (!t) {
    // swipe without a target: the main list, or the middle of the screen.
    const swipe = action as Extract<IntermediateAction, { action: 'swipe' }>;
    return perform(input, swipeIn(await mainScrollArea(input, deps), swipe.direction), meta.thought, describeIntermediate(action));
  }
  const purpose = purposeOf(action);
  const g = await groundAndTrace(deps, input, input.capture, input.fingerprint, t.target, t.hint, purpose);
  if (g.status !== 'found' || !g.point) return notGrounded(input, action, g);
  const label = g.candidates.find((c) => c.box === g.box)?.label ?? t.target;
  const where = `${g.confirmedBy ? 'accessibility + vision' : g.grounder} ${g.confidence.toFixed(2)}`;
  switch (action.action) {
    case 'tap': {
      const reason = action.sensitive ?? netReason(deps, label);
      return perform(input, { type: 'tap', x: g.point.x, y: g.point.y, ...(reason ? { sensitive: reason } : {}) }, meta.thought, `Tapped "${label}" at (${g.point.x}, ${g.point.y}) (${where})`);
    }
    case 'long_press':
      return perform(input, { type: 'long_press', x: g.point.x, y: g.point.y, durationMs: LONG_PRESS_MS }, meta.thought, `Long-pressed "${label}" at (${g.point.x}, ${g.point.y}) (${where})`);
    case 'type': {
      // Focus the field first; its settle lets the keyboard come up before the text goes in.
      const focus = await perform(input, { type: 'tap', x: g.point.x, y: g.point.y }, meta.thought, `Focused "${label}"`);
      if (!focus.ok || focus.outcome.kind === 'end') return focus;
      return perform(input, typeAction(action), meta.thought, `Typed ${JSON.stringify(action.text)} into "${label}"${action.submit ? ' and pressed Enter' : ''} (${where})`);
    }
    case 'swipe':
      return perform(input, swipeIn(g.box ?? pointArea(g.point, input.capture), action.direction), meta.thought, `Swiped ${action.direction} on "${label}" (${where})`);
    default:
      throw new Error(`unreachable: ${action.action}`);
  }
}

/** Actions that need no grounding, as device (or user-level) actions. */
function directAction(action: IntermediateAction): AgentAction | undefined {
  switch (action.action) {
    case 'launch': return { type: 'launch', app: action.app };
    case 'press': return action.key === 'back' ? { type: 'back' } : action.key === 'home' ? { type: 'home' } : action.key === 'recents' ? { type: 'recents' } : { type: 'enter' };
    case 'wait': return { type: 'wait', ms: Math.round(action.seconds * 1000) };
    case 'ask_user': return { type: 'interact', question: action.question };
    case 'take_over': return { type: 'take_over', message: action.reason };
    case 'finish': return { type: 'finish', message: action.answer };
    case 'type': return action.target === undefined ? typeAction(action) : undefined;
    default: return undefined;
  }
}

function typeAction(action: Extract<IntermediateAction, { action: 'type' }>): AgentAction {
  return { type: 'type', text: action.text, ...(action.submit ? { submit: true } : {}), ...(action.sensitive ? { sensitive: action.sensitive } : {}) };
}

function purposeOf(action: IntermediateAction): GroundingPurpose {
  switch (action.action) {
    case 'long_press': return 'long_press';
    case 'type': return 'type';
    case 'swipe': return 'scroll';
    case 'scroll_to': return 'locate';
    default: return 'tap';
  }
}

function netReason(deps: InstructionDeps, label: string): string | undefined {
  if (deps.sensitiveNet === false) return undefined;
  const category = sensitiveCategory(label);
  if (category === 'payment') return `It looks like a payment: "${label}"`;
  if (category === 'deletion') return `It looks like it deletes something: "${label}"`;
  return undefined;
}

async function perform(input: StepInput, action: AgentAction, thought: string, done: string): Promise<InstructionResult> {
  const decision: AgentDecision = { action, thought, raw: '' };
  await input.ctx.record({ type: 'action_parsed', step: input.step, action, thought });
  if (!['finish', 'take_over', 'interact', 'wait'].includes(action.type)) {
    const verdict = await input.guard(action, input.fingerprint);
    if (verdict) return fromGuard(verdict);
  }
  const outcome = await input.act(decision);
  if (outcome.kind === 'end') return { outcome, feedback: outcome.message, ok: outcome.status === 'finished' };
  // The user's answer (or "done" after a hand-over) is what the planner needs to hear.
  if (action.type === 'interact' || action.type === 'take_over') return { outcome: { kind: 'continue' }, feedback: outcome.note ?? 'The user is done.', ok: true };
  if (outcome.note) {
    const declined = /declined/.test(outcome.note);
    return { outcome: { kind: 'continue' }, feedback: outcome.note, ok: false, failure: declined ? 'declined' : 'execution' };
  }
  return { outcome, feedback: `${done}.`, ok: true };
}

function fromGuard(verdict: ActOutcome): InstructionResult {
  if (verdict.kind === 'end') return { outcome: verdict, feedback: verdict.message, ok: false, failure: 'loop' };
  return { outcome: { kind: 'continue' }, feedback: verdict.note ?? 'That did not work.', ok: false, failure: 'loop' };
}

/** Grounds a target and traces the answer (and the vision model's exchanges, if any). */
export async function groundAndTrace(deps: InstructionDeps, input: StepInput, capture: ScreenCapture, fingerprint: string, target: string, hint: TargetHint | undefined, purpose: GroundingPurpose, attempt?: number): Promise<GroundingResult> {
  const g = await deps.grounder.ground({ target, hint, purpose, capture, fingerprint, signal: input.ctx.signal });
  for (const [i, x] of (g.exchanges ?? []).entries()) {
    await input.ctx.record({ type: 'model_request', step: input.step, attempt: i + 1, role: 'grounder', reason: 'step', roles: x.request.roles, imageCount: x.request.imageCount, textChars: x.request.textChars, ...(x.request.image ? { image: x.request.image } : {}) });
    await input.ctx.record({ type: 'model_reply', step: input.step, attempt: i + 1, role: 'grounder', raw: x.reply.raw, ttftMs: x.reply.ttftMs, totalMs: x.reply.totalMs, ...(x.reply.usage ? { usage: x.reply.usage } : {}) });
  }
  await input.ctx.record({
    type: 'grounding', step: input.step, target, ...(hint ? { hint } : {}), purpose, grounder: g.grounder, status: g.status,
    confidence: Math.round(g.confidence * 1000) / 1000, ...(g.point ? { point: g.point } : {}), ...(g.box ? { box: [...g.box] as [number, number, number, number] } : {}),
    candidates: g.candidates.map((c) => ({ box: [...c.box] as [number, number, number, number], score: c.score, label: c.label, role: c.role, matched: c.matched })),
    ...(g.confirmedBy ? { confirmedBy: g.confirmedBy } : {}), ...(g.message ? { message: g.message } : {}),
    timings: g.timings, ...(attempt !== undefined ? { attempt } : {}),
  });
  return g;
}

async function notGrounded(input: StepInput, action: IntermediateAction, g: GroundingResult): Promise<InstructionResult> {
  // The same unfindable target asked for again and again on an unchanged screen is a loop too.
  const verdict = await input.guard(`ground:${JSON.stringify(action)}`, input.fingerprint);
  if (verdict?.kind === 'end') return fromGuard(verdict);
  const feedback = `Not done: ${g.message ?? `nothing matches "${actionTarget(action)?.target}"`}`;
  return { outcome: { kind: 'continue' }, feedback: verdict ? `${feedback} ${verdict.note ?? ''}`.trim() : feedback, ok: false, failure: 'grounding' };
}

async function scrollTo(action: Extract<IntermediateAction, { action: 'scroll_to' }>, input: StepInput, deps: InstructionDeps, thought: string): Promise<InstructionResult> {
  let capture = input.capture;
  let screen = input.fingerprint;
  // Looking further down the content means moving the finger up.
  const finger: SwipeDirection = ({ down: 'up', up: 'down', left: 'right', right: 'left' } as const)[action.direction ?? 'down'];
  for (let attempt = 0; ; attempt++) {
    const g = await groundAndTrace(deps, input, capture, screen, action.target, undefined, 'locate', attempt);
    if (g.status === 'found' && g.point) {
      return { outcome: { kind: 'continue' }, feedback: `"${action.target}" is on the screen at (${g.point.x}, ${g.point.y})${attempt ? ` after ${attempt} swipe${attempt > 1 ? 's' : ''}` : ''}.`, ok: true };
    }
    if (attempt >= SCROLL_TO_SWIPES) break;
    const swiped = await perform({ ...input, capture, fingerprint: screen }, swipeIn(await mainScrollArea({ ...input, capture, fingerprint: screen }, deps), finger), thought, 'Swiped');
    if (!swiped.ok || swiped.outcome.kind === 'end') return swiped;
    const next = await input.look();
    if (next.fingerprint === screen) {
      return { outcome: { kind: 'continue' }, feedback: `Not done: scrolled to the end and "${action.target}" did not appear.`, ok: false, failure: 'grounding' };
    }
    capture = next.capture;
    screen = next.fingerprint;
  }
  return { outcome: { kind: 'continue' }, feedback: `Not done: "${action.target}" did not appear after ${SCROLL_TO_SWIPES} swipes.`, ok: false, failure: 'grounding' };
}

/** The largest scrolling container on screen, else the middle band of the screen. */
async function mainScrollArea(input: StepInput, deps: InstructionDeps): Promise<UiBounds> {
  const { width, height } = input.capture;
  const fallback: UiBounds = [0, Math.round(height * 0.15), width, Math.round(height * 0.85)];
  if (!deps.tree) return fallback;
  try {
    const { tree } = await deps.tree.read({ fingerprint: input.fingerprint, signal: input.ctx.signal });
    const lists = tree.elements.filter((e) => e.scrollable && area(e.bounds) > 0)
      .map((e) => [Math.max(0, e.bounds[0]), Math.max(0, e.bounds[1]), Math.min(width, e.bounds[2]), Math.min(height, e.bounds[3])] as UiBounds)
      .filter((b) => b[2] > b[0] && b[3] > b[1]);
    return lists.sort((a, b) => area(b) - area(a))[0] ?? fallback;
  } catch (error) {
    if (input.ctx.signal.aborted) throw error;
    return fallback;
  }
}

/** A swipe across three fifths of the area in the finger's direction, through its middle. */
function swipeIn(b: UiBounds, direction: SwipeDirection): AgentAction {
  const cx = Math.floor((b[0] + b[2]) / 2);
  const cy = Math.floor((b[1] + b[3]) / 2);
  const dx = Math.floor((b[2] - b[0]) * 0.3);
  const dy = Math.floor((b[3] - b[1]) * 0.3);
  const ends = {
    up: [cx, cy + dy, cx, cy - dy], down: [cx, cy - dy, cx, cy + dy],
    left: [cx + dx, cy, cx - dx, cy], right: [cx - dx, cy, cx + dx, cy],
  }[direction];
  return { type: 'swipe', x1: ends[0], y1: ends[1], x2: ends[2], y2: ends[3], durationMs: SWIPE_MS };
}

function pointArea(p: { x: number; y: number }, screen: { width: number; height: number }): UiBounds {
  return [Math.max(0, p.x - 200), Math.max(0, p.y - 300), Math.min(screen.width, p.x + 200), Math.min(screen.height, p.y + 300)];
}
