import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/agent/trace';
import { INTERRUPTED_MESSAGE, summarizeTrace } from '../../../src/shared/traces/summarize';
import { queryTraces } from '../../../src/shared/traces/query';
import { selectExpired } from '../../../src/shared/traces/retention';
import type { TraceSummary } from '../../../src/shared/traces/summary';

const task: TraceEvent = {
  seq: 0, t: 1000, type: 'task', schemaVersion: 1, taskId: 'T1', task: 'Send a message',
  device: { serial: 'S1', model: 'Pixel 8', width: 1080, height: 2400 },
  endpoint: { name: 'Zhipu', baseURL: 'https://open.bigmodel.cn/api/paas/v4', model: 'autoglm-phone', protocol: 'autoglm' },
  settings: { maxSteps: 10 },
};
const step = (n: number, t: number): TraceEvent => ({ seq: n, t, type: 'step_started', step: n, screenshot: `step-000${n}.jpg`, screen: { width: 1080, height: 2400 }, currentApp: 'x' });
const facts = { id: 'x', bytes: 10, source: { size: 5, mtimeMs: 99 } };

describe('summarizeTrace', () => {
  it('summarises a finished trace', () => {
    const events: TraceEvent[] = [task, step(1, 2000), step(2, 3000), { seq: 3, t: 9000, type: 'finish', status: 'finished', message: 'Sent.', steps: 2, durationMs: 8000 }];
    expect(summarizeTrace({ events, status: 'finished', truncatedTail: false, invalidLines: [], steps: 2 }, facts)).toMatchObject({
      id: 'x', taskId: 'T1', task: 'Send a message', status: 'finished', message: 'Sent.', steps: 2, startedAt: 1000,
      durationMs: 8000, screenshots: 2, errors: 0, device: { serial: 'S1', model: 'Pixel 8' },
      endpoint: { name: 'Zhipu', model: 'autoglm-phone', protocol: 'autoglm' }, problems: [], bytes: 10,
    });
  });

  it('summarises an interrupted trace: duration up to the last event, the last error as message, problems listed', () => {
    const events: TraceEvent[] = [task, step(1, 2000), { seq: 2, t: 4500, type: 'error', step: 1, code: 'io', message: 'Disk full.' }];
    const s = summarizeTrace({ events, status: 'interrupted', truncatedTail: true, invalidLines: [7], steps: 1 }, facts);
    expect(s).toMatchObject({ status: 'interrupted', durationMs: 3500, message: 'Disk full.', errors: 1, steps: 1 });
    expect(s.problems).toEqual([expect.stringMatching(/last line was incomplete/), '1 invalid line(s) skipped: 7.']);
    expect(summarizeTrace({ events: [task], status: 'interrupted', truncatedTail: false, invalidLines: [], steps: 0 }, facts).message).toBe(INTERRUPTED_MESSAGE);
  });

  it('survives a trace without its task event', () => {
    const s = summarizeTrace({ events: [], status: 'interrupted', truncatedTail: false, invalidLines: [], steps: 0 }, facts);
    expect(s).toMatchObject({ task: '', startedAt: 99, durationMs: 0 });
    expect(s.problems[0]).toMatch(/task event is missing/);
  });
});

const mk = (id: string, startedAt: number, o: Partial<TraceSummary> = {}): TraceSummary => ({
  summaryVersion: 1, id, taskId: id, task: `task ${id}`, device: { serial: 'S', model: 'M' }, endpoint: { name: 'E', model: 'm', protocol: 'p' },
  status: 'finished', message: '', steps: 1, startedAt, durationMs: 1, errors: 0, screenshots: 1, bytes: 100, problems: [], source: { size: 1, mtimeMs: 1 }, ...o,
});

describe('queryTraces', () => {
  it('orders newest first with a stable tie-break, and pages', () => {
    const all = [mk('a', 1), mk('c', 3), mk('b', 3), mk('d', 2)];
    expect(queryTraces(all).items.map((s) => s.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(queryTraces(all, { offset: 1, limit: 2 }).items.map((s) => s.id)).toEqual(['b', 'd']);
    expect(queryTraces(all, { status: [] }).matched).toBe(4);
    expect(queryTraces(all).totalBytes).toBe(400);
  });
});

describe('selectExpired', () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  const all = [mk('new', now - DAY), mk('mid', now - 10 * DAY), mk('old', now - 40 * DAY), mk('run', now - 50 * DAY, { status: 'running' })];
  it('keeps the newest N', () => expect(selectExpired(all, { keepLast: 1 }, now).map((s) => s.id)).toEqual(['mid', 'old']));
  it('keeps N days', () => expect(selectExpired(all, { keepDays: 30 }, now).map((s) => s.id)).toEqual(['old']));
  it('applies both', () => expect(selectExpired(all, { keepLast: 2, keepDays: 5 }, now).map((s) => s.id)).toEqual(['mid', 'old']));
  it('keeps everything without a limit, never a running task', () => {
    expect(selectExpired(all, {}, now)).toEqual([]);
    expect(selectExpired(all, { keepLast: 0 }, now).map((s) => s.id)).toEqual(['new', 'mid', 'old']);
  });
  it('refuses nonsense limits', () => {
    expect(() => selectExpired(all, { keepLast: -1 }, now)).toThrow(RangeError);
    expect(() => selectExpired(all, { keepDays: Number.NaN }, now)).toThrow(RangeError);
  });
});
