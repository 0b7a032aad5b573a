// The live mirror in Chromium through the web bridge: real adb server (private port), the
// simulated phone and its ffmpeg-encoded scrcpy stream, the app's MirrorPane. What the canvas
// shows is compared with `screencap -p`; clicks, typing and drags on it must reach the phone.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestBridge } from '../support/bridge';
import { openMirrorE2E, type MirrorE2E } from '../support/mirror-e2e';
import type { ConnectedPhone } from '../support/virtual-phone';
import { mirrorPage } from '../support/mirror-page';
import { decodePng, gridDifference } from '../support/png';
import { centerOf, uiTree } from '../support/ui-tree';

const SCREEN = { width: 1080, height: 2400 };

describe('mirror in Chromium', () => {
  let m: MirrorE2E;
  let phone: ConnectedPhone;
  let t: TestBridge;
  let page: Page;
  let canvas: Locator;

  beforeAll(async () => {
    m = await openMirrorE2E({ prefix: 'pp-mirror-e2e-' });
    ({ phone, t, page, canvas } = m);
  });

  afterAll(async () => {
    await m?.close(async () => {
      // The app stopped its scrcpy server on the phone (no session, no ffmpeg left behind).
      await vi.waitFor(() => expect(phone.phone.resources().scrcpySessions).toBe(0), { timeout: 15_000 });
    });
  });

  const { toPage, screencap, canvasPicture, launch, waitForNode } = mirrorPage(() => canvas, () => phone, SCREEN);

  it('the canvas shows the phone screen (compared with screencap -p)', async () => {
    await launch('com.android.settings/.Settings');
    await waitForNode((n) => n.className === 'android.widget.Switch', 'settings switch');
    const reference = await screencap();
    // The picture on the canvas catches up with the phone within a few frames.
    await vi.waitFor(async () => {
      const shown = await canvasPicture();
      // The screenshot button sits in the bottom-right corner: compare the top 85 %.
      expect(gridDifference(shown, reference, [0, 0, 1, 0.85], [6, 12])).toBeLessThan(24);
    }, { timeout: 20_000, interval: 250 });
  });

  it('the screenshot button saves a PNG of the decoded frame', async () => {
    const reference = await screencap();
    const download = page.waitForEvent('download');
    await page.getByTestId('mirror-screenshot').click();
    const png = decodePng(await readFile((await (await download).path())!));
    expect(png.width / png.height).toBeCloseTo(SCREEN.width / SCREEN.height, 2);
    expect(gridDifference(png, reference, [0, 0, 1, 1], [6, 12])).toBeLessThan(24);
  });

  it('a click on the Wi-Fi switch on the canvas turns Wi-Fi on', async () => {
    await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '0']);
    await launch('com.android.settings/.Settings');
    const wifi = await waitForNode((n) => n.className === 'android.widget.Switch' && n.contentDesc === 'Wi-Fi' && n.text === 'OFF', 'Wi-Fi switch (off)');
    const at = await toPage(centerOf(wifi));
    await page.mouse.click(at.x, at.y);
    await vi.waitFor(async () => {
      expect((await phone.adb(['shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim()).toBe('1');
    }, { timeout: 20_000, interval: 100 });
  });

  it('Chinese text typed into the Messages compose field arrives intact', async () => {
    await launch('com.google.android.apps.messaging/.ui.ConversationListActivity');
    const row = await waitForNode((n) => n.resourceId.endsWith('conversation_row'), 'conversation row');
    let at = await toPage(centerOf(row));
    await page.mouse.click(at.x, at.y);
    const compose = await waitForNode((n) => n.resourceId.endsWith('compose_message_text'), 'compose field');
    at = await toPage(centerOf(compose));
    await page.mouse.click(at.x, at.y);
    // What an IME commits arrives as one input event on the focused mirror.
    await page.keyboard.insertText('你好，世界！PhonePilot');
    await waitForNode((n) => n.resourceId.endsWith('compose_message_text') && n.text === '你好，世界！PhonePilot', 'the typed text');
    expect(phone.phone.events.list({ kind: 'control' }).some((e) => /clipboard/i.test(e.detail))).toBe(true);
  });

  it('a drag on the canvas scrolls a list', async () => {
    // The shop's product list is longer than the screen.
    await launch('com.phonepilot.shop/.MainActivity');
    const list = await waitForNode((n) => n.scrollable, 'scrollable list');
    const before = (await uiTree(phone)).filter((n) => n.text && n.bounds[1] >= list.bounds[1] && n.bounds[3] <= list.bounds[3]);
    const marker = before[0];
    const from = await toPage({ x: (list.bounds[0] + list.bounds[2]) / 2, y: list.bounds[3] - 100 });
    const to = await toPage({ x: (list.bounds[0] + list.bounds[2]) / 2, y: list.bounds[1] + 100 });
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 15 });
    await page.mouse.up();
    await vi.waitFor(async () => {
      const same = (await uiTree(phone)).find((n) => n.text === marker.text && n.resourceId === marker.resourceId);
      // Scrolled up: the marker moved up or left the list.
      expect(same === undefined || same.bounds[1] < marker.bounds[1]).toBe(true);
    }, { timeout: 20_000, interval: 100 });
  });

  it('rejects touch input for a device without a mirror', async () => {
    const result = await t.services.handlers['mirror.control']({
      serial: 'no-such-device:5555',
      message: { type: 'injectTouch', action: 0, pointerId: -2n, pressure: 1, actionButton: 1, buttons: 1, x: 1, y: 1, screenWidth: 10, screenHeight: 10 },
    }, { transport: 'in-process' }).then(() => 'sent', (e: Error) => e.message);
    expect(result).toMatch(/Touch and scroll events need a running mirror/);
  });

  it('closing the mirror stops the scrcpy server on the phone', async () => {
    const cell = page.locator(`[data-testid="mirror-cell"][data-serial="${phone.serial}"]`);
    await cell.getByTestId('mirror-close').click();
    await cell.waitFor({ state: 'detached' });
    await page.getByTestId('mirror-empty').waitFor();
    expect(t.services.mirror.mirrors.size).toBe(0);
    await vi.waitFor(() => expect(phone.phone.resources().scrcpySessions).toBe(0), { timeout: 15_000 });
  });
});
