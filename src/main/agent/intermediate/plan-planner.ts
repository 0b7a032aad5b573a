// Plan mode: the planner writes a sequence of actions once; PhonePilot grounds and runs them one
// per step and asks for a new plan when the sequence has run, when a target cannot be grounded,
// when an action fails or is declined, when a step's expected words are not on the screen, after
// the user answered a question or gave a new instruction. A plan that fails before touching the
// phone is replaced on the same screen (at most twice per step), so a step is not spent on it.
import { describeIntermediate, type IntermediateAction } from '../../../shared/agent/intermediate';
import type { ActOutcome } from '../act';
import type { ModelReply } from '../interfaces';
import { ParseError } from '../protocols/parse-error';
import type { StepDriver, StepInput } from '../step-driver';
import { INTERMEDIATE_ACTIONS, itemArgs, itemName, jsonItems, parseIntermediateCall, planTool } from './language';
import { PlannerConversation } from './planner-conversation';
import type { PlannerDriverOptions } from './planner-options';
import { plannerSystemPrompt } from './planner-prompt';
import { askPlanner, replyTurns } from './planner-reply';
import { showScreen } from './planner-screen';
import { groundAndTrace, runInstruction } from './run-instruction';

export interface PlannedStep { action: IntermediateAction; expect?: string }

type ReplanReason = 'start' | 'ended' | 'grounding_failed' | 'unexpected_screen' | 'action_failed' | 'answered' | 'instruction';

const REPLANS_PER_STEP = 2;

export class PlanPlanner implements StepDriver {
  readonly protocol = 'planner:plan';
  private conversation!: PlannerConversation;
  private task = '';
  private queue: Array<PlannedStep & { index: number }> = [];
  private thought = '';
  /** What happened to the current plan's steps, told with the next plan request. */
  private report: string[] = [];
  private replan: ReplanReason | undefined = 'start';

  constructor(private readonly o: PlannerDriverOptions) {}

  begin(task: string, now: Date): void {
    this.task = task;
    this.conversation = new PlannerConversation(plannerSystemPrompt({ mode: 'plan', input: this.o.input, calls: this.o.calls, lang: this.o.lang, now, actions: INTERMEDIATE_ACTIONS }));
  }

  async step(input: StepInput): Promise<ActOutcome> {
    // The only notes a planner run gets are the user's new instructions: they call for a new plan.
    if (input.notes.length > 0) this.replan ??= 'instruction';
    let notes = input.notes;
    for (let replans = 0; ; replans++) {
      if (this.replan || this.queue.length === 0) {
        await this.newPlan(input, this.replan ?? 'ended', notes);
        notes = [];
      }
      const next = this.queue.shift()!;
      if (next.expect !== undefined && !(await this.onExpectedScreen(next, input))) {
        this.report.push(this.line(next, `not run: "${next.expect}" was not on the screen`));
        this.replan = 'unexpected_screen';
        if (replans < REPLANS_PER_STEP) continue;
        return { kind: 'continue' };
      }
      const result = await runInstruction(next.action, input, this.o, { thought: this.thought, source: 'plan', index: next.index });
      this.report.push(this.line(next, result.feedback));
      if (result.outcome.kind === 'end') return result.outcome;
      if (!result.ok) {
        this.replan = result.failure === 'grounding' ? 'grounding_failed' : 'action_failed';
        // Nothing touched the phone: plan again on this very screen.
        if (result.failure === 'grounding' && next.action.action !== 'scroll_to' && replans < REPLANS_PER_STEP) continue;
        return result.outcome;
      }
      if (next.action.action === 'ask_user' || next.action.action === 'take_over') this.replan = 'answered';
      return result.outcome;
    }
  }

