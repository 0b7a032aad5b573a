// The exported HTML as a file: self-contained, no network, no secrets, small images, and
// trace text that cannot break out of its JSON block. (tests/e2e/trace-html.e2e.test.ts opens
// it in Chromium.)
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheExportImage, clearExportImageCache, exportImageCacheSize, exportImageKey } from '../../../../src/main/features/traces/export-image-cache';
import { renderTraceHtml } from '../../../../src/main/features/traces/html-export';
import { DEFAULT_DOWNSCALE } from '../../../../src/main/features/traces/image-downscale';
import { TraceStore } from '../../../../src/main/features/traces/trace-store';
import { VIEWER_SCRIPT, VIEWER_STYLE } from '../../../../src/shared/traces/viewer-assets';
import { makeTempDir } from '../../../support/temp-dir';
import { writeSyntheticTrace } from '../../../fixtures/traces/synthetic-trace';

const KEY = 'sk-proj-Zx81QmN4pLw7RtY2vBc9KdF3';
const KNOWN = 'my-private-gateway-token-8812';
let tmp: { dir: string; cleanup: () => Promise<void> };
let store: TraceStore;
let html: string;
let result: Awaited<ReturnType<TraceStore['exportHtml']>>;

beforeAll(async () => {
  tmp = await makeTempDir('phonepilot-html-');
  store = new TraceStore({ dir: join(tmp.dir, 'traces') });
  await writeSyntheticTrace({
    dir: join(store.dir, 'demo'), steps: 4, screen: { width: 1080, height: 2400 },
    task: 'Log in with key sk-ant-api03-abcdefghijklmnopqrstuv </script><img src=x onerror=alert(1)> & more',
    replyExtra: ` The key is ${KEY}; header Authorization: Bearer abcdef123456789; url https://api.example.com/v1?api_key=hunter2hunter2 and ${KNOWN}.`,
    settings: { maxSteps: 50, note: `token ${KEY}` },
  });
  result = await store.exportHtml('demo', join(tmp.dir, 'out', 'demo.html'), { secrets: [KNOWN] });
  html = await fs.readFile(join(tmp.dir, 'out', 'demo.html'), 'utf8');
});
afterAll(async () => tmp.cleanup());

