// A scripted OpenAI-compatible HTTP server for tests: the real openai SDK talks to it over
// loopback, so tests exercise real HTTP, SSE framing, retries and error bodies instead of a
// mocked client. Replies are queued by the test and consumed in order by chat completions.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Recorded JSON is inspected ad hoc by tests (`body.messages[1].content[0].text`); a precise type
 * would force casts at every use for no safety gain, so it is deliberately loose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RecordedJson = any;

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** Object (serialized for you) or an already-serialized JSON string (may be malformed on purpose). */
  arguments: Record<string, unknown> | string;
}

export type ScriptedReplyValue =
  /** A normal assistant message; streamed in `chunkSize`-character pieces (default 8) with `delayMs` between them. */
  | { content: string; chunkSize?: number; delayMs?: number; usage?: ScriptedUsage; finishReason?: string }
  /** Function calling: the assistant answers with tool calls (content optional). */
  | { toolCalls: ScriptedToolCall[]; content?: string; usage?: ScriptedUsage }
  /** An HTTP error; `body` defaults to an OpenAI-style `{ error: { message, type, code } }`. */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answers (for timeouts and cancellation); the socket is released by close() or the client. */
  | { hang: true }
  /** Destroys the socket: mid-stream (after the first chunk) for streaming requests, before any byte otherwise. */
  | { dropConnection: true; content?: string }
  /** Sends only the first N characters of `content` (default 'truncated reply...'), then ends without [DONE]/finish_reason. */
  | { truncateAfter: number; content?: string };

export interface ScriptedUsage { prompt_tokens: number; completion_tokens: number }

export type ScriptedReply = ScriptedReplyValue | ((request: RecordedRequest) => ScriptedReplyValue);

export interface RecordedRequest {
  method: string;
  /** Path including the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased header names; `authorization` is never stored (see the flags below). */
  headers: Record<string, string>;
  /** True when the request carried an Authorization header (its value is redacted, never recorded). */
  hadAuthorization: boolean;
  /** True when no apiKey is configured, or the header was exactly `Bearer <apiKey>`. */
  authorized: boolean;
  /** Parsed JSON body, or undefined when there was none / it was not JSON. */
  body: RecordedJson;
}

export interface ScriptedOpenAIOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets a 401. */
  apiKey?: string;
  /** Model ids listed by GET /models. When given explicitly, chat requests for other models get a 404 model_not_found. */
  models?: string[];
  /** Default '/v1'. Anything outside it is a 404 (so a base URL without /v1 fails like real servers). */
  basePath?: string;
}

