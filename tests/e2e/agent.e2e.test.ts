// An agent task from the task box in Chromium through the web bridge: the simulated phone on a
// real adb server (private port), mirrored in the app; the model is the scripted OpenAI server
// replying in AutoGLM's format. The test watches the overlay on the mirror and the timeline
// fill, approves a sensitive tap in the dialog, and sees the final answer.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../support/adb-server';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../support/scripted-openai';
import { makeTempDir } from '../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../support/virtual-phone';
import { appTestEnv } from '../support/app-env';

const API_KEY = 'sk-agent-e2e-77c1d0';
const SCREEN = { width: 1080, height: 2400 };
const answer = (think: string, call: string) => ({ content: `<think>${think}</think><answer>${call}</answer>`, chunkSize: 6 });

describe('agent task in Chromium', () => {
  let adb: AdbServerHandle;
  let phone: ConnectedPhone;
  let model: ScriptedOpenAI;
  let t: TestBridge;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let cell: Locator;
  const frames: string[] = [];

  beforeAll(async () => {
    tmp = await makeTempDir('pp-agent-e2e-');
    adb = await startAdbServer();
    phone = await startConnectedPhone(adb, { android: { settleMs: 0 } });
    model = await startScriptedOpenAI({ apiKey: API_KEY, models: ['autoglm-phone-9b'] });
    t = await startTestBridge({ env: await appTestEnv(tmp.dir, adb.port), requireRenderer: true });
    // The endpoint through the API, as the settings dialog saves it.
    const endpoint = await t.services.handlers['endpoints.save']({ name: 'Scripted AutoGLM', baseURL: model.baseURL, model: 'autoglm-phone-9b', protocol: 'autoglm', apiKey: API_KEY }, { transport: 'in-process' });
    await t.services.handlers['settings.update']({ activeEndpointId: endpoint.id }, { transport: 'in-process' });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(t.url);
    const item = page.locator(`[data-testid="device-item"][data-serial="${phone.serial}"][data-state="device"]`);
    await item.waitFor({ timeout: 30_000 });
    await item.getByTestId('device-mirror').click();
    cell = page.locator(`[data-testid="mirror-cell"][data-serial="${phone.serial}"][data-state="running"]`);
    await cell.locator('[data-testid="mirror-canvas"][data-state="playing"]').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await chromium?.close();
    await t?.stop();
    await phone?.stop();
    await adb?.stop();
    await model?.close();
    await tmp?.cleanup();
  });

  /** Where a device pixel is shown on the mirror canvas (letterboxed), in page pixels. */
  async function onCanvas(device: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const box = (await cell.getByTestId('mirror-video').boundingBox())!;
    const scale = Math.min(box.width / SCREEN.width, box.height / SCREEN.height);
    const left = box.x + (box.width - SCREEN.width * scale) / 2;
    const top = box.y + (box.height - SCREEN.height * scale) / 2;
    return { x: left + (device.x + 0.5) * scale, y: top + (device.y + 0.5) * scale };
  }

  it('runs a task from the task box: overlay, timeline, approval dialog, final answer', async () => {
    model.script([
      answer('The home screen is open. I tap the middle of the screen first.', 'do(action="Tap", element=[500,300])'),
      answer('This button places the order, which costs money.', 'do(action="Tap", element=[250,750], message="Place the order for 12.50 EUR")'),
      answer('The order went through.', 'finish(message="The order is placed.")'),
    ]);
    await page.getByTestId('task-device').waitFor();
    expect(await page.getByTestId('task-device').inputValue()).toBe(phone.serial);
    await page.getByTestId('task-input').fill('Order my usual lunch');
    await page.getByTestId('task-input').press('Control+Enter');

    // The sensitive step waits for the user: the dialog shows the screen, the reason and the action.
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('confirm-reason').textContent()).toBe('Place the order for 12.50 EUR');
    // 250/1000 * 1080 and 750/1000 * 2400, each at the centre of its grid cell.
    const target = { x: 270, y: 1801 };
    expect(await dialog.getByTestId('confirm-action').textContent()).toBe(`Tap (${target.x}, ${target.y}) [confirm: Place the order for 12.50 EUR]`);
    expect(await dialog.getByTestId('confirm-screenshot').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);

    // Meanwhile the mirror shows where the agent wants to tap: the ripple sits on that pixel.
    const ripple = cell.getByTestId('overlay-tap');
    await ripple.waitFor();
    expect(await ripple.getAttribute('class')).toContain('sensitive');
    const at = (await ripple.boundingBox())!;
    const expected = await onCanvas(target);
    expect(Math.abs(at.x + at.width / 2 - expected.x)).toBeLessThan(1.5);
    expect(Math.abs(at.y + at.height / 2 - expected.y)).toBeLessThan(1.5);

    // The timeline: step 1 done with its thought, action and timings; step 2 waiting.
    const steps = page.getByTestId('step-entry');
    expect(await steps.count()).toBe(2);
    const first = steps.nth(0);
    expect(await first.getByTestId('step-thought').textContent()).toBe('The home screen is open. I tap the middle of the screen first.');
    expect(await first.getByTestId('step-action').textContent()).toBe('→ Tap (540, 721)');
    expect(await first.getByTestId('step-timings').textContent()).toMatch(/model \d+ ms · action \d+ ms · settle \d+ ms/);
    await first.getByTestId('step-thumb').waitFor();
    expect(await steps.nth(1).getByTestId('step-confirmation').textContent()).toBe('Waiting for your approval');
    expect(await page.getByTestId('task-status').getAttribute('data-state')).toBe('waiting_user');
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-agent-confirm.png') });

    // A reloaded window gets the question and the timeline back from main.
    await page.reload();
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId('confirm-reason').textContent()).toBe('Place the order for 12.50 EUR');
    await expect.poll(() => steps.count()).toBe(2);
    expect(await first.getByTestId('step-action').textContent()).toBe('→ Tap (540, 721)');
    expect(await first.getByTestId('step-thought').textContent()).toBe('The home screen is open. I tap the middle of the screen first.');
    await first.getByTestId('step-thumb').waitFor();

    await dialog.getByTestId('confirm-approve').click();
    const final = page.getByTestId('task-final');
    await final.waitFor({ timeout: 60_000 });
    expect(await final.textContent()).toContain('Answer: The order is placed.');
    expect(await page.getByTestId('task-status').getAttribute('data-state')).toBe('finished');
    expect(await dialog.count()).toBe(0);
    expect(await steps.nth(1).getByTestId('step-confirmation').textContent()).toBe('Approved by you');
    expect(await steps.count()).toBe(3);
    // The run is over: the overlay is gone from the mirror, the task box is ready again.
    expect(await cell.getByTestId('overlay-tap').count()).toBe(0);
    expect(await page.getByTestId('task-run').isVisible()).toBe(true);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-agent-done.png') });

    // The trace: one folder under the traces dir with the whole run; the key is nowhere but the model server.
    const dirs = await readdir(t.services.paths.tracesDir);
    expect(dirs).toHaveLength(1);
    const trace = await readFile(join(t.services.paths.tracesDir, dirs[0], 'trace.jsonl'), 'utf8');
    expect(trace).toContain('"phase":"approved"');
    // Both taps reached the phone (the second after the reload closed the mirror the run used).
    expect(trace.match(/"type":"action_executed"[^\n]*"result":\{"ok":true\}/g)).toHaveLength(2);
    expect(trace).toContain('"type":"finish","status":"finished"');
    expect(model.chatRequests()).toHaveLength(3);
    expect(model.chatRequests().every((r) => r.authorized)).toBe(true);
    expect(trace).not.toContain(API_KEY);
    expect(frames.join('\n')).not.toContain(API_KEY);
    expect(await page.content()).not.toContain(API_KEY);
  });

  it('take over hands the phone to the user, a question is answered in its dialog; instruction, pause, resume and stop reach the run', async () => {
    model.script([
      answer('A login screen: the user has to sign in.', 'do(action="Take_over", message="Please sign in to the shop")'),
      answer('Two menus are offered.', 'do(action="Interact")'),
      // The run waits on this reply until the test stops it.
      { hang: true },
    ]);
    await page.getByTestId('task-input').fill('Order the menu of the day');
    await page.getByTestId('task-run').click();

    // Take over is not a modal: the mirror stays usable, Continue gives the phone back.
    const takeOver = page.getByTestId('take-over');
    await takeOver.waitFor({ timeout: 60_000 });
    expect(await takeOver.textContent()).toContain('Please sign in to the shop');
    expect(await page.locator('.backdrop').count()).toBe(0);
    await takeOver.getByTestId('take-over-continue').click();

    const ask = page.getByTestId('ask-dialog');
    await ask.waitFor({ timeout: 60_000 });
    expect(await ask.getByTestId('ask-question').textContent()).toBe('The agent needs your input to continue. What should it do?');
    await ask.getByTestId('ask-answer').fill('The vegetarian one');
    await ask.getByTestId('ask-send').click();
    await ask.waitFor({ state: 'detached' });

    await page.getByTestId('task-instruction').fill('Pay with the saved card');
    await page.getByTestId('task-instruction-send').click();
    await expect.poll(() => page.getByTestId('task-instruction').inputValue()).toBe('');
    await expect.poll(() => model.chatRequests().length).toBe(6);
    const third = JSON.stringify(model.chatRequests()[5].body);
    expect(third).toContain('The user answered: The vegetarian one');

    // Pause and Resume while the model thinks: the state follows, the buttons swap.
    await page.getByTestId('task-pause').click();
    await expect.poll(() => page.getByTestId('task-status').getAttribute('data-state')).toBe('paused');
    await page.getByTestId('task-resume').click();
    await expect.poll(() => page.getByTestId('task-status').getAttribute('data-state')).toBe('running');
    await page.getByTestId('task-stop').click();
    await expect.poll(() => page.getByTestId('task-status').getAttribute('data-state')).toBe('stopped');
    expect(await page.getByTestId('task-final').textContent()).toContain('Stopped by the user.');
    const steps = page.getByTestId('step-entry');
    expect(await steps.nth(0).textContent()).toContain('You took over: Please sign in to the shop');
    expect(await steps.nth(1).textContent()).toContain('Your answer: The vegetarian one');
    expect(await page.getByTestId('step-timeline').textContent()).toContain('Instruction: Pay with the saved card');
  });

  it('the step limit from the task box ends the run with a clear failure', async () => {
    model.script([answer('Tap once.', 'do(action="Tap", element=[500,500])')]);
    await page.getByTestId('task-input').fill('Something long');
    await page.locator('details.limits summary').click();
    await page.getByTestId('task-max-steps').fill('1');
    await page.getByTestId('task-run').click();
    await expect.poll(() => page.getByTestId('task-status').getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
    expect(await page.getByTestId('task-final').textContent()).toContain('Reached the limit of 1 steps before the task was done.');
    expect(await page.getByTestId('task-status').textContent()).toContain('step 1 of at most 1');
  });
});
