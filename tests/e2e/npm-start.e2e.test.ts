// The README's first command on a machine without Electron's binary: `npm start` in this
// checkout says in one line why, serves the app through the web bridge, and the page a
// browser gets from the printed URL is the app, whose first screen offers the simulated
// phone, which starts and mirrors. Ctrl+C (SIGINT to the process group) leaves no process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../support/adb-server';
import { launchChromium } from '../support/chromium';
import { startApp, type StartedApp } from '../support/npm-start';
import { makeTempDir } from '../support/temp-dir';
import { appTestEnv } from '../support/app-env';

describe('npm start without the Electron binary', () => {
  let adb: AdbServerHandle;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let app: StartedApp | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-npm-start-');
    adb = await startAdbServer();
  });
  afterAll(async () => {
    await chromium?.close();
    if (app?.survivors().length) await app.interrupt().catch(() => undefined);
    await adb?.adb(['disconnect']);
    await adb?.stop();
    await tmp?.cleanup();
  });

  it('falls back to the browser with one line, serves the app with its token, and stops on Ctrl+C', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...(await appTestEnv(tmp.dir, adb.port)),
      PHONEPILOT_HOME: tmp.dir,
      // An empty dist folder: the electron package is installed, its binary is not.
      ELECTRON_OVERRIDE_DIST_PATH: tmp.dir,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    app = startApp(process.cwd(), env);
    const [, url] = await app.waitFor(/PhonePilot is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
    const why = app.output().split('\n').filter((line) => /serving PhonePilot in the browser/.test(line));
    expect(why).toEqual([
      'Electron is not available (its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set); serving PhonePilot in the browser instead. ' +
      'For the desktop app run `npm run electron:install` where github.com is reachable (or set ELECTRON_MIRROR).',
    ]);
    expect(app.output()).not.toMatch(/^\s+at /m); // no stack trace

    chromium = await launchChromium();
    const page = await chromium.browser.newPage();
    await page.goto(url!);
    await page.getByTestId('devices-empty').waitFor();
    await page.getByTestId('try-simulated').click();
    const cell = page.locator('[data-testid="mirror-cell"]');
    await expect.poll(() => cell.first().getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    await chromium.close();
    chromium = undefined;

    await app.interrupt();
    expect(app.survivors()).toEqual([]);
  });
});
