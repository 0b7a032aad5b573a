// Layered mode: the planner hands plain-language sub-tasks to an end-to-end executor
// (AutoGLM-Phone, UI-TARS) with a step budget each; the executor works on the screen by itself,
// one step of the run per action, and its finish message is the report the planner reads back
// with the next screen. The planner itself only delegates, asks the user, hands over or finishes.
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { IntermediateAction } from '../../../shared/agent/intermediate';
import type { ActOutcome } from '../act';
import { EndToEndDriver } from '../end-to-end-driver';
import type { ModelClient, ModelReply } from '../interfaces';
import { ParseError } from '../protocols/parse-error';
import type { ProtocolAdapter } from '../protocols/types';
import type { StepDriver, StepInput } from '../step-driver';
import { intermediateTools, itemArgs, itemName, jsonItems, parseIntermediateCall } from './language';
import { PlannerConversation } from './planner-conversation';
import type { PlannerDriverOptions } from './planner-options';
import { plannerSystemPrompt } from './planner-prompt';
import { askPlanner, replyTurns } from './planner-reply';
import { showScreen } from './planner-screen';
import { resultLine } from './step-planner';
import { runInstruction } from './run-instruction';

export interface LayeredOptions extends PlannerDriverOptions {
  executor: { adapter: ProtocolAdapter; model: ModelClient };
  /** Steps a sub-task may take when the planner does not say (default 10). */
  budget?: number;
}

const PLANNER_ACTIONS = ['ask_user', 'take_over', 'finish'] as const;
const MAX_BUDGET = 50;

export const DelegateSchema = z.object({
  task: z.string().trim().min(1).max(2000).describe('The sub-task in plain words: one goal the assistant can reach on the phone by itself.'),
  max_steps: z.number().int().min(1).max(MAX_BUDGET).optional().describe('Most steps the assistant may take for it.'),
}).describe('Hand a sub-task to the assistant that operates the phone; you get its report and the new screen.');

function delegateTool(): ChatCompletionTool {
  const { $schema: _s, description: _d, ...parameters } = z.toJSONSchema(DelegateSchema) as Record<string, unknown>;
  return { type: 'function', function: { name: 'delegate', description: DelegateSchema.description ?? 'delegate', parameters } };
}

type Choice = { kind: 'delegate'; task: string; maxSteps?: number } | { kind: 'action'; action: IntermediateAction };

interface Subtask { task: string; budget: number; used: number; executor: EndToEndDriver }

export class LayeredPlanner implements StepDriver {
  readonly protocol = 'planner:layered';
  private conversation!: PlannerConversation;
  private task = '';
  private now = new Date();
  private subtask: Subtask | undefined;
  private pendingResult: string | undefined;
  /** The user's instructions given during a sub-task: the executor hears them at once, the planner next time it is asked. */
  private heldNotes: string[] = [];
  /** The planner's last reply, answered (as a tool result, or in the next turn) once its result is known. */
  private openCall: ModelReply | undefined;
  private thought = '';

  constructor(private readonly o: LayeredOptions) {}

  begin(task: string, now: Date): void {
    this.task = task;
    this.now = now;
    this.conversation = new PlannerConversation(plannerSystemPrompt({ mode: 'layered', input: this.o.input, calls: this.o.calls, lang: this.o.lang, now, actions: PLANNER_ACTIONS, budget: this.o.budget }));
  }

  async step(input: StepInput): Promise<ActOutcome> {
    if (!this.subtask) {
      const choice = await this.askPlanner(input);
      if (choice.kind === 'action') {
        const result = await runInstruction(choice.action, input, this.o, { thought: this.thought, source: 'layered' });
        this.report(result.feedback);
        return result.outcome;
      }
      const budget = Math.min(MAX_BUDGET, choice.maxSteps ?? this.o.budget ?? 10);
      const executor = new EndToEndDriver({ ...this.o.executor, role: 'executor', jpegQuality: this.o.jpegQuality });
      executor.begin(choice.task, this.now);
      this.subtask = { task: choice.task, budget, used: 0, executor };
      await input.ctx.record({ type: 'subtask', step: input.step, phase: 'started', task: choice.task, maxSteps: budget });
    }
    const sub = this.subtask!;
    sub.used += 1;
    if (sub.used > 1) this.heldNotes.push(...input.notes);
    const outcome = await sub.executor.step(input);
    if (outcome.kind === 'end') {
      if (outcome.status === 'stopped') return outcome; // the user declined or stopped: the whole task ends
      await this.endSubtask(input, outcome.status === 'finished' ? 'finished' : 'failed', outcome.message);
      return { kind: 'continue' };
    }
    if (sub.used >= sub.budget) await this.endSubtask(input, 'budget', undefined);
    return { kind: 'continue' };
  }

