import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/agent/trace';
import { buildTraceView } from '../../../src/shared/traces/trace-view';

const ev = (e: Record<string, unknown>) => e as unknown as TraceEvent;

describe('buildTraceView', () => {
  it('groups events by step with replies, action, result, timings, confirmations, errors and inputs', () => {
    const events = [
      ev({ seq: 0, t: 100, type: 'task', schemaVersion: 1, taskId: 'T', task: 'Pay', device: { serial: 's', model: 'm', width: 10, height: 20 }, endpoint: { name: 'n', baseURL: 'http://x', model: 'mm', protocol: 'p' }, settings: {} }),
      ev({ seq: 1, t: 110, type: 'user_input', step: 0, kind: 'instruction', text: 'be quick' }),
      ev({ seq: 2, t: 200, type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 10, height: 20 }, currentApp: 'pay' }),
      ev({ seq: 3, t: 210, type: 'model_request', step: 1, attempt: 1, reason: 'step', roles: [], imageCount: 1, textChars: 1 }),
      ev({ seq: 4, t: 700, type: 'model_reply', step: 1, attempt: 1, raw: 'bad', ttftMs: 50, totalMs: 490 }),
      ev({ seq: 5, t: 710, type: 'error', step: 1, code: 'model_bad_reply', message: 'unparseable', raw: 'bad' }),
      ev({ seq: 6, t: 720, type: 'model_request', step: 1, attempt: 2, reason: 'corrective', roles: [], imageCount: 1, textChars: 1 }),
      ev({ seq: 7, t: 900, type: 'model_reply', step: 1, attempt: 2, raw: 'good', ttftMs: 40, totalMs: 180, usage: { promptTokens: 5, completionTokens: 2 } }),
      ev({ seq: 8, t: 901, type: 'action_parsed', step: 1, action: { type: 'tap', x: 1, y: 2, sensitive: 'pay' }, thought: 'tap pay', element: 3 }),
      ev({ seq: 9, t: 902, type: 'confirmation', step: 1, phase: 'asked', reason: 'payment' }),
      ev({ seq: 10, t: 950, type: 'confirmation', step: 1, phase: 'approved', reason: 'payment' }),
      ev({ seq: 11, t: 1000, type: 'action_executed', step: 1, action: { type: 'tap', x: 1, y: 2, sensitive: 'pay' }, result: { ok: false, message: 'no input' }, actionMs: 30, settleMs: 70 }),
      ev({ seq: 12, t: 1300, type: 'step_started', step: 2, screenshot: 'step-0002.jpg', screen: { width: 10, height: 20 }, currentApp: 'pay' }),
      ev({ seq: 13, t: 1500, type: 'finish', status: 'failed', message: 'gave up', steps: 2, durationMs: 1400 }),
    ];
    const v = buildTraceView(events, 'failed');
    expect(v).toMatchObject({ task: 'Pay', taskId: 'T', status: 'failed', message: 'gave up', durationMs: 1400, startedAt: 100, endpoint: { name: 'n', model: 'mm', protocol: 'p' } });
    expect(v.endpoint).not.toHaveProperty('baseURL');
    expect(v.general.userInputs).toEqual([{ kind: 'instruction', text: 'be quick' }]);
    const [s1, s2] = v.steps;
    expect(s1).toMatchObject({
      step: 1, screenshot: 'step-0001.jpg', currentApp: 'pay', thought: 'tap pay', element: 3,
      action: { type: 'tap', x: 1, y: 2 }, result: { ok: false, message: 'no input' },
      timings: { modelMs: 670, ttftMs: 50, actionMs: 30, settleMs: 70, stepMs: 1100 },
      confirmations: [{ phase: 'asked', reason: 'payment' }, { phase: 'approved', reason: 'payment' }],
      errors: [{ code: 'model_bad_reply', message: 'unparseable', raw: 'bad' }],
    });
    expect(s1!.replies.map((r) => [r.attempt, r.reason, r.raw])).toEqual([[1, 'step', 'bad'], [2, 'corrective', 'good']]);
    expect(s2).toMatchObject({ step: 2, action: null, timings: { stepMs: 200 } });
  });

  it('works without a finish event (interrupted): duration up to the last event', () => {
    const v = buildTraceView([
      ev({ seq: 0, t: 100, type: 'task', schemaVersion: 1, taskId: 'T', task: 'x', device: { serial: 's', model: 'm', width: 1, height: 1 }, endpoint: { name: 'n', baseURL: 'b', model: 'mm', protocol: 'p' }, settings: {} }),
      ev({ seq: 1, t: 300, type: 'step_started', step: 1, screenshot: 'a.jpg', screen: { width: 1, height: 1 }, currentApp: '' }),
      ev({ seq: 2, t: 650, type: 'action_parsed', step: 1, action: { type: 'back' }, thought: '' }),
    ], 'interrupted');
    expect(v).toMatchObject({ status: 'interrupted', durationMs: 550, message: '' });
    expect(v.steps[0]).toMatchObject({ action: { type: 'back' }, result: null, timings: { stepMs: 350 } });
  });
});
