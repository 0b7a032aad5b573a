import { describe, expect, it } from 'vitest';
import { planReplay } from '../../../../src/main/features/traces/replay/replay-plan';
import { buildTraceView } from '../../../../src/shared/traces/trace-view';
import type { TraceEvent } from '../../../../src/shared/agent/trace';

let seq = 0;
const at = (t: number) => ({ seq: seq++, t });
const started = (step: number, t: number): TraceEvent => ({ ...at(t), type: 'step_started', step, screenshot: `step-000${step}.jpg`, screen: { width: 1080, height: 2400 }, currentApp: 'x' });

describe('planReplay', () => {
  it('keeps executed, successful device actions with their recorded pacing and sensitivity', () => {
    const events: TraceEvent[] = [
      started(1, 1000),
      { ...at(1100), type: 'action_executed', step: 1, action: { type: 'launch', app: 'Settings' }, result: { ok: true }, actionMs: 10, settleMs: 10 },
      started(2, 3000),
      { ...at(3100), type: 'action_executed', step: 2, action: { type: 'note', message: 'price 5' }, result: { ok: true }, actionMs: 0, settleMs: 0 },
      started(3, 3500),
      { ...at(3600), type: 'action_executed', step: 3, action: { type: 'launch', app: 'Nope' }, result: { ok: false, message: 'not found' }, actionMs: 5, settleMs: 0 },
      started(4, 4000),
      { ...at(4050), type: 'confirmation', step: 4, phase: 'asked', reason: 'Delete the photo' },
      { ...at(4060), type: 'confirmation', step: 4, phase: 'approved', reason: 'Delete the photo' },
      { ...at(4100), type: 'action_executed', step: 4, action: { type: 'tap', x: 5, y: 6 }, result: { ok: true }, actionMs: 10, settleMs: 10 },
      started(5, 4500),
      { ...at(4600), type: 'action_parsed', step: 5, action: { type: 'tap', x: 7, y: 8, sensitive: 'Pay' }, thought: '' },
      { ...at(4700), type: 'confirmation', step: 5, phase: 'denied', reason: 'Pay' },
      started(6, 5000),
      { ...at(5100), type: 'action_executed', step: 6, action: { type: 'take_over', message: 'log in' }, result: { ok: true }, actionMs: 0, settleMs: 0 },
      { ...at(6000), type: 'finish', status: 'stopped', message: 'x', steps: 6, durationMs: 5000 },
    ];
    const plan = planReplay(buildTraceView(events, 'stopped'));
    expect(plan).toEqual([
      { step: 1, action: { type: 'launch', app: 'Settings' }, screenshot: 'step-0001.jpg', sensitive: null, recordedMs: 2000 },
      { step: 4, action: { type: 'tap', x: 5, y: 6 }, screenshot: 'step-0004.jpg', sensitive: 'Delete the photo', recordedMs: 500 },
    ]);
  });
});
