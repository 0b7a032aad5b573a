import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../support/scripted-openai';

const API_KEY = 'sk-e2e-secret-4b1d7c';

describe('settings in Chromium through the bridge', () => {
  let t: TestBridge;
  let model: ScriptedOpenAI;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const bodies: string[] = [];

  beforeAll(async () => {
    model = await startScriptedOpenAI({ apiKey: API_KEY, models: ['autoglm-phone-9b'] });
    t = await startTestBridge({ requireRenderer: true });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    page.on('websocket', (ws) => ws.on('framereceived', (f) => bodies.push(String(f.payload))));
    page.on('response', async (r) => bodies.push(await r.text().catch(() => '')));
    await page.goto(t.url);
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.stop();
    await model?.close();
  });

  async function fillEndpoint(baseURL: string): Promise<void> {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('preset-select').selectOption('local-vllm');
    await page.getByTestId('ep-name').fill('Scripted');
    await page.getByTestId('ep-url').fill(baseURL);
    await page.getByTestId('ep-model').fill('autoglm-phone-9b');
    await page.getByTestId('ep-key').fill(API_KEY);
  }

  it('tests a working endpoint: success with latency', async () => {
    await fillEndpoint(model.baseURL);
    await page.getByTestId('ep-test').click();
    const result = page.getByTestId('ep-test-result');
    await result.waitFor();
    await expect.poll(() => result.textContent()).toMatch(/Connected in \d+ ms; model "autoglm-phone-9b" is served/);
    expect(model.requests.some((r) => r.path === '/v1/models' && r.authorized)).toBe(true);
  });

  it('shows the /v1 hint for a URL without it', async () => {
    await page.getByTestId('ep-url').fill(model.origin);
    await page.getByTestId('ep-test').click();
    await expect.poll(() => page.getByTestId('ep-test-hint').textContent()).toMatch(/needs \/v1/);
  });

  it('saves the endpoint and never shows or sends the key back', async () => {
    await page.getByTestId('ep-url').fill(model.baseURL);
    await page.getByTestId('ep-save').click();
    const row = page.getByTestId('endpoint-Scripted');
    await row.waitFor();
    expect(await row.textContent()).toContain('key set');
    await page.reload();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('endpoint-Scripted').waitFor();
    // A saved endpoint tests with its stored key, which stays in main.
    await page.getByTestId('endpoint-Scripted').getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('ep-test').click();
    await expect.poll(() => page.getByTestId('ep-test-result').textContent()).toMatch(/Connected/);
    const html = await page.content();
    expect(html).not.toContain(API_KEY);
    expect(bodies.join('\n')).not.toContain(API_KEY);
    const settingsFile = await readFile(join(t.dataDir, 'settings.json'), 'utf8');
    expect(settingsFile).not.toContain(API_KEY);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-settings.png') });
  });

  it('agent settings: step limit, prompt language and animations off are saved and survive a reload', async () => {
    await page.reload();
    await page.getByTestId('open-settings').click();
    const animations = page.getByTestId('agent-animations-off');
    expect(await animations.isChecked()).toBe(true); // the default
    await animations.uncheck();
    await page.getByTestId('agent-lang').selectOption('zh');
    await page.getByTestId('agent-max-steps').fill('12');
    await page.getByTestId('agent-max-steps').press('Tab');
    await expect.poll(async () => JSON.parse(await readFile(join(t.dataDir, 'settings.json'), 'utf8')).agent)
      .toEqual({ maxSteps: 12, lang: 'zh', animationsOff: false });
    await page.reload();
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('agent-animations-off').isChecked()).toBe(false);
    expect(await page.getByTestId('agent-max-steps').inputValue()).toBe('12');
  });
});
