// The step timeline folded from run events: streaming thought, parsed action, timings,
// confirmations, inputs, errors and the final answer.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/agent/trace';
import type { AgentRunEventWire } from '../../../src/shared/contract/agent';
import { applyRunEvent, emptyTimeline, formatMs, readableThought } from '../../../src/renderer/src/components/agent/timeline';

let seq = 0;
const trace = (e: Record<string, unknown>): AgentRunEventWire => ({ kind: 'trace', event: { seq: seq++, t: 0, ...e } as TraceEvent });

describe('timeline', () => {
  it('folds a step: screen, streamed thought, action, timings', () => {
    const view = emptyTimeline();
    const events: AgentRunEventWire[] = [
      { kind: 'state', state: 'running' },
      trace({ type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 1080, height: 2400 }, currentApp: 'launcher' }),
      { kind: 'delta', step: 1, text: '<think>open the ' },
      { kind: 'delta', step: 1, text: 'settings</think><answer>do(' },
    ];
    for (const e of events) applyRunEvent(view, e);
    expect(readableThought(view.steps[0].streaming)).toBe('open the settings');
    applyRunEvent(view, { kind: 'delta', step: 1, text: '<think>again', reset: true });
    expect(view.steps[0].streaming).toBe('<think>again');
    applyRunEvent(view, trace({ type: 'model_reply', step: 1, attempt: 1, raw: 'x', ttftMs: 40, totalMs: 900 }));
    applyRunEvent(view, trace({ type: 'model_reply', step: 1, attempt: 2, raw: 'y', ttftMs: 30, totalMs: 300 }));
    applyRunEvent(view, trace({ type: 'action_parsed', step: 1, action: { type: 'tap', x: 5, y: 6 }, thought: 'open the settings' }));
    applyRunEvent(view, trace({ type: 'action_executed', step: 1, action: { type: 'tap', x: 5, y: 6 }, result: { ok: true }, actionMs: 20, settleMs: 150 }));
    expect(view.steps).toHaveLength(1);
    expect(view.steps[0]).toMatchObject({
      step: 1, screen: { width: 1080, height: 2400 }, currentApp: 'launcher', streaming: '', thought: 'open the settings',
      actionText: 'Tap (5, 6)', modelMs: 1200, ttftMs: 40, actionMs: 20, settleMs: 150, result: { ok: true },
    });
  });

  it('records confirmations, inputs, errors and the final answer where they belong', () => {
    const view = emptyTimeline();
    applyRunEvent(view, trace({ type: 'user_input', step: 0, kind: 'instruction', text: 'be quick' }));
    applyRunEvent(view, trace({ type: 'confirmation', step: 2, phase: 'asked', reason: 'Pay' }));
    applyRunEvent(view, trace({ type: 'confirmation', step: 2, phase: 'approved', reason: 'Pay' }));
    applyRunEvent(view, trace({ type: 'user_input', step: 2, kind: 'answer', text: 'the red one' }));
    applyRunEvent(view, trace({ type: 'error', step: 2, code: 'loop_detected', message: 'Same action three times' }));
    applyRunEvent(view, trace({ type: 'step_started', step: 1, screenshot: 's', screen: { width: 1, height: 1 }, currentApp: '' }));
    applyRunEvent(view, trace({ type: 'finish', status: 'finished', message: 'Paid', steps: 2, durationMs: 5 }));
    expect(view.notes).toEqual(['Instruction: be quick']);
    expect(view.steps.map((s) => s.step)).toEqual([1, 2]);
    expect(view.steps[1]).toMatchObject({ confirmation: 'approved', userInputs: ['Your answer: the red one'], errors: ['Same action three times'] });
    expect(view.final).toEqual({ status: 'finished', message: 'Paid' });
  });

  it('applies a trace event once, so a history fetched after a reload can overlap live events', () => {
    const view = emptyTimeline();
    const reply = trace({ type: 'model_reply', step: 1, attempt: 1, raw: 'x', ttftMs: 1, totalMs: 500 });
    applyRunEvent(view, reply);
    applyRunEvent(view, reply);
    applyRunEvent(view, trace({ type: 'user_input', step: 1, kind: 'instruction', text: 'x' }));
    expect(view.steps[0].modelMs).toBe(500);
    expect(view.steps[0].userInputs).toHaveLength(1);
  });

  it('formats timings and keeps non-AutoGLM text readable', () => {
    expect(formatMs(null)).toBe('–');
    expect(formatMs(340.4)).toBe('340 ms');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(readableThought('Thought: tap the icon')).toBe('Thought: tap the icon');
  });
});
