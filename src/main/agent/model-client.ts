// The model client: openai SDK chat completions, always streaming so the thought reaches the
// UI as it is written, with time-to-first-token and total time measured per reply. Retries
// (429, 5xx, dropped or cut-off streams) are ours rather than the SDK's so that failures in
// the middle of a stream are retried too, and every failure ends as a classified ModelError.
// Nothing the endpoint says leaves this client with a key in it: reply text, streamed pieces,
// tool-call arguments and error messages (a 401 body such as "Incorrect API key provided: ...")
// are scrubbed of the client's own key and of every other key it was told about.
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { KnownSecrets, type StreamRedactor } from '../../shared/known-secrets';
import { sleep } from '../../shared/sleep';
import { backoffDelay, retryAfterMs, type BackoffOptions } from './backoff';
import type { ModelClient, ModelReply, ModelRequest, ToolCallReply } from './interfaces';
import { BadReplyError, classifyModelError, ModelError, redactModelError, RequestTimeoutError } from './model-errors';

export interface ModelClientOptions {
  baseURL: string;
  /** Kept inside the SDK client only; never logged, traced or put in errors. */
  apiKey?: string;
  model: string;
  temperature?: number;
  topP?: number;
  frequencyPenalty?: number;
  maxTokens?: number;
  /** Whole-reply deadline per attempt, streaming included (default 120 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  backoff?: BackoffOptions;
  /** Ask for a final usage chunk (default true; some servers reject stream_options). */
  includeUsage?: boolean;
  /** Other keys (the other endpoints' stored keys) scrubbed, like `apiKey`, from everything the client returns or throws. */
  secrets?: readonly string[];
}

/** Generation settings as recorded in the trace (no key, no URL). */
export function modelSettingsForTrace(o: ModelClientOptions): Record<string, number | string | boolean | null> {
  return {
    temperature: o.temperature ?? null, topP: o.topP ?? null, frequencyPenalty: o.frequencyPenalty ?? null,
    maxTokens: o.maxTokens ?? null, timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxRetries: o.maxRetries ?? DEFAULT_RETRIES,
  };
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8_000 };

export interface RetryInfo { retry: number; delayMs: number; error: ModelError }

export class OpenAIModelClient implements ModelClient {
  private readonly sdk: OpenAI;
  private readonly options: ModelClientOptions;
  private readonly known: KnownSecrets;

  constructor(options: ModelClientOptions, private readonly hooks: { onRetry?: (info: RetryInfo) => void } = {}) {
    this.options = options;
    this.known = new KnownSecrets([options.apiKey, ...(options.secrets ?? [])]);
    // SDK retries off: ours cover mid-stream failures as well. The SDK timeout is only a backstop.
    this.sdk = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey || 'no-key', maxRetries: 0, timeout: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 5_000 });
  }

  async complete(request: ModelRequest): Promise<ModelReply> {
    const maxRetries = this.options.maxRetries ?? DEFAULT_RETRIES;
    for (let retry = 0; ; retry++) {
      try {
        const reply = await this.attempt(request);
        return { ...reply, retries: retry };
      } catch (raw) {
        const error = this.classify(raw);
        if (request.signal?.aborted || !error.retryable || retry >= maxRetries) throw error;
        const delayMs = backoffDelay(retry + 1, this.options.backoff ?? DEFAULT_BACKOFF, retryAfterMs(raw));
        this.hooks.onRetry?.({ retry: retry + 1, delayMs, error });
        request.onRetry?.({ retry: retry + 1, code: error.code });
        try {
          await sleep(delayMs, request.signal);
        } catch (abortReason) {
          throw this.classify(abortReason ?? new OpenAI.APIUserAbortError());
        }
      }
    }
  }

  private classify(raw: unknown): ModelError {
    return redactModelError(classifyModelError(raw, this.options.baseURL), this.known);
  }

  /** One streamed request with its own deadline; throws raw errors for the classifier. */
  private async attempt(request: ModelRequest): Promise<Omit<ModelReply, 'retries'>> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) controller.abort();
    const started = performance.now();
    try {
      const stream = await this.sdk.chat.completions.create({
        model: this.options.model,
        messages: request.messages,
        stream: true,
        ...(this.options.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
        ...(request.tools ? { tools: request.tools, tool_choice: 'auto' as const } : {}),
        ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
        ...(this.options.topP !== undefined ? { top_p: this.options.topP } : {}),
        ...(this.options.frequencyPenalty !== undefined ? { frequency_penalty: this.options.frequencyPenalty } : {}),
        ...(this.options.maxTokens !== undefined ? { max_tokens: this.options.maxTokens } : {}),
      }, { signal: controller.signal });
      const acc = new ReplyAccumulator(started, this.known, request.onDelta);
      for await (const chunk of stream) acc.add(chunk);
      return acc.finish(performance.now() - started);
    } catch (err) {
      if (timedOut) throw new RequestTimeoutError(timeoutMs);
      throw err;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Collects streamed deltas into a reply; tool-call argument fragments are joined by index. The
 * pieces shown live go through a stream redactor (a key may be split across chunks); the reply
 * is redacted whole.
 */
class ReplyAccumulator {
  private text = '';
  private ttftMs: number | null = null;
  private finishReason: string | null = null;
  private usage?: ModelReply['usage'];
  private readonly calls = new Map<number, ToolCallReply>();
  private readonly live: StreamRedactor;

  constructor(private readonly started: number, private readonly known: KnownSecrets, private readonly onDelta?: (text: string) => void) {
    this.live = known.stream();
  }

  add(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const content = choice.delta?.content;
    if (content) {
      this.ttftMs ??= performance.now() - this.started;
      this.text += content;
      const shown = this.live.push(content);
      if (shown) this.onDelta?.(shown);
    }
    for (const tc of choice.delta?.tool_calls ?? []) {
      this.ttftMs ??= performance.now() - this.started;
      const existing = this.calls.get(tc.index) ?? { id: tc.id ?? `call_${tc.index}`, name: '', arguments: '' };
      if (tc.id) existing.id = tc.id;
      if (tc.function?.name) existing.name += tc.function.name;
      if (tc.function?.arguments) existing.arguments += tc.function.arguments;
      this.calls.set(tc.index, existing);
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  finish(totalMs: number): Omit<ModelReply, 'retries'> {
    // A stream that ends without finish_reason was cut off (proxy, crash): never act on half a reply.
    if (this.finishReason === null) throw new BadReplyError('the reply stream ended before it was complete', true);
    const toolCalls = [...this.calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    if (this.text.trim() === '' && toolCalls.length === 0) throw new BadReplyError('the reply was empty', true);
    const rest = this.live.flush();
    if (rest) this.onDelta?.(rest);
    const redact = (t: string) => this.known.redact(t);
    return {
      text: redact(this.text), toolCalls: toolCalls.map((c) => ({ id: c.id, name: redact(c.name), arguments: redact(c.arguments) })), finishReason: this.finishReason, ttftMs: this.ttftMs, totalMs,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}
