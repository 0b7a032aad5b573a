// End to end through everything but adb: the agent loop drives the simulated Android (real
// rendering, real touch handling), the model is the scripted server behind the real openai SDK,
// and its replies are computed from what is on the phone's screen at request time, so wrong
// coordinate maths would miss the target and the task would not get done.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedOpenAI, type RecordedJson, type ScriptedOpenAI } from '../../support/scripted-openai';
import { createTaskRun } from '../../../src/main/features/tasks';
import { Settings } from '../../../src/shared/settings';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import { createSimulatedAndroid, type UiNode } from '#virtual-phone';
import { flatten, SimulatedPhoneOperator } from '../../support/sim-operator';
import { owned } from '../../support/agent-fakes';

let server: ScriptedOpenAI;
let dir: string;
let phone: ReturnType<typeof createSimulatedAndroid>;
let traceDir = '';
beforeEach(async () => {
  server = await startScriptedOpenAI();
  dir = await mkdtemp(join(tmpdir(), 'pp-agent-sim-'));
  phone = createSimulatedAndroid({ settleMs: 30 });
});
afterEach(async () => {
  phone.dispose();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const human = { confirm: async () => true, takeOver: async () => undefined, ask: async () => '' };

function find(pred: (n: UiNode) => boolean): UiNode {
  const node = flatten(phone.uiTree()).find(pred);
  if (!node) throw new Error('scripted model: target not on screen');
  return node;
}
/** The clickable row/icon that contains a text label. */
function clickableWith(label: string): UiNode {
  const text = find((n) => n.text === label || n.contentDesc === label);
  return find((n) => n.clickable && n.bounds[0] <= text.bounds[0] && n.bounds[1] <= text.bounds[1] && n.bounds[2] >= text.bounds[2] && n.bounds[3] >= text.bounds[3]);
}
/** Centre of a node on AutoGLM's 0..999 grid. */
function rel(n: UiNode): [number, number] {
  const { width, height } = phone.size;
  return [Math.round(((n.bounds[0] + n.bounds[2]) / 2 / width) * 1000), Math.round(((n.bounds[1] + n.bounds[3]) / 2 / height) * 1000)];
}

/** The task as the app and the CLI assemble it (createTaskRun's defaults: set-of-marks for generic). */
async function runTask(protocol: 'autoglm' | 'generic') {
  const operator = new SimulatedPhoneOperator(phone);
  const task = await createTaskRun({
    task: 'Turn on Wi-Fi', source: 'test',
    phone: { serial: 'sim', model: 'PhonePilot Virtual', openOperator: () => owned(operator) },
    endpoint: { name: 'scripted', baseURL: server.baseURL, model: 'scripted-model', protocol },
    paths: { tracesDir: dir, animationLedgerDir: join(dir, 'phone-animations') },
    agent: { ...Settings.parse({ version: 1 }).agent, lang: 'en', animationsOff: false },
    protocol: { maxImagePixels: protocol === 'generic' ? 500_000 : 400_000 },
    modelOverrides: { backoff: { baseMs: 1, maxMs: 2 } },
  });
  traceDir = task.traceDir;
  try {
    return await task.agentRun({ human }).start();
  } finally {
    await task.dispose();
  }
}

describe('agent on the simulated phone', () => {
  it('AutoGLM: opens Settings and turns on Wi-Fi through downscaled screenshots', async () => {
    expect(phone.getSetting('global', 'wifi_on')).toBe('0');
    server.script([
      () => { const [x, y] = rel(clickableWith('Settings')); return { content: `<think>Open Settings.</think><answer>do(action="Tap", element=[${x},${y}])</answer>` }; },
      () => { const [x, y] = rel(clickableWith('Wi-Fi')); return { content: `<think>Tap the Wi-Fi row.</think><answer>do(action="Tap", element=[${x},${y}])</answer>` }; },
      () => ({ content: '<think>Wi-Fi is on.</think><answer>finish(message="Wi-Fi is on")</answer>' }),
    ]);
    const outcome = await runTask('autoglm');
    expect(outcome).toMatchObject({ status: 'finished', message: 'Wi-Fi is on', steps: 3 });
    expect(phone.getSetting('global', 'wifi_on')).toBe('1');
    const t = await readTrace(traceDir);
    expect(t.status).toBe('finished');
    expect(t.task?.device).toMatchObject({ width: 1080, height: 2400 });
    expect(await readdir(traceDir)).toEqual(expect.arrayContaining(['step-0001.png', 'step-0002.png', 'step-0003.png']));
    const currentApps = t.events.flatMap((e) => (e.type === 'step_started' ? [e.currentApp] : []));
    expect(currentApps[1]).toBe('com.android.settings');
  });

  it('generic: the model names set-of-marks element numbers', async () => {
    const markId = (body: RecordedJson, label: string) => {
      const text = body.messages.at(-1).content.find((p: RecordedJson) => p.type === 'text').text as string;
      const line = text.split('\n').find((l) => l.includes(`"${label}`) && !l.includes('not clickable'));
      if (!line) throw new Error(`scripted model: no mark for ${label}`);
      return Number(/^\[(\d+)\]/.exec(line)![1]);
    };
    server.script([
      (req) => ({ toolCalls: [{ name: 'tap', arguments: { element: markId(req.body, 'Settings') } }], content: 'Open Settings' }),
      (req) => ({ toolCalls: [{ name: 'tap', arguments: { element: markId(req.body, 'Wi-Fi') } }], content: 'Turn Wi-Fi on' }),
      () => ({ toolCalls: [{ name: 'finish', arguments: { message: 'done' } }] }),
    ]);
    const outcome = await runTask('generic');
    expect(outcome.status).toBe('finished');
    expect(phone.getSetting('global', 'wifi_on')).toBe('1');
  });
});
