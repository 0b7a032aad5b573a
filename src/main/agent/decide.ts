// One step's decision: ask the model, parse its reply; on a parse error ask once more with a
// corrective message, then give up with the raw text kept. Every request and reply is traced
// (metadata only: roles, image size, never base64 or keys).
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AgentDecision } from '../../shared/agent/actions';
import { Conversation, summarizeMessages } from './conversation';
import type { ModelImage } from './image-prep';
import type { ModelClient, ModelReply } from './interfaces';
import { ParseError } from './protocols/parse-error';
import type { ParseContext, ProtocolAdapter } from './protocols/types';
import { StepFailure, type RunContext } from './run-context';

export interface DecideArgs {
  step: number;
  conversation: Conversation;
  adapter: ProtocolAdapter;
  model: ModelClient;
  parse: ParseContext;
  image: ModelImage;
  ctx: RunContext;
  /** Whose decision it is (layered mode's executor); absent for the end-to-end model. */
  role?: 'executor';
}

export interface Decided { decision: AgentDecision; reply: ModelReply }

export async function decideStep(args: DecideArgs): Promise<Decided> {
  const first = await ask(args, args.conversation.messages(), 1, 'step');
  try {
    return { decision: args.adapter.parse(first, args.parse), reply: first };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    await args.ctx.record({ type: 'error', step: args.step, code: 'parse_error', message: err.message, raw: err.raw });
    // The failed exchange is shown to the model only for this retry; the history keeps neither.
    const corrective: ChatCompletionMessageParam[] = [
      ...args.adapter.historyTurns(first),
      { role: 'user', content: args.adapter.correctiveText(err) },
    ];
    const second = await ask(args, args.conversation.messages(corrective), 2, 'corrective');
    try {
      return { decision: args.adapter.parse(second, args.parse), reply: second };
    } catch (err2) {
      if (!(err2 instanceof ParseError)) throw err2;
      throw new StepFailure('model_bad_reply',
        `The model's reply could not be understood, even after asking again (${err2.reason}). Its reply is kept in the trace.`, err2.raw, err2);
    }
  }
}

async function ask(args: DecideArgs, messages: ChatCompletionMessageParam[], attempt: number, reason: 'step' | 'corrective'): Promise<ModelReply> {
  return requestModel({
    step: args.step, messages, attempt, reason, model: args.model, tools: args.adapter.tools(), ctx: args.ctx, role: args.role,
    image: { width: args.image.width, height: args.image.height, bytes: args.image.bytes.byteLength, mime: args.image.mime },
  });
}

export interface ModelRequestArgs {
  step: number;
  messages: ChatCompletionMessageParam[];
  attempt: number;
  reason: 'step' | 'corrective';
  model: ModelClient;
  tools?: ChatCompletionTool[];
  ctx: RunContext;
  /** Whose request it is: absent for the end-to-end model. */
  role?: 'planner' | 'grounder' | 'executor';
  /** The screenshot sent, if any (a text-only planner sends none). */
  image?: { width: number; height: number; bytes: number; mime: string };
}

/** One model request with its trace lines (metadata only) and the streamed thought for the UI. */
export async function requestModel(args: ModelRequestArgs): Promise<ModelReply> {
  const summary = summarizeMessages(args.messages);
  if (args.attempt > 1) args.ctx.emit({ kind: 'delta', step: args.step, text: '', reset: true });
  await args.ctx.record({
    type: 'model_request', step: args.step, attempt: args.attempt, reason: args.reason, ...(args.role ? { role: args.role } : {}),
    roles: summary.roles, imageCount: summary.imageCount, ...(args.image ? { image: args.image } : {}), textChars: summary.textChars,
  });
  const reply = await args.model.complete({
    messages: args.messages,
    tools: args.tools,
    signal: args.ctx.signal,
    onDelta: (text) => args.ctx.emit({ kind: 'delta', step: args.step, text }),
    onRetry: () => args.ctx.emit({ kind: 'delta', step: args.step, text: '', reset: true }),
  });
  const raw = reply.toolCalls.length > 0
    ? `${reply.text}${reply.text ? '\n' : ''}${JSON.stringify(reply.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })))}`
    : reply.text;
  await args.ctx.record({
    type: 'model_reply', step: args.step, attempt: args.attempt, ...(args.role ? { role: args.role } : {}), raw, ttftMs: reply.ttftMs, totalMs: reply.totalMs,
    ...(reply.usage ? { usage: reply.usage } : {}),
  });
  return reply;
}
