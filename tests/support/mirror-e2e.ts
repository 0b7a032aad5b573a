// The setup every mirror e2e file shares: a private adb server, the simulated phone (no screen
// animations, so what the canvas shows settles at once), the app behind the web bridge, Chromium
// on its page, and the phone's mirror opened from the device list and playing. close() tears
// it all down in reverse and reports the first failure; a setup that fails half-way releases
// what it had started.
import type { Locator, Page } from 'playwright-core';
import { appTestEnv } from './app-env';
import { startAdbServer, type AdbServerHandle } from './adb-server';
import { startTestBridge, type TestBridge } from './bridge';
import { launchChromium } from './chromium';
import { makeTempDir } from './temp-dir';
import { startConnectedPhone, type ConnectedPhone } from './virtual-phone';

export interface MirrorE2E {
  adb: AdbServerHandle;
  phone: ConnectedPhone;
  /** The app behind the bridge. */
  t: TestBridge;
  page: Page;
  /** The phone's mirror cell, running. */
  cell: Locator;
  /** The video canvas inside it, playing. */
  canvas: Locator;
  /** `afterApp` runs once the app stopped and before the phone does (checks on what it left behind). */
  close(afterApp?: () => Promise<void>): Promise<void>;
}

export async function openMirrorE2E(o: { prefix: string; editEnv?: (env: NodeJS.ProcessEnv, dir: string) => void }): Promise<MirrorE2E> {
  const undo: Array<() => Promise<unknown>> = [];
  /** Runs every teardown step even when one fails; resolves with the first failure, if any. */
  const release = async (): Promise<unknown> => {
    let first: unknown;
    for (const step of undo.splice(0).reverse()) await step().catch((e: unknown) => { first ??= e; });
    return first;
  };
  try {
    const tmp = await makeTempDir(o.prefix);
    undo.push(() => tmp.cleanup());
    const adb = await startAdbServer();
    undo.push(() => adb.stop());
    const phone = await startConnectedPhone(adb, { android: { settleMs: 0 } });
    undo.push(() => phone.stop());
    const env = await appTestEnv(tmp.dir, adb.port);
    o.editEnv?.(env, tmp.dir);
    const t = await startTestBridge({ env, requireRenderer: true });
    let afterApp: (() => Promise<void>) | undefined;
    undo.push(async () => { await afterApp?.(); });
    undo.push(() => t.stop());
    const chromium = await launchChromium();
    undo.push(() => chromium.close());
    const page = await chromium.browser.newPage();
    await page.goto(t.url);
    const item = page.locator(`[data-testid="device-item"][data-serial="${phone.serial}"][data-state="device"]`);
    await item.waitFor({ timeout: 30_000 });
    await item.getByTestId('device-mirror').click();
    const cell = page.locator(`[data-testid="mirror-cell"][data-serial="${phone.serial}"][data-state="running"]`);
    await cell.waitFor({ timeout: 60_000 });
    await cell.locator('[data-testid="mirror-canvas"][data-state="playing"]').waitFor({ timeout: 60_000 });
    return {
      adb, phone, t, page, cell, canvas: cell.getByTestId('mirror-video'),
      close: async (check) => {
        afterApp = check;
        const failure = await release();
        if (failure !== undefined) throw failure;
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
