// The agent domain as the app uses it: requests in, bus events out, one run per device, the
// human in the loop answered through agent.respond, traces under the traces folder. The phone
// is a fake operator; the model is the scripted server behind the real openai SDK.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startScriptedOpenAI, type ScriptedOpenAI, type ScriptedReply } from '../../../support/scripted-openai';
import { makeTempDir } from '../../../support/temp-dir';
import { FakePhone, owned } from '../../../support/agent-fakes';
import type { AgentPrompt, AgentRunInfo, EventName } from '../../../../src/shared/contract';
import { AppError } from '../../../../src/shared/errors';
import { appPaths } from '../../../../src/main/platform/app-paths';
import type { DomainContext } from '../../../../src/main/features/domain';
import { EventBus } from '../../../../src/main/platform/event-bus';
import { createAgentDomain, type AgentDomain } from '../../../../src/main/features/agent/agent-domain';
import type { PhoneFactory } from '../../../../src/main/features/agent/run-setup';
import { FileSecretStore } from '../../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../../src/main/platform/settings/settings-store';
import { StreamHub } from '../../../../src/main/platform/stream-hub';
import { nodeTraceFs, type TraceFs } from '../../../../src/main/features/traces/trace-writer';

const API_KEY = 'sk-domain-secret-9f2e';
const reply = (think: string, answer: string): ScriptedReply => ({ content: `<think>${think}</think><answer>${answer}</answer>` });
const tap = (x: number, y: number) => reply('tap the button', `do(action="Tap", element=[${x},${y}])`);
const finish = (m: string) => reply('all done', `finish(message="${m}")`);

let server: ScriptedOpenAI;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ctx: DomainContext;
let domain: AgentDomain | undefined;
let phones: Map<string, FakePhone>;
let leases: { acquired: number; released: number };
let published: Array<{ name: EventName; payload: unknown }>;

beforeEach(async () => {
  server = await startScriptedOpenAI({ apiKey: API_KEY });
  tmp = await makeTempDir('pp-agent-domain-');
  const paths = appPaths(tmp.dir);
  const settings = new SettingsStore(paths.settingsFile, new FileSecretStore(paths.secretsFile));
  await settings.load();
  const bus = new EventBus();
  published = [];
  bus.subscribe((name, payload) => published.push({ name, payload }));
  ctx = { paths, bus, streams: new StreamHub(), settings, env: {}, transport: 'bridge', version: 'test' };
  phones = new Map();
  leases = { acquired: 0, released: 0 };
});
afterEach(async () => {
  await domain?.dispose?.();
  domain = undefined;
  ctx.streams.dispose();
  await server.close();
  await tmp.cleanup();
});

const operators: PhoneFactory = async (serial) => {
  const phone = phones.get(serial) ?? new FakePhone();
  phones.set(serial, phone);
  return {
    serial, model: 'Fake Pixel',
    openOperator: () => {
      leases.acquired += 1;
      return owned(phone, () => { leases.released += 1; });
    },
  };
};

async function setUp(options: { traceFs?: TraceFs; withEndpoint?: boolean } = {}): Promise<AgentDomain> {
  if (options.withEndpoint !== false) {
    const endpoint = await ctx.settings.saveEndpoint({ name: 'Scripted', baseURL: server.baseURL, model: 'autoglm-phone-9b', protocol: 'autoglm', apiKey: API_KEY });
    await ctx.settings.update({ activeEndpointId: endpoint.id });
  }
  domain = createAgentDomain(ctx, { phones: operators, traceFs: options.traceFs, modelOverrides: { maxRetries: 0, backoff: { baseMs: 1, maxMs: 2 } } });
  await domain.start?.();
  return domain;
}

const h = () => domain!.handlers as Required<AgentDomain['handlers']>;
const call = { transport: 'in-process' as const };
const infos = (runId: string) => published.filter((e) => e.name === 'agent.run' && (e.payload as AgentRunInfo).runId === runId).map((e) => e.payload as AgentRunInfo);

