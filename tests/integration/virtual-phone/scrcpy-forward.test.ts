import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { ffprobeFrames } from '../../support/ffprobe';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import {
  ByteCollector, SERVER_PATH, captureVideo, openLocalWithRetry, scidHex, serverCommand,
} from './scrcpy-client';


describe('simulated scrcpy server, forward tunnel', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;
  let dir: string;

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
    client = createAdbClient({ port: server.port });
    dir = await mkdtemp(join(tmpdir(), 'vp-scrcpy-'));
    await writeFile(join(dir, 'scrcpy-server.jar'), Buffer.from('PK\x03\x04 not really a jar'));
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function pushJar(): Promise<void> {
    const r = await device.adb(['push', join(dir, 'scrcpy-server.jar'), SERVER_PATH]);
    expect(r.code, r.stderr).toBe(0);
  }

  for (const version of ['3.3.4', '4.0'] as const) {
    it(`streams H.264 that ffprobe decodes at the negotiated size (${version} framing)`, async () => {
      await pushJar();
      const scid = 0x1234abcd + version.length;
      const shell = (await client.getDevice(device.serial).shell(serverCommand(version, {
        scid: scidHex(scid), tunnel_forward: true, audio: false, control: false, max_size: 800, max_fps: 15,
      }))) as Duplex;
      const shellOut = new ByteCollector(shell);
      const video = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
      try {
        await video.waitFor(() => video.data.length >= 1, 'dummy byte');
        expect(video.data[0]).toBe(0);
        const framing = version.startsWith('4') ? '4' : '3';
        const { capture, update } = captureVideo(video, framing, 1, true);
        await video.waitFor(() => { update(); return capture.frames() >= 3; }, 'three frames');

        expect(capture.deviceName).toBe('PhonePilot Virtual');
        expect(capture.codecId).toBe(0x68323634);
        if (framing === '3') expect(capture.codecSize).toEqual({ width: 360, height: 800 });
        else expect(capture.sessions[0]).toEqual({ width: 360, height: 800 });
        expect(capture.packets[0].config).toBe(true);
        expect(capture.packets[1].keyFrame).toBe(true);
        const frames = capture.packets.filter((p) => !p.config);
        for (let i = 1; i < frames.length; i++) expect(frames[i].ptsUs).toBeGreaterThan(frames[i - 1].ptsUs);

        const file = join(dir, `video-${version}.h264`);
        await writeFile(file, capture.annexB());
        const probe = await ffprobeFrames(file);
        expect(probe.width).toBe(360);
        expect(probe.height).toBe(800);
        expect(probe.frames).toBeGreaterThanOrEqual(3);
        // cleanup=true (default): the server deleted its jar.
        expect(device.phone.fs.exists(SERVER_PATH)).toBe(false);
        expect(shellOut.data.toString()).toContain('[server] INFO: Device: [PhonePilot] PhonePilot PhonePilot Virtual (Android 14)');
      } finally {
        video.socket.destroy();
        shell.destroy();
      }
    });
  }

  it('stopping the shell stream stops the server and kills its ffmpeg', async () => {
    await pushJar();
    const scid = 0x0badcafe;
    const shell = (await client.getDevice(device.serial).shell(serverCommand('3.3.4', {
      scid: scidHex(scid), tunnel_forward: true, audio: false, control: false,
    }))) as Duplex;
    const video = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
    const { capture, update } = captureVideo(video, '3', 1, true);
    await video.waitFor(() => { update(); return capture.frames() >= 1; }, 'a frame');
    const pids = device.phone.resources().ffmpegPids;
    expect(pids.length).toBe(1);
    expect(() => process.kill(pids[0], 0)).not.toThrow();

    shell.destroy();
    await video.waitFor(() => false, 'the server to close the video socket').catch(() => undefined);
    expect(video.ended).toBe(true);
    await new Promise<void>((resolve) => {
      const check = (): void => { if (device.phone.resources().scrcpySessions === 0) resolve(); else setTimeout(check, 50); };
      check();
    });
    expect(() => process.kill(pids[0], 0)).toThrow();
  });

  it('prints the app list for list_apps=true and warns about unknown options', async () => {
    await pushJar();
    const r = await device.adb(['shell', serverCommand('3.3.4', { list_apps: true, bogus_option: 1 })]);
    expect(r.stdout).toContain('[server] INFO: List of apps:');
    expect(r.stdout).toMatch(/\n \* Settings {22} com\.android\.settings/);
    // Ln.w and Ln.e go to stderr, which shell_v2 keeps apart.
    expect(r.stderr).toContain('[server] WARN: Unknown server option: bogus_option');
  });

  it('fails like app_process when the jar is missing, and on malformed options', async () => {
    if (device.phone.fs.exists(SERVER_PATH)) device.phone.fs.remove(SERVER_PATH);
    const missing = await device.adb(['shell', serverCommand('3.3.4', { tunnel_forward: true })]);
    expect(missing.stderr).toContain('ClassNotFoundException');
    expect(missing.code).toBe(1);
    await pushJar();
    const bad = await device.adb(['shell', `CLASSPATH=${SERVER_PATH} app_process / com.genymobile.scrcpy.Server 3.3.4 video_codec=mpeg2`]);
    expect(bad.stderr).toContain('java.lang.IllegalArgumentException: Video codec mpeg2 not supported');
  });
});
