// The simulated scrcpy server's benchmark source: a pre-encoded clip looped at the display's
// refresh rate, framed like the live screen (config, then a key frame, then deltas, PTS rising).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { ffprobeFrames } from '../../support/ffprobe';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import { ByteCollector, SERVER_PATH, captureVideo, openLocalWithRetry, scidHex, serverCommand } from './scrcpy-client';


describe('simulated scrcpy server, replay video source', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;
  let dir: string;

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 }, video: { refreshRate: 60, source: 'replay' } });
    client = createAdbClient({ port: server.port });
    dir = await mkdtemp(join(tmpdir(), 'vp-replay-'));
    await writeFile(join(dir, 'scrcpy-server.jar'), Buffer.from('PK\x03\x04 not really a jar'));
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams the looped clip as scrcpy packets that ffprobe decodes, at the requested max_fps', async () => {
    const r = await device.adb(['push', join(dir, 'scrcpy-server.jar'), SERVER_PATH]);
    expect(r.code, r.stderr).toBe(0);
    const scid = 0x2468ace0;
    const shell = (await client.getDevice(device.serial).shell(serverCommand('3.3.4', {
      scid: scidHex(scid), tunnel_forward: true, audio: false, control: false, max_size: 320, max_fps: 45,
    }))) as Duplex;
    const video = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
    try {
      const { capture, update } = captureVideo(video, '3', 1, true);
      await video.waitFor(() => { update(); return capture.frames() >= 5; }, 'five frames');
      expect(capture.codecSize).toEqual({ width: 144, height: 320 });
      expect(capture.packets[0].config).toBe(true);
      expect(capture.packets[1].keyFrame).toBe(true);
      const frames = capture.packets.filter((p) => !p.config);
      expect(frames.slice(1).every((p) => !p.keyFrame)).toBe(true);
      for (let i = 1; i < frames.length; i++) expect(frames[i].ptsUs).toBeGreaterThan(frames[i - 1].ptsUs);
      const file = join(dir, 'replay.h264');
      await writeFile(file, capture.annexB());
      const probe = await ffprobeFrames(file);
      expect(probe).toMatchObject({ width: 144, height: 320 });
      expect(probe.frames).toBeGreaterThanOrEqual(5);
      const session = device.phone.inspect().scrcpy[0] as { fps?: number };
      expect(session.fps).toBe(45);
    } finally {
      video.socket.destroy();
      shell.destroy();
    }
  });
});
