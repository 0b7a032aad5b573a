// The accessibility tree over real adb from the simulated phone: the operator's tree matches what
// the phone shows (in either language), one dump per screen, and a dump slower than its deadline
// (the real-phone latency profile) fails clearly after its retries.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DeviceShell } from '../../../../src/main/phone/adb/device-shell';
import { UiTreeReader } from '../../../../src/main/phone/ui-tree';
import { labelOf, uiOutline } from '../../../../src/shared/ui-tree';
import { startRig, startSuite, type Rig, type Suite } from '../../../support/agent-rig';

let suite: Suite;
let rig: Rig | undefined;
beforeAll(async () => { suite = await startSuite(); });
afterEach(async () => { await rig?.close(); rig = undefined; });
afterAll(async () => { await suite?.close(); });

it('reads the screen the phone shows, once per screen, in Chinese too', async () => {
  rig = await startRig(suite, { mirror: false, phone: { android: { locale: 'zh-CN' } } });
  rig.phone.phone.android.launchPackage('com.android.settings');
  const sinceSeq = rig.phone.phone.events.lastSeq;
  const first = await rig.operator.uiTree.read({ fingerprint: 'settings' });
  expect(first).toMatchObject({ cached: false, attempts: 1 });
  const wlan = first.tree.elements.find((e) => e.className === 'android.widget.Switch' && e.contentDesc === 'WLAN');
  expect(wlan).toBeDefined();
  expect(labelOf(first.tree, wlan!.parent)).toBe('WLAN / 已关闭');
  expect(uiOutline(first.tree, { screen: { width: 1080, height: 2400 } })).toMatch(/^text "设置"$/m);
  const again = await rig.operator.uiTree.read({ fingerprint: 'settings' });
  expect(again.cached).toBe(true);
  expect(rig.phone.phone.events.list({ sinceSeq }).filter((e) => e.kind === 'shell' && /uiautomator dump/.test(e.detail))).toHaveLength(1);
});

it('a dump slower than its deadline fails after its retries with a clear error', async () => {
  rig = await startRig(suite, { mirror: false, phone: { latencyProfile: 'real-phone' } });
  const reader = new UiTreeReader(new DeviceShell(rig.client, rig.phone.serial), { timeoutMs: 300, retries: 1, retryDelayMs: 10 });
  await expect(reader.read({ fingerprint: 'slow' })).rejects.toMatchObject({
    code: 'unavailable', message: expect.stringMatching(/accessibility tree could not be read.*2 attempts.*gave no answer within 300 ms/),
  });
  // With the deadline a real dump needs, the same phone answers.
  const patient = new UiTreeReader(new DeviceShell(rig.client, rig.phone.serial));
  expect((await patient.read()).tree.elements.length).toBeGreaterThan(5);
});
