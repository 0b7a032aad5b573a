import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printRunEvent } from '../../../src/cli/run/step-printer';
import type { TraceEvent } from '../../../src/shared/agent/trace';

function print(events: TraceEvent[], json: boolean): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => { text += c; });
  for (const event of events) printRunEvent(out, { kind: 'trace', event }, json);
  printRunEvent(out, { kind: 'delta', step: 1, text: 'ignored' }, json);
  return text;
}

const events: TraceEvent[] = [
  { seq: 1, t: 0, type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 1080, height: 2400 }, currentApp: 'com.android.settings' },
  { seq: 2, t: 0, type: 'action_parsed', step: 1, action: { type: 'tap', x: 10, y: 20 }, thought: 'Tap\n Wi-Fi.' },
  { seq: 3, t: 0, type: 'action_executed', step: 1, action: { type: 'tap', x: 10, y: 20 }, result: { ok: true }, actionMs: 3.4, settleMs: 420.6 },
  { seq: 4, t: 0, type: 'finish', status: 'finished', message: 'done', steps: 1, durationMs: 2500 },
];

describe('printRunEvent', () => {
  it('prints a readable line per step part', () => {
    expect(print(events, false)).toBe([
      '', 'Step 1 · com.android.settings', '  thought: Tap Wi-Fi.', '  action: Tap (10, 20)',
      '  done: action 3 ms, settle 421 ms', '', 'Finished: done (1 steps, 2.5 s)', '',
    ].join('\n'));
  });

  it('--json: one trace event per line, nothing else', () => {
    const lines = print(events, true).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(events);
  });
});
