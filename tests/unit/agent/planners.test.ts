// The planner modes on the in-process simulated phone (real apps, real touch handling, the UI
// tree as uiautomator prints it), with scripted planner, grounding and executor models behind
// the real openai SDK. The planner names targets in words; the phone's state is the judge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedAndroid } from '#virtual-phone';
import { DEFAULT_SHOP_PASSWORD } from '../../../packages/virtual-phone/src/android/simulated-android';
import { AgentRun } from '../../../src/main/agent/agent-run';
import { createGrounder, type GrounderChoice } from '../../../src/main/agent/grounding';
import { createPlannerDriver, type PlannerCalls, type PlannerInput, type PlannerMode } from '../../../src/main/agent/intermediate';
import { OpenAIModelClient } from '../../../src/main/agent/model-client';
import { createAutoGlmAdapter } from '../../../src/main/agent/protocols/autoglm';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import { TraceWriter } from '../../../src/main/features/traces/trace-writer';
import type { TraceEvent } from '../../../src/shared/agent/trace';
import { imageCount, lastUserText, ScriptedHuman } from '../../support/agent-fakes';
import { startScriptedOpenAI, type RecordedJson, type ScriptedOpenAI, type ScriptedReply } from '../../support/scripted-openai';
import { SimulatedPhoneOperator } from '../../support/sim-operator';

let planner: ScriptedOpenAI;
let vision: ScriptedOpenAI;
let executor: ScriptedOpenAI;
let dir: string;
let phone: ReturnType<typeof createSimulatedAndroid>;
beforeEach(async () => {
  [planner, vision, executor] = await Promise.all([startScriptedOpenAI(), startScriptedOpenAI(), startScriptedOpenAI()]);
  dir = await mkdtemp(join(tmpdir(), 'pp-planners-'));
  phone = createSimulatedAndroid({ settleMs: 0 });
});
afterEach(async () => {
  phone.dispose();
  await Promise.all([planner.close(), vision.close(), executor.close()]);
  await rm(dir, { recursive: true, force: true });
});

interface Setup {
  mode: PlannerMode;
  input?: PlannerInput;
  calls?: PlannerCalls;
  grounder?: GrounderChoice;
  replies: ScriptedReply[];
  grounding?: ScriptedReply[];
  executorReplies?: ScriptedReply[];
  human?: ScriptedHuman;
  task?: string;
}

const client = (server: ScriptedOpenAI) => new OpenAIModelClient({ baseURL: server.baseURL, model: 'scripted-model', maxRetries: 0 });

async function run(s: Setup) {
  planner.script(s.replies);
  vision.script(s.grounding ?? []);
  executor.script(s.executorReplies ?? []);
  const operator = new SimulatedPhoneOperator(phone);
  const grounder = createGrounder(s.grounder ?? 'a11y', { tree: operator.uiTree, ...(s.grounding ? { vision: { model: client(vision), protocol: 'autoglm' as const, lang: 'en' as const } } : {}) });
  const driver = createPlannerDriver(s.mode, {
    model: client(planner), grounder, tree: operator.uiTree, input: s.input ?? 'text', calls: s.calls ?? 'tools', lang: 'en',
    ...(s.executorReplies ? { executor: { adapter: createAutoGlmAdapter({ lang: 'en', maxImagePixels: 300_000 }), model: client(executor) }, budget: 4 } : {}),
  });
  const traceDir = join(dir, `t-${Math.random().toString(36).slice(2)}`);
  const human = s.human ?? new ScriptedHuman({ confirm: true });
  const agent = new AgentRun({
    task: s.task ?? 'Turn on Wi-Fi', taskId: 't', operator, driver, human, trace: await TraceWriter.open(traceDir),
    meta: { device: { serial: 'sim', model: 'PhonePilot Virtual' }, endpoint: { name: 'planner', baseURL: planner.baseURL, model: 'scripted-model' } },
  });
  const outcome = await agent.start();
  await agent.dispose();
  const trace = await readTrace(traceDir);
  return { outcome, trace, human, operator };
}

const call = (name: string, args: Record<string, unknown>, content = '') => ({ toolCalls: [{ name, arguments: args }], content });
const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T) => events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
const bodies = (server: ScriptedOpenAI) => server.chatRequests().map((r) => r.body as RecordedJson);

