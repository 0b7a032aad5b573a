// UI-TARS mobile adapter. 1.5 (default) is shown a smart-resized screenshot (sides multiples of
// 28) and answers in its pixels; 1.0 answers on a 0..1000 grid whatever the image size.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fitToMaxPixels, smartResize, type Size } from '../coordinate-map';
import type { ModelReply } from '../interfaces';
import type { ParseError } from './parse-error';
import type { ParseContext, ProtocolAdapter, TurnInfo } from './types';
import { parseUiTarsReply, type UiTarsCoordinates } from './uitars-parser';

export interface UiTarsOptions {
  /** 'absolute' = UI-TARS-1.5 (default), 'relative1000' = UI-TARS-1.0. */
  coordinates?: UiTarsCoordinates;
  /** Language the model should think in. */
  lang?: 'en' | 'zh';
  /** Upper bound for the smart resize (UI-TARS default 16384 * 28 * 28). */
  maxImagePixels?: number;
}

export function createUiTarsAdapter(options: UiTarsOptions = {}): ProtocolAdapter {
  const coordinates = options.coordinates ?? 'absolute';
  const language = options.lang === 'zh' ? 'Chinese' : 'English';
  return {
    id: 'uitars',
    wantsMarks: false,
    modelImageSize: (device: Size) => coordinates === 'absolute'
      ? smartResize(device, { maxPixels: options.maxImagePixels })
      : fitToMaxPixels(device, options.maxImagePixels),
    systemPrompt: (task: string) => uiTarsPrompt(task, language),
    userText(turn: TurnInfo): string {
      const parts = [...turn.notes];
      if (turn.currentApp) parts.push(`Current app: ${turn.currentApp}`);
      return parts.join('\n') || 'Screenshot of the current screen.';
    },
    tools: () => undefined,
    parse: (reply: ModelReply, ctx: ParseContext) => parseUiTarsReply(reply.text, ctx.map, coordinates),
    historyTurns: (reply: ModelReply): ChatCompletionMessageParam[] => [{ role: 'assistant', content: reply.text.trim() }],
    correctiveText: (error: ParseError) =>
      `Your previous reply could not be parsed (${error.reason}). Reply again as "Thought: ...\\nAction: ..." with exactly one action from the action space.`,
  };
}

function uiTarsPrompt(task: string, language: string): string {
  return `You control an Android phone to carry out the user's instruction. Each turn you get the current screenshot; decide the single next action.

## Output format
Thought: a short plan, ending with the next action and its target in one sentence
Action: one call from the action space

## Action space
click(point='<point>x y</point>')
long_press(point='<point>x y</point>')
type(content='text')  # end content with "\\n" to submit
scroll(point='<point>x y</point>', direction='down|up|left|right')
open_app(app_name='name')
drag(start_point='<point>x1 y1</point>', end_point='<point>x2 y2</point>')
press_home()
press_back()
finished(content='result')  # escape quotes and newlines in content as in a Python string

## Notes
- Write the Thought in ${language}.

## User instruction
${task}`;
}
