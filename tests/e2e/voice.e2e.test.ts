import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../support/adb-server';
import { startTestBridge, type TestBridge } from '../support/bridge';
import { launchChromium } from '../support/chromium';
import { bundleForBrowser } from '../support/renderer-bundle';
import { startScriptedOpenAI, type ScriptedOpenAI } from '../support/scripted-openai';
import { makeTempDir } from '../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../support/virtual-phone';
import { appTestEnv } from '../support/app-env';
import { FAKE_MODEL, FAKE_TEXT, speechWav } from '../support/voice-fixtures';
import { startModelServer, type ModelServer } from '../support/voice-model-server';

// Voice in the app: the built renderer in Chromium through the web bridge, with a fake
// microphone playing an espeak-ng WAV. Push-to-talk (VoiceButton, PcmRecorder, the AudioWorklet
// under the app's CSP) sends voice.transcribe over the WebSocket to the app's voice domain
// (VoiceService, the worker process, whisper.cpp with the synthetic model, which always says
// " open the settings app"). Settings > Voice runs on the voice.models.* requests; its
// downloads come from a local model host (PHONEPILOT_WHISPER_MODEL_HOST).

/** What the page sent over the bridge's WebSocket, parsed. */
interface SentRequest { name: string; payload: Record<string, unknown> }