describe('step mode', () => {
  it('a text-only planner turns Wi-Fi on: no image in any request, the outline and each result in words', async () => {
    const { outcome, trace } = await run({
      mode: 'step', input: 'text',
      replies: [call('launch', { app: 'Settings' }, 'Open Settings.'), call('tap', { target: 'Wi-Fi switch' }), call('finish', { answer: 'Wi-Fi is on' })],
    });
    expect(outcome).toMatchObject({ status: 'finished', message: 'Wi-Fi is on', steps: 3 });
    expect(phone.getSetting('global', 'wifi_on')).toBe('1');
    const requests = bodies(planner);
    expect(requests).toHaveLength(3);
    for (const body of requests) expect(imageCount(body)).toBe(0);
    expect(requests[0].tools.map((t: RecordedJson) => t.function.name)).toEqual(['tap', 'long_press', 'type', 'swipe', 'scroll_to', 'launch', 'press', 'wait', 'ask_user', 'take_over', 'finish']);
    expect(lastUserText(requests[0])).toMatch(/^Task: Turn on Wi-Fi/);
    expect(lastUserText(requests[1])).toContain('switch "Wi-Fi" off');
    const toolResult = requests[2].messages.find((m: RecordedJson) => m.role === 'tool' && /Tapped/.test(m.content));
    expect(toolResult.content).toMatch(/^Tapped "Wi-Fi" at \(\d+, \d+\) \(accessibility 0\.\d+\)\.$/);
    // The earlier outline is gone from the history: only the newest screen is sent whole.
    expect(JSON.stringify(requests[2].messages.slice(0, -1))).not.toContain('switch \\"Wi-Fi\\" off');
    const [grounding] = of(trace.events, 'grounding');
    expect(grounding).toMatchObject({ target: 'Wi-Fi switch', grounder: 'accessibility', status: 'found', purpose: 'tap' });
    expect(grounding.candidates[0]).toMatchObject({ role: 'switch', label: 'Wi-Fi' });
    expect(of(trace.events, 'instruction').map((e) => e.action.action)).toEqual(['launch', 'tap', 'finish']);
    expect(of(trace.events, 'model_request').every((e) => e.role === 'planner' && e.image === undefined)).toBe(true);
    expect(trace.task?.endpoint.protocol).toBe('planner:step');
  });

  it('the JSON-object form: no tools offered, results told in the next turn; a grounding miss goes back to the planner', async () => {
    phone.launchPackage('com.android.settings');
    const { outcome, trace } = await run({
      mode: 'step', input: 'both', calls: 'json',
      replies: [
        { content: 'Mobile data first. {"action": "tap", "target": "Mobile data"}' },
        { content: '{"action":"tap","target":"Bluetooth","hint":{"role":"switch"}}' },
        { content: '{"action":"finish","answer":"Bluetooth on"}' },
      ],
    });
    expect(outcome.status).toBe('finished');
    expect(phone.getSetting('global', 'bluetooth_on')).toBe('1');
    const requests = bodies(planner);
    expect(requests[0].tools).toBeUndefined();
    expect(requests[0].messages[0].content).toContain('{"action": "tap", "target": string');
    expect(imageCount(requests[0])).toBe(1);
    expect(lastUserText(requests[1])).toMatch(/^Result of your last action: Not done: Nothing on this screen matches "Mobile data"/);
    expect(of(trace.events, 'grounding').map((g) => g.status)).toEqual(['not_found', 'found']);
  });

  it('scroll_to swipes the main list until the target shows; type focuses its field first', async () => {
    phone.launchPackage('com.phonepilot.shop');
    const { outcome, trace } = await run({
      mode: 'step', task: 'Find green tea',
      replies: [call('scroll_to', { target: 'Green Tea' }), call('tap', { target: 'Green Tea' }), call('press', { key: 'back' }),
        call('type', { text: 'tofu', target: 'Search dishes', submit: true }), call('finish', { answer: 'ok' })],
    });
    expect(outcome.status).toBe('finished');
    const scrolls = of(trace.events, 'grounding').filter((g) => g.target === 'Green Tea' && g.purpose === 'locate');
    expect(scrolls.length).toBeGreaterThan(1);
    expect(scrolls.at(-1)).toMatchObject({ status: 'found', attempt: scrolls.length - 1 });
    const executed = of(trace.events, 'action_executed').map((e) => e.action.type);
    expect(executed.filter((t) => t === 'swipe')).toHaveLength(scrolls.length - 1);
    expect(of(trace.events, 'step_started').find((e) => e.step === 3)?.currentApp).toBe('com.phonepilot.shop');
    // The search field got focus, then the text and Enter.
    expect(executed.slice(-2)).toEqual(['tap', 'type']);
    expect(phone.snapshot().foreground.screen).toBe('home');
    const rows = (function flat(n: ReturnType<typeof phone.uiTree>): Array<ReturnType<typeof phone.uiTree>> { return [n, ...n.children.flatMap(flat)]; })(phone.uiTree())
      .filter((n) => n.resourceId.endsWith(':id/product_row'));
    expect(rows.map((r) => r.contentDesc)).toEqual(['Mapo Tofu']);
  });
});

