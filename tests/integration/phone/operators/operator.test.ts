// The operators on their own against the simulated phone (real adb, real mirror): image formats
// and sizes, quoting of typed text through the device shell, app resolution sources, cleanup.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient } from '../../../../src/main/phone/adb/adbkit';
import { createPhoneOperator } from '../../../../src/main/phone/operators';
import type { PhoneOperator } from '../../../../src/main/agent';
import { meanDifference, thumbnail } from '../../../../src/main/phone/operators/screen-diff';
import { byId, clickableWith, startRig, startSuite, type Rig, type Suite } from '../../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

const signal = new AbortController().signal;
const centre = (b: [number, number, number, number]) => ({ x: Math.round((b[0] + b[2]) / 2), y: Math.round((b[1] + b[3]) / 2) });

async function act(op: PhoneOperator, action: Parameters<PhoneOperator['execute']>[0]) {
  const result = await op.execute(action, signal);
  await op.waitForStill({ timeoutMs: 3000, signal });
  return result;
}

async function openRecipientField(r: Rig, op: PhoneOperator) {
  expect(await act(op, { type: 'launch', app: 'Messages' })).toEqual({ ok: true });
  expect(await act(op, { type: 'tap', ...centre(clickableWith(r, 'Start chat').bounds) })).toEqual({ ok: true });
  expect(await act(op, { type: 'tap', ...centre(byId(r, 'recipient_text_view').bounds) })).toEqual({ ok: true });
}

describe('MirrorPhoneOperator', () => {
  it.each([['jpeg', [0xff, 0xd8], 'image/jpeg'], ['png', [0x89, 0x50], 'image/png'], ['webp', [0x52, 0x49], 'image/webp']] as const)(
    'screens are decoded from the video at device size (%s)', async (format, magic, mime) => {
      rig = await startRig(suite);
      const op = createPhoneOperator({ client: rig.client, serial: rig.phone.serial, mirror: rig.session, image: { format } });
      try {
        const shot = await op.screen(signal);
        expect(shot).toMatchObject({ mime, width: 1080, height: 2400 });
        expect(Array.from(shot.image.subarray(0, 2))).toEqual(magic);
        expect(shot.currentApp).toContain('launcher');
        // Decoded from the stream: no screencap ran on the phone.
        expect(rig.phone.phone.events.list({ kind: 'shell' }).some((e) => /screencap/.test(e.detail))).toBe(false);
      } finally {
        await op.dispose();
      }
    });

  it('follows the screen: after a launch the next screen is the new app', async () => {
    rig = await startRig(suite);
    const first = await rig.operator.screen(signal);
    expect(await act(rig.operator, { type: 'launch', app: '设置' })).toEqual({ ok: true });
    const second = await rig.operator.screen(signal);
    expect(second.currentApp).toBe('com.android.settings');
    expect(Buffer.compare(Buffer.from(first.image), Buffer.from(second.image))).not.toBe(0);
  });

  it('after settling, the decoded screen is what the phone shows (not a frame of the animation)', async () => {
    // This checks the pipeline (settle -> prefetch -> cache -> decode of the right frame), not the
    // default thresholds: the simulated phone renders and encodes in this test's own process, so
    // on a loaded 2-core machine its stream can stall mid-animation for longer than a real
    // phone's encoder ever does. A smaller screen and a wider quiet window keep that out.
    rig = await startRig(suite, { phone: { android: { settleMs: 250, width: 540, height: 1200, density: 210 } } });
    const r = rig;
    const op = createPhoneOperator({ client: r.client, serial: r.phone.serial, mirror: r.session, settle: { quietMs: 400 } });
    try {
      await op.screen(signal);
      const steps: Array<() => Parameters<PhoneOperator['execute']>[0]> = [
        () => ({ type: 'launch', app: 'Settings' }),
        () => ({ type: 'tap', ...centre(clickableWith(r, 'Wi-Fi').bounds) }),
        () => ({ type: 'back' }),
      ];
      for (const next of steps) {
        expect(await act(op, next())).toEqual({ ok: true });
        const shot = await op.screen(signal);
        expect(shot).toMatchObject({ width: 540, height: 1200 });
        expect(r.phone.phone.android.animating).toBe(false);
        expect(meanDifference(await thumbnail(shot.image), await thumbnail(r.phone.phone.android.encodePng()))).toBeLessThan(4);
      }
    } finally {
      await op.dispose();
    }
  });

  it('detaches from the session on dispose (no listeners, no decoder left behind)', async () => {
    rig = await startRig(suite);
    const session = rig.session!;
    const baseline = { frame: session.listenerCount('frame'), clipboard: session.listenerCount('clipboard') };
    const op = createPhoneOperator({ client: rig.client, serial: rig.phone.serial, mirror: session });
    expect(session.listenerCount('frame')).toBe(baseline.frame + 1);
    await op.screen(signal);
    await act(op, { type: 'type', text: '你好' });
    await op.dispose();
    await op.dispose();
    expect(session.listenerCount('frame')).toBe(baseline.frame);
    expect(session.listenerCount('clipboard')).toBe(baseline.clipboard);
  });
});

describe('AdbPhoneOperator (no mirror)', () => {
  it('types shell metacharacters literally and refuses non-ASCII with a clear reason', async () => {
    rig = await startRig(suite, { mirror: false });
    const r = rig;
    await openRecipientField(r, r.operator);
    const tricky = `a'b "c" $(reboot); echo x && y`;
    expect(await act(r.operator, { type: 'type', text: tricky })).toEqual({ ok: true });
    expect(byId(r, 'recipient_text_view').text).toBe(tricky);
    const refused = await act(r.operator, { type: 'type', text: '李娜' });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/needs the scrcpy mirror .* or the ADB Keyboard/);
  });

  it('resolves apps from `pm list packages` without a scrcpy server, and says what is missing', async () => {
    rig = await startRig(suite, { mirror: false });
    const op = createPhoneOperator({ client: createAdbClient({ port: suite.adb.port }), serial: rig.phone.serial });
    try {
      expect(await act(op, { type: 'launch', app: '时钟' })).toEqual({ ok: true });
      expect(rig.phone.phone.android.focus().packageName).toBe('com.google.android.deskclock');
      const missing = await op.execute({ type: 'launch', app: 'Photoshop Express' }, signal);
      expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('No installed app matches "Photoshop Express"') });
    } finally {
      await op.dispose();
    }
  });

  it('screens come from exec-out screencap -p', async () => {
    rig = await startRig(suite, { mirror: false });
    const shot = await rig.operator.screen(signal);
    expect(shot).toMatchObject({ mime: 'image/jpeg', width: 1080, height: 2400 });
    // exec-out (binary-safe), not shell: (a pty would mangle the PNG on some phones).
    expect(rig.phone.phone.events.list({ kind: 'exec' }).map((e) => e.detail)).toContain("'screencap' '-p'");
  });
});
