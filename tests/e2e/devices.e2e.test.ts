// The device list in Chromium through the web bridge, against a real adb server on a private
// port and the simulated phone: phones appear and disappear as they connect and disconnect,
// with their details and next steps (also while not authorised or offline, and out of those
// states without a reload); "Use Wi-Fi" switches one to adb over Wi-Fi; "Try it without a
// phone" starts one in the app.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../support/adb-server';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { startConnectedPhone, waitForState } from '../support/virtual-phone';
import { VirtualPhone } from '#virtual-phone';
import { appTestEnv } from '../support/app-env';

describe('device list in Chromium', () => {
  let adb: AdbServerHandle;
  let t: TestBridge;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-devices-e2e-');
    adb = await startAdbServer();
    t = await startTestBridge({ env: await appTestEnv(tmp.dir, adb.port), requireRenderer: true });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    await page.goto(t.url);
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.stop();
    await adb?.stop();
    await tmp?.cleanup();
  });

  const item = (serial: string) => page.locator(`[data-testid="device-item"][data-serial="${serial}"]`);

  it('shows the empty state with the next steps when no phone is connected', async () => {
    await page.getByTestId('devices-empty').waitFor();
    expect(await page.getByTestId('devices-empty').textContent()).toMatch(/USB debugging/);
    expect(await page.getByTestId('try-simulated').isVisible()).toBe(true);
  });

  it('a phone appears with its details when it connects and disappears when it disconnects', async () => {
    const phone = await startConnectedPhone(adb);
    try {
      const row = item(phone.serial);
      await row.waitFor();
      // Details arrive after the probe (getprop, wm size, dumpsys battery).
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/Android \d+/);
      const text = (await row.textContent())!;
      expect(text).toContain('PhonePilot Virtual');
      expect(text).toContain('Simulated');
      expect(text).toContain('1080×2400');
      expect(text).toMatch(/\d+%/);
      expect(await row.getByTestId('device-state').textContent()).toBe('Ready');
      expect(await page.getByTestId('devices-empty').count()).toBe(0);
    } finally {
      await phone.stop();
    }
    await item(phone.serial).waitFor({ state: 'detached' });
    await page.getByTestId('devices-empty').waitFor();
  });

  it('connects a phone by address from the Wi-Fi form', async () => {
    const phone = new VirtualPhone();
    const { serial } = await phone.start();
    try {
      await page.locator('details.wifi summary').click();
      await page.getByTestId('wifi-address').fill(serial);
      await page.getByTestId('wifi-connect').click();
      await item(serial).waitFor();
      await expect.poll(() => item(serial).getAttribute('data-state'), { timeout: 20_000 }).toBe('device');
      expect(await page.getByTestId('wifi-address').inputValue()).toBe('');
    } finally {
      await adb.adb(['disconnect', serial]);
      await phone.dispose();
    }
    await item(serial).waitFor({ state: 'detached' });
  });

  it('a phone connected by address that has not allowed this computer shows "Not authorised" and what to do, then Ready once allowed', async () => {
    const phone = new VirtualPhone({ auth: 'prompt' });
    const { serial } = await phone.start();
    try {
      await page.locator('details.wifi').evaluate((d) => { (d as HTMLDetailsElement).open = true; });
      await page.getByTestId('wifi-address').fill(serial);
      await page.getByTestId('wifi-connect').click();
      const row = item(serial);
      // adb answers the connect with "failed to authenticate": not an error, the phone waits for the user.
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('unauthorized');
      expect(await row.getByTestId('device-state').textContent()).toBe('Not authorised');
      expect(await row.getByTestId('device-hint').textContent()).toMatch(/Unlock the phone and accept "Allow USB debugging\?"/);
      expect(await row.getByTestId('device-mirror').count()).toBe(0);
      expect(await page.getByTestId('devices-error').count()).toBe(0);
      expect(await page.getByTestId('wifi-address').inputValue()).toBe('');

      expect(phone.authorize()).toBe(1);
      await expect.poll(() => row.getByTestId('device-state').textContent(), { timeout: 20_000 }).toBe('Ready');
      await expect.poll(() => row.getByTestId('device-model').textContent(), { timeout: 20_000 }).toBe('PhonePilot Virtual');
      expect(await row.getByTestId('device-hint').count()).toBe(0);
      expect(await row.getByTestId('device-mirror').isEnabled()).toBe(true);
    } finally {
      await adb.adb(['disconnect', serial]);
      await phone.dispose();
    }
    await item(serial).waitFor({ state: 'detached' });
  });

  it('a phone that stops answering shows "Offline" and what to do, then Ready when it is back', async () => {
    const phone = await startConnectedPhone(adb);
    try {
      const row = item(phone.serial);
      await expect.poll(() => row.getByTestId('device-model').textContent(), { timeout: 20_000 }).toBe('PhonePilot Virtual');
      await phone.phone.stop();
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('offline');
      expect(await row.getByTestId('device-state').textContent()).toBe('Offline');
      expect(await row.getByTestId('device-hint').textContent()).toMatch(/simulated phone stopped answering adb: start it again/);
      expect(await row.getByTestId('device-mirror').count()).toBe(0);

      // Back on its port: adb's retry reconnects it, no reload and no new connect.
      await phone.phone.start();
      await waitForState(adb, phone.serial, 'device', 40_000);
      await expect.poll(() => row.getByTestId('device-state').textContent(), { timeout: 20_000 }).toBe('Ready');
      expect(await row.getByTestId('device-hint').count()).toBe(0);
    } finally {
      await phone.stop();
    }
    await item(phone.serial).waitFor({ state: 'detached' });
  });

  it('"Use Wi-Fi" switches a phone on its cable to adb over Wi-Fi: a Wi-Fi entry appears beside it', async () => {
    const phone = await startConnectedPhone(adb);
    let wifiSerial: string | null = null;
    try {
      const row = item(phone.serial);
      await expect.poll(() => row.getByTestId('device-connection').textContent(), { timeout: 20_000 }).toBe('Simulated');
      // Wi-Fi is off on the phone: the app says what to do, and nothing changes on the phone.
      await row.getByTestId('device-wifi').click();
      await expect.poll(() => page.getByTestId('devices-error').textContent(), { timeout: 20_000 }).toMatch(/connect the phone to Wi-Fi first/);
      expect(phone.phone.inspect().tcpipPort).toBeNull();

      // The owner turns Wi-Fi on and presses again.
      await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '1']);
      await row.getByTestId('device-wifi').click();
      const port = await vi.waitFor(() => {
        const p = phone.phone.inspect().tcpipPort;
        if (p === null) throw new Error('adb tcpip not received yet');
        return p;
      }, { timeout: 20_000 });
      wifiSerial = `127.0.0.1:${port}`;
      const wifiRow = item(wifiSerial);
      await expect.poll(() => wifiRow.getByTestId('device-state').textContent(), { timeout: 30_000 }).toBe('Ready');
      await expect.poll(() => wifiRow.getByTestId('device-connection').textContent(), { timeout: 20_000 }).toBe('Wi-Fi');
      // The model comes with the Wi-Fi entry's own probe, after it is Ready.
      await expect.poll(() => wifiRow.getByTestId('device-model').textContent(), { timeout: 20_000 }).toBe('PhonePilot Virtual');
      expect(await wifiRow.getByRole('button', { name: 'Disconnect' }).isVisible()).toBe(true);
      expect(await row.getByTestId('device-state').textContent()).toBe('Ready');
      expect(await page.getByTestId('devices-error').count()).toBe(0);
    } finally {
      if (wifiSerial) await adb.adb(['disconnect', wifiSerial]);
      await phone.stop();
    }
    await item(phone.serial).waitFor({ state: 'detached' });
    await item(wifiSerial!).waitFor({ state: 'detached' });
  });

  it('explains a malformed address', async () => {
    await page.getByTestId('wifi-address').fill('not an address');
    await page.getByTestId('wifi-connect').click();
    await expect.poll(() => page.getByTestId('devices-error').textContent()).toMatch(/host:port/);
  });

  it('"Try it without a phone" starts a simulated phone in the app and mirrors it; Stop removes it', async () => {
    await page.getByTestId('try-simulated').click();
    const serial = await vi.waitFor(() => {
      const s = t.services.devices.simulated.serial;
      if (!s) throw new Error('not started yet');
      return s;
    }, { timeout: 30_000 });
    await item(serial).waitFor();
    const cell = page.locator(`[data-testid="mirror-cell"][data-serial="${serial}"]`);
    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    await item(serial).getByTestId('stop-simulated').click();
    await item(serial).waitFor({ state: 'detached' });
    expect(t.services.devices.simulated.instance).toBeNull();
    // The mirror of a phone that went away says so instead of vanishing.
    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 20_000 }).toBe('disconnected');
    await cell.getByTestId('mirror-close').click();
    await cell.waitFor({ state: 'detached' });
    await vi.waitFor(() => expect(t.services.mirror.mirrors.size).toBe(0));
  });
});

describe('device list without adb', () => {
  it('shows the fix when adb is not installed, and the app still works', async () => {
    const tmp = await makeTempDir('pp-devices-noadb-');
    // No adb anywhere: an empty PATH and no SDK variables; a port where nothing listens.
    const t = await startTestBridge({ env: { PATH: tmp.dir, HOME: tmp.dir, ANDROID_ADB_SERVER_PORT: '1', PHONEPILOT_TEST: '1' }, requireRenderer: true });
    const chromium = await launchChromium();
    try {
      const page = await chromium.browser.newPage();
      await page.goto(t.url);
      const problem = page.getByTestId('devices-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(/adb was not found[\s\S]*Install the Android platform tools/);
      await page.getByTestId('devices-retry').click();
      await expect.poll(() => problem.textContent()).toMatch(/Install the Android platform tools/);
      // The rest of the app is usable.
      await page.getByTestId('open-settings').click();
      await page.getByTestId('preset-select').waitFor();
    } finally {
      await chromium.close();
      await t.stop();
      await tmp.cleanup();
    }
  });
});