describe('plan mode', () => {
  it('one planner call for a whole plan; a failed grounding is replanned on the same screen', async () => {
    const { outcome, trace } = await run({
      mode: 'plan', task: 'Turn on Bluetooth',
      replies: [
        call('plan', { steps: [{ action: 'launch', app: 'Settings' }, { action: 'tap', target: 'NFC switch', expect: 'Bluetooth' }, { action: 'finish', answer: 'done' }] }),
        call('plan', { steps: [{ action: 'tap', target: 'the second switch' }, { action: 'finish', answer: 'Bluetooth is on' }] }),
      ],
    });
    expect(outcome).toMatchObject({ status: 'finished', message: 'Bluetooth is on' });
    expect(phone.getSetting('global', 'bluetooth_on')).toBe('1');
    expect(planner.chatRequests()).toHaveLength(2);
    expect(of(trace.events, 'plan').map((p) => p.reason)).toEqual(['start', 'grounding_failed']);
    expect(lastUserText(bodies(planner)[1])).toMatch(/2\. Tap "NFC switch": Not done/);
    // Launch, then (same step) the failed tap and the replanned tap, then finish.
    expect(outcome.steps).toBe(3);
  });

  it('asks for a new plan when the screen is not what a step expected', async () => {
    const { outcome, trace } = await run({
      mode: 'plan', task: 'Open About phone',
      replies: [
        call('plan', { steps: [{ action: 'tap', target: 'About phone', expect: 'Airplane mode' }] }),
        call('plan', { steps: [{ action: 'launch', app: 'Settings' }, { action: 'tap', target: 'About phone' }, { action: 'finish', answer: 'open' }] }),
      ],
    });
    expect(outcome.status).toBe('finished');
    expect(phone.focus().activity).toBe('com.android.settings.SubSettings');
    expect(of(trace.events, 'plan').map((p) => p.reason)).toEqual(['start', 'unexpected_screen']);
  });
});

describe('layered mode', () => {
  it('hands a sub-task to the end-to-end executor and reads its report back', async () => {
    const { outcome, trace } = await run({
      mode: 'layered',
      replies: [call('delegate', { task: 'open Settings and turn on Wi-Fi', max_steps: 3 }), call('finish', { answer: 'Wi-Fi is on' })],
      executorReplies: [
        { content: '<think>open settings</think><answer>do(action="Launch", app="Settings")</answer>' },
        () => {
          const sw = phone.uiTree();
          const flat = (n: typeof sw): typeof sw[] => [n, ...n.children.flatMap(flat)];
          const node = flat(sw).find((n) => n.className === 'android.widget.Switch' && n.contentDesc === 'Wi-Fi')!;
          const x = Math.round(((node.bounds[0] + node.bounds[2]) / 2 / 1080) * 1000);
          const y = Math.round(((node.bounds[1] + node.bounds[3]) / 2 / 2400) * 1000);
          return { content: `<think>tap it</think><answer>do(action="Tap", element=[${x},${y}])</answer>` };
        },
        { content: '<think>done</think><answer>finish(message="Wi-Fi switched on")</answer>' },
      ],
    });
    expect(outcome).toMatchObject({ status: 'finished', message: 'Wi-Fi is on' });
    expect(phone.getSetting('global', 'wifi_on')).toBe('1');
    const subtasks = of(trace.events, 'subtask');
    expect(subtasks.map((s) => [s.phase, s.status])).toEqual([['started', undefined], ['ended', 'finished']]);
    expect(subtasks[1]).toMatchObject({ steps: 3, report: 'Wi-Fi switched on', maxSteps: 3 });
    const toolResult = bodies(planner)[1].messages.find((m: RecordedJson) => m.role === 'tool');
    expect(toolResult.content).toContain('The assistant reports: Wi-Fi switched on');
    expect(of(trace.events, 'model_request').map((e) => e.role)).toEqual(['planner', 'executor', 'executor', 'executor', 'planner']);
    expect(bodies(executor)[0].messages.at(-1).content[0].text).toMatch(/^open Settings and turn on Wi-Fi/);
  });
});

