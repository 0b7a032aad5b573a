// AutoGLM-Phone adapter: Chinese/English system prompt, the trained conversation shape
// (task + {"current_app"} first, `** Screen Info **` + JSON later), relative 0..999 coordinates.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fitToMaxPixels, type Size } from '../coordinate-map';
import type { ModelReply } from '../interfaces';
import { parseAutoGlmReply, splitAutoGlmReply } from './autoglm-parser';
import { autoGlmSystemPrompt, type PromptLang } from './autoglm-prompt';
import type { ParseError } from './parse-error';
import type { ParseContext, ProtocolAdapter, TurnInfo } from './types';

export interface AutoGlmOptions {
  lang?: PromptLang;
  /** Pixel budget of the screenshot sent (relative coordinates make any downscale safe). */
  maxImagePixels?: number;
  /** Replace the built-in prompt entirely (advanced settings). */
  systemPrompt?: string;
}

export function createAutoGlmAdapter(options: AutoGlmOptions = {}): ProtocolAdapter {
  const lang = options.lang ?? 'zh';
  return {
    id: 'autoglm',
    wantsMarks: false,
    modelImageSize: (device: Size) => fitToMaxPixels(device, options.maxImagePixels),
    systemPrompt: (_task: string, now: Date) => options.systemPrompt ?? autoGlmSystemPrompt(lang, now),
    userText(turn: TurnInfo): string {
      const screenInfo = JSON.stringify({ current_app: turn.currentApp });
      const notes = turn.notes.length > 0 ? `${turn.notes.join('\n')}\n\n` : '';
      return turn.task !== undefined
        ? `${turn.task}\n\n${notes}${screenInfo}`
        : `${notes}** Screen Info **\n\n${screenInfo}`;
    },
    tools: () => undefined,
    parse: (reply: ModelReply, ctx: ParseContext) => parseAutoGlmReply(reply.text, ctx.map),
    historyTurns(reply: ModelReply): ChatCompletionMessageParam[] {
      // Kept normalized, as the reference does: the model sees its own turns in the trained shape.
      const { thought, answer } = splitAutoGlmReply(reply.text);
      return [{ role: 'assistant', content: `<think>${thought}</think><answer>${answer}</answer>` }];
    },
    correctiveText(error: ParseError): string {
      return lang === 'zh'
        ? `上一条回复无法解析（${error.reason}）。请按格式重新回答：<think>分析</think><answer>do(action="...", ...) 或 finish(message="...")</answer>，只给一个操作。`
        : `Your previous reply could not be parsed (${error.reason}). Answer again in the format <think>reasoning</think><answer>do(action="...", ...) or finish(message="...")</answer>, with exactly one action.`;
    },
  };
}
