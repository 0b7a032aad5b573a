// Asking a planner and reading its answer: function calling or the JSON-object form, one
// corrective retry when the answer cannot be used (an unknown action, a missing target), then a
// clear failure with the reply kept in the trace. Every request and reply is traced with the
// planner's role.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { requestModel } from '../decide';
import type { ModelImage } from '../image-prep';
import type { ModelClient, ModelReply } from '../interfaces';
import { ParseError } from '../protocols/parse-error';
import { StepFailure, type RunContext } from '../run-context';
import type { PlannerCalls } from './planner-prompt';
import type { PlannerConversation } from './planner-conversation';

export interface AskArgs<T> {
  step: number;
  conversation: PlannerConversation;
  model: ModelClient;
  ctx: RunContext;
  calls: PlannerCalls;
  tools: ChatCompletionTool[];
  image?: ModelImage;
  lang: 'en' | 'zh';
  /** Throws ParseError when the reply holds nothing usable. */
  parse(reply: ModelReply, raw: string): T;
}

export interface Asked<T> { value: T; reply: ModelReply; thought: string }

export async function askPlanner<T>(args: AskArgs<T>): Promise<Asked<T>> {
  const first = await ask(args, args.conversation.messages(), 1, 'step');
  try {
    return { value: args.parse(first, rawOf(first)), reply: first, thought: first.text.trim() };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    await args.ctx.record({ type: 'error', step: args.step, code: 'parse_error', message: err.message, raw: err.raw });
    // The failed exchange is shown only for this retry; the history keeps neither.
    const corrective: ChatCompletionMessageParam[] = [
      ...replyTurns(first, 'ignored: the call could not be used'),
      { role: 'user', content: correctiveText(err, args) },
    ];
    const second = await ask(args, args.conversation.messages(corrective), 2, 'corrective');
    try {
      return { value: args.parse(second, rawOf(second)), reply: second, thought: second.text.trim() };
    } catch (err2) {
      if (!(err2 instanceof ParseError)) throw err2;
      throw new StepFailure('model_bad_reply', `The planner's reply could not be used, even after asking again (${err2.reason}). Its reply is kept in the trace.`, err2.raw, err2);
    }
  }
}

function ask<T>(args: AskArgs<T>, messages: ChatCompletionMessageParam[], attempt: number, reason: 'step' | 'corrective'): Promise<ModelReply> {
  return requestModel({
    step: args.step, messages, attempt, reason, model: args.model, ctx: args.ctx, role: 'planner',
    ...(args.calls === 'tools' ? { tools: args.tools } : {}),
    ...(args.image ? { image: { width: args.image.width, height: args.image.height, bytes: args.image.bytes.byteLength, mime: args.image.mime } } : {}),
  });
}

/** The reply as kept in the trace and in parse errors. */
export function rawOf(reply: ModelReply): string {
  return reply.toolCalls.length > 0
    ? JSON.stringify({ content: reply.text, tool_calls: reply.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })) })
    : reply.text;
}

/**
 * The assistant turn for the history, and a result for every tool call (an API requires one
 * before the next user turn): `results[i]` for call i, the rest answered as ignored.
 */
export function replyTurns(reply: ModelReply, ...results: string[]): ChatCompletionMessageParam[] {
  if (reply.toolCalls.length === 0) return [{ role: 'assistant', content: reply.text }];
  return [
    { role: 'assistant', content: reply.text || null, tool_calls: reply.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) },
    ...reply.toolCalls.map((c, i) => ({ role: 'tool' as const, tool_call_id: c.id, content: results[i] ?? 'ignored: one call per turn' })),
  ];
}

function correctiveText<T>(error: ParseError, args: AskArgs<T>): string {
  if (args.lang === 'zh') {
    return args.calls === 'tools' ? `上一条回复无法使用（${error.reason}）。请只调用一个提供的工具，参数要完整。` : `上一条回复无法使用（${error.reason}）。请按说明的格式只给出一个 JSON 对象。`;
  }
  return args.calls === 'tools'
    ? `Your previous reply could not be used (${error.reason}). Call exactly one of the provided tools with complete arguments.`
    : `Your previous reply could not be used (${error.reason}). Answer with exactly one JSON object in the format described.`;
}
