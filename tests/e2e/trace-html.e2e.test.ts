// The exported trace HTML opened from file:// in Debian's Chromium: navigation (keys, scrubber,
// chips), the overlay at the recorded device point (checked on the page's pixels), zoom, the
// slideshow, collapsible raw replies, and not a single request beyond the file itself.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_FILE_NAME } from '../../src/shared/agent/trace';
import { OVERLAY_COLORS } from '../../src/shared/traces/viewer-assets';
import { TraceStore } from '../../src/main/features/traces/trace-store';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { writeSyntheticTrace } from '../fixtures/traces/synthetic-trace';

const SCREEN = { width: 540, height: 1200 };
const SECRET = 'sk-live-0123456789abcdefghijkl';
const ACTIONS = [
  { type: 'tap' as const, x: 130, y: 310 },
  { type: 'swipe' as const, x1: 270, y1: 950, x2: 270, y2: 350, durationMs: 300 },
  { type: 'type' as const, text: 'pizza margherita', submit: true },
  { type: 'long_press' as const, x: 400, y: 820, durationMs: 900 },
  { type: 'tap' as const, x: 455, y: 1080 },
];

let tmp: { dir: string; cleanup: () => Promise<void> };
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let fileUrl: string;
const requests: string[] = [];
/** The exported files themselves: the only URLs the context lets through. */
const allowed = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  tmp = await makeTempDir('phonepilot-html-e2e-');
  const store = new TraceStore({ dir: join(tmp.dir, 'traces') });
  await writeSyntheticTrace({ dir: join(store.dir, 'lunch'), steps: 5, screen: SCREEN, actions: ACTIONS, task: 'Order a pizza', replyExtra: ` key=${SECRET}` });
  const file = join(tmp.dir, 'lunch.html');
  await store.exportHtml('lunch', file);
  fileUrl = pathToFileURL(file).href;
  allowed.add(fileUrl);
  chromium = await launchChromium();
  // Context-level interception: everything but the file itself is recorded and refused.
  await chromium.browser.route('**/*', (route) => (allowed.has(route.request().url()) ? route.continue() : route.abort()));
  chromium.browser.on('request', (r) => requests.push(r.url()));
  page = await chromium.browser.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(fileUrl);
  await page.waitForSelector('#shot-svg');
});
afterAll(async () => {
  await chromium?.close();
  await tmp?.cleanup();
});

const step = () => page.locator('body').getAttribute('data-step');

/** The colour the page shows at device point (x, y) of the current step's screenshot. */
async function colourAt(x: number, y: number): Promise<[number, number, number]> {
  const box = (await page.locator('#shot-svg').boundingBox())!;
  const png = await page.screenshot({ type: 'png' });
  const img = await loadImage(png);
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(img.width, img.height);
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0);
  const px = Math.round(box.x + (x * box.width) / SCREEN.width);
  const py = Math.round(box.y + (y * box.height) / SCREEN.height);
  const d = g.getImageData(px, py, 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
}

function hex(c: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
}
function expectColour(actual: [number, number, number], expected: string, near = true) {
  const e = hex(expected);
  const distance = Math.max(...actual.map((v, i) => Math.abs(v - e[i]!)));
  if (near) expect(distance, `${actual} vs ${expected}`).toBeLessThanOrEqual(24);
  else expect(distance, `${actual} vs ${expected}`).toBeGreaterThan(80);
}

