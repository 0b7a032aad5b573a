// Animations off while the agent drives: the operator sets the phone's three scales to 0 before
// its first action and puts the user's values back on dispose, the ledger carries those values
// across a crash, and the simulated phone honours the scales (no transition at 0).
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPhoneOperator } from '../../../../src/main/phone/operators';
import { FileAnimationLedger } from '../../../../src/main/phone/animations/animation-ledger';
import { clickableWith, startRig, startSuite, type Rig, type Suite } from '../../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

const signal = new AbortController().signal;
const KEYS = ['window_animation_scale', 'transition_animation_scale', 'animator_duration_scale'] as const;
const centre = (b: [number, number, number, number]) => ({ x: Math.round((b[0] + b[2]) / 2), y: Math.round((b[1] + b[3]) / 2) });
/** Polls a condition the phone reaches asynchronously (control-socket input is not awaited). */
async function until(test: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 3000; !test();) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
const scales = (r: Rig) => KEYS.map((k) => r.phone.phone.android.getSetting('global', k));

describe('animations off during a task', () => {
  it('turns the scales to 0 before the first action and restores the user\'s values on dispose', async () => {
    rig = await startRig(suite, { phone: { android: { settleMs: 250 } } });
    const r = rig;
    r.phone.phone.android.putSetting('global', 'window_animation_scale', '0.5'); // the user's own choice
    const ledger = new FileAnimationLedger(join(suite.dir, 'ledger-a'));
    const op = createPhoneOperator({ client: r.client, serial: r.phone.serial, mirror: r.session, animationsOff: { ledger } });
    try {
      await op.screen(signal);
      expect(scales(r)).toEqual(['0.5', '1.0', '1.0']); // looking changes nothing: only acting does
      expect(await op.execute({ type: 'launch', app: 'Settings' }, signal)).toEqual({ ok: true });
      expect(scales(r)).toEqual(['0', '0', '0']);
      // The user's values are on disk before anything changed, in case we crash now.
      expect(await new FileAnimationLedger(ledger.dir).pending(r.phone.serial)).toEqual({
        window_animation_scale: '0.5', transition_animation_scale: '1.0', animator_duration_scale: '1.0',
      });
      // With the scales at 0 the phone jumps straight to the new page: nothing animates.
      await op.waitForStill({ timeoutMs: 3000, signal });
      expect(await op.execute({ type: 'tap', ...centre(clickableWith(r, 'Wi-Fi').bounds) }, signal)).toEqual({ ok: true });
      await until(() => r.phone.phone.android.getSetting('global', 'wifi_on') === '1', 'Wi-Fi on');
      expect(r.phone.phone.android.animating).toBe(false);
    } finally {
      await op.dispose();
    }
    expect(scales(r)).toEqual(['0.5', '1.0', '1.0']);
    expect(await ledger.serials()).toEqual([]);
  });

  it('after a crash the next task restores the values the ledger kept, not the zeros it finds', async () => {
    rig = await startRig(suite, { mirror: false });
    const r = rig;
    const ledger = new FileAnimationLedger(join(suite.dir, 'ledger-b'));
    const crashed = createPhoneOperator({ client: r.client, serial: r.phone.serial, animationsOff: { ledger } });
    await crashed.screen(signal);
    await crashed.execute({ type: 'home' }, signal);
    expect(scales(r)).toEqual(['0', '0', '0']);
    // No dispose: the process "died" here. A new run (a new ledger object on the same file):
    const next = createPhoneOperator({ client: r.client, serial: r.phone.serial, animationsOff: { ledger: new FileAnimationLedger(ledger.dir) } });
    await next.execute({ type: 'home' }, signal);
    expect(scales(r)).toEqual(['0', '0', '0']);
    await next.dispose();
    expect(scales(r)).toEqual(['1.0', '1.0', '1.0']);
    expect(await ledger.serials()).toEqual([]);
  });

  it('leaves a phone alone whose animations the user already turned off', async () => {
    rig = await startRig(suite, { mirror: false });
    const r = rig;
    for (const k of KEYS) r.phone.phone.android.putSetting('global', k, '0');
    const ledger = new FileAnimationLedger(join(suite.dir, 'ledger-c'));
    const op = createPhoneOperator({ client: r.client, serial: r.phone.serial, animationsOff: { ledger } });
    await op.execute({ type: 'home' }, signal);
    await op.dispose();
    expect(scales(r)).toEqual(['0', '0', '0']);
    expect(await ledger.serials()).toEqual([]);
    const changes = r.phone.phone.events.list({ kind: 'input' }).filter((e) => /^settings (put|delete)/.test(e.detail));
    expect(changes).toEqual([]);
  });

  it('without the option the phone keeps animating', async () => {
    rig = await startRig(suite, { phone: { android: { settleMs: 1000 } } });
    const r = rig;
    await r.operator.screen(signal);
    await r.operator.waitForStill({ timeoutMs: 3000, signal });
    expect(r.phone.phone.android.animating).toBe(false);
    expect(await r.operator.execute({ type: 'tap', ...centre(clickableWith(r, 'Settings').bounds) }, signal)).toEqual({ ok: true });
    await until(() => r.phone.phone.android.animating, 'the page transition');
    expect(scales(r)).toEqual(['1.0', '1.0', '1.0']);
  });
});
