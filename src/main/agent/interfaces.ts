// The seams of the agent: the loop only talks to these, so the same loop runs against a real
// phone (adb + scrcpy), the simulated phone, or a fake in unit tests, and against any model.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AgentAction } from '../../shared/agent/actions';

export interface ScreenCapture {
  /** Encoded image bytes (JPEG/PNG/WebP) at full device resolution, current orientation. */
  image: Uint8Array;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Device pixels of the current orientation (a rotated 720x1600 phone reports 1600x720). */
  width: number;
  height: number;
  /** Package (or label) of the foreground app, '' when unknown. */
  currentApp: string;
  /** Optional `uiautomator dump` XML for set-of-marks (generic protocol). */
  uiXml?: string;
  /**
   * Optional identity of what is on screen, for the loop guard's "unchanged screen" test. Default:
   * a hash of `image`. A video-frame source whose bytes differ for identical pixels should set it.
   */
  fingerprint?: string;
}

export interface ExecResult {
  ok: boolean;
  /** Why it failed (app not found, input failed...): fed back to the model, shown to the user. */
  message?: string;
}

export interface WaitForStillOptions {
  /** Give up waiting after this long and carry on (the screen may animate forever). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The phone, as the agent sees it. A real implementation takes screens from the mirror's latest
 * frame (or screencap), executes through scrcpy control (or `adb shell input`), and measures
 * settling by comparing frames. Actions arrive in device pixels; UI-level actions (take_over,
 * interact, note, call_api, finish) never reach `execute`.
 */
export interface PhoneOperator {
  screen(signal?: AbortSignal): Promise<ScreenCapture>;
  execute(action: AgentAction, signal: AbortSignal): Promise<ExecResult>;
  waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }>;
}

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
