// Ordering food: the login is handed to the user (Take_over: the test types the password and the
// captcha through adb, like a person at the phone), then Pay is a sensitive tap the user
// approves, or denies. The wallet says whether money moved.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HumanInTheLoop } from '../../../src/main/agent';
import { readTrace } from '../../../src/main/features/traces/trace-reader';
import { byId, clickableWith, doReply, runAgent, startRig, startSuite, tapReply, userTap, type Rig, type Suite } from '../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

/** The user at the phone: reads the code off the screen, types password and code with adb. */
function userWhoLogsIn(r: Rig, approvePay: boolean, seen: string[]): HumanInTheLoop {
  return {
    takeOver: async (message) => {
      seen.push(`take_over:${message}`);
      await userTap(r, byId(r, 'password_input'));
      await r.phone.adb(['shell', 'input', 'text', 'pilot123']);
      const code = /([A-Z0-9]{4})\s*$/.exec(byId(r, 'captcha_text').text)?.[1];
      if (!code) throw new Error('no captcha on screen');
      await userTap(r, byId(r, 'captcha_input'));
      await r.phone.adb(['shell', 'input', 'text', code]);
      await userTap(r, byId(r, 'login_button'));
    },
    confirm: async (_step, action, reason) => {
      seen.push(`confirm:${action.type}:${reason}`);
      return approvePay;
    },
    ask: async () => '',
  };
}

describe.each([[true, 'approved'], [false, 'denied']])('shop checkout, payment %s', (approve) => {
  it(`logs in through Take_over and ${approve ? 'pays' : 'does not pay'}`, async () => {
    rig = await startRig(suite);
    const r = rig;
    const before = r.phone.phone.inspect().snapshot.wallet;
    expect(before.payments).toEqual([]);
    const seen: string[] = [];
    suite.model.script([
      () => doReply('do(action="Launch", app="外卖")', '打开外卖'),
      () => tapReply(r, clickableWith(r, 'Mapo Tofu'), 'Open Mapo Tofu.'),
      () => tapReply(r, byId(r, 'add_to_cart_button'), 'Add it.'),
      () => tapReply(r, byId(r, 'cart_button'), 'Go to the cart.'),
      () => tapReply(r, byId(r, 'checkout_button'), 'Check out.'),
      () => doReply('do(action="Take_over", message="Please log in to the shop")', 'Login needs the user.'),
      () => tapReply(r, byId(r, 'pay_button'), 'Pay.', 'Pay for Mapo Tofu'),
      () => doReply('finish(message="Ordered Mapo Tofu")', 'Paid.'),
    ]);
    const { outcome, traceDir } = await runAgent(suite, r, 'Order Mapo Tofu', { human: userWhoLogsIn(r, approve, seen) });
    expect(seen).toEqual(['take_over:Please log in to the shop', 'confirm:tap:Pay for Mapo Tofu']);
    const after = r.phone.phone.inspect().snapshot;
    expect(after.shopLoggedIn).toBe(true);
    const trace = await readTrace(traceDir);
    expect(trace.events.some((e) => e.type === 'user_input' && e.kind === 'take_over_done')).toBe(true);
    if (approve) {
      expect(outcome).toMatchObject({ status: 'finished', message: 'Ordered Mapo Tofu' });
      expect(after.wallet.payments).toHaveLength(1);
      expect(after.wallet.payments[0].items).toEqual(['Mapo Tofu']);
      expect(after.wallet.balanceCents).toBe(before.balanceCents - after.wallet.payments[0].amountCents);
    } else {
      expect(outcome.status).toBe('stopped');
      expect(outcome.message).toMatch(/declined/);
      expect(after.wallet).toEqual(before);
      expect(after.cart.map((i) => i.name)).toEqual(['Mapo Tofu']);
      // The denied tap never reached the phone.
      expect(trace.events.filter((e) => e.type === 'action_executed' && e.step === 7)).toEqual([]);
      expect(trace.events.filter((e) => e.type === 'confirmation').map((e) => e.type === 'confirmation' && e.phase)).toEqual(['asked', 'denied']);
    }
  });
});
