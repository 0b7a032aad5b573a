import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoiceService } from '../../src/main/services/voice/voice-service';
import { toErrorEnvelope } from '../../src/shared/errors';
import { launchChromium } from '../support/chromium';
import { bundleForBrowser } from '../support/renderer-bundle';
import { FAKE_MODEL, FAKE_TEXT, speechWav } from '../integration/voice/fixtures';

// Push-to-talk in Chromium with a fake microphone playing an espeak-ng WAV: the real
// VoiceButton, PcmRecorder and AudioWorklet in the page, the real VoiceService (worker,
// whisper.cpp, synthetic model) behind a local endpoint standing in for the app's bridge.

const PAGE_ENTRY = join(process.cwd(), 'src/renderer/src/components/voice/testing/voice-test-page.ts');

describe('push-to-talk in Chromium with a fake microphone', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let service: VoiceService;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const received: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-voice-e2e-'));
    const wav = await speechWav(join(dir, 'mic.wav'), 'open the settings app and turn on wifi');
    const bundle = await bundleForBrowser(PAGE_ENTRY);
    service = new VoiceService({ modelPath: FAKE_MODEL, idleUnloadMs: 0, threads: 1 });
    // The app's own Content-Security-Policy: the AudioWorklet must load under script-src 'self'.
    const csp = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s.exec(await readFile(join(process.cwd(), 'src/renderer/index.html'), 'utf8'))?.[0];
    expect(csp).toContain("script-src 'self'");
    const html = `<!doctype html><html><head><meta charset="utf-8">${csp}<style>${bundle.css}</style></head><body><script src="/page.js"></script></body></html>`;
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }).end(html); return; }
      if (path === '/page.js') { res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.js); return; }
      const asset = bundle.assets.get(path.slice(1)); // the AudioWorklet module
      if (asset !== undefined) { res.writeHead(200, { 'content-type': 'text/javascript' }).end(asset); return; }
      if (path !== '/transcribe' || req.method !== 'POST') { res.writeHead(404).end(); return; }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const pcm = new Float32Array(bytes.length / 4);
        new Uint8Array(pcm.buffer).set(bytes);
        received.push(pcm.length);
        service.transcribe(pcm, { language: 'en' }).then(
          (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result })),
          (error: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: toErrorEnvelope(error) })),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    chromium = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    page = await chromium.browser.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await service?.dispose();
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function holdUntil(seconds: number): Promise<void> {
    await page.getByTestId('voice-recording').waitFor();
    await expect.poll(async () => Number.parseFloat((await page.getByTestId('voice-elapsed').textContent()) ?? '0'), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(seconds);
  }

  it('holding Space records, shows level and time, and releasing puts the transcript in the task box', async () => {
    await page.goto(url);
    // The CSP is in force (an inline script does not run), so the recording below proves the
    // worklet loads under it.
    expect(await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    })).toBe(false);
    await page.getByTestId('other-button').focus(); // a button, not a text field: Space is ours
    await page.keyboard.down('Space');
    await holdUntil(1.5);
    // The fake microphone is not silent: the meter moves.
    await expect.poll(async () => page.getByTestId('voice-level').evaluate((el) => getComputedStyle(el).transform), { timeout: 10_000 })
      .not.toMatch(/^(none|matrix\(0, 0, 0, 0, 0, 0\))$/);
    await page.keyboard.up('Space');
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
    expect(received.at(-1)).toBeGreaterThanOrEqual(1.5 * 16000);
    // The task box stays editable.
    await page.getByTestId('task-input').fill(`${FAKE_TEXT} now`);
    expect(await page.getByTestId('task-input').inputValue()).toBe(`${FAKE_TEXT} now`);
  });

  it('Space in the task box types a space instead of recording', async () => {
    await page.goto(url);
    await page.getByTestId('task-input').focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('task-input').inputValue()).toBe(' ');
    expect(await page.getByTestId('voice-recording').count()).toBe(0);
  });

  it('Esc cancels a recording: nothing is sent', async () => {
    await page.goto(url);
    const before = received.length;
    await page.getByTestId('other-button').focus();
    await page.keyboard.down('Space');
    await holdUntil(0.5);
    await page.keyboard.press('Escape');
    await page.getByTestId('voice-recording').waitFor({ state: 'detached' });
    await page.keyboard.up('Space');
    expect(await page.getByTestId('task-input').inputValue()).toBe('');
    expect(await page.evaluate(() => (window as unknown as { voiceTest: { sentSamples: number[] } }).voiceTest.sentSamples.length)).toBe(0);
    expect(received.length).toBe(before);
  });

  it('the mic button records while held down', async () => {
    await page.goto(url);
    const box = (await page.getByTestId('voice-mic').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await holdUntil(1);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
  });

  it('the maximum length stops the recording by itself', async () => {
    await page.goto(`${url}?max=1`);
    await page.getByTestId('other-button').focus();
    await page.keyboard.down('Space');
    await expect.poll(() => page.getByTestId('task-input').inputValue(), { timeout: 60_000 }).toBe(FAKE_TEXT);
    await page.keyboard.up('Space');
    expect(received.at(-1)).toBe(16000);
  });

  it('without a model the button says so and offers the download', async () => {
    await page.goto(`${url}?model=none`);
    await page.getByTestId('voice-no-model').click();
    expect(await page.evaluate(() => (window as unknown as { voiceTest: { downloads: number } }).voiceTest.downloads)).toBe(1);
    expect(await page.getByTestId('voice-mic').count()).toBe(0);
  });
});

describe('push-to-talk microphone errors in Chromium', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const bundle = await bundleForBrowser(PAGE_ENTRY);
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

  async function errorCodeWith(flags: string[], query = ''): Promise<{ code: string | null; text: string }> {
    const chromium = await launchChromium(flags);
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`${url}${query}`);
      await page.getByTestId('voice-mic').click();
      const error = page.getByTestId('voice-error');
      await error.waitFor();
      return { code: await error.getAttribute('data-code'), text: (await error.textContent()) ?? '' };
    } finally {
      await chromium.close();
    }
  }

  it('a denied microphone permission is explained', async () => {
    const result = await errorCodeWith(['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
    expect(result.code).toBe('mic_permission_denied');
    expect(result.text).toMatch(/denied.*Allow microphone access/);
  });

  it('a missing input device is explained', async () => {
    // The chosen microphone is gone (unplugged): the same NotFound/Overconstrained path as a
    // machine without any, but deterministic on machines that do have one.
    const result = await errorCodeWith(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'], '?device=unplugged-mic');
    expect(result.code).toBe('no_input_device');
    expect(result.text).toMatch(/No microphone/);
  });
});