describe('exported trace HTML in Chromium (file://)', () => {
  it('shows the task, status and the first step', async () => {
    expect(await page.locator('#task').textContent()).toBe('Order a pizza');
    expect(await page.locator('#status').textContent()).toBe('finished');
    expect(await step()).toBe('1');
    expect(await page.locator('#step-label').textContent()).toBe('Step 1 / 5');
  });

  it('navigates with the keyboard: right/left, home/end', async () => {
    await page.keyboard.press('ArrowRight');
    expect(await step()).toBe('2');
    await page.keyboard.press('End');
    expect(await step()).toBe('5');
    await page.keyboard.press('ArrowRight');
    expect(await step()).toBe('5');
    await page.keyboard.press('ArrowLeft');
    expect(await step()).toBe('4');
    await page.keyboard.press('Home');
    expect(await step()).toBe('1');
    await page.keyboard.press('ArrowLeft');
    expect(await step()).toBe('1');
  });

  it('navigates with the scrubber and the step chips', async () => {
    await page.locator('#scrubber').fill('3');
    expect(await step()).toBe('4');
    expect(await page.locator('#details h2').textContent()).toContain('Step 4 of 5');
    await page.locator('#chips button', { hasText: '2' }).click();
    expect(await step()).toBe('2');
    expect(await page.locator('#scrubber').inputValue()).toBe('1');
  });

  it('draws the tap exactly at the recorded point', async () => {
    await page.keyboard.press('Home');
    expect(await page.locator('#overlay').getAttribute('data-action')).toBe('tap');
    expectColour(await colourAt(130, 310), OVERLAY_COLORS.tap);
    // Well away from the point the screenshot shows through.
    expectColour(await colourAt(130 + 60, 310 + 60), OVERLAY_COLORS.tap, false);
    await page.keyboard.press('End');
    expectColour(await colourAt(455, 1080), OVERLAY_COLORS.tap);
  });

  it('draws the swipe from its start along its path, and the long-press ring at its point', async () => {
    await page.locator('#scrubber').fill('1');
    expect(await page.locator('#overlay').getAttribute('data-action')).toBe('swipe');
    expectColour(await colourAt(270, 950), OVERLAY_COLORS.swipe);
    expectColour(await colourAt(270, 650), OVERLAY_COLORS.swipe);
    expectColour(await colourAt(350, 650), OVERLAY_COLORS.swipe, false);
    await page.locator('#scrubber').fill('3');
    expectColour(await colourAt(400, 820), OVERLAY_COLORS.longPress);
  });

  it('shows typed text in a bubble and the parsed action, thought and timings', async () => {
    await page.locator('#scrubber').fill('2');
    expect(await page.locator('#overlay text').textContent()).toContain('pizza margherita');
    expect(await page.locator('.action-json').textContent()).toContain('"text": "pizza margherita"');
    expect(await page.locator('.thought').textContent()).toBe('Step 3: I should type.');
    expect(await page.locator('.timings').textContent()).toMatch(/Action80 ms.*Settle420 ms/);
    expect(await page.locator('.errors').textContent()).toContain('model_bad_reply');
  });

  it('keeps the raw reply collapsed until asked, redacted', async () => {
    const raw = page.locator('details.raw').first();
    expect(await raw.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await raw.locator('pre').textContent()).toContain('key=[redacted]');
    expect(await page.content()).not.toContain(SECRET);
  });

  it('zooms in and out, and the overlay stays on the point', async () => {
    await page.keyboard.press('Home');
    const fit = (await page.locator('#shot-svg').boundingBox())!.width;
    await page.locator('#zoom-in').click();
    expect((await page.locator('#shot-svg').boundingBox())!.width).toBeCloseTo(fit * 1.5, -1);
    expect(await page.locator('#zoom-label').textContent()).toBe('150%');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect((await page.locator('#shot-svg').boundingBox())!.width).toBeCloseTo(fit * 0.75, -1);
    expectColour(await colourAt(130, 310), OVERLAY_COLORS.tap);
    await page.keyboard.press('0');
    expect((await page.locator('#shot-svg').boundingBox())!.width).toBeCloseTo(fit, -1);
  });

  it('plays as a slideshow at the chosen speed and stops at the end', async () => {
    await page.keyboard.press('Home');
    await page.locator('#speed').selectOption('4');
    await page.locator('#play').click();
    expect(await page.locator('body').getAttribute('data-playing')).toBe('4');
    expect(await page.locator('#play').textContent()).toBe('Pause');
    await page.waitForFunction(() => document.body.getAttribute('data-step') === '5' && !document.body.hasAttribute('data-playing'));
    expect(await page.locator('#play').textContent()).toBe('Play');
  });

  it('made no request beyond the file itself, and had no errors (CSP included)', async () => {
    expect([...new Set(requests)]).toEqual([fileUrl]);
    expect(problems).toEqual([]);
  });
});

describe('an interrupted trace in Chromium', () => {
  it('opens, shows "interrupted", its problems and every complete step', async () => {
    const store = new TraceStore({ dir: join(tmp.dir, 'traces') });
    await writeSyntheticTrace({ dir: join(store.dir, 'cut'), steps: 2, screen: SCREEN, status: 'none' });
    await fs.appendFile(join(store.dir, 'cut', TRACE_FILE_NAME), '{"seq":77,"t":5,"type":"model_re');
    const file = join(tmp.dir, 'cut.html');
    await store.exportHtml('cut', file);
    const url = pathToFileURL(file).href;
    allowed.add(url);
    const p = await chromium.browser.newPage();
    try {
      await p.goto(url);
      expect(await p.locator('#status').textContent()).toBe('interrupted');
      expect(await p.locator('#problems').textContent()).toContain('last line was incomplete');
      expect(await p.locator('#chips button').count()).toBe(2);
      expect(requests.filter((r) => r !== fileUrl)).toEqual([url]);
    } finally {
      await p.close();
    }
  });
});
