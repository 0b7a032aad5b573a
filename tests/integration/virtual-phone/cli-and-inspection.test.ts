import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, parseVirtualPhoneArgs } from '../../../src/cli/commands/virtual-phone';
import { InspectServer } from '../../../packages/virtual-phone/src/inspect-server';
import { VirtualPhone } from '../../../packages/virtual-phone/src/virtual-phone';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, waitForState } from '../../support/virtual-phone';
import { waitUntil } from './ui-dump';

describe('virtual-phone CLI, inspection, several phones, shell v2, teardown', () => {
  let server: AdbServerHandle;

  beforeAll(async () => { server = await startAdbServer(); });
  afterAll(async () => { await server?.stop(); });

  it('parses the CLI options and rejects bad ones', () => {
    expect(parseVirtualPhoneArgs(['--port', '6000', '--size=720x1600', '--locale', 'zh-CN', '--connect', '--adb-port', '5099', '--json']))
      .toMatchObject({ port: 6000, width: 720, height: 1600, locale: 'zh-CN', connect: true, adbPort: 5099, json: true });
    expect(parseVirtualPhoneArgs(['--refresh-rate', '60', '--video-source=replay'])).toMatchObject({ refreshRate: 60, videoSource: 'replay' });
    expect(() => parseVirtualPhoneArgs(['--refresh-rate', '61'])).toThrow(/--refresh-rate/);
    expect(() => parseVirtualPhoneArgs(['--video-source', 'camera'])).toThrow(/--video-source/);
    expect(() => parseVirtualPhoneArgs(['--size', 'big'])).toThrow(/--size/);
    expect(() => parseVirtualPhoneArgs(['--locale', 'fr-FR'])).toThrow(/--locale/);
    expect(() => parseVirtualPhoneArgs(['--wat'])).toThrow(/unknown option/);
    expect(parseVirtualPhoneArgs(['--auth', 'prompt', '--inspect-port', '0'])).toMatchObject({ auth: 'prompt', inspectPort: 0 });
    expect(parseVirtualPhoneArgs([])).toMatchObject({ auth: 'none' });
    expect(() => parseVirtualPhoneArgs(['--auth', 'prompt'])).toThrow(/--inspect-port/);
    expect(() => parseVirtualPhoneArgs(['--auth', 'maybe'])).toThrow(/--auth/);
  });

  it('runs, connects to adb, serves a working phone, then disconnects and stops on abort', async () => {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => { printed += d.toString(); });
    const abort = new AbortController();
    const done = command.run(['--connect', '--adb-port', String(server.port), '--json', '--size', '720x1280', '--inspect-port', '0'], {
      stdout, stderr: new PassThrough(), env: {}, signal: abort.signal,
    });
    await waitUntil(() => printed.includes('\n'), 'the JSON line');
    const info = JSON.parse(printed.split('\n')[0]) as { serial: string; inspectPort: number; connected: boolean };
    expect(info.connected).toBe(true);
    expect((await server.adb(['-s', info.serial, 'shell', 'wm', 'size'])).stdout).toBe('Physical size: 720x1280\n');
    const state = await (await fetch(`http://127.0.0.1:${info.inspectPort}/state`)).json() as { size: unknown; events: Array<{ detail: string }> };
    expect(state.size).toEqual({ width: 720, height: 1280 });
    expect(state.events.map((e) => e.detail)).toContain('wm size');
    abort.abort();
    expect(await done).toBe(0);
    const devices = await server.adb(['devices']);
    expect(devices.stdout).not.toContain(info.serial);
  });

  it('with --auth prompt, adb sees it unauthorized until POST /authorize accepts the prompt', async () => {
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (d) => { printed += d.toString(); });
    const abort = new AbortController();
    const done = command.run(['--connect', '--adb-port', String(server.port), '--json', '--auth', 'prompt', '--inspect-port', '0'], {
      stdout, stderr: new PassThrough(), env: {}, signal: abort.signal,
    });
    try {
      await waitUntil(() => printed.includes('\n'), 'the JSON line');
      const info = JSON.parse(printed.split('\n')[0]) as { serial: string; inspectPort: number; connected: boolean };
      expect(info.connected).toBe(true);
      await waitForState(server, info.serial, 'unauthorized');
      const state = await (await fetch(`http://127.0.0.1:${info.inspectPort}/state`)).json() as { auth: unknown };
      expect(state.auth).toEqual({ mode: 'prompt', prompting: true, trustedKeys: 0 });
      const allowed = await fetch(`http://127.0.0.1:${info.inspectPort}/authorize`, { method: 'POST' });
      expect(await allowed.json()).toEqual({ allowed: 1 });
      await waitForState(server, info.serial, 'device');
      expect((await server.adb(['-s', info.serial, 'shell', 'echo', 'in'])).stdout).toBe('in\n');
    } finally {
      abort.abort();
    }
    expect(await done).toBe(0);
  });

  it('keeps separate state for several phones at once', async () => {
    const a = await startConnectedPhone(server);
    const b = await startConnectedPhone(server, { android: { locale: 'zh-CN' } });
    try {
      expect(a.serial).not.toBe(b.serial);
      await a.adb(['shell', 'settings', 'put', 'global', 'only_on_a', '1']);
      expect((await a.adb(['shell', 'settings', 'get', 'global', 'only_on_a'])).stdout).toBe('1\n');
      expect((await b.adb(['shell', 'settings', 'get', 'global', 'only_on_a'])).stdout).toBe('null\n');
      expect((await b.adb(['shell', 'getprop', 'persist.sys.locale'])).stdout).toBe('zh-CN\n');
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('with shellV2 off (a pre-Android 7 phone), adb shell falls back to plain shell: no exit code, stderr mixed in', async () => {
    const d = await startConnectedPhone(server, { shellV2: false });
    try {
      expect((await d.adb(['features'])).stdout.split('\n')).not.toContain('shell_v2');
      const missing = await d.adb(['shell', 'nosuchcommand']);
      expect(missing.code).toBe(0);
      expect(missing.stdout).toBe('/system/bin/sh: nosuchcommand: inaccessible or not found\n');
      const raw = await d.adbBuffer(['exec-out', 'screencap', '-p']);
      expect(raw.stdout.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await d.stop();
    }
  });

  it('leaves no sockets, connections or listeners behind after stop', async () => {
    const d = await startConnectedPhone(server);
    await d.adb(['shell', 'echo', 'x']);
    expect(d.phone.resources().connections).toBe(1);
    await d.stop();
    expect(d.phone.resources()).toEqual({ sockets: 0, connections: 0, scrcpySessions: 0, ffmpegPids: [], listeners: 0 });
  });

  it('inspect port: only its own actions, errors answered not thrown, no requests from web pages', async () => {
    const phone = new VirtualPhone({ inspectPort: 0, auth: 'prompt' });
    try {
      const { inspectPort } = await phone.start();
      const base = `http://127.0.0.1:${inspectPort}`;
      // Names every plain object has: not actions (they used to throw inside the handler).
      for (const name of ['valueOf', '__proto__', 'hasOwnProperty', 'constructor', 'toString']) {
        const res = await fetch(`${base}/${name}`, { method: 'POST' });
        expect([name, res.status]).toEqual([name, 404]);
      }
      expect((await fetch(`${base}/state`)).status).toBe(200);
      expect(await (await fetch(`${base}/authorize`, { method: 'POST' })).json()).toEqual({ allowed: 0 });
      // A browser page may POST cross-origin without a preflight: it always says where it is from.
      const fromPage = await fetch(`${base}/authorize`, { method: 'POST', headers: { origin: 'http://example.com' } });
      expect(fromPage.status).toBe(403);
      expect((await fetch(`${base}/state`, { headers: { origin: 'http://example.com' } })).status).toBe(403);
      expect((await fetch(`${base}/state`)).status).toBe(200);
    } finally {
      await phone.dispose();
    }
  });

  it('inspect server answers 500 when an action throws, and keeps serving', async () => {
    const inspect = new InspectServer(() => ({ ok: true }), { boom: () => { throw new Error('no such thing'); } });
    try {
      const port = await inspect.start(0);
      const res = await fetch(`http://127.0.0.1:${port}/boom`, { method: 'POST' });
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('no such thing');
      expect(await (await fetch(`http://127.0.0.1:${port}/state`)).json()).toEqual({ ok: true });
    } finally {
      await inspect.stop();
    }
  });

  it('refuses to listen on a non-loopback address', () => {
    expect(() => new VirtualPhone({ host: '0.0.0.0' })).toThrow(/loopback/);
  });
});
