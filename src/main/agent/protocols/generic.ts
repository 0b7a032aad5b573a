// Generic vision model adapter (GPT-4o class, Qwen-VL, Claude behind an OpenAI-compatible API):
// actions as tools, pixel coordinates of the image shown, optional set-of-marks element list.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fitToMaxPixels, type Size } from '../coordinate-map';
import type { ModelReply } from '../interfaces';
import { parseGenericReply } from './generic-parser';
import { GENERIC_TOOLS } from './generic-tools';
import type { ParseError } from './parse-error';
import { describeMarks } from './set-of-marks';
import type { ParseContext, ProtocolAdapter, TurnInfo } from './types';

export interface GenericOptions {
  /** Draw numbered element boxes from `uiautomator dump` on the screenshot (when the operator provides the XML). */
  setOfMarks?: boolean;
  /** Pixel budget of the screenshot (default ~1.3 MP, comfortably within common vision limits). */
  maxImagePixels?: number;
}

export function createGenericAdapter(options: GenericOptions = {}): ProtocolAdapter {
  const maxPixels = options.maxImagePixels ?? 1_300_000;
  return {
    id: 'generic',
    wantsMarks: options.setOfMarks ?? false,
    modelImageSize: (device: Size) => fitToMaxPixels(device, maxPixels),
    systemPrompt: (_task: string, now: Date) => `You operate an Android phone for the user by calling exactly one tool per reply.
Today is ${now.toDateString()}.
Each user turn carries the current screenshot. Coordinates are pixels of that screenshot image (its size is given with it); when elements are marked with numbers, prefer the element number.
Before each call, explain briefly in plain text what you see and why you act. Check on the new screenshot that your previous action worked; do not repeat an action that had no effect.
Use tap with confirm_reason for irreversible actions (payment, deletion, sending private data). Use take_over for logins and captchas, ask_user when the task leaves a choice open, finish when the task is done or impossible.`,
    userText(turn: TurnInfo): string {
      const lines: string[] = [];
      if (turn.task !== undefined) lines.push(`Task: ${turn.task}`);
      lines.push(...turn.notes);
      lines.push(`Current app: ${turn.currentApp || 'unknown'}`);
      lines.push(`Screenshot size: ${turn.image.width}x${turn.image.height} pixels.`);
      if (turn.marks && turn.marks.length > 0) lines.push(`Marked elements:\n${describeMarks(turn.marks)}`);
      return lines.join('\n');
    },
    tools: () => GENERIC_TOOLS,
    parse: (reply: ModelReply, ctx: ParseContext) => parseGenericReply(reply, ctx),
    historyTurns(reply: ModelReply): ChatCompletionMessageParam[] {
      if (reply.toolCalls.length === 0) return [{ role: 'assistant', content: reply.text }];
      // Every tool call needs a tool message before the next user turn; results follow in that turn.
      return [
        { role: 'assistant', content: reply.text || null, tool_calls: reply.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) },
        ...reply.toolCalls.map((c, i) => ({ role: 'tool' as const, tool_call_id: c.id, content: i === 0 ? 'done' : 'ignored: one action per turn' })),
      ];
    },
    correctiveText: (error: ParseError) => `Your previous reply could not be used (${error.reason}). Call exactly one of the provided tools.`,
  };
}
