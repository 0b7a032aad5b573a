// `npm run test:electron`: the real Electron app, where its binary is installed. Opens the app
// (app:// scheme, sandboxed preload), starts the simulated phone from the first screen,
// mirrors it (video through the MessagePort), checks the canvas shows a picture, makes one
// request and receives one event over IPC, and checks that a permission other than the
// microphone is denied. Without the binary it says so and exits 0: it is never reported as
// run when it was not.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { applyFuses, installedElectron } from '../../scripts/electron-binary.js';
import { startAdbServer } from '../support/adb-server';
import { makeTempDir } from '../support/temp-dir';
import { appTestEnv } from '../support/app-env';
import { decodePng } from '../support/png';

const root = process.cwd();

/** The preload's API as the page sees it (src/renderer/src/env.d.ts declares it for the renderer). */
type PreloadWindow = {
  phonepilot: { requests: Record<string, (payload: unknown) => Promise<unknown>>; events: Record<string, (listener: (payload: unknown) => void) => () => void> };
  smokeEvents: unknown[];
};

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

async function smoke(binary: string): Promise<string[]> {
  const passed: string[] = [];
  const tmp = await makeTempDir('pp-electron-smoke-');
  const adb = await startAdbServer();
  let app: ElectronApplication | undefined;
  try {
    await applyFuses(binary, root);
    const env = { ...process.env, ...(await appTestEnv(tmp.dir, adb.port)), PHONEPILOT_HOME: tmp.dir } as Record<string, string>;
    app = await electron.launch({ executablePath: binary, args: [root], env, timeout: 60_000 });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    check(page.url().startsWith('app://phonepilot/'), `the window shows ${page.url()}, not app://phonepilot/`);
    passed.push('served from app://phonepilot');

    const info = await page.evaluate(() => (window as unknown as PreloadWindow).phonepilot.requests['app.info']!({})) as { ok: boolean; result?: { transport: string } };
    check(info.ok && info.result?.transport === 'electron', `app.info over IPC answered ${JSON.stringify(info)}`);
    passed.push('request over IPC');

    await page.evaluate(() => {
      const w = window as unknown as PreloadWindow;
      w.smokeEvents = [];
      w.phonepilot.events['devices.changed']!((payload) => w.smokeEvents.push(payload));
    });
    await page.getByTestId('try-simulated').click();
    await page.waitForFunction(() => (window as unknown as PreloadWindow).smokeEvents.length > 0, undefined, { timeout: 30_000 });
    passed.push('event over IPC');

    const cell = page.locator('[data-testid="mirror-cell"]').first();
    await cell.locator('[data-testid="mirror-canvas"][data-state="playing"]').waitFor({ timeout: 60_000 });
    let bright = 0;
    for (let i = 0; i < 50 && bright < 20; i++) {
      const shot = decodePng(await cell.getByTestId('mirror-video').screenshot());
      let sum = 0;
      for (let p = 0; p < shot.data.length; p += 4) sum += (shot.data[p]! + shot.data[p + 1]! + shot.data[p + 2]!) / 3;
      bright = sum / (shot.data.length / 4);
      if (bright < 20) await new Promise((r) => setTimeout(r, 200));
    }
    check(bright >= 20, `the mirror canvas stayed black (mean ${bright.toFixed(1)})`);
    passed.push(`mirror canvas shows a picture (mean brightness ${bright.toFixed(0)})`);

    const states = await page.evaluate(async () => ({
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      notifications: await Notification.requestPermission(),
      microphone: (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state,
    }));
    check(states.geolocation === 'denied', `geolocation is ${states.geolocation}`);
    check(states.notifications === 'denied', `notifications are ${states.notifications}`);
    check(states.microphone === 'granted', `the microphone is ${states.microphone}`);
    passed.push('geolocation and notifications denied, microphone granted');
    return passed;
  } finally {
    await app?.close().catch(() => undefined);
    await adb.adb(['disconnect']).catch(() => undefined);
    await adb.stop();
    await tmp.cleanup();
  }
}

const installed = installedElectron(root);
if (!installed.binary) {
  process.stdout.write('test:electron skipped: Electron binary not installed (npm run electron:install gets it)\n');
  process.exit(0);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  // Electron needs a display: run under a virtual one when xvfb-run is there.
  if (!process.env.PP_SMOKE_UNDER_XVFB && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0) {
    const rerun = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, join(root, 'tests', 'electron', 'smoke.ts')], { stdio: 'inherit', env: { ...process.env, PP_SMOKE_UNDER_XVFB: '1' } });
    process.exit(rerun.status ?? 1);
  }
  process.stdout.write('test:electron skipped: Electron is installed but there is no display ($DISPLAY) and no xvfb-run\n');
  process.exit(0);
}
try {
  const passed = await smoke(installed.binary);
  process.stdout.write(`test:electron passed: ${passed.join('; ')}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`test:electron FAILED: ${(error as Error).message}\n`);
  process.exit(1);
}
