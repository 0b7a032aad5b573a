// The history in Chromium through the bridge: traces written by the real TraceWriter into the
// app's traces folder are listed (an interrupted one as interrupted), filtered, compared,
// opened in the viewer (step navigation, the overlay at the recorded point, slideshow, zoom),
// exported, imported and deleted with a confirmation; the retention setting prunes it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { SCREEN, writeSyntheticTrace } from '../fixtures/traces/synthetic-trace';

const SMALL = { width: 540, height: 1200 };
let t: TestBridge;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const tracesDir = () => join(t.dataDir, 'traces');
const row = (id: string) => page.getByTestId(`trace-row-${id}`);
const rowIds = async () => (await page.locator('.trace-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('trace-row-'.length))));

beforeAll(async () => {
  t = await startTestBridge({ requireRenderer: true });
  await writeSyntheticTrace({ dir: join(tracesDir(), 'lunch-interrupted'), steps: 4, status: 'none', task: 'Order my usual lunch', startedAt: Date.UTC(2025, 2, 3, 12), screen: SCREEN });
  await writeSyntheticTrace({ dir: join(tracesDir(), 'wifi-finished'), steps: 2, task: 'Turn on Wi-Fi', startedAt: Date.UTC(2025, 2, 2, 12), screen: SMALL, device: { serial: 'R58M123', model: 'Galaxy S21' } });
  await writeSyntheticTrace({ dir: join(tracesDir(), 'alarm-failed'), steps: 3, status: 'failed', task: 'Set an alarm for 7', startedAt: Date.UTC(2025, 2, 1, 12), screen: SMALL });
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.goto(t.url);
});
afterAll(async () => {
  await chromium?.close();
  await t?.stop();
});

describe('history in Chromium through the bridge', () => {
  it('Ctrl+H opens the history: newest first, the interrupted trace listed as interrupted, disk use shown', async () => {
    await page.locator('body').click();
    await page.keyboard.press('Control+h');
    await page.getByTestId('history-view').waitFor();
    await expect.poll(rowIds).toEqual(['lunch-interrupted', 'wifi-finished', 'alarm-failed']);
    expect(await row('lunch-interrupted').getByTestId('trace-status').textContent()).toBe('interrupted');
    expect(await row('alarm-failed').getByTestId('trace-status').textContent()).toBe('failed');
    expect(await row('wifi-finished').textContent()).toContain('Galaxy S21');
    expect(await page.getByTestId('history-disk').textContent()).toMatch(/^3 trace\(s\), \d+(\.\d)? (KB|MB) on disk$/);
  });

  it('the viewer opens the interrupted trace: steps, overlay at the recorded point, keys, zoom, slideshow', async () => {
    await row('lunch-interrupted').getByTestId('trace-open').click();
    const viewer = page.getByTestId('trace-viewer');
    await viewer.waitFor();
    expect(await page.getByTestId('viewer-status').textContent()).toBe('interrupted');
    expect(await page.getByTestId('viewer-task').textContent()).toBe('Order my usual lunch');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 1 (1/4)');
    await page.getByTestId('trace-screenshot').waitFor();

    // Step 1 is a tap at (30%, 40%) of the 1080x2400 screen: the dot sits there on the image box.
    const tap = page.getByTestId('overlay-tap');
    await tap.waitFor();
    const box = (await page.getByTestId('trace-screen').boundingBox())!;
    const dot = (await tap.locator('.dot').boundingBox())!;
    expect(Math.abs(dot.x + dot.width / 2 - box.x - box.width * (324.5 / 1080))).toBeLessThan(2);
    expect(Math.abs(dot.y + dot.height / 2 - box.y - box.height * (960.5 / 2400))).toBeLessThan(2);
    expect(await page.getByTestId('step-thought').textContent()).toBe('Step 1: I should tap.');
    expect(await page.getByTestId('step-action').textContent()).toContain('Tap (324, 960)');
    expect(await page.getByTestId('step-timings').textContent()).toContain('1.2 s');
    const raw = page.getByTestId('step-raw').first();
    expect(await raw.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('pre').textContent()).toContain('do(action="tap")');

    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 2 (2/4)');
    await page.getByTestId('overlay-swipe').waitFor();
    expect(await page.getByTestId('step-confirmations').textContent()).toContain('Sensitive: payment screen');
    await page.keyboard.press('End');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 4 (4/4)');
    await page.getByTestId('overlay-long-press').waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('step-errors').textContent()).toContain('model_bad_reply');
    await page.keyboard.press('Home');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 1 (1/4)');
    await page.getByTestId('step-chip-3').click();
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 3 (3/4)');
    await page.getByTestId('viewer-scrubber').fill('1');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('Step 2 (2/4)');

    const before = (await page.getByTestId('trace-screen').boundingBox())!.height;
    await page.getByTestId('viewer-zoom-in').click();
    expect(await page.getByTestId('viewer-zoom').textContent()).toBe('130%');
    expect((await page.getByTestId('trace-screen').boundingBox())!.height).toBeGreaterThan(before);

    await page.getByTestId('viewer-speed').selectOption('4');
    await page.keyboard.press('Home');
    await page.getByTestId('viewer-play').click();
    await expect.poll(() => page.getByTestId('viewer-position').textContent(), { timeout: 20_000 }).toBe('Step 4 (4/4)');
    await expect.poll(() => page.getByTestId('viewer-play').getAttribute('aria-pressed')).toBe('false');
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-history-viewer.png') });
  });

  it('exports as a download and to the exports folder, and imports the bundle back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    expect(download.suggestedFilename()).toBe('lunch-interrupted.html');
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Order my usual lunch');

    await page.getByTestId('export-save').click();
    await expect.poll(() => page.getByTestId('export-path').textContent()).toContain(join(t.dataDir, 'exports', 'lunch-interrupted.ppbundle.zip'));
    expect(existsSync(join(t.dataDir, 'exports', 'lunch-interrupted.html'))).toBe(true);

    await page.getByTestId('viewer-back').click();
    await page.getByTestId('history-import-file').setInputFiles(join(t.dataDir, 'exports', 'lunch-interrupted.ppbundle.zip'));
    // The id is taken, so the import gets a new one; both are listed.
    await expect.poll(async () => (await rowIds()).length).toBe(4);
    const imported = (await rowIds()).find((id) => !['lunch-interrupted', 'wifi-finished', 'alarm-failed'].includes(id))!;
    expect(imported).toMatch(/^lunch-interrupted/);
    expect(await row(imported).getByTestId('trace-status').textContent()).toBe('interrupted');
  });

  it('search, status, device and date filters narrow the list', async () => {
    await page.getByTestId('history-search').fill('wi-fi');
    await expect.poll(rowIds).toEqual(['wifi-finished']);
    await page.getByTestId('history-search').fill('');
    await expect.poll(async () => (await rowIds()).length).toBe(4);
    await page.getByTestId('history-status-failed').check();
    await expect.poll(rowIds).toEqual(['alarm-failed']);
    await page.getByTestId('history-status-finished').check();
    await expect.poll(rowIds).toEqual(['wifi-finished', 'alarm-failed']);
    await page.getByTestId('history-status-failed').uncheck();
    await page.getByTestId('history-status-finished').uncheck();
    await page.getByTestId('history-device').selectOption('R58M123');
    await expect.poll(rowIds).toEqual(['wifi-finished']);
    await page.getByTestId('history-device').selectOption('');
    await page.getByTestId('history-from').fill('2025-03-02');
    await page.getByTestId('history-to').fill('2025-03-02');
    await expect.poll(rowIds).toEqual(['wifi-finished']);
    await page.getByTestId('history-from').fill('');
    await page.getByTestId('history-to').fill('');
    await expect.poll(async () => (await rowIds()).length).toBe(4);
  });

  it('compares two traces side by side', async () => {
    await row('wifi-finished').getByTestId('trace-compare').check();
    await row('alarm-failed').getByTestId('trace-compare').check();
    await page.getByTestId('history-compare').click();
    await page.getByTestId('compare-view').waitFor();
    expect(await page.getByTestId('compare-steps').textContent()).toMatch(/Steps\s*2\s*3/);
    expect(await page.getByTestId('compare-outcome').textContent()).toMatch(/Outcome\s*finished\s*failed/);
    expect(await page.getByTestId('compare-row-3').textContent()).toContain('Type "hello world"');
    await expect.poll(() => page.getByTestId('trace-screenshot').count()).toBe(2);
    await page.getByTestId('compare-back').click();
  });

  it('deletes only after confirming', async () => {
    await row('alarm-failed').getByTestId('trace-delete').click();
    await page.getByTestId('trace-delete-cancel').click();
    expect(await row('alarm-failed').count()).toBe(1);
    expect(existsSync(join(tracesDir(), 'alarm-failed'))).toBe(true);

    await row('alarm-failed').getByTestId('trace-delete').click();
    await row('alarm-failed').getByTestId('trace-delete-confirm').click();
    await expect.poll(() => row('alarm-failed').count()).toBe(0);
    expect(existsSync(join(tracesDir(), 'alarm-failed'))).toBe(false);
    await expect.poll(() => page.getByTestId('history-disk').textContent()).toMatch(/^3 trace\(s\)/);
  });

  it('the retention setting says what it deletes, then keeps only the newest N', async () => {
    await page.getByTestId('retention').locator('summary').click();
    expect(await page.getByTestId('retention-save').isDisabled()).toBe(true);
    await page.getByTestId('retention-last').fill('2');
    await page.getByTestId('retention-preview').click();
    await expect.poll(() => page.getByTestId('retention-result').textContent()).toMatch(/^Saving deletes 1 trace\(s\) \(\d+(\.\d)? KB\)\.$/);
    await page.getByTestId('retention-save').click();
    await expect.poll(async () => (await rowIds()).length).toBe(2);
    const settings = JSON.parse(await readFile(join(t.dataDir, 'settings.json'), 'utf8'));
    expect(settings.traces).toEqual({ keepLast: 2, keepDays: 0 });
    expect(await page.getByTestId('retention').locator('summary').textContent()).toContain('newest 2');
  });
});
