// `npm run screenshot`: the bridge-served UI in Debian Chromium, saved as docs/screenshot.png
// for the README. Uses a throwaway data dir, so nothing of yours appears in it.
import { join } from 'node:path';
import { startTestBridge } from '../tests/support/bridge';
import { launchChromium } from '../tests/support/chromium';

const out = process.argv[2] ?? join(process.cwd(), 'docs', 'screenshot.png');
const t = await startTestBridge({ requireRenderer: true });
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage();
  await page.goto(t.url);
  await page.getByTestId('devices-empty').waitFor();
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await chromium.close();
  await t.stop();
}
