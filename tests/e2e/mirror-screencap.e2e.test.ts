// The low-frame-rate mirror in Chromium through the web bridge: with no scrcpy server to be had
// (none configured, none installed, no download for the simulated phone and its stand-in turned
// off) the mirror opens in screencap mode, labelled as such, shows the phone's screen and drives
// it with `adb shell input`. Real adb server on a private port, the simulated phone.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestBridge } from '../support/bridge';
import { openMirrorE2E, type MirrorE2E } from '../support/mirror-e2e';
import type { ConnectedPhone } from '../support/virtual-phone';
import { mirrorPage } from '../support/mirror-page';
import { gridDifference } from '../support/png';
import { centerOf } from '../support/ui-tree';

const SCREEN = { width: 1080, height: 2400 };

describe('low frame rate mirror (no scrcpy server)', () => {
  let m: MirrorE2E;
  let phone: ConnectedPhone;
  let t: TestBridge;
  let page: Page;
  let cell: Locator;
  let canvas: Locator;

  beforeAll(async () => {
    m = await openMirrorE2E({ prefix: 'pp-mirror-screencap-e2e-', editEnv: (env, dir) => {
      // The usual test env minus its stand-in server file, and without the simulated phone's own.
      delete env.SCRCPY_SERVER_PATH;
      env.PHONEPILOT_SIMULATED_SCRCPY_STANDIN = '0';
      env.HOME = dir;
    } });
    ({ phone, t, page, cell, canvas } = m);
  });

  afterAll(async () => {
    await m?.close();
  });

  const { toPage, screencap, canvasPicture, launch, waitForNode } = mirrorPage(() => canvas, () => phone, SCREEN);

  it('opens in the clearly labelled low frame rate mode, without any scrcpy server on the phone', async () => {
    expect(await cell.getByTestId('mirror-low-fps').textContent()).toContain('Low frame rate (no scrcpy server)');
    expect(await cell.getByTestId('mirror-state').textContent()).toMatch(/no scrcpy server/i);
    const mirror = t.services.mirror.mirrors.get(phone.serial)!;
    expect(mirror.info).toMatchObject({ mode: 'screencap', state: 'running', video: { codec: 'png', width: SCREEN.width, height: SCREEN.height } });
    expect(phone.phone.resources().scrcpySessions).toBe(0);
    // Recording needs the video stream: the app says so instead of failing later.
    await expect(t.services.handlers['mirror.record']({ serial: phone.serial, on: true }, { transport: 'in-process' })).rejects.toThrow(/needs the scrcpy server/);
  });

  it('shows the phone screen (compared with screencap -p)', async () => {
    await launch('com.android.settings/.Settings');
    await waitForNode((n) => n.className === 'android.widget.Switch', 'settings switch');
    const reference = await screencap();
    await vi.waitFor(async () => {
      const shown = await canvasPicture();
      // The screenshot button sits in the bottom-right corner: compare the top 85 %.
      expect(gridDifference(shown, reference, [0, 0, 1, 0.85], [6, 12])).toBeLessThan(24);
    }, { timeout: 20_000, interval: 250 });
  });

  it('a click on the Wi-Fi switch turns Wi-Fi on (adb shell input tap)', async () => {
    await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '0']);
    await launch('com.android.settings/.Settings');
    const wifi = await waitForNode((n) => n.className === 'android.widget.Switch' && n.contentDesc === 'Wi-Fi' && n.text === 'OFF', 'Wi-Fi switch (off)');
    const at = await toPage(centerOf(wifi));
    await page.mouse.click(at.x, at.y);
    await vi.waitFor(async () => {
      expect((await phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim()).toBe('1');
    }, { timeout: 20_000, interval: 100 });
    // It went through `input tap`, quoted, not a control socket.
    expect(phone.phone.events.list().some((e) => /input' 'tap'/.test(e.detail))).toBe(true);
    // The canvas follows: the switch shows ON once the next picture arrives.
    await waitForNode((n) => n.className === 'android.widget.Switch' && n.contentDesc === 'Wi-Fi' && n.text === 'ON', 'Wi-Fi switch (on)');
    const reference = await screencap();
    await vi.waitFor(async () => {
      expect(gridDifference(await canvasPicture(), reference, [0, 0, 1, 0.85], [6, 12])).toBeLessThan(24);
    }, { timeout: 20_000, interval: 250 });
  });

  it('non-ASCII text gets a clear message instead of garbage', async () => {
    await canvas.click({ position: { x: 5, y: 5 } });
    await page.keyboard.insertText('你好');
    await page.getByText(/Only plain ASCII text can be typed in low frame rate mode/).first().waitFor({ timeout: 20_000 });
  });

  it('closing the mirror stops the polling', async () => {
    const mirror = t.services.mirror.mirrors.get(phone.serial)!;
    await cell.getByTestId('mirror-close').click();
    await page.getByTestId('mirror-empty').waitFor();
    await vi.waitFor(() => expect(mirror.state).toBe('stopped'));
    expect(mirror.hasSession).toBe(false);
    expect(t.services.mirror.mirrors.size).toBe(0);
  });
});
