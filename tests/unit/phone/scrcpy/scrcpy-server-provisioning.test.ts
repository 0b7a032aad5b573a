import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import { downloadScrcpyServer } from '../../../../src/main/phone/scrcpy/server/download';
import { locateScrcpyServer, parseScrcpyVersion } from '../../../../src/main/phone/scrcpy/server/locate';
import type { ScrcpyServerRelease } from '../../../../src/main/phone/scrcpy/server/pinned';
import { provisionScrcpyServer } from '../../../../src/main/phone/scrcpy/server/provision';

const body = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) & 0xff));
const digest = createHash('sha256').update(body).digest('hex');
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-scrcpy-server-'));
  server = createServer((req, res) => {
    if (req.url === '/server') {
      res.writeHead(200, { 'content-length': String(body.length) });
      // several chunks so progress is reported more than once
      for (let i = 0; i < body.length; i += 50_000) res.write(body.subarray(i, i + 50_000));
      res.end();
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/server' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const release = (path: string, sha256 = digest): ScrcpyServerRelease => ({ version: '3.3.4', url: base + path, sha256, size: body.length });

describe('downloadScrcpyServer', () => {
  it('downloads (following redirects), verifies and records the version', async () => {
    const dest = join(dir, 'ok');
    const progress: number[] = [];
    const file = await downloadScrcpyServer({ release: release('/redirect'), destDir: dest, onProgress: (p) => progress.push(p.received) });
    expect(file).toBe(join(dest, 'scrcpy-server'));
    expect(Buffer.compare(await readFile(file), body)).toBe(0);
    expect((await readFile(join(dest, 'scrcpy-server.version'), 'utf8')).trim()).toBe('3.3.4');
    expect(progress.at(-1)).toBe(body.length);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('refuses a file whose checksum differs and leaves nothing behind', async () => {
    const dest = join(dir, 'bad');
    await expect(downloadScrcpyServer({ release: release('/server', 'ab'.repeat(32)), destDir: dest }))
      .rejects.toMatchObject({ code: 'io' });
    expect(await readdir(dest)).toEqual([]);
  });

  it('reports HTTP errors as retryable', async () => {
    const error = await downloadScrcpyServer({ release: release('/missing'), destDir: join(dir, 'missing') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('is cancellable', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(downloadScrcpyServer({ release: release('/server'), destDir: join(dir, 'cancel'), signal: controller.signal }))
      .rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('locateScrcpyServer', () => {
  const noInstall = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: '', ...extra });

  it('uses the settings file and version first', async () => {
    const file = join(dir, 'picked-server');
    await writeFile(file, 'x');
    expect(await locateScrcpyServer({ settingsPath: file, settingsVersion: '3.3.1', appScrcpyDir: join(dir, 'none'), env: noInstall() }))
      .toEqual({ path: file, source: 'settings', version: '3.3.1' });
  });

  it('reads the version file beside $SCRCPY_SERVER_PATH', async () => {
    const d = join(dir, 'env');
    await mkdir(d, { recursive: true });
    await writeFile(join(d, 'scrcpy-server'), 'x');
    await writeFile(join(d, 'scrcpy-server.version'), '3.2\n');
    const found = await locateScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: join(dir, 'none'), env: noInstall({ SCRCPY_SERVER_PATH: join(d, 'scrcpy-server') }) });
    expect(found).toEqual({ path: join(d, 'scrcpy-server'), source: '$SCRCPY_SERVER_PATH', version: '3.2' });
  });

  it('asks the installed scrcpy client for the version of its server', async () => {
    const prefix = join(dir, 'prefix');
    await mkdir(join(prefix, 'share', 'scrcpy'), { recursive: true });
    await mkdir(join(prefix, 'bin'), { recursive: true });
    await writeFile(join(prefix, 'share', 'scrcpy', 'scrcpy-server'), 'x');
    await writeFile(join(prefix, 'bin', 'scrcpy'), '#!/bin/sh\necho "scrcpy 3.3.4 <https://github.com/Genymobile/scrcpy>"\n');
    await chmod(join(prefix, 'bin', 'scrcpy'), 0o755);
    const found = await locateScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: join(dir, 'none'), env: noInstall({ SCRCPY_SERVER_PATH: join(prefix, 'share', 'scrcpy', 'scrcpy-server') }) });
    expect(found?.version).toBe('3.3.4');
  });

  it('finds a previous download in the app data dir', async () => {
    const dest = join(dir, 'appdata');
    await downloadScrcpyServer({ release: release('/server'), destDir: dest });
    const found = await locateScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: dest, env: noInstall() });
    expect(found).toMatchObject({ path: join(dest, 'scrcpy-server'), version: '3.3.4' });
  });

  it('parses scrcpy --version output', () => {
    expect(parseScrcpyVersion('scrcpy 3.3.4 <https://github.com/Genymobile/scrcpy>\n\nDependencies (compiled / linked):\n')).toBe('3.3.4');
    expect(parseScrcpyVersion('command not found')).toBeUndefined();
  });
});

describe('provisionScrcpyServer', () => {
  const env = { PATH: '' };

  it('downloads the pinned release when nothing is installed', async () => {
    const appDir = join(dir, 'provision');
    const got = await provisionScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: appDir, env, release: release('/server') });
    expect(got).toEqual({ path: join(appDir, 'scrcpy-server'), version: '3.3.4', source: 'PhonePilot download' });
    // the second call finds the download instead of fetching again
    const again = await provisionScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: appDir, env, release: release('/missing') });
    expect(again.path).toBe(got.path);
  });

  it('refuses to download when told not to', async () => {
    await expect(provisionScrcpyServer({ settingsPath: '', settingsVersion: '', appScrcpyDir: join(dir, 'nodl'), env, download: false }))
      .rejects.toMatchObject({ code: 'unavailable' });
  });

  it('asks for the version of a file it cannot identify', async () => {
    const file = join(dir, 'mystery-server');
    await writeFile(file, 'x');
    await expect(provisionScrcpyServer({ settingsPath: file, settingsVersion: '', appScrcpyDir: join(dir, 'none2'), env }))
      .rejects.toThrow(/set the version in Settings/);
  });
});
