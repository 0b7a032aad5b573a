import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { LoopGuard, actionKey } from '../../../src/main/agent/loop-guard';
import { PauseGate } from '../../../src/main/agent/pause-gate';
import { Conversation, summarizeMessages } from '../../../src/main/agent/conversation';

describe('LoopGuard', () => {
  it('warns at the third identical action on the same screen, then stops; a change resets it', () => {
    const g = new LoopGuard();
    const tap = { type: 'tap' as const, x: 500, y: 500 };
    expect([g.check(tap, 's'), g.check({ ...tap, x: 505 }, 's'), g.check(tap, 's'), g.check(tap, 's')]).toEqual(['ok', 'ok', 'warn', 'stop']);
    expect(g.check(tap, 'other-screen')).toBe('ok');
    expect(g.check({ type: 'back' }, 'other-screen')).toBe('ok');
  });

  it('snaps nearby points together but keeps different actions apart', () => {
    expect(actionKey({ type: 'tap', x: 500, y: 500 })).toBe(actionKey({ type: 'tap', x: 509, y: 491 }));
    expect(actionKey({ type: 'tap', x: 500, y: 500 })).not.toBe(actionKey({ type: 'long_press', x: 500, y: 500 }));
    expect(actionKey({ type: 'type', text: 'a' })).not.toBe(actionKey({ type: 'type', text: 'b' }));
  });
});

describe('PauseGate', () => {
  it('holds waiters until resume and releases them on abort without leaking listeners', async () => {
    const gate = new PauseGate();
    const ac = new AbortController();
    await gate.wait(ac.signal);
    gate.pause();
    let released = false;
    const p = gate.wait(ac.signal).then(() => { released = true; });
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false);
    gate.resume();
    await p;
    expect(released).toBe(true);
    gate.pause();
    const aborted = gate.wait(ac.signal);
    ac.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(gate.waiting).toBe(0);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});

describe('Conversation', () => {
  it('keeps only the newest screenshot and collapses older turns to text', () => {
    const c = new Conversation('sys');
    c.addUserTurn('first', 'data:image/png;base64,AAA');
    c.addTurns([{ role: 'assistant', content: 'a1' }]);
    c.addUserTurn('second', 'data:image/png;base64,BBB');
    const m = c.messages();
    expect(m[1]).toEqual({ role: 'user', content: 'first' });
    expect(summarizeMessages(m)).toEqual({ roles: ['system', 'user', 'assistant', 'user'], imageCount: 1, textChars: 3 + 5 + 2 + 6 });
  });
});
