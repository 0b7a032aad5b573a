// The planner's message history. Like the end-to-end conversation only the newest screen is
// sent whole: older turns keep what happened (results, the user's words) and lose their
// screenshot and their screen outline, so a long task stays a short request and a text-only
// planner never receives an image part.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

export interface ScreenTurn {
  /** What the planner must hear first: the previous action's result, instructions, warnings. */
  header: string[];
  /** The screen as text (outline), '' when the planner sees only the image. */
  screenText: string;
  imageDataUrl?: string;
}

export class PlannerConversation {
  private readonly history: ChatCompletionMessageParam[] = [];
  /** Index of the last user turn with a screen in it, and its header (what it shrinks to). */
  private lastScreen: { index: number; header: string } | undefined;

  constructor(systemPrompt: string) {
    this.history.push({ role: 'system', content: systemPrompt });
  }

  addScreen(turn: ScreenTurn): void {
    if (this.lastScreen) {
      const { index, header } = this.lastScreen;
      this.history[index] = { role: 'user', content: `${header}${header ? '\n' : ''}(an earlier screen)` };
    }
    const header = turn.header.join('\n');
    const text = [header, turn.screenText].filter((t) => t !== '').join('\n\n');
    this.history.push(turn.imageDataUrl
      ? { role: 'user', content: [{ type: 'text', text }, { type: 'image_url', image_url: { url: turn.imageDataUrl } }] }
      : { role: 'user', content: text });
    this.lastScreen = { index: this.history.length - 1, header };
  }

  addTurns(turns: ChatCompletionMessageParam[]): void {
    this.history.push(...turns);
  }

  messages(extra: ChatCompletionMessageParam[] = []): ChatCompletionMessageParam[] {
    return [...this.history, ...extra];
  }
}
