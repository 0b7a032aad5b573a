// The model client against the scripted server through the real openai SDK: streaming,
// retries, timeouts, cancellation and the error classification users see.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { getEventListeners } from 'node:events';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../../support/scripted-openai';
import { OpenAIModelClient, type ModelClientOptions, type RetryInfo } from '../../../src/main/agent/model-client';
import { classifyModelError, ModelError } from '../../../src/main/agent/model-errors';
import { backoffDelay } from '../../../src/main/agent/backoff';

let server: ScriptedOpenAI | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const messages = [{ role: 'user' as const, content: 'hi' }];
const fast = { baseMs: 1, maxMs: 5 };

function client(s: ScriptedOpenAI, extra: Partial<ModelClientOptions> = {}, retries: RetryInfo[] = []) {
  return new OpenAIModelClient({ baseURL: s.baseURL, apiKey: 'sk-test', model: 'scripted-model', backoff: fast, ...extra }, { onRetry: (r) => retries.push(r) });
}

async function failure(p: Promise<unknown>): Promise<ModelError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ModelError);
  return e as ModelError;
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('OpenAIModelClient', () => {
  it('streams deltas and measures time to first token and total time', async () => {
    server = await startScriptedOpenAI();
    const text = '<think>打开设置</think><answer>do(action="Launch", app="设置")</answer>';
    server.script([{ content: text, chunkSize: 4, usage: { prompt_tokens: 900, completion_tokens: 30 } }]);
    const deltas: string[] = [];
    const reply = await client(server, { temperature: 0, topP: 0.85, maxTokens: 3000 }).complete({ messages, onDelta: (d) => deltas.push(d) });
    expect(reply.text).toBe(text);
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(text);
    expect(reply.ttftMs).not.toBeNull();
    expect(reply.totalMs).toBeGreaterThanOrEqual(reply.ttftMs!);
    expect(reply.usage).toEqual({ promptTokens: 900, completionTokens: 30 });
    expect(reply.finishReason).toBe('stop');
    const body = server.chatRequests()[0].body;
    expect(body).toMatchObject({ model: 'scripted-model', stream: true, temperature: 0, top_p: 0.85, max_tokens: 3000 });
  });

  it('collects streamed tool calls', async () => {
    server = await startScriptedOpenAI();
    server.script([{ toolCalls: [{ name: 'tap', arguments: { element: 3 } }], content: 'Tapping' }]);
    const reply = await client(server).complete({ messages, tools: [{ type: 'function', function: { name: 'tap', parameters: { type: 'object' } } }] });
    expect(reply.toolCalls).toEqual([{ id: 'call_1', name: 'tap', arguments: '{"element":3}' }]);
    expect(server.chatRequests()[0].body.tools).toHaveLength(1);
  });

  it('retries a 500 and a 429 with backoff, then succeeds', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 500 }, { status: 429, headers: { 'retry-after': '0' } }, { content: 'finish(message="ok")' }]);
    const retries: RetryInfo[] = [];
    const reply = await client(server, {}, retries).complete({ messages });
    expect(reply.text).toBe('finish(message="ok")');
    expect(reply.retries).toBe(2);
    expect(retries.map((r) => r.error.status)).toEqual([500, 429]);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('retries a dropped connection and a truncated stream', async () => {
    server = await startScriptedOpenAI();
    server.script([{ dropConnection: true }, { truncateAfter: 5 }, { content: 'done' }]);
    const retries: RetryInfo[] = [];
    const resets: number[] = [];
    const reply = await client(server, {}, retries).complete({ messages, onRetry: (r) => resets.push(r.retry) });
    expect(reply.text).toBe('done');
    expect(retries.map((r) => r.error.code)).toEqual(['model_error', 'model_bad_reply']);
    expect(resets).toEqual([1, 2]);
  });

  it('gives up after maxRetries with the last classified error', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const err = await failure(client(server, { maxRetries: 2 }).complete({ messages }));
    expect(err.code).toBe('model_error');
    expect(err.status).toBe(503);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('reports a truncated stream as bad_reply when retries are exhausted', async () => {
    server = await startScriptedOpenAI();
    server.script([{ truncateAfter: 10 }]);
    const err = await failure(client(server, { maxRetries: 0 }).complete({ messages }));
    expect(err.code).toBe('model_bad_reply');
    expect(err.message).toMatch(/ended before it was complete/);
  });

  it('classifies 401 as unauthorized without retrying and without leaking the key', async () => {
    server = await startScriptedOpenAI({ apiKey: 'sk-right' });
    const err = await failure(client(server, { apiKey: 'sk-wrong-secret' }).complete({ messages }));
    expect(err.code).toBe('model_unauthorized');
    expect(err.hint).toMatch(/API key/);
    expect(server.chatRequests()).toHaveLength(1);
    expect(JSON.stringify(err.toEnvelope())).not.toContain('sk-wrong-secret');
  });

  it('classifies a 404 on a base URL without /v1 as not_found_url with the /v1 hint', async () => {
    server = await startScriptedOpenAI();
    const c = new OpenAIModelClient({ baseURL: server.origin, model: 'm', backoff: fast });
    const err = await failure(c.complete({ messages }));
    expect(err.code).toBe('model_not_found_url');
    expect(err.hint).toMatch(/\/v1/);
  });

  it('classifies an unknown model as model_not_found', async () => {
    server = await startScriptedOpenAI({ models: ['autoglm-phone-9b'] });
    const err = await failure(client(server, { model: 'nope' }).complete({ messages }));
    expect(err.code).toBe('model_not_found');
  });

  it('classifies a context-length error', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', code: 'context_length_exceeded' } } }]);
    expect((await failure(client(server).complete({ messages }))).code).toBe('model_context_too_long');
  });

  it('classifies a closed port as refused, without retrying', async () => {
    const port = await closedPort();
    const retries: RetryInfo[] = [];
    const c = new OpenAIModelClient({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', backoff: fast }, { onRetry: (r) => retries.push(r) });
    const err = await failure(c.complete({ messages }));
    expect(err.code).toBe('model_refused');
    expect(retries).toHaveLength(0);
  });

  it('times out a hanging server per request', async () => {
    server = await startScriptedOpenAI();
    server.script([{ hang: true }]);
    const err = await failure(client(server, { timeoutMs: 300 }).complete({ messages }));
    expect(err.code).toBe('model_timeout');
    expect(err.retryable).toBe(false);
  });

  it('times out a stream that stalls after its first chunks', async () => {
    server = await startScriptedOpenAI();
    server.script([{ content: 'a slow reply that keeps going', chunkSize: 2, delayMs: 200 }]);
    const err = await failure(client(server, { timeoutMs: 300, maxRetries: 0 }).complete({ messages }));
    expect(err.code).toBe('model_timeout');
  });

  it('cancels an in-flight request via AbortSignal and cleans up its listeners', async () => {
    server = await startScriptedOpenAI();
    server.script([{ hang: true }]);
    const ac = new AbortController();
    const pending = client(server).complete({ messages, signal: ac.signal });
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    const err = await failure(pending);
    expect(err.code).toBe('cancelled');
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('cancels during a retry delay', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 500 }]);
    const ac = new AbortController();
    const c = new OpenAIModelClient({ baseURL: server.baseURL, model: 'm', backoff: { baseMs: 60_000, maxMs: 60_000 } }, { onRetry: () => ac.abort() });
    const err = await failure(c.complete({ messages, signal: ac.signal }));
    expect(err.code).toBe('cancelled');
  });
});

