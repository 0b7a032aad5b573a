// MirrorSession and the `mirror` / `devices` CLI commands against the simulated phone through a
// real adb server (private port), with real ffmpeg/ffprobe for the recording.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdbClient } from '../../../../src/main/phone/adb/adbkit';
import { MirrorSession, type MirrorFrame } from '../../../../src/main/phone/scrcpy/mirror-session';
import { KeyAction } from '#wire';
import { command as mirrorCommand } from '../../../../src/cli/commands/mirror';
import { command as devicesCommand } from '../../../../src/cli/commands/devices';
import type { CliContext } from '../../../../src/cli/command';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { VirtualPhone } from '#virtual-phone';
import { writeStandInServer } from '../../../support/scrcpy-server-file';

const run = promisify(execFile);
let server: AdbServerHandle;
let phone: ConnectedPhone;
let dir: string;
let serverFile: string;
/** A stand-in server file per version: the phone's server checks that the client's version is its own. */
const serverFiles: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-mirror-it-'));
  serverFile = await writeStandInServer(join(dir, 'server'));
  for (const v of ['3.3.4', '4.0']) serverFiles[v] = await writeStandInServer(join(dir, `server-${v}`), v);
  server = await startAdbServer();
  phone = await startConnectedPhone(server);
});

afterAll(async () => {
  await phone?.stop();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

function cliContext(): { ctx: CliContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c) => { o += c; });
  stderr.on('data', (c) => { e += c; });
  const env = {
    PATH: process.env.PATH ?? '', PHONEPILOT_HOME: join(dir, 'home'), ANDROID_ADB_SERVER_PORT: String(server.port),
    SCRCPY_SERVER_PATH: serverFile, PHONEPILOT_TEST: '1',
  };
  return { ctx: { stdout, stderr, env, signal: new AbortController().signal }, out: () => o, err: () => e };
}

describe.each(['3.3.4', '4.0'])('MirrorSession on the simulated phone (server %s)', (version) => {
  it('streams frames, injects input and sets the clipboard, then stops cleanly', async () => {
    const session = new MirrorSession({
      client: createAdbClient({ port: server.port }), serial: phone.serial,
      server: { path: serverFiles[version], version }, video: { maxSize: 800 },
    });
    try {
      const frames: MirrorFrame[] = [];
      session.on('frame', (f) => frames.push(f));
      await session.start();
      expect(session.deviceName).toBe('PhonePilot Virtual');
      await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0), { timeout: 20_000 });
      expect(frames[0].withConfig).toBe(true);
      expect(frames[0].keyFrame).toBe(true);
      const info = session.videoInfo!;
      expect(info.codec).toMatch(/^avc1\.[0-9A-F]{6}$/);
      expect(Math.max(info.width, info.height)).toBeLessThanOrEqual(800);
      // Same aspect as the 1080x2400 screen, within scrcpy's rounding to multiples of 8.
      expect(Math.abs(info.width / info.height - 1080 / 2400)).toBeLessThan(0.02);

      const since = phone.phone.events.lastSeq;
      expect(session.send({ type: 'injectKeycode', action: KeyAction.DOWN, keycode: 3, repeat: 0, metaState: 0 })).toBe(true);
      expect(session.send({ type: 'injectKeycode', action: KeyAction.UP, keycode: 3, repeat: 0, metaState: 0 })).toBe(true);
      await vi.waitFor(() => expect(phone.phone.events.list({ kind: 'control', sinceSeq: since }).length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });

      await session.setClipboard('你好, PhonePilot', false);
      expect(phone.phone.inspect().snapshot.clipboard).toBe('你好, PhonePilot');
    } finally {
      await session.dispose();
    }
    expect(session.state).toBe('stopped');
    await vi.waitFor(() => expect(phone.phone.resources().scrcpySessions).toBe(0), { timeout: 10_000 });
  });
});

describe('CLI', () => {
  it('phonepilot mirror --record writes an MP4 that ffprobe reads at the video size', async () => {
    const out = join(dir, 'rec.mp4');
    const { ctx, out: stdout, err } = cliContext();
    const code = await mirrorCommand.run(['--serial', phone.serial, '--record', out, '--duration', '2', '--max-size', '640'], ctx);
    expect(code, err()).toBe(0);
    const m = /Wrote .* \((\d+) frames, (\d+)x(\d+)\)/.exec(stdout());
    expect(m, stdout()).not.toBeNull();
    const { stdout: json } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_frames', '-of', 'json', out]);
    const stream = JSON.parse(json).streams[0];
    expect(stream.codec_name).toBe('h264');
    expect([stream.width, stream.height]).toEqual([Number(m![2]), Number(m![3])]);
    expect(Math.max(stream.width, stream.height)).toBeLessThanOrEqual(640);
    expect(Number(stream.nb_frames)).toBe(Number(m![1]));
    expect(Number(stream.nb_frames)).toBeGreaterThan(0);
  });

  it('phonepilot mirror explains an unknown serial', async () => {
    const { ctx } = cliContext();
    await expect(mirrorCommand.run(['--serial', 'nope:1', '--duration', '1'], ctx)).rejects.toThrow(/No device nope:1/);
  });

  it('phonepilot devices --json lists the simulated phone', async () => {
    const { ctx, out } = cliContext();
    expect(await devicesCommand.run(['--json'], ctx)).toBe(0);
    const list = JSON.parse(out());
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ serial: phone.serial, connection: 'simulated', model: 'PhonePilot Virtual', state: 'device' })]));
  });

  it('phonepilot devices prints a table', async () => {
    const { ctx, out } = cliContext();
    expect(await devicesCommand.run([], ctx)).toBe(0);
    expect(out()).toMatch(/^SERIAL\s+STATE\s+CONNECTION\s+MODEL/);
    expect(out()).toContain(phone.serial);
    expect(out()).toMatch(/simulated\s+PhonePilot Virtual\s+Android 14\s+1080x2400/);
  });

  it('phonepilot devices shows a phone waiting for "Allow USB debugging?" and what to do', async () => {
    const locked = await startConnectedPhone(server, { auth: 'prompt' }, 'unauthorized');
    try {
      const { ctx, out } = cliContext();
      expect(await devicesCommand.run([], ctx)).toBe(0);
      // Nothing can be read from a locked phone: adb only knows its address.
      const row = out().split('\n').find((line) => line.startsWith(`${locked.serial} `));
      expect(row?.trim().split(/\s+/)).toEqual([locked.serial, 'unauthorized', 'wifi', '-', '-', '-', '-']);
      expect(out()).toContain(`${locked.serial}: Unlock the phone and accept "Allow USB debugging?"`);
    } finally {
      await locked.stop();
    }
  });

  it('phonepilot devices --connect to a phone that asks for authorisation lists it as unauthorized', async () => {
    const locked = new VirtualPhone({ auth: 'prompt' });
    const { serial } = await locked.start();
    try {
      const { ctx, out, err } = cliContext();
      expect(await devicesCommand.run(['--connect', serial, '--json'], ctx), err()).toBe(0);
      const listed = (JSON.parse(out()) as Array<{ serial: string; state: string; hint?: string }>).find((d) => d.serial === serial);
      expect(listed).toMatchObject({ state: 'unauthorized', hint: expect.stringMatching(/Allow USB debugging/) });
    } finally {
      await server.adb(['disconnect', serial]);
      await locked.dispose();
    }
  });
});