describe('voice in the app through the bridge', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let host: ModelServer;
  let t: TestBridge;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const sent: SentRequest[] = [];
  const received: string[] = [];

  const transcribeRequests = () => sent.filter((r) => r.name === 'voice.transcribe');
  /** Samples in a voice.transcribe request: base64 of 16-bit PCM. */
  const samplesOf = (r: SentRequest) => Buffer.from(String(r.payload.pcm16), 'base64').length / 2;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-voice-e2e-');
    const wav = await speechWav(join(tmp.dir, 'mic.wav'), 'open the settings app and turn on wifi');
    // Served as the "tiny" catalogue model: its checksum cannot match the published one.
    host = await startModelServer({ 'ggml-tiny.bin': await readFile(FAKE_MODEL) });
    t = await startTestBridge({ env: { ...process.env, PHONEPILOT_WHISPER_MODEL_HOST: host.baseUrl }, requireRenderer: true });
    chromium = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    page = await chromium.browser.newPage();
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const message = JSON.parse(String(f.payload)) as { t: string; name: string; payload: Record<string, unknown> };
        if (message.t === 'req') sent.push({ name: message.name, payload: message.payload });
      });
      ws.on('framereceived', (f) => received.push(String(f.payload)));
    });
  });

  afterAll(async () => {
    await chromium?.close();
    await t?.stop();
    await host?.close();
    await tmp?.cleanup();
  });

  /** Focus on nothing in particular: the talk key is ours only outside text fields. */
  async function focusNothing(): Promise<void> {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  async function holdUntil(seconds: number): Promise<void> {
    await page.getByTestId('voice-recording').waitFor();
    await expect.poll(async () => Number.parseFloat((await page.getByTestId('voice-elapsed').textContent()) ?? '0'), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(seconds);
  }

  it('without a model the button says so and opens Settings > Voice to get one', async () => {
    await page.goto(t.url);
    const offer = page.getByTestId('voice-no-model');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/No speech model: download one/);
    expect(await page.getByTestId('voice-mic').count()).toBe(0);
    await offer.click();
    const section = page.getByTestId('settings-voice');
    await section.waitFor();
    // Scrolled to the Voice section, with the standard models to download.
    await expect.poll(() => section.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const body = el.closest('.modal-body')!.getBoundingClientRect();
      return box.top >= body.top - 1 && box.top < body.bottom;
    })).toBe(true);
    await page.getByTestId('voice-model-download-base').waitFor();
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-voice-settings.png') });
  });

  it('a download shows its progress and can be cancelled; a corrupt one is refused with a reason', async () => {
    host.stallAfter = 1024 * 1024;
    await page.getByTestId('voice-model-download-tiny').click();
    // Progress comes from voice.models.progress events while the host holds the rest back.
    await expect.poll(() => page.getByTestId('voice-model-percent-tiny').textContent(), { timeout: 30_000 }).toMatch(/^\d+%$/);
    expect(received.some((frame) => frame.includes('"voice.models.progress"'))).toBe(true);
    // Cancel only once everything the host sends before stalling has arrived, so the partial
    // file's size is known (on a loaded machine the first progress event comes much earlier).
    const partial = join(t.dataDir, 'models', 'ggml-tiny.bin.partial');
    await expect.poll(async () => (await stat(partial).catch(() => undefined))?.size ?? 0, { timeout: 30_000 }).toBe(1024 * 1024);
    await page.getByTestId('voice-model-cancel-tiny').click();
    await expect.poll(() => page.getByTestId('voice-model-download-tiny').textContent(), { timeout: 30_000 }).toMatch(/Resume \(1\.0 MiB done\)/);
    host.releaseStall();

    host.stallAfter = null;
    await page.getByTestId('voice-model-download-tiny').click();
    const error = page.getByTestId('voice-model-error-tiny');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/corrupt.*it was deleted.*Download it again/);
    expect(await page.getByTestId('voice-model-active-tiny').count()).toBe(0);
    // Nothing is kept: the next attempt starts from scratch.
    expect(await page.getByTestId('voice-model-download-tiny').textContent()).toMatch(/^\s*Download\s*$/);
  });

  it('importing a model file makes push-to-talk ready', async () => {
    await page.getByTestId('voice-import-path').fill(FAKE_MODEL);
    await page.getByTestId('voice-model-import').click();
    const row = page.getByTestId('voice-model-file-ggml-fake-en.bin');
    await row.waitFor();
    // With no model chosen, the only installed one is the one in use.
    await expect.poll(() => row.textContent()).toContain('Active');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-view').waitFor({ state: 'detached' });
    await page.getByTestId('voice-mic').waitFor();
    expect(await page.getByTestId('voice-no-model').count()).toBe(0);
  });

  it('holding Space records, shows level and time, and releasing puts the transcript in the task box', async () => {
    await page.reload();
    await page.getByTestId('voice-mic').waitFor();
    // The app's CSP is in force (an inline script does not run), so the recording below proves
    // the AudioWorklet loads under it.
    expect(await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    })).toBe(false);
    await focusNothing();
    await page.keyboard.down('Space');
    await holdUntil(1.5);
    // The fake microphone is not silent: the meter moves.
    await expect.poll(async () => page.getByTestId('voice-level').evaluate((el) => getComputedStyle(el).transform), { timeout: 10_000 })
      .not.toMatch(/^(none|matrix\(0, 0, 0, 0, 0, 0\))$/);
    await page.keyboard.up('Space');
    // whisper says " open the settings app"; the task box gets it trimmed.
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
    expect(samplesOf(transcribeRequests().at(-1)!)).toBeGreaterThanOrEqual(1.5 * 16000);
    expect(sent.some((r) => r.name === 'voice.warmUp')).toBe(true);
    // The task box stays editable, and nothing was started (send immediately is off).
    await page.getByTestId('task-input').fill(`${FAKE_TEXT} now`);
    expect(await page.getByTestId('task-input').inputValue()).toBe(`${FAKE_TEXT} now`);
    expect(sent.some((r) => r.name === 'agent.start')).toBe(false);
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'e2e-voice-task.png') });
  });

  it('Space in the task box types a space instead of recording', async () => {
    await page.getByTestId('task-input').fill('');
    await page.getByTestId('task-input').focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('task-input').inputValue()).toBe(' ');
    expect(await page.getByTestId('voice-recording').count()).toBe(0);
  });

  it('Esc cancels a recording: nothing is sent', async () => {
    await page.getByTestId('task-input').fill('');
    const before = transcribeRequests().length;
    await focusNothing();
    await page.keyboard.down('Space');
    await holdUntil(0.5);
    await page.keyboard.press('Escape');
    await page.getByTestId('voice-recording').waitFor({ state: 'detached' });
    await page.keyboard.up('Space');
    expect(await page.getByTestId('task-input').inputValue()).toBe('');
    expect(transcribeRequests().length).toBe(before);
  });

  it('the mic button records while held down', async () => {
    const box = (await page.getByTestId('voice-mic').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await holdUntil(1);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
  });

  it('the talk key and the longest recording come from Settings > Voice', async () => {
    await page.getByTestId('task-input').fill('');
    await page.getByTestId('open-settings').click();
    await page.getByTestId('voice-shortcut').click();
    await page.keyboard.press('KeyV');
    await expect.poll(() => page.getByTestId('voice-shortcut').textContent()).toMatch(/^\s*V\s*$/);
    await page.getByTestId('voice-max-seconds').fill('5');
    await page.getByTestId('voice-max-seconds').press('Tab');
    await expect.poll(async () => JSON.parse(await readFile(join(t.dataDir, 'settings.json'), 'utf8')).voice)
      .toMatchObject({ shortcut: 'KeyV', maxSeconds: 5 });
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-view').waitFor({ state: 'detached' });

    // The help overlay lists the push-to-talk key.
    await focusNothing();
    await page.keyboard.press('?');
    expect(await page.getByTestId('help-overlay').textContent()).toMatch(/Hold Space.*Settings > Voice/);
    await page.keyboard.press('Escape');

    // Space no longer records; V does, and stops by itself after 5 s without being released.
    await focusNothing();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('voice-recording').count()).toBe(0);
    const before = transcribeRequests().length;
    await page.keyboard.down('KeyV');
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
    await page.keyboard.up('KeyV');
    expect(transcribeRequests().length).toBe(before + 1);
    expect(samplesOf(transcribeRequests().at(-1)!)).toBe(5 * 16000);
  });
});