describe('OpenAIModelClient keeps keys in', () => {
  const KEY = 'sk-echoed-0a1b2c3d4e5f-key';
  const OTHER = 'gw-other-endpoint-77aa';

  it('a reply: the text, pieces streamed across chunk boundaries and tool-call arguments are scrubbed of its key and the other known keys', async () => {
    server = await startScriptedOpenAI();
    const text = `<think>Your key is ${KEY}, and ${OTHER} too.</think><answer>do(action="Type", text="${KEY}")</answer>`;
    server.script([
      { content: text, chunkSize: 5 },
      { toolCalls: [{ name: 'type', arguments: { text: KEY } }], content: `Typing ${OTHER}` },
    ]);
    const deltas: string[] = [];
    const c = client(server, { apiKey: KEY, secrets: [OTHER] });
    const reply = await c.complete({ messages, onDelta: (d) => deltas.push(d) });
    expect(reply.text).toBe('<think>Your key is [redacted], and [redacted] too.</think><answer>do(action="Type", text="[redacted]")</answer>');
    expect(deltas.join('')).toBe(reply.text);
    expect(deltas.length).toBeGreaterThan(5);
    for (const d of deltas) expect(d).not.toMatch(/sk-echoed|gw-other/);
    const tools = await c.complete({ messages, tools: [{ type: 'function', function: { name: 'type', parameters: { type: 'object' } } }] });
    expect(tools.toolCalls[0].arguments).toBe('{"text":"[redacted]"}');
    expect(tools.text).toBe('Typing [redacted]');
  });

  it('an error: a 400 body quoting the key becomes a message without it, cause included', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 400, body: { error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://example.invalid.`, type: 'invalid_request_error', code: 'invalid_api_key' } } }]);
    const e = await failure(client(server, { apiKey: KEY }).complete({ messages }));
    expect(e.message).toContain('Incorrect API key provided: [redacted]');
    expect(`${e.message} ${e.hint} ${JSON.stringify(e.toEnvelope())} ${(e.cause as Error).message}`).not.toContain(KEY);
  });
});

describe('classifyModelError', () => {
  it('is idempotent and handles non-SDK errors', () => {
    const e = classifyModelError(new Error('weird'), 'http://x/v1');
    expect(e.code).toBe('model_error');
    expect(classifyModelError(e, 'http://x/v1')).toBe(e);
    expect(classifyModelError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 'https://x/v1').code).toBe('model_tls');
  });

  it('backoff grows exponentially, capped, honouring Retry-After', () => {
    const o = { baseMs: 500, maxMs: 8000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, o))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(1, o, 3000)).toBe(3000);
    expect(backoffDelay(1, o, 60_000)).toBe(8000);
  });
});