export interface ScriptedOpenAI {
  /** http://127.0.0.1:PORT/v1 (with the configured basePath). */
  baseURL: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Every request received, in arrival order (including 401/404 ones). */
  requests: RecordedRequest[];
  /** Chat-completion requests only (convenience filter over `requests`). */
  chatRequests(): RecordedRequest[];
  /** Appends replies to the queue; each chat completion consumes one. */
  script(replies: ScriptedReply[]): void;
  /** Replies still queued. */
  remaining(): number;
  /** Destroys every open socket (including hung ones) and stops listening. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['scripted-model'];

export async function startScriptedOpenAI(options: ScriptedOpenAIOptions = {}): Promise<ScriptedOpenAI> {
  const basePath = normalizeBasePath(options.basePath ?? '/v1');
  const models = options.models ?? DEFAULT_MODELS;
  const enforceModels = options.models !== undefined;
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      // A bug in the scripted server must be loud in the test, not a silent hang.
      if (!res.headersSent) sendJson(res, 500, errorBody(`scripted server failure: ${String(err)}`, 'server_error'));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: RecordedJson;
    try { body = raw.length > 0 ? JSON.parse(raw) : undefined; } catch { body = undefined; }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'authorization' || v === undefined) continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    const auth = req.headers.authorization;
    const authorized = options.apiKey === undefined || auth === `Bearer ${options.apiKey}`;
    const record: RecordedRequest = {
      method: req.method ?? 'GET', path: req.url ?? '/', headers, hadAuthorization: auth !== undefined, authorized, body,
    };
    requests.push(record);

    const pathname = (req.url ?? '/').split('?')[0];
    const isModels = pathname === `${basePath}/models`;
    const isChat = pathname === `${basePath}/chat/completions`;
    if (!isModels && !isChat) {
      // Like FastAPI/vLLM: a bare "Not Found" (no path echo, so it never looks like a model error).
      sendJson(res, 404, errorBody('Not Found', 'invalid_request_error', 'not_found'));
      return;
    }
    if (!authorized) {
      sendJson(res, 401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      return;
    }
    if (isModels) {
      if (req.method !== 'GET') { sendJson(res, 405, errorBody('Method not allowed', 'invalid_request_error')); return; }
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'scripted' })),
      });
      return;
    }
    if (req.method !== 'POST') { sendJson(res, 405, errorBody('Method not allowed', 'invalid_request_error')); return; }
    if (enforceModels && !models.includes(body?.model)) {
      sendJson(res, 404, errorBody(`The model \`${String(body?.model)}\` does not exist or you do not have access to it.`,
        'invalid_request_error', 'model_not_found'));
      return;
    }
    const next = queue.shift();
    if (next === undefined) {
      // An unscripted call is a test bug: answer with a distinctive error rather than inventing a reply.
      sendJson(res, 500, errorBody('scripted server: no reply scripted for this request', 'server_error', 'unscripted'));
      return;
    }
    const reply = typeof next === 'function' ? next(record) : next;
    counter += 1;
    await respond(reply, body, res, `chatcmpl-scripted-${counter}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    baseURL: `${origin}${basePath}`,
    origin,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path.split('?')[0].endsWith('/chat/completions')),
    script: (replies) => { queue.push(...replies); },
    remaining: () => queue.length,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

async function respond(reply: ScriptedReplyValue, body: RecordedJson, res: http.ServerResponse, id: string): Promise<void> {
  const stream = body?.stream === true;
  const model = typeof body?.model === 'string' ? body.model : 'scripted-model';
  if ('hang' in reply) return; // keep the socket open; close() or the client's abort ends it
  if ('status' in reply) {
    const payload = reply.body ?? errorBody(`scripted error ${reply.status}`, reply.status >= 500 ? 'server_error' : 'invalid_request_error');
    sendJson(res, reply.status, payload, reply.headers);
    return;
  }
  if ('dropConnection' in reply) {
    if (!stream) { res.socket?.destroy(); return; }
    startSse(res);
    writeSse(res, chunk(id, model, { role: 'assistant', content: (reply.content ?? 'partial ').slice(0, 8) }, null));
    // Give the chunk a chance to reach the client, then cut the connection without [DONE].
    await sleep(5);
    res.socket?.destroy();
    return;
  }
  if ('truncateAfter' in reply) {
    const text = (reply.content ?? 'truncated reply that never completes').slice(0, reply.truncateAfter);
    if (!stream) {
      const full = JSON.stringify(completion(id, model, reply.content ?? text, undefined, 'stop', undefined));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(full.slice(0, reply.truncateAfter));
      return;
    }
    startSse(res);
    for (const piece of split(text, 8)) writeSse(res, chunk(id, model, { content: piece }, null));
    res.end(); // clean close, but no finish_reason and no [DONE]
    return;
  }
  if ('toolCalls' in reply) {
    const calls = reply.toolCalls.map((c, i) => ({
      id: c.id ?? `call_${i + 1}`,
      type: 'function' as const,
      function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
    }));
    if (!stream) {
      sendJson(res, 200, completion(id, model, reply.content ?? null, calls, 'tool_calls', reply.usage));
      return;
    }
    startSse(res);
    writeSse(res, chunk(id, model, { role: 'assistant', content: reply.content ?? null }, null));
    calls.forEach((call, index) => {
      const args = call.function.arguments;
      const half = Math.ceil(args.length / 2);
      // Arguments arrive in fragments, as real servers send them.
      writeSse(res, chunk(id, model, { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: args.slice(0, half) } }] }, null));
      writeSse(res, chunk(id, model, { tool_calls: [{ index, function: { arguments: args.slice(half) } }] }, null));
    });
    writeSse(res, chunk(id, model, {}, 'tool_calls'));
    if (body?.stream_options?.include_usage) writeSse(res, usageChunk(id, model, reply.usage));
    res.end('data: [DONE]\n\n');
    return;
  }
  // Plain content.
  const finish = reply.finishReason ?? 'stop';
  if (!stream) {
    if (reply.delayMs) await sleep(reply.delayMs);
    sendJson(res, 200, completion(id, model, reply.content, undefined, finish, reply.usage));
    return;
  }
  startSse(res);
  writeSse(res, chunk(id, model, { role: 'assistant', content: '' }, null));
  for (const piece of split(reply.content, reply.chunkSize ?? 8)) {
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return; // the client went away (cancel): stop writing
    writeSse(res, chunk(id, model, { content: piece }, null));
  }
  writeSse(res, chunk(id, model, {}, finish));
  if (body?.stream_options?.include_usage) writeSse(res, usageChunk(id, model, reply.usage));
  res.end('data: [DONE]\n\n');
}

function completion(id: string, model: string, content: string | null, toolCalls: unknown[] | undefined, finish: string, usage?: ScriptedUsage) {
  return {
    id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: finish, logprobs: null }],
    usage: fullUsage(usage),
  };
}

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null) {
  return { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
}

function usageChunk(id: string, model: string, usage?: ScriptedUsage) {
  return { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage: fullUsage(usage) };
}

function fullUsage(usage?: ScriptedUsage) {
  const u = usage ?? { prompt_tokens: 100, completion_tokens: 20 };
  return { ...u, total_tokens: u.prompt_tokens + u.completion_tokens };
}

function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

function startSse(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

function writeSse(res: http.ServerResponse, data: unknown): void {
  if (!res.destroyed) res.write(`data: ${JSON.stringify(data)}\n\n`);
}

function sendJson(res: http.ServerResponse, status: number, data: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

function split(text: string, size: number): string[] {
  // Split on code points so multi-byte characters (Chinese, emoji) are never cut in half.
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += Math.max(1, size)) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function normalizeBasePath(p: string): string {
  if (p === '' || p === '/') return '';
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
