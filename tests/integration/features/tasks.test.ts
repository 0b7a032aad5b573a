// createTaskRun, the one assembly of an agent task: what every caller (app, CLI, tests, bench)
// gets for an endpoint without asking for it: the protocol's options (set-of-marks for generic
// vision models), the limits and animations from the saved agent settings, the trace with its
// secrets, and the phone given back (and its trace closed) however the task ends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTaskRun, type TaskPhone, type TaskRunConfig } from '../../../src/main/features/tasks';
import { Settings } from '../../../src/shared/settings';
import { FakePhone, owned } from '../../support/agent-fakes';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../../support/scripted-openai';
import { makeTempDir } from '../../support/temp-dir';
import { approveAll } from '../../support/agent-rig';

const KEY = 'sk-task-run-3b1d7e-key';
const UI_XML = '<hierarchy rotation="0"><node text="Wi-Fi" resource-id="" class="android.widget.TextView" package="com.android.settings" content-desc="" clickable="true" enabled="true" bounds="[0,300][1080,500]" /></hierarchy>';

let server: ScriptedOpenAI;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let opened: Array<{ animationsOff: boolean; disposed: boolean }>;
beforeEach(async () => {
  server = await startScriptedOpenAI({ apiKey: KEY });
  tmp = await makeTempDir('pp-task-run-');
  opened = [];
});
afterEach(async () => {
  await server.close();
  await tmp.cleanup();
});

function fakePhone(fake = new FakePhone()): TaskPhone {
  return {
    serial: 'phone-1', model: 'Fake Pixel', mirrored: false,
    openOperator: ({ animationsOff }) => {
      const record = { animationsOff: animationsOff !== undefined, disposed: false };
      opened.push(record);
      return owned(fake, () => { record.disposed = true; });
    },
  };
}

function config(overrides: Partial<TaskRunConfig> = {}): TaskRunConfig {
  return {
    task: 'Turn on Wi-Fi', source: 'test', phone: fakePhone(),
    endpoint: { name: 'Scripted', baseURL: server.baseURL, model: 'gpt-4o', protocol: 'generic', apiKey: KEY },
    paths: { tracesDir: join(tmp.dir, 'traces'), animationLedgerDir: join(tmp.dir, 'phone-animations') },
    agent: Settings.parse({ version: 1 }).agent,
    modelOverrides: { maxRetries: 0 },
    ...overrides,
  };
}

describe('createTaskRun', () => {
  it('a generic endpoint gets set-of-marks, the saved limits and animations off; the trace records how it ran', async () => {
    const fake = new FakePhone();
    fake.uiXml = UI_XML;
    server.script([{ toolCalls: [{ name: 'finish', arguments: { message: 'done' } }] }]);
    const task = await createTaskRun(config({ phone: fakePhone(fake), agent: { ...Settings.parse({ version: 1 }).agent, maxSteps: 7 } }));
    expect(task.traceDir.startsWith(join(tmp.dir, 'traces'))).toBe(true);
    expect(task.maxSteps).toBe(7);
    const outcome = await task.agentRun({ human: approveAll }).start();
    await task.dispose();
    expect(outcome).toMatchObject({ status: 'finished', message: 'done' });
    const userText = JSON.stringify(server.chatRequests()[0].body.messages.at(-1));
    expect(userText).toContain('Marked elements');
    expect(userText).toContain('Wi-Fi');
    expect(server.chatRequests().every((r) => r.authorized)).toBe(true);
    const trace = await readFile(join(task.traceDir, 'trace.jsonl'), 'utf8');
    const taskEvent = JSON.parse(trace.split('\n')[0]);
    expect(taskEvent.settings).toMatchObject({ mode: 'direct', setOfMarks: true, source: 'test', animationsOff: true, maxSteps: 7, mirror: false, lang: 'en' });
    expect(trace).not.toContain(KEY);
    expect(opened).toEqual([{ animationsOff: true, disposed: true }]);
  });

  it('an override keeps the animations on; dispose before any run gives the phone back and closes the trace', async () => {
    const task = await createTaskRun(config({ animationsOff: false }));
    await task.dispose();
    await task.dispose();
    expect(opened).toEqual([{ animationsOff: false, disposed: true }]);
    expect(() => task.agentRun({ human: approveAll })).toThrow(/disposed/);
  });

  it('a phone that cannot be opened leaves no trace folder; a trace that cannot be opened gives the phone back', async () => {
    const unreachable: TaskPhone = { ...fakePhone(), openOperator: () => { throw new Error('phone-1 is offline'); } };
    await expect(createTaskRun(config({ phone: unreachable }))).rejects.toThrow('phone-1 is offline');
    expect(existsSync(join(tmp.dir, 'traces'))).toBe(false);
    const failing = { mkdir: async () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); }, openAppend: async () => { throw new Error('unused'); }, writeFile: async () => undefined };
    await expect(createTaskRun(config({ traceFs: failing }))).rejects.toMatchObject({ code: 'disk_full' });
    expect(opened).toEqual([{ animationsOff: true, disposed: true }]);
  });
});
