import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelManager } from '../../src/main/features/voice/model-manager';
import { toErrorEnvelope } from '../../src/shared/errors';
import type { CatalogueModel } from '../../src/shared/voice/catalogue';
import { launchChromium } from '../support/chromium';
import { bundleForBrowser } from '../support/renderer-bundle';
import { FAKE_MODEL } from '../support/voice-fixtures';
import { startModelServer, type ModelServer } from '../support/voice-model-server';

// The speech model panel in Chromium: the real panel and ModelManager, a local model host with
// its own catalogue, so a download can verify and complete (the app's catalogue has the real
// checksums). The panel in the app, through the bridge, is covered by voice.e2e.test.ts.

const PAGE_ENTRY = join(process.cwd(), 'src/renderer/src/components/voice/testing/voice-models-test-page.ts');

describe('speech model panel in Chromium', () => {
  let dir: string;
  let host: ModelServer;
  let server: Server;
  let url: string;
  let manager: ModelManager;
  let active = '';
  const downloads = new Map<string, AbortController>();
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-models-e2e-'));
    const model = await readFile(FAKE_MODEL);
    const tampered = Uint8Array.from(model);
    tampered[100_000] ^= 0xff;
    const sha1 = createHash('sha1').update(model).digest('hex');
    const catalogue: CatalogueModel[] = [
      { id: 'fake', fileName: 'ggml-fake.bin', approxBytes: model.length, sizeLabel: '4 MiB', sha1, multilingual: false },
      { id: 'tampered', fileName: 'ggml-tampered.bin', approxBytes: model.length, sizeLabel: '4 MiB', sha1, multilingual: true },
    ];
    host = await startModelServer({ 'ggml-fake.bin': model, 'ggml-tampered.bin': tampered });
    manager = new ModelManager({ modelsDir: join(dir, 'models'), baseUrl: host.baseUrl, catalogue });

    const bundle = await bundleForBrowser(PAGE_ENTRY);
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${bundle.css}</style></head><body><script src="/page.js"></script></body></html>`;
    const reply = (res: ServerResponse, work: Promise<unknown>) => work.then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: result ?? null })),
      (error: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: toErrorEnvelope(error) })),
    );
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const q = (name: string) => u.searchParams.get(name) ?? '';
      switch (u.pathname) {
        case '/': res.writeHead(200, { 'content-type': 'text/html' }).end(html); return;
        case '/page.js': res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.js); return;
        case '/models/state': void reply(res, manager.state(active)); return;
        case '/models/import': void reply(res, manager.import(FAKE_MODEL).then(() => true)); return;
        case '/models/remove': void reply(res, manager.remove(q('name'))); return;
        case '/models/activate': active = q('path'); void reply(res, Promise.resolve()); return;
        case '/models/cancel': downloads.get(q('id'))?.abort(); res.writeHead(204).end(); return;
        case '/models/download': {
          const controller = new AbortController();
          downloads.set(q('id'), controller);
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          manager.download(q('id'), { signal: controller.signal, onProgress: (progress) => res.write(`${JSON.stringify({ progress })}\n`) }).then(
            () => res.end(`${JSON.stringify({ ok: true })}\n`),
            (error: unknown) => res.end(`${JSON.stringify({ error: toErrorEnvelope(error) })}\n`),
          ).finally(() => downloads.delete(q('id')));
          return;
        }
        default: res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => server?.close(resolve));
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads with progress, cancels, resumes, and makes the first model active', async () => {
    await page.goto(url);
    await page.getByTestId('voice-model-fake').waitFor();
    expect(await page.getByTestId('voice-model-tampered').textContent()).toContain('All');

    host.stallAfter = 2_000_000;
    await page.getByTestId('voice-model-download-fake').click();
    await expect.poll(async () => Number.parseInt((await page.getByTestId('voice-model-percent-fake').textContent()) ?? '0', 10), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(20);
    await page.getByTestId('voice-model-cancel-fake').click();
    await expect.poll(() => page.getByTestId('voice-model-download-fake').textContent(), { timeout: 30_000 }).toMatch(/Resume \(\d+\.\d MiB done\)/);
    expect(await page.getByTestId('voice-model-error-fake').count()).toBe(0);

    host.stallAfter = null;
    host.ranges.length = 0;
    await page.getByTestId('voice-model-download-fake').click();
    await page.getByTestId('voice-model-active-fake').waitFor({ timeout: 30_000 });
    expect(host.ranges).toEqual([expect.stringMatching(/^bytes=\d+-$/)]);
    expect(active).toBe(join(dir, 'models', 'ggml-fake.bin'));
  });

  it('imports a model file and switches to it', async () => {
    await page.goto(url);
    await page.getByTestId('voice-model-import').click();
    const row = page.getByTestId('voice-model-file-ggml-fake-en.bin');
    await row.waitFor();
    await row.getByRole('button', { name: 'Use' }).click();
    await expect.poll(() => row.textContent()).toContain('Active');
    expect(active).toBe(join(dir, 'models', 'ggml-fake-en.bin'));
  });
});
