// Step mode: the planner sees the task, what its last action did and the screen (image, text
// outline or both), and answers with one intermediate action per turn, which is grounded and run.
import type { IntermediateAction } from '../../../shared/agent/intermediate';
import type { ActOutcome } from '../act';
import type { StepDriver, StepInput } from '../step-driver';
import { parseIntermediateCall, parseIntermediateText, intermediateTools, INTERMEDIATE_ACTIONS } from './language';
import { askPlanner, replyTurns } from './planner-reply';
import { PlannerConversation } from './planner-conversation';
import { plannerSystemPrompt } from './planner-prompt';
import { showScreen } from './planner-screen';
import { runInstruction } from './run-instruction';
import type { PlannerDriverOptions } from './planner-options';
import type { ModelReply } from '../interfaces';

export class StepPlanner implements StepDriver {
  readonly protocol = 'planner:step';
  private conversation!: PlannerConversation;
  private task = '';
  /** JSON form: the last action's result, told at the start of the next turn. */
  private pendingResult: string | undefined;

  constructor(private readonly o: PlannerDriverOptions) {}

  begin(task: string, now: Date): void {
    this.task = task;
    this.conversation = new PlannerConversation(plannerSystemPrompt({ mode: 'step', input: this.o.input, calls: this.o.calls, lang: this.o.lang, now, actions: INTERMEDIATE_ACTIONS }));
  }

  async step(input: StepInput): Promise<ActOutcome> {
    const o = this.o;
    const screen = await showScreen(this.conversation, input.capture, input.fingerprint, { ...o, signal: input.ctx.signal }, {
      ...(input.step === 1 ? { task: this.task } : {}),
      lines: [...(this.pendingResult ? [resultLine(this.pendingResult, o.lang)] : []), ...input.notes],
    });
    this.pendingResult = undefined;
    const asked = await askPlanner({
      step: input.step, conversation: this.conversation, model: o.model, ctx: input.ctx, calls: o.calls, tools: intermediateTools(),
      image: screen.image, lang: o.lang, parse: parseStepReply,
    });
    const result = await runInstruction(asked.value, input, o, { thought: asked.thought, source: 'step' });
    if (o.calls === 'tools' && asked.reply.toolCalls.length > 0) this.conversation.addTurns(replyTurns(asked.reply, result.feedback));
    else {
      this.conversation.addTurns(replyTurns(asked.reply));
      this.pendingResult = result.feedback;
    }
    return result.outcome;
  }
}

/** The first tool call, or the JSON object in the text (some servers ignore `tools`). */
export function parseStepReply(reply: ModelReply, raw: string): IntermediateAction {
  if (reply.toolCalls.length > 0) return parseIntermediateCall(reply.toolCalls[0].name, reply.toolCalls[0].arguments, raw);
  return parseIntermediateText(reply.text)[0];
}

export function resultLine(result: string, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? `上一个操作的结果：${result}` : `Result of your last action: ${result}`;
}
