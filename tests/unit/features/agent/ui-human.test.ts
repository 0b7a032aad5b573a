// The UI human in the loop: one pending prompt at a time, answered by id and kind only, and
// cancelled cleanly (no listener left on the run's signal) when the run stops.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { UiHumanLoop, type PendingPrompt } from '../../../../src/main/features/agent/ui-human';
import { AppError } from '../../../../src/shared/errors';

function setup() {
  const changes: Array<PendingPrompt | null> = [];
  let n = 0;
  const human = new UiHumanLoop({ onChange: (p) => changes.push(p), currentStep: () => 7, newId: () => `req-${++n}` });
  return { human, changes };
}

describe('UiHumanLoop', () => {
  it('announces a confirmation and resolves it with the user answer', async () => {
    const { human, changes } = setup();
    const signal = new AbortController().signal;
    const answer = human.confirm(3, { type: 'tap', x: 1, y: 2, sensitive: 'Pay' }, 'Pay', signal);
    expect(human.pending).toEqual({ requestId: 'req-1', kind: 'confirm', step: 3, action: { type: 'tap', x: 1, y: 2, sensitive: 'Pay' }, message: 'Pay' });
    expect(() => human.respond('req-0', { kind: 'confirm', approve: true })).toThrow(AppError);
    expect(() => human.respond('req-1', { kind: 'takeOver' })).toThrow(/needs a "confirm" answer/);
    human.respond('req-1', { kind: 'confirm', approve: false });
    await expect(answer).resolves.toBe(false);
    expect(changes.map((c) => c?.requestId ?? null)).toEqual(['req-1', null]);
    expect(human.pending).toBeNull();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(() => human.respond('req-1', { kind: 'confirm', approve: true })).toThrow(/no longer waiting/);
  });

  it('numbers take-over and questions with the current step and returns the answer', async () => {
    const { human } = setup();
    const signal = new AbortController().signal;
    const takeOver = human.takeOver('Log in', signal);
    expect(human.pending).toMatchObject({ kind: 'takeOver', step: 7, message: 'Log in' });
    human.respond('req-1', { kind: 'takeOver' });
    await takeOver;
    const asked = human.ask('Which one?', signal);
    human.respond('req-2', { kind: 'ask', answer: 'The blue one' });
    await expect(asked).resolves.toBe('The blue one');
  });

  it('an abort rejects the wait, closes the prompt and leaves no listener', async () => {
    const { human, changes } = setup();
    const controller = new AbortController();
    const answer = human.ask('?', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(answer).rejects.toThrow('stopped');
    expect(human.pending).toBeNull();
    expect(changes.at(-1)).toBeNull();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await expect(human.ask('?', controller.signal)).rejects.toThrow('stopped');
  });
});
