// The Replayer's decisions against a scripted phone (a fake operator: this is a unit test; the
// real phone is in tests/integration/features/traces): compare first, confirm sensitive steps, stop on a
// different screen, a denial, a failed action or stop().
import { createCanvas } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentAction } from '../../../../src/shared/agent/actions';
import type { ExecResult, PhoneOperator, ScreenCapture } from '../../../../src/main/agent/interfaces';
import type { ReplayStep } from '../../../../src/main/features/traces/replay/replay-plan';
import { Replayer, type ReplayEvent, type ReplayerOptions } from '../../../../src/main/features/traces/replay/replayer';

async function solid(colour: string): Promise<Uint8Array> {
  const c = createCanvas(108, 240);
  const g = c.getContext('2d');
  g.fillStyle = colour;
  g.fillRect(0, 0, 108, 240);
  return c.encode('png');
}

let images: Record<string, Uint8Array>;
beforeAll(async () => {
  images = { 'a.png': await solid('#ffffff'), 'b.png': await solid('#808080'), 'c.png': await solid('#000000') };
});

/** A phone whose screen is whatever the script says after each executed action. */
class ScriptedPhone implements PhoneOperator {
  executed: AgentAction[] = [];
  constructor(private screens: string[], private readonly failOn?: AgentAction['type']) {}
  async screen(): Promise<ScreenCapture> {
    return { image: images[this.screens[0]!]!, mime: 'image/png', width: 108, height: 240, currentApp: 'x' };
  }
  async execute(action: AgentAction): Promise<ExecResult> {
    if (action.type === this.failOn) return { ok: false, message: 'app not found' };
    this.executed.push(action);
    if (this.screens.length > 1) this.screens.shift();
    return { ok: true };
  }
  async waitForStill(): Promise<{ settleMs: number }> {
    return { settleMs: 0 };
  }
}

const plan: ReplayStep[] = [
  { step: 1, action: { type: 'launch', app: 'Settings' }, screenshot: 'a.png', sensitive: null, recordedMs: 5 },
  { step: 2, action: { type: 'tap', x: 10, y: 20, sensitive: 'Pay 5 EUR' }, screenshot: 'b.png', sensitive: 'Pay 5 EUR', recordedMs: 5 },
  { step: 4, action: { type: 'back' }, screenshot: 'c.png', sensitive: null, recordedMs: 5 },
];

function replayer(phone: PhoneOperator, o: Partial<ReplayerOptions> = {}): { r: Replayer; events: ReplayEvent[] } {
  const r = new Replayer({
    plan, operator: phone, readRecorded: async (name) => images[name]!, speed: 'settle', threshold: 12,
    confirm: async () => true, ...o,
  });
  const events: ReplayEvent[] = [];
  r.on((e) => events.push(e));
  return { r, events };
}

describe('Replayer', () => {
  it('replays every step when each screen matches, asking for the sensitive one', async () => {
    const phone = new ScriptedPhone(['a.png', 'b.png', 'c.png']);
    const asked: number[] = [];
    const { r, events } = replayer(phone, { confirm: async (s) => { asked.push(s.step); return true; } });
    const outcome = await r.start();
    expect(outcome).toMatchObject({ status: 'completed', done: 3, step: null });
    expect(phone.executed.map((a) => a.type)).toEqual(['launch', 'tap', 'back']);
    expect(asked).toEqual([2]);
    expect(events.filter((e) => e.kind === 'checked').map((e) => (e as { difference: number }).difference)).toEqual([0, 0, 0]);
    // 'settle' speed: no pacing waits.
    expect(events.some((e) => e.kind === 'phase' && e.phase === 'pacing')).toBe(false);
    expect(outcome.stats.map((s) => s.step)).toEqual([1, 2, 4]);
  });

  it('keeps the recorded pacing at 1x (a pacing phase per step)', async () => {
    const { r, events } = replayer(new ScriptedPhone(['a.png', 'b.png', 'c.png']), { speed: 1 });
    expect((await r.start()).status).toBe('completed');
    expect(events.filter((e) => e.kind === 'phase' && e.phase === 'pacing')).toHaveLength(3);
  });

  it('stops on a different screen before acting, with both images', async () => {
    const phone = new ScriptedPhone(['a.png', 'c.png']);
    const { r } = replayer(phone);
    const outcome = await r.start();
    expect(outcome.status).toBe('mismatch');
    expect(outcome).toMatchObject({ done: 1, step: 2 });
    expect(outcome.difference).toBeGreaterThan(12);
    expect(outcome.recorded).toBe(images['b.png']);
    expect(outcome.live).toBe(images['c.png']);
    expect(outcome.message).toMatch(/^Step 2: the phone shows a different screen/);
    expect(phone.executed.map((a) => a.type)).toEqual(['launch']);
  });

  it('looks again while a transition ends instead of stopping at once', async () => {
    const phone = new ScriptedPhone(['a.png']);
    const looks: string[] = ['c.png', 'c.png', 'a.png'];
    phone.screen = async () => ({ image: images[looks.length > 1 ? looks.shift()! : looks[0]!]!, mime: 'image/png', width: 108, height: 240, currentApp: 'x' });
    const { r } = replayer(phone, { plan: [plan[0]!] });
    const outcome = await r.start();
    expect(outcome.status).toBe('completed');
    expect(outcome.stats[0]!.checks).toBe(3);
  });

  it('a higher threshold lets a different screen pass', async () => {
    const phone = new ScriptedPhone(['a.png', 'c.png']);
    const { r } = replayer(phone, { threshold: 255 });
    expect((await r.start()).status).toBe('completed');
  });

  it('stops when a sensitive step is denied, without tapping', async () => {
    const phone = new ScriptedPhone(['a.png', 'b.png', 'c.png']);
    const { r } = replayer(phone, { confirm: async () => false });
    const outcome = await r.start();
    expect(outcome).toMatchObject({ status: 'denied', done: 1, step: 2 });
    expect(outcome.message).toContain('Pay 5 EUR');
    expect(phone.executed.map((a) => a.type)).toEqual(['launch']);
  });

  it('stop() while waiting for a confirmation ends as stopped', async () => {
    const phone = new ScriptedPhone(['a.png', 'b.png', 'c.png']);
    const holder: { r?: Replayer } = {};
    const { r } = replayer(phone, {
      confirm: (_step, signal) => new Promise((resolve) => {
        signal.addEventListener('abort', () => resolve(false));
        queueMicrotask(() => holder.r!.stop());
      }),
    });
    holder.r = r;
    const outcome = await r.start();
    expect(outcome).toMatchObject({ status: 'stopped', done: 1, step: 2 });
  });

  it('a failed action stops the replay with the phone\'s reason', async () => {
    const { r } = replayer(new ScriptedPhone(['a.png']), { plan: [plan[0]!], speed: 2 });
    const phone = new ScriptedPhone(['a.png'], 'launch');
    const { r: r2 } = replayer(phone, { plan: [plan[0]!] });
    expect((await r.start()).status).toBe('completed');
    const outcome = await r2.start();
    expect(outcome).toMatchObject({ status: 'failed', done: 0, step: 1 });
    expect(outcome.message).toBe('Step 1 (launch) failed on the phone: app not found');
  });

  it('an external abort signal stops it, and start twice is refused', async () => {
    const controller = new AbortController();
    controller.abort();
    const { r } = replayer(new ScriptedPhone(['a.png']), { signal: controller.signal });
    expect((await r.start()).status).toBe('stopped');
    expect(() => r.start()).toThrow(/already started/);
    await r.dispose();
  });
});
