// `npm run screenshot`: the bridge-served UI in Debian Chromium with the simulated phone
// mirrored, saved as docs/screenshot.png for the README. A private adb server and a throwaway
// data dir, so nothing of yours appears in it and your adb server is untouched.
import { join } from 'node:path';
import { startAdbServer } from '../tests/support/adb-server';
import { startTestBridge } from '../tests/support/bridge';
import { launchChromium } from '../tests/support/chromium';
import { makeTempDir } from '../tests/support/temp-dir';
import { appTestEnv } from '../tests/support/app-env';

const out = process.argv[2] ?? join(process.cwd(), 'docs', 'screenshot.png');
const tmp = await makeTempDir('phonepilot-shot-');
const adb = await startAdbServer();
const t = await startTestBridge({ env: await appTestEnv(tmp.dir, adb.port), requireRenderer: true });
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage();
  await page.goto(t.url);
  await page.getByTestId('try-simulated').click();
  await page.locator('[data-testid="mirror-cell"][data-state="running"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500); // let the first frames arrive and draw
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await chromium.close();
  await t.stop();
  await adb.stop();
  await tmp.cleanup();
}
