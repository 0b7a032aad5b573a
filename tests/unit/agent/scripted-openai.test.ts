// The scripted server is shared by the whole team: these tests pin its behaviour through the
// real openai SDK so a change to it cannot silently weaken everyone else's tests.
import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../../support/scripted-openai';

let server: ScriptedOpenAI | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

function client(s: ScriptedOpenAI, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) {
  return new OpenAI({ baseURL: s.baseURL, apiKey: 'sk-test', maxRetries: 0, ...extra });
}

describe('scripted OpenAI server', () => {
  it('lists models in the OpenAI list format', async () => {
    server = await startScriptedOpenAI({ models: ['a-model', 'b-model'] });
    const page = await client(server).models.list();
    expect(page.data.map((m) => m.id)).toEqual(['a-model', 'b-model']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', hadAuthorization: true, authorized: true });
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('answers non-streaming chat completions in order', async () => {
    server = await startScriptedOpenAI();
    server.script([{ content: 'first' }, { content: 'second', usage: { prompt_tokens: 7, completion_tokens: 3 } }]);
    const c = client(server);
    const a = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const b = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'again' }] });
    expect(a.choices[0].message.content).toBe('first');
    expect(b.choices[0].message.content).toBe('second');
    expect(b.usage?.total_tokens).toBe(10);
    expect(server.chatRequests()[1].body.messages[0].content).toBe('again');
    expect(server.remaining()).toBe(0);
  });

  it('streams content in several chunks ending with [DONE]', async () => {
    server = await startScriptedOpenAI();
    server.script([{ content: '<think>想一想</think><answer>finish(message="好")</answer>', chunkSize: 5 }]);
    const stream = await client(server).chat.completions.create({
      model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'x' }],
    });
    const pieces: string[] = [];
    let finish: string | null = null;
    let usage: unknown;
    for await (const ev of stream) {
      const ch = ev.choices[0];
      if (ch?.delta.content) pieces.push(ch.delta.content);
      if (ch?.finish_reason) finish = ch.finish_reason;
      if (ev.usage) usage = ev.usage;
    }
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe('<think>想一想</think><answer>finish(message="好")</answer>');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 20 });
  });

  it('serves tool calls streaming and non-streaming', async () => {
    server = await startScriptedOpenAI();
    const call = { name: 'tap', arguments: { x: 10, y: 20 } };
    server.script([{ toolCalls: [call] }, { toolCalls: [call] }]);
    const c = client(server);
    const plain = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(plain.choices[0].message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'tap' } });
    const stream = c.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const final = await stream.finalChatCompletion();
    const tc = final.choices[0].message.tool_calls?.[0];
    expect(tc && tc.type === 'function' ? JSON.parse(tc.function.arguments) : undefined).toEqual({ x: 10, y: 20 });
  });

  it('returns 401 with an OpenAI error body for a wrong key, without recording the key', async () => {
    server = await startScriptedOpenAI({ apiKey: 'sk-right' });
    const err = await client(server, { apiKey: 'sk-wrong' }).models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('invalid_api_key');
    expect(JSON.stringify(server.requests)).not.toContain('sk-wrong');
    expect(server.requests[0].authorized).toBe(false);
  });

  it('returns 404 outside the base path (base URL missing /v1)', async () => {
    server = await startScriptedOpenAI();
    const err = await new OpenAI({ baseURL: server.origin, apiKey: 'k', maxRetries: 0 }).models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(server.requests[0].path).toBe('/models');
  });

  it('rejects unknown models with model_not_found when a model list is given', async () => {
    server = await startScriptedOpenAI({ models: ['known'] });
    const err = await client(server).chat.completions.create({ model: 'other', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_found');
  });

  it('serves scripted status errors and function replies', async () => {
    server = await startScriptedOpenAI();
    server.script([{ status: 429 }, (req) => ({ content: `echo ${req.body.messages[0].content}` })]);
    const c = client(server);
    const err = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const ok = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
    expect(ok.choices[0].message.content).toBe('echo ping');
  });

  it('errors loudly when no reply is scripted', async () => {
    server = await startScriptedOpenAI();
    const err = await client(server).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('unscripted');
  });

  it('hangs until the client times out', async () => {
    server = await startScriptedOpenAI();
    server.script([{ hang: true }]);
    const err = await client(server, { timeout: 200 }).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('drops the connection mid-stream', async () => {
    server = await startScriptedOpenAI();
    server.script([{ dropConnection: true, content: 'hello world' }]);
    const stream = await client(server).chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] });
    const got: string[] = [];
    const err = await (async () => { for await (const ev of stream) got.push(ev.choices[0]?.delta.content ?? ''); })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(got.join('')).toBe('hello wo');
  });

  it('truncates a stream without finish_reason or [DONE]', async () => {
    server = await startScriptedOpenAI();
    server.script([{ truncateAfter: 10, content: '<think>abcdefghijk</think>' }]);
    const stream = await client(server).chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] });
    let text = '';
    let finish: string | null = null;
    for await (const ev of stream) { text += ev.choices[0]?.delta.content ?? ''; finish = ev.choices[0]?.finish_reason ?? finish; }
    expect(text).toBe('<think>abc');
    expect(finish).toBeNull();
  });

  it('close() releases hung sockets and is idempotent', async () => {
    const s = await startScriptedOpenAI();
    s.script([{ hang: true }]);
    const pending = client(s).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await s.close();
    await s.close();
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