async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const value = get();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const ended = (runId: string) => until(() => infos(runId).find((i) => i.outcome !== null), `the end of ${runId}`);
const promptOf = (runId: string) => until(() => published.find((e) => e.name === 'agent.prompt' && (e.payload as AgentPrompt).runId === runId)?.payload as AgentPrompt | undefined, 'a prompt');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('agent domain', () => {
  it('runs a task to its final answer, publishes its events and writes its trace under the traces folder', async () => {
    await setUp();
    server.script([tap(500, 500), finish('Wi-Fi is on')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Turn on Wi-Fi' }, call);
    const end = await ended(runId);
    expect(end.outcome).toEqual({ status: 'finished', message: 'Wi-Fi is on' });
    expect(end.steps).toBe(2);
    expect(end.maxSteps).toBe(50);
    expect(phones.get('phone-a')!.executed).toEqual([{ type: 'tap', x: 540, y: 1201 }]);
    const kinds = published.filter((e) => e.name === 'agent.event').map((e) => (e.payload as { event: { kind: string; event?: { type: string } } }).event);
    expect(kinds.some((k) => k.kind === 'delta')).toBe(true);
    expect(kinds.filter((k) => k.kind === 'trace').map((k) => k.event!.type)).toContain('action_executed');
    expect(end.traceDir).toBe(join(ctx.paths.tracesDir, runId));
    const trace = await readFile(join(end.traceDir, 'trace.jsonl'), 'utf8');
    expect(trace).toContain('"type":"finish"');
    expect(leases).toEqual({ acquired: 1, released: 1 });
    const history = (await h()['agent.history']({ runId }, call)).events;
    expect(history.map((e) => e.type)).toEqual(trace.trim().split('\n').map((l) => JSON.parse(l).type));
    const shot = await h()['agent.screenshot']({ runId, step: 1 }, call);
    expect(shot.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(Math.max(shot.width, shot.height)).toBe(320);
    // The last step too, read back from the trace folder once the run let go of it.
    expect((await h()['agent.screenshot']({ runId, step: 2, maxSide: 100 }, call)).height).toBe(100);
    expect((await rejection(h()['agent.screenshot']({ runId, step: 3 }, call))).code).toBe('not_found');
    // The key went to the model server, and nowhere else.
    expect(server.chatRequests().every((r) => r.authorized)).toBe(true);
    expect(JSON.stringify(published)).not.toContain(API_KEY);
    expect(trace).not.toContain(API_KEY);
  });

  it('refuses a second run on the same device, runs another device at the same time, and frees the device on stop', async () => {
    await setUp();
    server.script([{ hang: true }, tap(100, 100), finish('B done')]);
    const first = await h()['agent.start']({ serial: 'phone-a', task: 'Wait forever' }, call);
    await until(() => server.chatRequests().length === 1, 'the first model call');
    const refused = await rejection(h()['agent.start']({ serial: 'phone-a', task: 'Another task' }, call));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/already working on phone-a \(the task "Wait forever"\)/);
    const second = await h()['agent.start']({ serial: 'phone-b', task: 'Tap' }, call);
    expect((await ended(second.runId)).outcome?.status).toBe('finished');
    expect((await h()['agent.list']({}, call)).runs.map((r) => [r.serial, r.state])).toEqual([['phone-a', 'running'], ['phone-b', 'done']]);
    await h()['agent.stop']({ runId: first.runId }, call);
    expect((await ended(first.runId)).outcome).toEqual({ status: 'stopped', message: 'Stopped by the user.' });
    expect((await rejection(h()['agent.pause']({ runId: first.runId }, call))).code).toBe('conflict');
    server.script([finish('again')]);
    const third = await h()['agent.start']({ serial: 'phone-a', task: 'Again' }, call);
    expect((await ended(third.runId)).outcome?.message).toBe('again');
    expect(leases).toEqual({ acquired: 3, released: 3 });
  });

  it('asks before a sensitive tap: the prompt carries the action, reason and screen; stale or wrong answers are refused', async () => {
    await setUp();
    server.script([reply('pay now', 'do(action="Tap", element=[500,900], message="Pay 12.50 EUR")'), finish('Paid')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Pay the bill' }, call);
    const prompt = await promptOf(runId);
    expect(prompt).toMatchObject({ kind: 'confirm', step: 1, message: 'Pay 12.50 EUR', action: { type: 'tap', x: 540, y: 2161, sensitive: 'Pay 12.50 EUR' } });
    expect(prompt.screenshot).toMatch(/^data:image\/jpeg;base64,/);
    expect(infos(runId).at(-1)).toMatchObject({ state: 'waiting_user', pendingPrompt: prompt.requestId });
    expect((await h()['agent.list']({}, call)).prompts.map((p) => p.requestId)).toEqual([prompt.requestId]);

    const unknown = await rejection(h()['agent.respond']({ runId, requestId: 'not-a-request', kind: 'confirm', approve: true }, call));
    expect(unknown.code).toBe('not_found');
    const wrongKind = await rejection(h()['agent.respond']({ runId, requestId: prompt.requestId, kind: 'ask', answer: 'yes' }, call));
    expect(wrongKind.code).toBe('validation');
    expect(phones.get('phone-a')!.executed).toEqual([]);

    await h()['agent.respond']({ runId, requestId: prompt.requestId, kind: 'confirm', approve: true }, call);
    expect((await ended(runId)).outcome).toEqual({ status: 'finished', message: 'Paid' });
    expect(phones.get('phone-a')!.executed).toHaveLength(1);
    expect((await rejection(h()['agent.respond']({ runId, requestId: prompt.requestId, kind: 'confirm', approve: true }, call))).code).toBe('conflict');
  });

  it('take over and interact wait for the user, whose answer reaches the model', async () => {
    await setUp();
    server.script([reply('login', 'do(action="Take_over", message="Log in please")'), reply('which', 'do(action="Interact")'), finish('ok')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Order lunch' }, call);
    const takeOver = await promptOf(runId);
    expect(takeOver).toMatchObject({ kind: 'takeOver', message: 'Log in please', step: 1 });
    await h()['agent.respond']({ runId, requestId: takeOver.requestId, kind: 'takeOver' }, call);
    const ask = await until(() => published.map((e) => e.payload as AgentPrompt).find((p) => p.kind === 'ask'), 'the question');
    expect(ask.step).toBe(2);
    await h()['agent.respond']({ runId, requestId: ask.requestId, kind: 'ask', answer: 'The pasta' }, call);
    expect((await ended(runId)).outcome?.status).toBe('finished');
    expect(JSON.stringify(server.chatRequests()[2].body)).toContain('The user answered: The pasta');
  });

  it('stop while a confirmation is open ends the run as stopped and closes the prompt', async () => {
    await setUp();
    server.script([reply('delete', 'do(action="Tap", element=[1,1], message="Delete all")')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Clean up' }, call);
    const prompt = await promptOf(runId);
    await h()['agent.stop']({ runId }, call);
    const end = await ended(runId);
    expect(end).toMatchObject({ pendingPrompt: null, outcome: { status: 'stopped' } });
    expect(phones.get('phone-a')!.executed).toEqual([]);
    expect((await h()['agent.list']({}, call)).prompts).toEqual([]);
    expect((await rejection(h()['agent.respond']({ runId, requestId: prompt.requestId, kind: 'confirm', approve: true }, call))).code).toBe('conflict');
  });

  it('passes an added instruction, and honours pause and resume', async () => {
    await setUp();
    server.script([tap(10, 10), finish('done')]);
    const phone = new FakePhone();
    phones.set('phone-a', phone);
    let runId = '';
    phone.onExecute = async () => {
      await h()['agent.pause']({ runId }, call);
      await h()['agent.addInstruction']({ runId, text: 'Use the dark theme' }, call);
    };
    runId = (await h()['agent.start']({ serial: 'phone-a', task: 'Settings' }, call)).runId;
    await until(() => infos(runId).some((i) => i.state === 'paused'), 'the pause');
    expect(server.chatRequests()).toHaveLength(1);
    await h()['agent.resume']({ runId }, call);
    expect((await ended(runId)).outcome?.status).toBe('finished');
    expect(JSON.stringify(server.chatRequests()[1].body)).toContain('New instruction from the user: Use the dark theme');
  });

  it('a full disk fails the run with the disk-full message and frees the device', async () => {
    const full: TraceFs = { ...nodeTraceFs, writeFile: async () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } };
    await setUp({ traceFs: full });
    server.script([finish('never')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Anything' }, call);
    const end = await ended(runId);
    expect(end.outcome).toMatchObject({ status: 'failed', code: 'disk_full' });
    expect(end.outcome?.message).toMatch(/The disk is full: the task trace in .* cannot be written, so the task was stopped/);
    expect(leases.released).toBe(1);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it('without a model endpoint the start is refused with the way to fix it, and the device stays free', async () => {
    await setUp({ withEndpoint: false });
    const error = await rejection(h()['agent.start']({ serial: 'phone-a', task: 'Anything' }, call));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/open Settings/);
    expect(leases.acquired).toBe(0);
    const endpoint = await ctx.settings.saveEndpoint({ name: 'Scripted', baseURL: server.baseURL, model: 'm', protocol: 'autoglm', apiKey: API_KEY });
    server.script([finish('fine')]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Anything', endpointId: endpoint.id }, call);
    expect((await ended(runId)).outcome?.message).toBe('fine');
  });

  it('a phone that cannot be reached refuses the start and leaves no reservation or trace behind', async () => {
    domain = createAgentDomain(ctx, { phones: async () => { throw new AppError('device_offline', 'phone-a is offline'); } });
    const endpoint = await ctx.settings.saveEndpoint({ name: 'S', baseURL: server.baseURL, model: 'm', protocol: 'autoglm' });
    await ctx.settings.update({ activeEndpointId: endpoint.id });
    for (let i = 0; i < 2; i++) expect((await rejection(h()['agent.start']({ serial: 'phone-a', task: 'x' }, call))).code).toBe('device_offline');
    expect(existsSync(ctx.paths.tracesDir)).toBe(false);
  });

  it('a key the model echoes (in its reply, split across stream chunks, in a 400 body) reaches no window, no outcome and no trace', async () => {
    await setUp();
    const other = await ctx.settings.saveEndpoint({ name: 'Other', baseURL: 'https://other.example.invalid/v1', model: 'm', protocol: 'autoglm', apiKey: 'gw-other-stored-key-42' });
    expect(other.hasApiKey).toBe(true);
    server.script([
      { content: `<think>I was given ${API_KEY} and gw-other-stored-key-42.</think><answer>do(action="Tap", element=[500,500])</answer>`, chunkSize: 3 },
      { status: 400, body: { error: { message: `Incorrect API key provided: ${API_KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } },
    ]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Turn on Wi-Fi' }, call);
    const end = await ended(runId);
    expect(end.outcome).toMatchObject({ status: 'failed', code: 'model_error' });
    expect(end.outcome?.message).toContain('Incorrect API key provided: [redacted]');
    const deltas = published.filter((e) => e.name === 'agent.event' && (e.payload as { event: { kind: string } }).event.kind === 'delta');
    expect(deltas.length).toBeGreaterThan(10);
    const trace = await readFile(join(end.traceDir, 'trace.jsonl'), 'utf8');
    expect(trace).toContain('I was given [redacted] and [redacted].');
    for (const text of [JSON.stringify(published), trace, JSON.stringify(await h()['agent.history']({ runId }, call))]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('gw-other-stored-key-42');
    }
  });

  it('dispose stops running runs, releases their phones and is idempotent', async () => {
    await setUp();
    server.script([{ hang: true }]);
    const { runId } = await h()['agent.start']({ serial: 'phone-a', task: 'Hang' }, call);
    await until(() => server.chatRequests().length === 1, 'the model call');
    await domain!.dispose?.();
    await domain!.dispose?.();
    expect(infos(runId).at(-1)?.outcome?.status).toBe('stopped');
    expect(leases).toEqual({ acquired: 1, released: 1 });
    expect((await rejection(h()['agent.start']({ serial: 'phone-b', task: 'x' }, call))).code).toBe('unavailable');
    domain = undefined;
  });
});
