// When things go wrong mid-task on the simulated phone: malformed and truncated replies are
// recovered from; a model endpoint that goes away and a phone that is unplugged end the run
// with one clear message, the trace keeping every step before.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import { startScriptedOpenAI } from '../../support/scripted-openai';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply, type Rig, type Suite } from '../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

it('recovers from a malformed reply (corrective request) and a truncated one (retry)', async () => {
  rig = await startRig(suite);
  const r = rig;
  suite.model.script([
    () => ({ content: 'I would open the settings app now.' }), // no action at all
    () => doReply('do(action="Launch", app="Settings")', 'Open Settings.'),
    () => ({ truncateAfter: 30, content: '<think>Tap Wi-Fi.</think><answer>do(action="Tap", element=[500,500])</answer>' }),
    () => tapReply(r, clickableWith(r, 'Wi-Fi'), 'Tap Wi-Fi.'),
    () => doReply('finish(message="done")'),
  ]);
  const { outcome, traceDir } = await runAgent(suite, r, 'Turn on Wi-Fi');
  expect(outcome).toMatchObject({ status: 'finished', steps: 3 });
  expect(r.phone.phone.android.getSetting('global', 'wifi_on')).toBe('1');
  const trace = await readTrace(traceDir);
  const requests = trace.events.flatMap((e) => (e.type === 'model_request' ? [`${e.step}:${e.reason}`] : []));
  expect(requests).toEqual(['1:step', '1:corrective', '2:step', '3:step']);
  expect(trace.events.some((e) => e.type === 'error' && e.code === 'parse_error' && e.raw === 'I would open the settings app now.')).toBe(true);
});

it('the model endpoint going down mid-task fails the run with a clear message', async () => {
  rig = await startRig(suite);
  const r = rig;
  const doomed = await startScriptedOpenAI();
  try {
    doomed.script([() => doReply('do(action="Launch", app="Settings")')]);
    const { outcome, traceDir } = await runAgent(suite, r, 'Turn on Wi-Fi', {
      baseURL: doomed.baseURL,
      onEvent: (e) => { if (e.kind === 'trace' && e.event.type === 'action_executed') void doomed.close(); },
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('model_refused');
    expect(outcome.message).toContain(doomed.baseURL);
    const trace = await readTrace(traceDir);
    expect(trace.events.filter((e) => e.type === 'action_executed').map((e) => e.type === 'action_executed' && e.result.ok)).toEqual([true]);
    expect(trace.events.at(-1)).toMatchObject({ type: 'finish', status: 'failed', steps: 2 });
  } finally {
    await doomed.close();
  }
});

it('the phone disconnected mid-task: the run fails as device_gone, earlier steps stay in the trace', async () => {
  rig = await startRig(suite);
  const r = rig;
  suite.model.script([
    () => doReply('do(action="Launch", app="Settings")'),
    () => doReply('do(action="Back")'),
    () => doReply('do(action="Home")'),
    () => doReply('finish(message="should not get here")'),
  ]);
  const { outcome, traceDir } = await runAgent(suite, r, 'Turn on Wi-Fi', {
    onEvent: (e) => { if (e.kind === 'trace' && e.event.type === 'action_executed' && e.event.step === 1) void r.phone.stop(); },
  });
  expect(outcome.status).toBe('failed');
  expect(outcome.error?.code).toBe('device_gone');
  expect(outcome.message).toMatch(new RegExp(`The phone ${r.phone.serial.replace(/\./g, '\\.')} disconnected`));
  const trace = await readTrace(traceDir);
  expect(trace.status).toBe('failed');
  const step1 = trace.events.filter((e) => 'step' in e && e.step === 1).map((e) => e.type);
  expect(step1).toEqual(['step_started', 'model_request', 'model_reply', 'action_parsed', 'action_executed']);
  expect(trace.events.at(-2)).toMatchObject({ type: 'error', code: 'device_gone' });
});
