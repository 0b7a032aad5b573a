// Replay from the app, in Chromium through the bridge, on the app's own simulated phone (real
// adb on a private port, the app's operator wiring): the dialog picks the device and speed,
// asks for the sensitive step, reports the outcome; the phone's setting proves the replay; a
// second replay on the now different screen stops with both screens side by side; "Run again"
// runs the task with the agent and the new trace names the original.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply, type Suite } from '../support/agent-rig';

let suite: Suite;
let t: TestBridge;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let serial: string;

const wifiOn = async () => (await suite.adb.adb(['-s', serial, 'shell', 'settings', 'get', 'global', 'wifi_on'])).stdout.trim();

beforeAll(async () => {
  suite = await startSuite();
  const recorder = await startRig(suite, { mirror: false });
  let recorded: string;
  try {
    suite.model.script([
      () => doReply('do(action="Launch", app="Settings")', 'Open Settings.'),
      () => tapReply(recorder, clickableWith(recorder, 'Wi-Fi'), 'Tap the Wi-Fi row.'),
      () => doReply('finish(message="Wi-Fi is on")', 'Done.'),
    ]);
    const run = await runAgent(suite, recorder, 'Turn on Wi-Fi');
    if (run.outcome.status !== 'finished') throw new Error(`recording failed: ${run.outcome.message}`);
    recorded = run.traceDir;
  } finally {
    await recorder.close();
  }
  t = await startTestBridge({ requireRenderer: true, env: { ...process.env, PHONEPILOT_TEST: '1', ANDROID_ADB_SERVER_PORT: String(suite.adb.port) } });
  const traces = join(t.dataDir, 'traces');
  await cp(recorded, join(traces, 'wifi'), { recursive: true });
  await cp(recorded, join(traces, 'wifi-sensitive'), { recursive: true });
  // The same task, in which the user had approved step 2 (a sensitive step asks again on replay).
  const file = join(traces, 'wifi-sensitive', 'trace.jsonl');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const at = lines.findIndex((l) => JSON.parse(l).type === 'action_executed' && JSON.parse(l).step === 2);
  lines.splice(at, 0, JSON.stringify({ seq: 1000, t: JSON.parse(lines[at]!).t, type: 'confirmation', step: 2, phase: 'asked', reason: 'Changes a system setting' }));
  await writeFile(file, `${lines.join('\n')}\n`);

  // Device tracking starts in the background (not awaited by the app's start).
  for (let i = 0; i < 300 && t.services.devices.service === null; i++) await new Promise((r) => setTimeout(r, 100));
  serial = (await t.services.handlers['devices.startSimulated']({}, { transport: 'in-process' })).serial;
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.goto(t.url);
});
afterAll(async () => {
  await chromium?.close();
  await t?.stop();
  await suite?.close();
});

async function openReplay(id: string): Promise<void> {
  await page.getByTestId(`trace-row-${id}`).getByTestId('trace-open').click();
  await page.getByTestId('trace-viewer').waitFor();
  await page.getByTestId('replay-open').click();
  await page.getByTestId('replay-dialog').waitFor();
  await expect.poll(() => page.getByTestId('replay-device').inputValue()).toBe(serial);
}

describe('replay from the history', () => {
  it('replays on the simulated phone, asking for the sensitive step', async () => {
    expect(await wifiOn()).toBe('0');
    await page.getByTestId('open-history').click();
    await openReplay('wifi-sensitive');
    await page.getByTestId('replay-speed').selectOption('settle');
    await page.getByTestId('replay-start').click();
    const pending = page.getByTestId('replay-pending');
    await pending.waitFor({ timeout: 30_000 });
    expect(await pending.textContent()).toContain('Step 2 needs your approval: Changes a system setting');
    expect(await wifiOn()).toBe('0');
    await page.getByTestId('replay-approve').click();
    await expect.poll(() => page.getByTestId('replay-outcome').textContent().catch(() => null), { timeout: 30_000 }).toBe('Replayed all 2 step(s).');
    expect(await page.getByTestId('replay-progress').textContent()).toContain('Finished: 2 of 2 step(s)');
    expect(await wifiOn()).toBe('1');
    await page.getByTestId('replay-close').click();
    await page.getByTestId('viewer-back').click();
  });

  it('stops on a screen that differs and shows recorded and live side by side', async () => {
    // The phone is in Settings now, not on the home screen where the recording starts.
    await openReplay('wifi');
    await page.getByTestId('replay-start').click();
    const mismatch = page.getByTestId('replay-mismatch');
    await mismatch.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('replay-outcome').textContent()).toMatch(/^Step 1: the phone shows a different screen than when this step was recorded/);
    const sources = await mismatch.locator('img').evaluateAll((imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).src.slice(0, 22), loaded: (i as HTMLImageElement).naturalWidth > 0 })));
    expect(sources).toEqual([{ src: 'data:image/jpeg;base64', loaded: true }, { src: 'data:image/jpeg;base64', loaded: true }]);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-replay-mismatch.png') });
    await page.getByTestId('replay-close').click();
  });

  it('"Run again" runs the task with the agent; the new trace links to the original', async () => {
    const endpoint = await t.services.settings.saveEndpoint({ name: 'Scripted', baseURL: suite.model.baseURL, model: 'scripted-model', protocol: 'autoglm' });
    await t.services.settings.update({ activeEndpointId: endpoint.id });
    suite.model.script([() => doReply('finish(message="Wi-Fi is already on")', 'It is on.')]);
    await page.getByTestId('rerun').click();
    // The history closes for the live view, where the run shows.
    await page.getByTestId('history-view').waitFor({ state: 'detached' });
    await expect.poll(async () => (await t.services.traces.store.list({ status: 'finished' })).matched, { timeout: 60_000 }).toBe(3);
    const newest = (await t.services.traces.store.list()).items[0]!;
    expect(newest.id).not.toMatch(/^wifi/);
    expect(newest.task).toBe('Turn on Wi-Fi');

    await page.getByTestId('open-history').click();
    await page.getByTestId(`trace-row-${newest.id}`).getByTestId('trace-open').click();
    expect(await page.getByTestId('viewer-rerun-of').textContent()).toBe('wifi');
    expect(await page.getByTestId('viewer-message').textContent()).toBe('Wi-Fi is already on');
    await page.getByTestId('viewer-rerun-of').click();
    await expect.poll(() => page.getByTestId('viewer-message').textContent()).toBe('Wi-Fi is on');
    expect(await page.getByTestId('viewer-rerun-of').count()).toBe(0);
  });
});
