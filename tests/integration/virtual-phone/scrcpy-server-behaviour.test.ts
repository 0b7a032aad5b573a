import { mkdtemp, rm } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { writeStandInServer } from '../../support/scrcpy-server-file';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import { ByteCollector, SERVER_PATH, captureVideo, openLocalWithRetry, scidHex, serverCommand } from './scrcpy-client';
import { waitUntil } from './ui-dump';

// The simulated scrcpy server against a real phone's behaviour: the version check, 4.x sizes and
// options, configuration errors, the encoder's key-frame timing, crop and orientation,
// the settings a session changes and restores, display power.
describe('simulated scrcpy server: behaves like the real one on a phone', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;
  let dir: string;
  let nextScid = 0x2a000000;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-behaviour-'));
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 }, video: { iFrameIntervalS: 1 } });
    client = createAdbClient({ port: server.port });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function push(version: string): Promise<void> {
    const file = await writeStandInServer(join(dir, version), version);
    expect((await device.adb(['push', file, SERVER_PATH])).code).toBe(0);
  }

  /** Starts a server (forward tunnel, no audio) and opens its video and control sockets. */
  async function start(version: string, options: Record<string, string | number | boolean>, withControl = false) {
    await push(version);
    const scid = nextScid++;
    const shell = (await client.getDevice(device.serial).shell(serverCommand(version, { scid: scidHex(scid), tunnel_forward: true, audio: false, control: withControl, ...options }))) as Duplex;
    const out = new ByteCollector(shell);
    const video = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
    const control = withControl ? await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`) : null;
    const { capture, update } = captureVideo(video, version.startsWith('4') ? '4' : '3', 1, true);
    const close = async () => {
      control?.destroy();
      video.socket.destroy();
      shell.destroy();
      await waitUntil(() => device.phone.resources().scrcpySessions === 0, 'the server to stop');
    };
    return { out, video, control, capture, update, close };
  }

  it('refuses a client of another version with the real error', async () => {
    await push('3.3.4');
    const r = await device.adb(['shell', serverCommand('4.1', { tunnel_forward: true })]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('java.lang.IllegalArgumentException: The server version (3.3.4) does not match the client (4.1)');
  });

  it('4.1: accepts the options 4.1 sends and sizes the video as 4.1 does (-m1024 gives 460x1024)', async () => {
    const s = await start('4.1', {
      max_size: 1024, min_size_alignment: 2, keep_active: true, ignore_video_encoder_constraints: false,
      flex_display: false, camera_torch: false, camera_zoom: 1,
    });
    try {
      await s.video.waitFor(() => { s.update(); return s.capture.frames() >= 1; }, 'a frame');
      expect(s.capture.sessions[0]).toEqual({ width: 460, height: 1024 });
      expect(s.out.data.toString()).not.toContain('Unknown server option');
    } finally {
      await s.close();
    }
  });

  it('asks for a key frame every i-frame interval while the screen changes', async () => {
    const s = await start('3.3.4', { max_size: 400 });
    try {
      const started = Date.now();
      // Keep the screen changing (every launch is a new picture) for three intervals.
      while (Date.now() - started < 3200) {
        await device.adb(['shell', 'input keyevent KEYCODE_HOME; am start -n com.android.settings/.Settings']);
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
      s.update();
      const keys = s.capture.packets.filter((p) => p.keyFrame);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(s.capture.packets.filter((p) => p.config).length).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('fails on a display or encoder the phone does not have, as ScreenCapture and SurfaceEncoder do', async () => {
    for (const [options, message] of [
      [{ display_id: 3 }, 'Display 3 not found\nList of displays:\n    --display-id=0    (1080x2400)'],
      [{ video_encoder: 'OMX.qcom.video.encoder.avc' }, "Video encoder 'OMX.qcom.video.encoder.avc' for h264 not found"],
      [{ video_codec: 'av1' }, 'Could not create default video encoder for av1'],
    ] as Array<[Record<string, string | number>, string]>) {
      const s = await start('3.3.4', options);
      await s.video.waitFor(() => { s.update(); return s.capture.codecId !== undefined; }, 'the codec id');
      expect(s.capture.codecId).toBe(1);
      await s.out.waitFor(() => s.out.ended, 'the server to exit').catch(() => undefined);
      expect(s.out.data.toString()).toContain(message);
      await s.close();
    }
  });

  it('crop and capture_orientation shape the video; touches map back to the screen', async () => {
    const cropped = await start('3.3.4', { crop: '540:1200:540:0' }, true);
    try {
      await cropped.video.waitFor(() => { cropped.update(); return cropped.capture.codecSize !== undefined; }, 'codec meta');
      expect(cropped.capture.codecSize).toEqual({ width: 536, height: 1200 });
      // A touch at the video's centre is the crop's centre on the screen.
      const touch = Buffer.alloc(32);
      touch[0] = 2;
      touch.writeBigUInt64BE(0xfffffffffffffffen, 2);
      touch.writeInt32BE(268, 10);
      touch.writeInt32BE(600, 14);
      touch.writeUInt16BE(536, 18);
      touch.writeUInt16BE(1200, 20);
      cropped.control!.write(touch);
      await waitUntil(() => device.phone.inspect().events.some((e) => e.kind === 'control' && e.detail === 'touch down 810 600'), 'the mapped touch');
    } finally {
      await cropped.close();
    }
    const turned = await start('4.1', { capture_orientation: 90 });
    try {
      await turned.video.waitFor(() => { turned.update(); return turned.capture.sessions.length > 0; }, 'session packet');
      expect(turned.capture.sessions[0]).toEqual({ width: 2400, height: 1080 });
    } finally {
      await turned.close();
    }
  });

  it('changes stay_awake, show_touches and screen_off_timeout for the session and restores them', async () => {
    const get = async (ns: string, key: string) => (await device.adb(['shell', `settings get ${ns} ${key}`])).stdout.trim();
    const before = { stay: await get('global', 'stay_on_while_plugged_in'), touches: await get('system', 'show_touches'), timeout: await get('system', 'screen_off_timeout') };
    const s = await start('3.3.4', { stay_awake: true, show_touches: true, screen_off_timeout: 300000 });
    try {
      await s.video.waitFor(() => { s.update(); return s.capture.frames() >= 1; }, 'a frame');
      expect(await get('global', 'stay_on_while_plugged_in')).toBe('7');
      expect(await get('system', 'show_touches')).toBe('1');
      expect(await get('system', 'screen_off_timeout')).toBe('300000');
    } finally {
      await s.close();
    }
    expect(await get('global', 'stay_on_while_plugged_in')).toBe(before.stay);
    expect(await get('system', 'show_touches')).toBe('0');
    expect(await get('system', 'screen_off_timeout')).toBe(before.timeout);
  });

  it('turns the panel off while mirroring goes on, and powers the screen off on close', async () => {
    const s = await start('3.3.4', { max_size: 400, power_off_on_close: true }, true);
    try {
      await s.video.waitFor(() => { s.update(); return s.capture.frames() >= 1; }, 'a frame');
      s.control!.write(Buffer.from([10, 0])); // SET_DISPLAY_POWER off
      await waitUntil(async () => (await device.adb(['shell', 'dumpsys power'])).stdout.includes('Display Power: state=OFF'), 'the panel off');
      expect((await device.adb(['shell', 'dumpsys power'])).stdout).toContain('mWakefulness=Awake');
      const n = s.capture.frames();
      await device.adb(['shell', 'input keyevent KEYCODE_HOME']);
      await s.video.waitFor(() => { s.update(); return s.capture.frames() > n; }, 'frames with the panel off');
    } finally {
      await s.close();
    }
    expect((await device.adb(['shell', 'dumpsys power'])).stdout).toContain('mWakefulness=Asleep');
    const png = (await device.adbBuffer(['exec-out', 'screencap', '-p'])).stdout;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await device.adb(['shell', 'input keyevent KEYCODE_WAKEUP']);
    expect((await device.adb(['shell', 'dumpsys power'])).stdout).toContain('Display Power: state=ON');
  });

  it('lists video and audio encoders, and no cameras', async () => {
    await push('3.3.4');
    const r = await device.adb(['shell', serverCommand('3.3.4', { list_encoders: true, list_cameras: true })]);
    expect(r.stdout).toMatch(/List of video encoders:\n {4}--video-codec=h264 --video-encoder=c2\.android\.avc\.encoder +\(sw\)/);
    expect(r.stdout).toMatch(/List of audio encoders:\n {4}--audio-codec=opus --audio-encoder=c2\.android\.opus\.encoder +\(sw\)/);
    expect(r.stdout).toContain('List of cameras:\n    (none)');
    expect(r.code).toBe(0);
  });
});
