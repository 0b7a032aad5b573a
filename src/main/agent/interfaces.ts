// The seams of the agent: the loop only talks to these, so the same loop runs against a real
// phone (adb + scrcpy), the simulated phone, or a fake in unit tests, and against any model.
// The phone's side (PhoneOperator) is in src/shared/agent/operator.ts, which phone/ implements.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AgentAction } from '../../shared/agent/actions';

export type { ExecResult, PhoneOperator, ScreenCapture, WaitForStillOptions } from '../../shared/agent/operator';

export interface HumanInTheLoop {
  /** Ask the user to approve a sensitive action; false = denied. */
  confirm(step: number, action: AgentAction, reason: string, signal: AbortSignal): Promise<boolean>;
  /** Hand the phone to the user; resolves when they say they are done. */
  takeOver(message: string, signal: AbortSignal): Promise<void>;
  /** Ask the user a question; resolves with their answer. */
  ask(question: string, signal: AbortSignal): Promise<string>;
}

export interface ToolCallReply { id: string; name: string; arguments: string }

export interface ModelReply {
  /** Assistant text content ('' when the model only called tools). */
  text: string;
  toolCalls: ToolCallReply[];
  finishReason: string;
  /** Time to the first streamed token; null when nothing streamed (e.g. tool calls only). */
  ttftMs: number | null;
  totalMs: number;
  usage?: { promptTokens: number; completionTokens: number };
  /** Retries the client made before this reply (429/5xx/dropped connections). */
  retries: number;
}

export interface ModelRequest {
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionTool[];
  signal?: AbortSignal;
  /** Streamed text pieces, for the live thought panel. */
  onDelta?: (text: string) => void;
  /** A retry is about to start: text streamed so far is void (the UI clears its partial thought). */
  onRetry?: (info: { retry: number; code: string }) => void;
}

export interface ModelClient {
  complete(request: ModelRequest): Promise<ModelReply>;
}