describe('push-to-talk microphone errors in the app', () => {
  let t: TestBridge;

  beforeAll(async () => {
    t = await startTestBridge({ requireRenderer: true });
    await t.services.handlers['voice.models.activate']({ idOrPath: FAKE_MODEL }, { transport: 'in-process' });
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function errorWith(flags: string[]): Promise<{ code: string | null; text: string }> {
    const chromium = await launchChromium(flags);
    try {
      const page = await chromium.browser.newPage();
      await page.goto(t.url);
      await page.getByTestId('voice-mic').click();
      const error = page.getByTestId('voice-error');
      await error.waitFor();
      return { code: await error.getAttribute('data-code'), text: (await error.textContent()) ?? '' };
    } finally {
      await chromium.close();
    }
  }

  it('a denied microphone permission is explained', async () => {
    const result = await errorWith(['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
    expect(result.code).toBe('mic_permission_denied');
    expect(result.text).toMatch(/denied.*Allow microphone access/);
  });
});

// The app always records from the default microphone; choosing one (VoiceButton's deviceId) is
// only reachable on the component's test page, so that path is checked there.
describe('push-to-talk with a chosen microphone that is gone', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const bundle = await bundleForBrowser(join(process.cwd(), 'src/renderer/src/components/voice/testing/voice-test-page.ts'));
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body><script src="/page.js"></script></body></html>`;
    server = createServer((req, res) => {
      const asset = bundle.assets.get((req.url ?? '').slice(1));
      if (req.url?.startsWith('/page.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.js);
      else if (asset !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(asset);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('a missing input device is explained', async () => {
    // The chosen microphone is gone (unplugged): the same NotFound/Overconstrained path as a
    // machine without any, but deterministic on machines that do have one.
    const chromium = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`${url}?device=unplugged-mic`);
      await page.getByTestId('voice-mic').click();
      const error = page.getByTestId('voice-error');
      await error.waitFor();
      expect(await error.getAttribute('data-code')).toBe('no_input_device');
      expect(await error.textContent()).toMatch(/No microphone/);
    } finally {
      await chromium.close();
    }
  });
});

describe('voice with "send immediately": the transcript starts the task', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let adb: AdbServerHandle;
  let phone: ConnectedPhone;
  let model: ScriptedOpenAI;
  let t: TestBridge;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const starts: Array<{ task?: string; serial?: string }> = [];
  /** voice.warmUp and voice.transcribe payloads: they name the task panel's phone. */
  const voiceCalls: Array<{ name: string; serial?: string }> = [];

  beforeAll(async () => {
    tmp = await makeTempDir('pp-voice-send-e2e-');
    const wav = await speechWav(join(tmp.dir, 'mic.wav'), 'open the settings app');
    adb = await startAdbServer();
    phone = await startConnectedPhone(adb, { android: { settleMs: 0 } });
    model = await startScriptedOpenAI({ apiKey: 'sk-voice-e2e', models: ['autoglm-phone-9b'] });
    t = await startTestBridge({ env: await appTestEnv(tmp.dir, adb.port), requireRenderer: true });
    const call = { transport: 'in-process' } as const;
    const endpoint = await t.services.handlers['endpoints.save']({ name: 'Scripted', baseURL: model.baseURL, model: 'autoglm-phone-9b', protocol: 'autoglm', apiKey: 'sk-voice-e2e' }, call);
    await t.services.handlers['settings.update']({ activeEndpointId: endpoint.id, voice: { ...t.services.settings.get().voice, modelPath: FAKE_MODEL, sendImmediately: true } }, call);
    chromium = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
    ]);
    page = await chromium.browser.newPage();
    page.on('websocket', (ws) => ws.on('framesent', (f) => {
      const message = JSON.parse(String(f.payload)) as { t: string; name: string; payload: { task?: string; serial?: string } };
      if (message.t === 'req' && message.name === 'agent.start') starts.push(message.payload);
      if (message.t === 'req' && (message.name === 'voice.transcribe' || message.name === 'voice.warmUp')) voiceCalls.push({ name: message.name, serial: message.payload.serial });
    }));
  });

  afterAll(async () => {
    await chromium?.close();
    await t?.stop();
    await phone?.stop();
    await adb?.stop();
    await model?.close();
    await tmp?.cleanup();
  });

  it('releasing the talk key runs the spoken task on the phone', async () => {
    model.script([{ content: '<think>Settings is one tap away.</think><answer>finish(message="Settings is open.")</answer>' }]);
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('task-device').inputValue(), { timeout: 30_000 }).toBe(phone.serial);
    await page.getByTestId('voice-mic').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.down('Space');
    await page.getByTestId('voice-recording').waitFor();
    await expect.poll(async () => Number.parseFloat((await page.getByTestId('voice-elapsed').textContent()) ?? '0'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await page.keyboard.up('Space');
    await expect.poll(() => page.getByTestId('task-final').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/Settings is open\./);
    expect(starts).toEqual([expect.objectContaining({ task: FAKE_TEXT, serial: phone.serial })]);
    expect(await page.getByTestId('task-input').inputValue()).toBe(FAKE_TEXT);
    // Main turns the selected phone's app names into whisper's prompt (phone-app-prompt.test.ts).
    expect(voiceCalls).toEqual([{ name: 'voice.warmUp', serial: phone.serial }, { name: 'voice.transcribe', serial: phone.serial }]);
  });
});
