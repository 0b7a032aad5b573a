import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppSchemeHandler, isAppUrl } from '../../../../src/main/hosts/electron/app-scheme-handler';
import { makeTempDir } from '../../../support/temp-dir';

// The app:// handler serves the renderer folder and nothing else. A secret file sits beside
// the renderer folder; no spelling of a path may reach it.
describe('app:// scheme handler', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let handle: ReturnType<typeof createAppSchemeHandler>;
  const get = (path: string) => handle({ url: `${APP_ORIGIN}${path}`, method: 'GET' });

  beforeAll(async () => {
    tmp = await makeTempDir('pp-app-scheme-');
    const renderer = join(tmp.dir, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<div id="app"></div>');
    await writeFile(join(renderer, 'assets', 'main.js'), 'console.log(1)');
    await writeFile(join(tmp.dir, 'secret.txt'), 'TOP SECRET');
    await symlink(join(tmp.dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
    handle = createAppSchemeHandler(renderer);
  });
  afterAll(() => tmp.cleanup());

  it('serves index.html at / and files with their content type', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe('<div id="app"></div>');
    const script = await get('/assets/main.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for a file that does not exist (no index.html fallback)', async () => {
    const missing = await get('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('id="app"');
  });

  it.each([
    '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt', '/assets\\..\\..\\secret.txt', '/%00/../secret.txt', '/index.html%00.js', '/%E0%A4%A',
  ])('refuses %s without reading outside the folder', async (path) => {
    const answer = await get(path);
    expect([400, 404]).toContain(answer.status);
    expect(await answer.text()).not.toContain('TOP SECRET');
  });

  it('a double-encoded traversal is a literal (missing) file name, not a way out', async () => {
    const answer = await get('/%252e%252e/secret.txt');
    expect(answer.status).toBe(404);
  });

  it('a symlink inside the folder that points outside it is not followed', async () => {
    const answer = await get('/assets/link.txt');
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('TOP SECRET');
  });

  it('refuses other hosts and methods', async () => {
    expect((await handle({ url: 'app://elsewhere/index.html', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: `${APP_ORIGIN}/index.html`, method: 'POST' })).status).toBe(405);
    expect((await handle({ url: `${APP_ORIGIN}/index.html`, method: 'HEAD' })).status).toBe(200);
  });

  it('knows its own URLs', () => {
    expect(isAppUrl('app://phonepilot/index.html')).toBe(true);
    expect(isAppUrl('app://phonepilot')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('http://phonepilot/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
