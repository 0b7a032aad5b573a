// The message history sent to the model. Only the newest screenshot is kept: older user turns
// lose their image part when a new one arrives (as the AutoGLM reference does), so requests
// stay small and carry exactly one image.
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';

export interface RequestSummary { roles: string[]; imageCount: number; textChars: number }

export class Conversation {
  private readonly history: ChatCompletionMessageParam[] = [];

  constructor(systemPrompt: string) {
    this.history.push({ role: 'system', content: systemPrompt });
  }

  /** Adds a user turn with the screenshot; strips images from every earlier turn. */
  addUserTurn(text: string, imageDataUrl: string): void {
    for (let i = 0; i < this.history.length; i++) this.history[i] = withoutImages(this.history[i]);
    this.history.push({
      role: 'user',
      content: [{ type: 'text', text }, { type: 'image_url', image_url: { url: imageDataUrl } }],
    });
  }

  addTurns(turns: ChatCompletionMessageParam[]): void {
    this.history.push(...turns);
  }

  /** A copy of the messages to send. */
  messages(extra: ChatCompletionMessageParam[] = []): ChatCompletionMessageParam[] {
    return [...this.history, ...extra];
  }
}

/** Roles, image count and text size of a request: what the trace records instead of base64. */
export function summarizeMessages(messages: ChatCompletionMessageParam[]): RequestSummary {
  let imageCount = 0;
  let textChars = 0;
  for (const m of messages) {
    const content = (m as { content?: unknown }).content;
    if (typeof content === 'string') textChars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content as ChatCompletionContentPart[]) {
        if (part.type === 'image_url') imageCount += 1;
        else if (part.type === 'text') textChars += part.text.length;
      }
    }
  }
  return { roles: messages.map((m) => m.role), imageCount, textChars };
}

function withoutImages(message: ChatCompletionMessageParam): ChatCompletionMessageParam {
  if (message.role !== 'user' || !Array.isArray(message.content)) return message;
  const parts = message.content.filter((p) => p.type !== 'image_url');
  if (parts.length === message.content.length) return message;
  // A text-only turn collapses back to a plain string, the shape the reference keeps.
  const text = parts.every((p) => p.type === 'text') ? parts.map((p) => (p as { text: string }).text).join('\n') : undefined;
  return { role: 'user', content: text ?? parts };
}
