// The history viewer's pure helpers: key navigation, slideshow pacing, the numbers two traces
// are compared on, and which device a replay or a re-run targets.
import { describe, expect, it } from 'vitest';
import { navigate, slideDelay } from '../../../src/renderer/src/components/history/viewer-nav';
import { alignSteps, traceStats } from '../../../src/renderer/src/components/history/compare-stats';
import { defaultSerial, usableDevices } from '../../../src/renderer/src/components/history/device-choice';
import type { DeviceInfo, OpenedTraceWire } from '../../../src/shared/contract';
import { buildTraceView } from '../../../src/shared/traces/trace-view';
import type { TraceEvent } from '../../../src/shared/agent/trace';

describe('navigate', () => {
  it('moves one step, to the ends, and stays inside', () => {
    expect(navigate('ArrowRight', 0, 3)).toBe(1);
    expect(navigate('ArrowRight', 2, 3)).toBe(2);
    expect(navigate('ArrowLeft', 0, 3)).toBe(0);
    expect(navigate('ArrowLeft', 2, 3)).toBe(1);
    expect(navigate('Home', 2, 3)).toBe(0);
    expect(navigate('End', 0, 3)).toBe(2);
    expect(navigate('a', 0, 3)).toBeNull();
    expect(navigate('End', 0, 0)).toBeNull();
  });
});

describe('slideDelay', () => {
  const step = (stepMs: number | null) => ({ timings: { modelMs: null, ttftMs: null, actionMs: null, settleMs: null, stepMs } });
  it('follows the recorded step time, clamped, divided by the speed', () => {
    expect(slideDelay(step(1500), 1)).toBe(1500);
    expect(slideDelay(step(1500), 2)).toBe(750);
    expect(slideDelay(step(1500), 4)).toBe(375);
    expect(slideDelay(step(60_000), 1)).toBe(4000);
    expect(slideDelay(step(10), 1)).toBe(600);
    expect(slideDelay(step(null), 1)).toBe(1000);
  });
});

function opened(id: string, events: TraceEvent[]): OpenedTraceWire {
  const view = buildTraceView(events, 'finished');
  return { summary: { id } as OpenedTraceWire['summary'], view, rerunOf: null };
}

describe('compare', () => {
  let seq = 0;
  const e = (t: number) => ({ seq: seq++, t });
  const a = opened('a', [
    { ...e(0), type: 'task', schemaVersion: 1, taskId: 'a', task: 'Wi-Fi', device: { serial: 's', model: 'm', width: 10, height: 20 }, endpoint: { name: 'Local', baseURL: 'http://x', model: 'glm', protocol: 'autoglm' }, settings: {} },
    { ...e(10), type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 10, height: 20 }, currentApp: 'x' },
    { ...e(20), type: 'model_reply', step: 1, attempt: 1, raw: 'r', ttftMs: 5, totalMs: 700, usage: { promptTokens: 100, completionTokens: 10 } },
    { ...e(30), type: 'action_executed', step: 1, action: { type: 'back' }, result: { ok: true }, actionMs: 40, settleMs: 300 },
    { ...e(40), type: 'error', step: 1, code: 'x', message: 'y' },
    { ...e(900), type: 'finish', status: 'finished', message: 'ok', steps: 1, durationMs: 900 },
  ]);
  const b = opened('b', [
    { ...e(0), type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 10, height: 20 }, currentApp: 'x' },
    { ...e(5), type: 'action_executed', step: 1, action: { type: 'home' }, result: { ok: true }, actionMs: 1, settleMs: 2 },
    { ...e(10), type: 'step_started', step: 2, screenshot: 'step-0002.jpg', screen: { width: 10, height: 20 }, currentApp: 'x' },
    { ...e(15), type: 'action_executed', step: 2, action: { type: 'back' }, result: { ok: true }, actionMs: 1, settleMs: 2 },
  ]);

  it('sums time, errors and tokens per trace', () => {
    expect(traceStats(a)).toMatchObject({ id: 'a', model: 'Local / glm', steps: 1, durationMs: 900, modelMs: 700, actionMs: 40, settleMs: 300, errors: 1, tokens: 110, actions: ['Back'] });
    expect(traceStats(b)).toMatchObject({ steps: 2, errors: 0, tokens: 0, actions: ['Home', 'Back'] });
  });

  it('aligns steps row by row, blank past the shorter trace', () => {
    expect(alignSteps(traceStats(a), traceStats(b))).toEqual([['Back', 'Home'], [null, 'Back']]);
  });
});

describe('device choice', () => {
  const d = (serial: string, state: DeviceInfo['state']): DeviceInfo => ({ serial, state, rawState: state, server: 'local', connection: 'usb' });
  it('prefers the recorded device when usable, else the first usable one', () => {
    const list = [d('off', 'offline'), d('A', 'device'), d('B', 'device')];
    expect(usableDevices(list).map((x) => x.serial)).toEqual(['A', 'B']);
    expect(defaultSerial(list, 'B')).toBe('B');
    expect(defaultSerial(list, 'off')).toBe('A');
    expect(defaultSerial([d('off', 'offline')], undefined)).toBe('');
  });
});
