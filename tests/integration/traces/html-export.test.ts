// The exported HTML as a file: self-contained, no network, no secrets, small images, and
// trace text that cannot break out of its JSON block. (tests/e2e/trace-html.e2e.test.ts opens
// it in Chromium.)
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TraceStore } from '../../../src/main/services/traces/trace-store';
import { VIEWER_SCRIPT, VIEWER_STYLE } from '../../../src/shared/traces/viewer-assets';
import { makeTempDir } from '../../support/temp-dir';
import { writeSyntheticTrace } from '../../fixtures/traces/synthetic-trace';

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