describe('HTML export', () => {
  it('contains no secret: key patterns, bearer tokens, URL keys and known secrets are redacted', () => {
    for (const secret of [KEY, 'sk-ant-api03-abcdefghijklmnopqrstuv', 'abcdef123456789', 'hunter2hunter2', KNOWN]) expect(html).not.toContain(secret);
    expect(html).toContain('[redacted]');
    expect(html).toContain('Log in with key [redacted]');
  });

  it('loads nothing from the network: a CSP that forbids it, no external URL anywhere', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain('img-src data:');
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(VIEWER_SCRIPT)}`);
    expect(csp).toContain(`style-src ${hash(VIEWER_STYLE)}`);
    // Outside the trace's own text (shown with textContent, never fetched), the only URL-shaped
    // string is the SVG namespace: an identifier, not a resource.
    const page = html.replace(/<script type="application\/json" id="trace-data">.*?<\/script>/s, '');
    const urls = new Set(page.match(/\b(?:https?|wss?|ftp):\/\/[^\s"'<>)]+/g) ?? []);
    expect([...urls]).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?!data:)[a-z]+:/i);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('keeps trace text inside its JSON block (no markup injection)', () => {
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    const json = /<script type="application\/json" id="trace-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).view.task).toBe('Log in with key [redacted] </script><img src=x onerror=alert(1)> & more');
  });

  it('inlines every screenshot, downscaled and recompressed', async () => {
    const json = JSON.parse(/<script type="application\/json" id="trace-data">(.*?)<\/script>/s.exec(html)![1]!);
    const images = Object.entries(json.images as Record<string, string>);
    expect(images.map(([name]) => name).sort()).toEqual(['step-0001.jpg', 'step-0002.jpg', 'step-0003.jpg', 'step-0004.jpg']);
    for (const [name, url] of images) {
      expect(url).toMatch(/^data:image\/jpeg;base64,/);
      const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      const img = await loadImage(bytes);
      expect(Math.max(img.width, img.height)).toBe(960);
      expect(img.width / img.height).toBeCloseTo(1080 / 2400, 2);
      expect(bytes.length).toBeLessThan((await fs.stat(join(store.dir, 'demo', name))).size);
    }
    expect(result).toMatchObject({ steps: 4, images: 4, missingImages: [] });
    expect(result.bytes).toBe(Buffer.byteLength(html));
  });

  it('exports a trace with a missing or broken screenshot, saying which', async () => {
    await writeSyntheticTrace({ dir: join(store.dir, 'broken'), steps: 3, screen: { width: 270, height: 600 } });
    await fs.rm(join(store.dir, 'broken', 'step-0002.jpg'));
    await fs.writeFile(join(store.dir, 'broken', 'step-0003.jpg'), 'not a jpeg');
    const r = await store.exportHtml('broken', join(tmp.dir, 'out', 'broken.html'));
    expect(r).toMatchObject({ steps: 3, images: 1, missingImages: ['step-0002.jpg', 'step-0003.jpg'] });
  });
});

describe('HTML export speed-ups (worker threads, cache) change nothing in the file', () => {
  const now = new Date(Date.UTC(2025, 5, 1, 12));
  const render = async (id: string, options: Parameters<typeof renderTraceHtml>[2]) =>
    renderTraceHtml(await store.open(id), (name) => store.readFile(id, name), { now, ...options });

  it('worker threads, this thread and the cache give the same file', async () => {
    clearExportImageCache();
    const inThread = await render('demo', { imageWorkers: 0, imageCache: false });
    const pooled = await render('demo', { imageWorkers: 2, imageCache: false });
    expect(pooled.html).toBe(inThread.html);
    expect(exportImageCacheSize()).toBe(0);
    const filling = await render('demo', { imageWorkers: 2 });
    expect(exportImageCacheSize()).toBe(4);
    const cached = await render('demo', { imageWorkers: 0 });
    expect(filling.html).toBe(inThread.html);
    expect(cached.html).toBe(inThread.html);
    expect(cached).toMatchObject({ steps: 4, images: 4, missingImages: [] });
  });

  it('takes a screenshot from the cache by its content and the downscale settings', async () => {
    clearExportImageCache();
    const bytes = await store.readFile('demo', 'step-0001.jpg');
    const marker = 'data:image/jpeg;base64,Q0FDSEVE';
    cacheExportImage(exportImageKey(bytes, DEFAULT_DOWNSCALE), marker);
    expect((await render('demo', {})).html).toContain(marker);
    expect((await render('demo', { imageCache: false })).html).not.toContain(marker);
    expect((await render('demo', { downscale: { quality: 60 } })).html).not.toContain(marker);
    clearExportImageCache();
  });

  it('starts the worker threads only for images missing from the cache', async () => {
    // A worker entry that notes its start, then ends: the pool fails and the export works in-thread.
    const marker = join(tmp.dir, 'worker-started.txt');
    const entry = join(tmp.dir, 'noting-worker.cjs');
    await fs.writeFile(entry, `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'started\\n'); process.exit(1);`);
    const started = async () => (await fs.readFile(marker, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    clearExportImageCache();
    await render('demo', { imageWorkers: 2, imageWorkerUrl: pathToFileURL(entry) });
    expect(await started()).toBe(2);
    const cached = await render('demo', { imageWorkers: 2, imageWorkerUrl: pathToFileURL(entry) });
    expect(cached.missingImages).toEqual([]);
    expect(await started()).toBe(2);
  });

  it('does the images on this thread when the workers cannot start', async () => {
    const inThread = await render('demo', { imageWorkers: 0, imageCache: false });
    const fallback = await render('demo', { imageWorkers: 2, imageCache: false, imageWorkerUrl: pathToFileURL(join(tmp.dir, 'no-such-worker.js')) });
    expect(fallback.html).toBe(inThread.html);
    expect(fallback.missingImages).toEqual([]);
    // A pool that cannot even be constructed (the Worker constructor throws).
    const unstartable = await render('demo', { imageWorkers: 2, imageCache: false, imageWorkerUrl: new URL('https://example.invalid/worker.js') });
    expect(unstartable.html).toBe(inThread.html);
  });

  it('reports missing and broken screenshots the same way through the workers', async () => {
    const r = await render('broken', { imageWorkers: 2, imageCache: false });
    expect(r).toMatchObject({ steps: 3, images: 1, missingImages: ['step-0002.jpg', 'step-0003.jpg'] });
  });
});
