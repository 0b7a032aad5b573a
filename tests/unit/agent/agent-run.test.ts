// The agent loop with a fake phone and a scripted human, driven by scripted model replies
// through the real openai SDK, writing a real trace to a temp directory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedOpenAI, type RecordedJson, type ScriptedOpenAI, type ScriptedReply } from '../../support/scripted-openai';
import type { AgentRunEvent } from '../../../src/shared/agent/events';
import { AgentRun, type AgentRunOptions } from '../../../src/main/agent/agent-run';
import { OpenAIModelClient } from '../../../src/main/agent/model-client';
import { createAutoGlmAdapter } from '../../../src/main/agent/protocols/autoglm';
import { createGenericAdapter } from '../../../src/main/agent/protocols/generic';
import { createUiTarsAdapter } from '../../../src/main/agent/protocols/uitars';
import type { ProtocolAdapter } from '../../../src/main/agent/protocols/types';
import { nodeTraceFs, TraceWriter, type TraceFs } from '../../../src/main/features/traces/trace-writer';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import { FakePhone, imageCount, lastUserText, ScriptedHuman } from '../../support/agent-fakes';

const API_KEY = 'sk-scripted-secret-key';
let server: ScriptedOpenAI;
let dir: string;
beforeEach(async () => {
  server = await startScriptedOpenAI({ apiKey: API_KEY });
  dir = await mkdtemp(join(tmpdir(), 'pp-run-'));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface Setup {
  replies: ScriptedReply[];
  phone?: FakePhone;
  human?: ScriptedHuman;
  adapter?: ProtocolAdapter;
  traceFs?: TraceFs;
  extra?: Partial<AgentRunOptions>;
}

async function setup(s: Setup) {
  server.script(s.replies);
  const phone = s.phone ?? new FakePhone();
  const human = s.human ?? new ScriptedHuman();
  const trace = await TraceWriter.open(join(dir, 'task'), { secrets: [API_KEY], ...(s.traceFs ? { fs: s.traceFs } : {}) });
  const model = new OpenAIModelClient({ baseURL: server.baseURL, apiKey: API_KEY, model: 'autoglm-phone-9b', maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 }, temperature: 0 });
  const run = new AgentRun({
    task: '打开设置并打开 Wi-Fi', taskId: 'task-1', operator: phone, model, human, trace,
    adapter: s.adapter ?? createAutoGlmAdapter({ lang: 'zh', maxImagePixels: 300_000 }),
    meta: { device: { serial: 'emulator-5554', model: 'Pixel 7' }, endpoint: { name: 'Local vLLM', baseURL: server.baseURL, model: 'autoglm-phone-9b' }, settings: { temperature: 0 } },
    now: () => new Date(2026, 0, 5),
    ...s.extra,
  });
  const events: AgentRunEvent[] = [];
  run.on((e) => events.push(e));
  return { run, phone, human, events };
}

const reply = (think: string, answer: string) => ({ content: `<think>${think}</think><answer>${answer}</answer>` });
const tap = (x: number, y: number) => reply('tap it', `do(action="Tap", element=[${x},${y}])`);
const finish = (m: string) => reply('done', `finish(message="${m}")`);

describe('AgentRun', () => {
  it('runs tap then finish: device pixels, AutoGLM message shapes, one image per request, full trace', async () => {
    const { run, phone, events } = await setup({ replies: [tap(500, 250), finish('Wi-Fi 已打开')] });
    const outcome = await run.start();
    expect(outcome).toMatchObject({ status: 'finished', message: 'Wi-Fi 已打开', steps: 2 });
    expect(phone.executed).toEqual([{ type: 'tap', x: 540, y: 601 }]);

    const [first, second] = server.chatRequests().map((r) => r.body);
    expect(first.messages.map((m: RecordedJson) => m.role)).toEqual(['system', 'user']);
    expect(first.messages[0].content).toContain('2026年01月05日');
    expect(lastUserText(first)).toBe('打开设置并打开 Wi-Fi\n\n{"current_app":"com.android.launcher3"}');
    expect(second.messages.map((m: RecordedJson) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second.messages[2].content).toBe('<think>tap it</think><answer>do(action="Tap", element=[500,250])</answer>');
    expect(lastUserText(second)).toMatch(/^\*\* Screen Info \*\*\n\n\{"current_app":/);
    expect(typeof second.messages[1].content).toBe('string'); // the old screenshot was dropped
    for (const body of [first, second]) expect(imageCount(body)).toBe(1);
    expect(first.messages[1].content[1].image_url.url).toMatch(/^data:image\/jpeg;base64,/);

    const trace = await readTrace(join(dir, 'task'));
    expect(trace.status).toBe('finished');
    expect(trace.events.map((e) => e.type)).toEqual([
      'task', 'step_started', 'model_request', 'model_reply', 'action_parsed', 'action_executed',
      'step_started', 'model_request', 'model_reply', 'action_parsed', 'finish',
    ]);
    const req = trace.events.find((e) => e.type === 'model_request');
    expect(req).toMatchObject({ roles: ['system', 'user'], imageCount: 1, image: { mime: 'image/jpeg' } });
    if (req?.type === 'model_request') expect(req.image!.width * req.image!.height).toBeLessThanOrEqual(300_000);
    const executed = trace.events.find((e) => e.type === 'action_executed');
    expect(executed).toMatchObject({ result: { ok: true }, settleMs: 7 });
    const raw = await readFile(join(dir, 'task', 'trace.jsonl'), 'utf8');
    expect(raw).not.toContain(API_KEY);
    expect(raw).not.toContain('base64');
    expect(trace.task?.endpoint).toMatchObject({ baseURL: server.baseURL, model: 'autoglm-phone-9b', protocol: 'autoglm' });
    expect(events.some((e) => e.kind === 'delta')).toBe(true);
    expect(events.filter((e) => e.kind === 'state').map((e) => (e as { state: string }).state)).toEqual(['running', 'done']);
  });

  it('asks before a sensitive tap and executes it when approved', async () => {
    const human = new ScriptedHuman({ confirm: true });
    const { run, phone } = await setup({ human, replies: [reply('pay', 'do(action="Tap", element=[500,900], message="支付 25 元")'), finish('paid')] });
    expect((await run.start()).status).toBe('finished');
    expect(human.confirmations).toEqual([{ step: 1, reason: '支付 25 元' }]);
    expect(phone.executed).toHaveLength(1);
    const phases = (await readTrace(join(dir, 'task'))).events.flatMap((e) => (e.type === 'confirmation' ? [e.phase] : []));
    expect(phases).toEqual(['asked', 'approved']);
  });

  it('stops without acting when a sensitive tap is denied (default policy)', async () => {
    const { run, phone } = await setup({ replies: [reply('pay', 'do(action="Tap", element=[500,900], message="pay")')] });
    const outcome = await run.start();
    expect(outcome.status).toBe('stopped');
    expect(outcome.message).toMatch(/declined/);
    expect(phone.executed).toHaveLength(0);
    expect((await readTrace(join(dir, 'task'))).status).toBe('stopped');
  });

  it('tells the model about a denial with the tell_model policy', async () => {
    const { run, phone } = await setup({ extra: { denyPolicy: 'tell_model' }, replies: [reply('pay', 'do(action="Tap", element=[500,900], message="pay")'), finish('gave up')] });
    expect((await run.start()).status).toBe('finished');
    expect(phone.executed).toHaveLength(0);
    expect(lastUserText(server.chatRequests()[1].body)).toMatch(/declined/);
  });

  it('hands over to the user and continues after take over', async () => {
    const human = new ScriptedHuman();
    const { run } = await setup({ human, replies: [reply('login', 'do(action="Take_over", message="请登录")'), finish('ok')] });
    expect((await run.start()).status).toBe('finished');
    expect(human.takeOvers).toEqual(['请登录']);
    expect(lastUserText(server.chatRequests()[1].body)).toMatch(/completed the manual step/);
    const input = (await readTrace(join(dir, 'task'))).events.find((e) => e.type === 'user_input');
    expect(input).toMatchObject({ kind: 'take_over_done', text: '请登录' });
  });

  it('asks the user on Interact and passes the answer to the model', async () => {
    const human = new ScriptedHuman({ answer: '蓝色那件' });
    const { run } = await setup({ human, replies: [reply('which?', 'do(action="Interact", message="买哪一件？")'), finish('ok')] });
    expect((await run.start()).status).toBe('finished');
    expect(human.questions).toEqual(['买哪一件？']);
    expect(lastUserText(server.chatRequests()[1].body)).toContain('The user answered: 蓝色那件');
  });

  it('recovers from one malformed reply with a corrective retry that still carries one image', async () => {
    const { run, phone } = await setup({ replies: [{ content: 'I think I should tap somewhere.' }, tap(10, 10), finish('ok')] });
    expect((await run.start()).status).toBe('finished');
    expect(phone.executed).toHaveLength(1);
    const corrective = server.chatRequests()[1].body;
    expect(corrective.messages.map((m: RecordedJson) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(lastUserText(corrective)).toMatch(/无法解析/);
    expect(imageCount(corrective)).toBe(1);
    // The failed exchange is not kept in the history.
    expect(server.chatRequests()[2].body.messages.map((m: RecordedJson) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const trace = await readTrace(join(dir, 'task'));
    expect(trace.events.find((e) => e.type === 'error')).toMatchObject({ code: 'parse_error', raw: 'I think I should tap somewhere.' });
  });

  it('fails the step after a second malformed reply, keeping the raw text', async () => {
    const { run, phone } = await setup({ replies: [{ content: 'hmm' }, { content: 'still no action here' }] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/could not be understood/);
    expect(phone.executed).toHaveLength(0);
    const trace = await readTrace(join(dir, 'task'));
    expect(trace.status).toBe('failed');
    const errors = trace.events.filter((e) => e.type === 'error');
    expect(errors.map((e) => (e.type === 'error' ? [e.code, e.raw] : []))).toEqual([['parse_error', 'hmm'], ['model_bad_reply', 'still no action here']]);
  });

  it('fails with a clear message when the endpoint goes down mid-task', async () => {
    const phone = new FakePhone();
    phone.onExecute = () => server.close();
    const { run } = await setup({ phone, replies: [tap(100, 100)] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('model_refused');
    expect(outcome.message).toMatch(/Connection refused/);
    const trace = await readTrace(join(dir, 'task'));
    expect(trace.finish).toMatchObject({ status: 'failed' });
    expect(trace.events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? e.code : ''))).toEqual(['model_refused']);
  });

  it('loop guard: warns the model at the third identical action on an unchanged screen, stops at the fourth', async () => {
    const phone = new FakePhone();
    phone.frozen = true;
    const { run } = await setup({ phone, replies: [tap(500, 500), tap(500, 501), tap(501, 500), tap(500, 500)] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/repeating the same action/);
    expect(phone.executed).toHaveLength(2);
    expect(lastUserText(server.chatRequests()[3].body)).toMatch(/same action three times/);
  });

  it('does not trip the loop guard when the screen changes', async () => {
    const { run, phone } = await setup({ replies: [tap(500, 500), tap(500, 500), tap(500, 500), tap(500, 500), finish('ok')] });
    expect((await run.start()).status).toBe('finished');
    expect(phone.executed).toHaveLength(4);
  });

  it('stops at the step limit with a clear failure', async () => {
    const { run } = await setup({ extra: { maxSteps: 2 }, replies: [tap(1, 1), tap(2, 2)] });
    const outcome = await run.start();
    expect(outcome).toMatchObject({ status: 'failed', steps: 2 });
    expect(outcome.message).toMatch(/limit of 2 steps/);
  });

  it('fails on the task timeout', async () => {
    const { run } = await setup({ extra: { taskTimeoutMs: 200 }, replies: [{ hang: true }] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/took longer/);
    expect((await readTrace(join(dir, 'task'))).status).toBe('failed');
  });

  it('stop() ends a run waiting for the model as stopped', async () => {
    const { run, events } = await setup({ replies: [{ hang: true }] });
    const done = run.start();
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    run.stop();
    const outcome = await done;
    expect(outcome.status).toBe('stopped');
    expect((await readTrace(join(dir, 'task'))).finish).toMatchObject({ status: 'stopped', message: 'Stopped by the user.' });
    expect(events.at(-1)).toEqual({ kind: 'state', state: 'done' });
  });

  it('pause holds the loop before the next screenshot; resume continues', async () => {
    const phone = new FakePhone();
    const { run, events } = await setup({ phone, replies: [tap(1, 1), finish('ok')] });
    phone.onExecute = () => run.pause();
    const done = run.start();
    while (!events.some((e) => e.kind === 'state' && e.state === 'paused')) await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(phone.screens).toBe(1);
    expect(run.state).toBe('paused');
    run.resume();
    expect((await done).status).toBe('finished');
    expect(phone.screens).toBe(2);
  });

  it('stop() while paused ends the run', async () => {
    const phone = new FakePhone();
    const { run, events } = await setup({ phone, replies: [tap(1, 1)] });
    phone.onExecute = () => run.pause();
    const done = run.start();
    while (!events.some((e) => e.kind === 'state' && e.state === 'paused')) await new Promise((r) => setTimeout(r, 5));
    run.stop();
    expect((await done).status).toBe('stopped');
  });

  it('passes an added instruction to the model and traces it', async () => {
    const phone = new FakePhone();
    const { run } = await setup({ phone, replies: [tap(1, 1), finish('ok')] });
    phone.onExecute = () => run.addInstruction('顺便把音量调低');
    expect((await run.start()).status).toBe('finished');
    expect(lastUserText(server.chatRequests()[1].body)).toContain('New instruction from the user: 顺便把音量调低');
    const input = (await readTrace(join(dir, 'task'))).events.find((e) => e.type === 'user_input');
    expect(input).toMatchObject({ kind: 'instruction', text: '顺便把音量调低', step: 1 });
  });

  it('an instruction given before start reaches the first request and is traced after the task event', async () => {
    const { run } = await setup({ replies: [finish('ok')] });
    run.addInstruction('use dark mode');
    expect((await run.start()).status).toBe('finished');
    expect(lastUserText(server.chatRequests()[0].body)).toContain('New instruction from the user: use dark mode');
    const types = (await readTrace(join(dir, 'task'))).events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['task', 'user_input']);
  });

  it('tells the model when the screenshot is black (secure screen), and not otherwise', async () => {
    const phone = new FakePhone();
    phone.black = true;
    const { run } = await setup({ phone, extra: { adapter: createAutoGlmAdapter({ lang: 'en' }) }, replies: [reply('x', 'do(action="Back")'), finish('ok')] });
    phone.onExecute = () => { phone.black = false; };
    expect((await run.start()).status).toBe('finished');
    expect(lastUserText(server.chatRequests()[0].body)).toContain('completely black');
    expect(lastUserText(server.chatRequests()[1].body)).not.toContain('completely black');
    // Unscaled PNG passes through untouched.
    expect(server.chatRequests()[0].body.messages[1].content[1].image_url.url).toMatch(/^data:image\/png;base64,/);
  });

  it('tells the model when an action failed on the device', async () => {
    const phone = new FakePhone();
    phone.execResult = { ok: false, message: 'App not found: Foo' };
    const { run } = await setup({ phone, replies: [reply('x', 'do(action="Launch", app="Foo")'), finish('no app')] });
    expect((await run.start()).status).toBe('finished');
    expect(lastUserText(server.chatRequests()[1].body)).toContain('App not found: Foo');
  });

  it('stops with a disk-full message when the trace cannot be written, earlier lines intact', async () => {
    let writes = 0;
    const fs: TraceFs = {
      ...nodeTraceFs,
      openAppend: async (p) => {
        const real = await nodeTraceFs.openAppend(p);
        return { ...real, write: async (d: string) => { if (++writes > 4) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); return real.write(d); }, sync: real.sync, close: real.close };
      },
    };
    const { run, phone } = await setup({ traceFs: fs, replies: [tap(1, 1), finish('ok')] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('disk_full');
    expect(outcome.message).toMatch(/disk is full/);
    expect(phone.executed).toHaveLength(0);
    const trace = await readTrace(join(dir, 'task'));
    expect(trace.events).toHaveLength(4);
    expect(trace.status).toBe('interrupted');
  });

  it('fails clearly when the phone cannot give a screenshot', async () => {
    const phone = new FakePhone();
    phone.screen = async () => { throw new Error('device offline'); };
    const { run } = await setup({ phone, replies: [] });
    const outcome = await run.start();
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/screenshot.*device offline/);
  });

  it('leaves no listeners behind and disposes idempotently', async () => {
    const external = new AbortController();
    for (let i = 0; i < 3; i++) {
      const { run } = await setup({ extra: { signal: external.signal }, replies: [finish('ok')] });
      expect((await run.start()).status).toBe('finished');
      await run.dispose();
      await run.dispose();
      await rm(join(dir, 'task'), { recursive: true, force: true });
    }
    expect(getEventListeners(external.signal, 'abort')).toHaveLength(0);
  });

  it('an external abort signal stops the run', async () => {
    const external = new AbortController();
    const { run } = await setup({ extra: { signal: external.signal }, replies: [{ hang: true }] });
    const done = run.start();
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    external.abort();
    expect((await done).status).toBe('stopped');
  });

  it('start() twice is refused', async () => {
    const { run } = await setup({ replies: [finish('ok')] });
    const done = run.start();
    expect(() => run.start()).toThrow(/already started/);
    await done;
  });
});

describe('AgentRun with other protocols', () => {
  it('generic: tools, set-of-marks element numbers and tool history', async () => {
    const phone = new FakePhone();
    phone.uiXml = '<hierarchy><node text="Wi-Fi" class="android.widget.Switch" clickable="true" bounds="[100,300][980,500]" /></hierarchy>';
    const { run } = await setup({
      phone, adapter: createGenericAdapter({ setOfMarks: true }),
      replies: [{ toolCalls: [{ name: 'tap', arguments: { element: 1 } }], content: 'Turning Wi-Fi on' }, { toolCalls: [{ name: 'finish', arguments: { message: 'on' } }] }],
    });
    expect((await run.start())).toMatchObject({ status: 'finished', message: 'on' });
    expect(phone.executed).toEqual([{ type: 'tap', x: 539, y: 399 }]);
    const [first, second] = server.chatRequests().map((r) => r.body);
    expect(first.tools.length).toBeGreaterThan(5);
    expect(lastUserText(first)).toContain('[1] Switch "Wi-Fi"');
    expect(second.messages.map((m: RecordedJson) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(imageCount(second)).toBe(1);
  });

  it('uitars: smart-resized screenshot, absolute pixels mapped back', async () => {
    const phone = new FakePhone();
    const { run } = await setup({
      phone, adapter: createUiTarsAdapter(),
      replies: [{ content: "Thought: tap the blue bar\nAction: click(point='<point>546 404</point>')" }, { content: "Thought: ok\nAction: finished(content='done')" }],
    });
    expect((await run.start()).status).toBe('finished');
    expect(phone.executed).toEqual([{ type: 'tap', x: 540, y: 403 }]);
    const req = (await readTrace(join(dir, 'task'))).events.find((e) => e.type === 'model_request');
    expect(req).toMatchObject({ image: { width: 1092, height: 2408 } });
    expect(server.chatRequests()[0].body.messages[0].content).toContain('## User instruction\n打开设置并打开 Wi-Fi');
  });
});

describe('traceableUrl', () => {
  it('drops credentials and query strings', async () => {
    const { traceableUrl } = await import('../../../src/main/agent/agent-run');
    expect(traceableUrl('https://user:pw@api.example.com/v1/?key=abc#x')).toBe('https://api.example.com/v1');
    expect(traceableUrl('not a url?key=1')).toBe('not a url');
  });
});
