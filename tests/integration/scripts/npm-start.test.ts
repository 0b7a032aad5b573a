import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fakeElectronScript, fakeElectronZip, fuseWireOf, serveElectronMirror, type ElectronMirror } from '../../support/fake-electron';
import { startApp, type StartedApp } from '../../support/npm-start';
import { copyProjectForStart } from '../../support/project-copy';
import { makeTempDir } from '../../support/temp-dir';

// `npm start` in a copy of the checkout as a fresh machine has it: Electron's npm package
// without its binary. The binary stands in as a shell script (the real one cannot be
// downloaded here), fetched through Electron's own installer from a local mirror.

const cleanups: Array<() => Promise<unknown>> = [];
let app: StartedApp | undefined;

afterEach(async () => {
  if (app && app.survivors().length) await app.interrupt().catch(() => undefined);
  app = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function checkout() {
  const copy = await copyProjectForStart();
  cleanups.push(copy.cleanup);
  const data = await makeTempDir('phonepilot-start-data-');
  cleanups.push(data.cleanup);
  const cache = await makeTempDir('phonepilot-electron-cache-');
  cleanups.push(cache.cleanup);
  // Device tracking stays off (PHONEPILOT_TEST without a private adb server port): no adb daemon.
  const env: NodeJS.ProcessEnv = { ...process.env, PHONEPILOT_HOME: data.dir, electron_config_cache: cache.dir, ELECTRON_SKIP_BINARY_DOWNLOAD: '' };
  delete env.ANDROID_ADB_SERVER_PORT;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return { root: copy.root, env, dataDir: data.dir };
}

async function mirror(zip: Uint8Array | undefined): Promise<ElectronMirror> {
  const served = await serveElectronMirror(zip);
  cleanups.push(served.close);
  return served;
}

/** The bridge's page and one request over its WebSocket with the printed token. */
async function checkServedApp(url: string): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="app">');
  const { origin, searchParams, host } = new URL(url);
  const ws = new WebSocket(`ws://${host}/ws?token=${searchParams.get('token')}`, { origin });
  const reply = await new Promise<{ envelope: { ok: boolean; result?: { transport?: string } } }>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, name: 'app.info', payload: {} })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.t === 'res') resolve(message);
    });
  });
  ws.close();
  expect(reply.envelope.ok).toBe(true);
  expect(reply.envelope.result?.transport).toBe('bridge');
}

const READY = /PhonePilot is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

describe('npm start', () => {
  it('downloads Electron through its installer, flips the fuses and opens the app in it; Ctrl+C stops everything', async () => {
    const project = await checkout();
    const releases = await mirror(fakeElectronZip(fakeElectronScript('run')));
    const log = join(project.dataDir, 'electron-launch.txt');
    app = startApp(project.root, {
      ...project.env, ELECTRON_MIRROR: releases.url, electron_use_remote_checksums: '1', DISPLAY: ':99', FAKE_ELECTRON_LOG: log,
    });
    await app.waitFor(/Downloading Electron 41\.\d+\.\d+/);
    // The fake binary writes its arguments once it runs: the app folder, nothing else.
    await expect.poll(() => readFile(log, 'utf8').catch(() => ''), { timeout: 60_000 }).toMatch(/\S/);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual([project.root]);
    const binary = join(project.root, 'node_modules', 'electron', 'dist', 'electron');
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect on (a checkout), file:// privileges off.
    expect(fuseWireOf(await readFile(binary))).toBe('01011110');
    expect(app.output()).not.toMatch(/fuses/);
    expect(releases.requests.some((path) => path.endsWith('.zip'))).toBe(true);
    expect(app.output()).not.toMatch(/serving PhonePilot in the browser/);
    await app.interrupt();
    expect(await readFile(log, 'utf8')).toContain('stopped');
    expect(app.survivors()).toEqual([]);
  });

  it('an Electron that cannot start: one line with its error, then the app in the browser', async () => {
    const project = await checkout();
    const dist = join(project.dataDir, 'electron-dist');
    await mkdir(dist);
    await writeFile(join(dist, 'electron'), fakeElectronScript('crash'));
    await chmod(join(dist, 'electron'), 0o755);
    app = startApp(project.root, { ...project.env, ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':99' });
    const [, url] = await app.waitFor(READY);
    const lines = app.output().split('\n').filter((line) => line.includes('serving PhonePilot in the browser'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Electron could not start \(exit code 127: .*libnss3\.so.*\); serving PhonePilot in the browser instead\.$/);
    await checkServedApp(url!);
    await app.interrupt();
    expect(app.survivors()).toEqual([]);
  });

  it('a failed download says why in one line, and the next start does not try again for a day', async () => {
    const project = await checkout();
    const releases = await mirror(undefined);
    const env = { ...project.env, ELECTRON_MIRROR: releases.url };
    app = startApp(project.root, env);
    const [, url] = await app.waitFor(READY);
    const line = app.output().split('\n').find((l) => l.includes('serving PhonePilot in the browser'));
    expect(line).toMatch(/^Electron is not available \(its download failed: .*404.*\); serving PhonePilot in the browser instead\. For the desktop app run `npm run electron:install`/);
    await checkServedApp(url!);
    await app.interrupt();
    expect(app.survivors()).toEqual([]);

    const asked = releases.requests.length;
    expect(asked).toBeGreaterThan(0);
    app = startApp(project.root, env);
    await app.waitFor(READY);
    expect(app.output()).toMatch(/its download failed \d+ min ago: .*404/);
    expect(releases.requests.length).toBe(asked);
    await app.interrupt();
    expect((await stat(join(project.root, 'node_modules', '.cache', 'phonepilot', 'electron-download.json'))).isFile()).toBe(true);
  });
});