describe('grounders and sensitive actions', () => {
  it('a vision grounder (AutoGLM, tap-only request) finds the target; a sensitive tap still asks, approved', async () => {
    phone.launchPackage('com.android.settings');
    const human = new ScriptedHuman({ confirm: true });
    const { outcome, trace } = await run({
      mode: 'step', grounder: 'vision', human,
      replies: [call('tap', { target: 'Airplane mode switch', sensitive: 'turns every radio off' }), call('finish', { answer: 'ok' })],
      grounding: [{ content: '<think>the switch</think><answer>do(action="Tap", element=[878,314])</answer>' }],
    });
    expect(outcome.status).toBe('finished');
    expect(human.confirmations).toEqual([{ step: 1, reason: 'turns every radio off' }]);
    expect(phone.getSetting('global', 'airplane_mode_on')).toBe('1');
    const req = bodies(vision)[0];
    expect(imageCount(req)).toBe(1);
    expect(lastUserText(req)).toMatch(/^Tap "Airplane mode switch"\. Answer with exactly one tap/);
    const g = of(trace.events, 'grounding')[0];
    expect(g).toMatchObject({ grounder: 'vision', status: 'found', point: { x: 948, y: 754 } });
    expect(of(trace.events, 'model_request').map((e) => e.role)).toEqual(['planner', 'grounder', 'planner']);
    expect(of(trace.events, 'action_parsed')[0].action).toMatchObject({ type: 'tap', sensitive: 'turns every radio off' });
  });

  it('auto: an ambiguous tree answer is settled by a vision point inside one candidate', async () => {
    phone.launchPackage('com.android.settings');
    const { trace } = await run({
      mode: 'step', grounder: 'auto',
      replies: [call('tap', { target: 'switch' }), call('finish', { answer: 'ok' })],
      grounding: [{ content: '<think>bluetooth</think><answer>do(action="Tap", element=[880,226])</answer>' }],
    });
    const g = of(trace.events, 'grounding')[0];
    expect(g).toMatchObject({ grounder: 'accessibility', confirmedBy: 'vision', status: 'found', confidence: 0.9 });
    expect(phone.getSetting('global', 'bluetooth_on')).toBe('1');
  });

  it('a denied sensitive step changes nothing', async () => {
    phone.launchPackage('com.android.settings');
    const human = new ScriptedHuman({ confirm: false });
    const { outcome } = await run({ mode: 'step', human, replies: [call('tap', { target: 'Wi-Fi switch', sensitive: 'test' })] });
    expect(outcome.status).toBe('stopped');
    expect(phone.getSetting('global', 'wifi_on')).toBe('0');
    expect(human.confirmations).toEqual([{ step: 1, reason: 'test' }]);
  });

  it.each([[true, 1], [false, 0]])('a payment target asks even when the planner did not flag it (approved: %s); a login is handed over', async (approve, payments) => {
    const human = new LoginHuman({ confirm: approve });
    const { outcome } = await run({
      mode: 'step', human, task: 'Order Mapo Tofu',
      replies: [
        call('launch', { app: 'Shop' }), call('tap', { target: 'Mapo Tofu' }), call('tap', { target: 'Add to cart' }), call('tap', { target: 'cart' }),
        call('tap', { target: 'Checkout' }), call('take_over', { reason: 'Please log in' }), call('tap', { target: 'Pay', hint: { role: 'button' } }),
        call('finish', { answer: 'Ordered' }),
      ],
    });
    expect(human.takeOvers).toEqual(['Please log in']);
    expect(human.confirmations).toEqual([{ step: 7, reason: expect.stringMatching(/^It looks like a payment: "Pay \$22\.00"$/) }]);
    expect(phone.snapshot().wallet.payments).toHaveLength(payments);
    expect(outcome.status).toBe(approve ? 'finished' : 'stopped');
  });
});

/** A user who logs in to the Shop when the agent hands over, on the phone itself. */
class LoginHuman extends ScriptedHuman {
  override async takeOver(message: string): Promise<void> {
    await super.takeOver(message);
    const flat = (n: ReturnType<typeof phone.uiTree>): Array<ReturnType<typeof phone.uiTree>> => [n, ...n.children.flatMap(flat)];
    const byId = (id: string) => flat(phone.uiTree()).find((n) => n.resourceId.endsWith(`:id/${id}`))!;
    const tap = (id: string) => { const b = byId(id).bounds; phone.tap((b[0] + b[2]) / 2, (b[1] + b[3]) / 2); };
    tap('password_input');
    phone.inputText(DEFAULT_SHOP_PASSWORD);
    const code = /([A-Z0-9]{4})$/.exec(byId('captcha_text').text)![1];
    tap('captcha_input');
    phone.inputText(code);
    tap('login_button');
  }
}