  private async newPlan(input: StepInput, reason: ReplanReason, notes: string[]): Promise<void> {
    const o = this.o;
    const screen = await showScreen(this.conversation, input.capture, input.fingerprint, { ...o, signal: input.ctx.signal }, {
      ...(reason === 'start' ? { task: this.task } : {}),
      lines: [...(this.report.length ? [reportText(this.report, reason, o.lang)] : []), ...notes],
    });
    this.report = [];
    const asked = await askPlanner({
      step: input.step, conversation: this.conversation, model: o.model, ctx: input.ctx, calls: o.calls, tools: [planTool()],
      image: screen.image, lang: o.lang, parse: parsePlanReply,
    });
    this.conversation.addTurns(replyTurns(asked.reply, o.lang === 'zh' ? '计划已收到，正在执行。' : 'Plan received; running it.'));
    this.thought = asked.thought;
    this.queue = asked.value.map((s, index) => ({ ...s, index }));
    this.replan = undefined;
    await input.ctx.record({
      type: 'plan', step: input.step, actions: asked.value.map((s) => s.action), reason,
      ...(asked.value.some((s) => s.expect) ? { expects: asked.value.map((s) => s.expect ?? '') } : {}),
    });
  }

  /** The step's expected words are on this screen (any grounder answer but "not found"). */
  private async onExpectedScreen(next: PlannedStep & { index: number }, input: StepInput): Promise<boolean> {
    const g = await groundAndTrace(this.o, input, input.capture, input.fingerprint, next.expect!, undefined, 'locate');
    return g.status !== 'not_found';
  }

  private line(s: PlannedStep & { index: number }, what: string): string {
    return `${s.index + 1}. ${describeIntermediate(s.action)}: ${what}`;
  }
}

function reportText(report: string[], reason: ReplanReason, lang: 'en' | 'zh'): string {
  const why = lang === 'zh'
    ? { start: '', ended: '计划已执行完。', grounding_failed: '有一步找不到目标，计划中止。', unexpected_screen: '屏幕不是计划所期望的样子，计划中止。', action_failed: '有一步失败了，计划中止。', answered: '用户已回答/完成，请据此继续。', instruction: '用户给了新的指示。' }[reason]
    : { start: '', ended: 'The plan has run.', grounding_failed: 'A target could not be found; the plan stopped there.', unexpected_screen: 'The screen was not what the plan expected; it stopped there.', action_failed: 'An action failed; the plan stopped there.', answered: 'The user has answered (or is done); go on from there.', instruction: 'The user gave a new instruction.' }[reason];
  const head = lang === 'zh' ? '上一个计划的执行情况：' : 'What happened with your last plan:';
  return [head, ...report, why].filter(Boolean).join('\n');
}

/** The plan tool's steps, several step-tool calls, or a JSON list; each with an optional expect. */
export function parsePlanReply(reply: ModelReply, raw: string): PlannedStep[] {
  const items: Array<Record<string, unknown>> = [];
  if (reply.toolCalls.length > 0) {
    for (const call of reply.toolCalls) {
      if (call.name === 'plan') {
        let args: unknown;
        try { args = JSON.parse(call.arguments || '{}'); } catch { throw new ParseError('the plan\'s arguments are not valid JSON', raw); }
        const steps = (args as { steps?: unknown }).steps;
        const list = typeof steps === 'string' ? safeJson(steps, raw) : steps;
        if (!Array.isArray(list) || list.length === 0) throw new ParseError('the plan needs a non-empty "steps" list', raw);
        for (const s of list) {
          if (typeof s !== 'object' || s === null) throw new ParseError('each step of the plan must be an object', raw);
          items.push(s as Record<string, unknown>);
        }
      } else {
        items.push({ action: call.name, arguments: call.arguments });
      }
    }
  } else {
    items.push(...jsonItems(reply.text));
  }
  return items.map((item) => {
    const name = itemName(item);
    if (name === undefined) throw new ParseError(`each step needs "action": one of ${INTERMEDIATE_ACTIONS.join(', ')}`, raw);
    const expect = typeof item.expect === 'string' && item.expect.trim() !== '' ? item.expect.trim() : undefined;
    return { action: parseIntermediateCall(name, itemArgs(item, ['expect']), raw), ...(expect ? { expect } : {}) };
  });
}

function safeJson(s: string, raw: string): unknown {
  try { return JSON.parse(s); } catch { throw new ParseError('the plan\'s steps are not valid JSON', raw); }
}