  private async endSubtask(input: StepInput, status: 'finished' | 'budget' | 'failed', report: string | undefined): Promise<void> {
    const sub = this.subtask!;
    this.subtask = undefined;
    await input.ctx.record({ type: 'subtask', step: input.step, phase: 'ended', task: sub.task, maxSteps: sub.budget, status, steps: sub.used, ...(report !== undefined ? { report } : {}) });
    const zh = this.o.lang === 'zh';
    this.report(status === 'finished'
      ? (zh ? `子任务"${sub.task}"用了 ${sub.used} 步完成，助手的汇报：${report || '（无）'}` : `Sub-task "${sub.task}" finished in ${sub.used} step${sub.used === 1 ? '' : 's'}. The assistant reports: ${report || '(nothing)'}`)
      : status === 'budget'
        ? (zh ? `子任务"${sub.task}"用完了 ${sub.budget} 步仍未完成。看看屏幕，决定接下来怎么做。` : `Sub-task "${sub.task}" was not finished within its ${sub.budget} steps. Look at the screen and decide what to do next.`)
        : (zh ? `子任务"${sub.task}"失败了：${report}` : `Sub-task "${sub.task}" failed: ${report}`));
  }

  /** The result of the last delegate or action: the tool call's answer, or the next turn's first line. */
  private report(text: string): void {
    if (this.openCall && this.o.calls === 'tools' && this.openCall.toolCalls.length > 0) this.conversation.addTurns(replyTurns(this.openCall, text));
    else {
      if (this.openCall) this.conversation.addTurns(replyTurns(this.openCall));
      this.pendingResult = text;
    }
    this.openCall = undefined;
  }

  private async askPlanner(input: StepInput): Promise<Choice> {
    const o = this.o;
    const screen = await showScreen(this.conversation, input.capture, input.fingerprint, { ...o, signal: input.ctx.signal }, {
      ...(input.step === 1 ? { task: this.task } : {}),
      lines: [...(this.pendingResult ? [resultLine(this.pendingResult, o.lang)] : []), ...this.heldNotes.splice(0), ...input.notes],
    });
    this.pendingResult = undefined;
    const asked = await askPlanner({
      step: input.step, conversation: this.conversation, model: o.model, ctx: input.ctx, calls: o.calls,
      tools: [delegateTool(), ...intermediateTools(PLANNER_ACTIONS)], image: screen.image, lang: o.lang, parse: parseLayeredReply,
    });
    this.openCall = asked.reply;
    this.thought = asked.thought;
    return asked.value;
  }
}

export function parseLayeredReply(reply: ModelReply, raw: string): Choice {
  const [name, args] = reply.toolCalls.length > 0
    ? [reply.toolCalls[0].name, reply.toolCalls[0].arguments as unknown]
    : (() => { const item = jsonItems(reply.text)[0]; return [itemName(item) ?? '', itemArgs(item)]; })();
  if (name.trim().toLowerCase() === 'delegate') {
    let obj = args;
    if (typeof obj === 'string') { try { obj = JSON.parse(obj || '{}'); } catch { throw new ParseError('the arguments of delegate are not valid JSON', raw); } }
    const r = DelegateSchema.safeParse(typeof obj === 'object' && obj !== null ? { ...obj, max_steps: numberish((obj as Record<string, unknown>).max_steps) } : obj);
    if (!r.success) throw new ParseError(r.error.issues.map((i) => `delegate.${i.path.join('.')}: ${i.message}`).join('; '), raw);
    return { kind: 'delegate', task: r.data.task, ...(r.data.max_steps !== undefined ? { maxSteps: r.data.max_steps } : {}) };
  }
  const action = parseIntermediateCall(name, args, raw);
  if (!(PLANNER_ACTIONS as readonly string[]).includes(action.action)) {
    throw new ParseError(`in this mode you delegate phone work: use delegate, ask_user, take_over or finish (not ${action.action})`, raw);
  }
  return { kind: 'action', action };
}

function numberish(v: unknown): unknown {
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
}
