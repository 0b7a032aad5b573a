import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrcpyVideoDemuxer, type VideoDemuxEvent } from '#wire';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { writeStandInServer } from '../../support/scrcpy-server-file';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import { ByteCollector, SERVER_PATH, openLocalWithRetry, scidHex, serverCommand } from './scrcpy-client';
import { center, parseUiDump, waitUntil } from './ui-dump';

/** ADTS header for one raw AAC frame (what ffmpeg needs to read the stream back). */
function adts(asc: Buffer, frame: Buffer): Buffer {
  const objectType = asc[0] >> 3;
  const rateIndex = ((asc[0] & 7) << 1) | (asc[1] >> 7);
  const channels = (asc[1] >> 3) & 0x0f;
  const length = frame.length + 7;
  return Buffer.concat([Buffer.from([
    0xff, 0xf1, ((objectType - 1) << 6) | (rateIndex << 2) | (channels >> 2),
    ((channels & 3) << 6) | (length >> 11), (length >> 3) & 0xff, ((length & 7) << 5) | 0x1f, 0xfc,
  ]), frame]);
}

/** Mean absolute sample of what ffmpeg decodes from a file (s16 mono). */
function loudness(file: string): Promise<{ mean: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 's16le', '-ac', '1', '-ar', '48000', 'pipe:1'], { encoding: 'buffer', maxBuffer: 64 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      let sum = 0;
      const n = stdout.length / 2;
      for (let i = 0; i < n; i++) sum += Math.abs(stdout.readInt16LE(i * 2));
      resolve({ mean: n ? sum / n : 0, seconds: n / 48000 });
    });
  });
}

describe('simulated scrcpy server: audio, as the real server streams it', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-audio-'));
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
    client = createAdbClient({ port: server.port });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function record(codec: 'opus' | 'aac', scid: number, ms: number): Promise<VideoDemuxEvent[]> {
    const file = await writeStandInServer(join(dir, codec), '3.3.4');
    expect((await device.adb(['push', file, SERVER_PATH])).code).toBe(0);
    const shell = (await client.getDevice(device.serial).shell(serverCommand('3.3.4', { scid: scidHex(scid), tunnel_forward: true, video: false, control: false, audio_codec: codec }))) as Duplex;
    const audio = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
    try {
      await new Promise((resolve) => setTimeout(resolve, ms));
      // The audio socket is framed like the video one: codec id (no size), then packets.
      const demuxer = new ScrcpyVideoDemuxer({ framing: '3', deviceMeta: true, audio: true });
      return demuxer.push(audio.data.subarray(1));
    } finally {
      audio.socket.destroy();
      shell.destroy();
      await waitUntil(() => device.phone.resources().scrcpySessions === 0, 'the server to stop');
    }
  }

  it('streams Opus by default: OpusHead as config, then 20 ms packets', async () => {
    const events = await record('opus', 0x3a000001, 1200);
    const codec = events.find((e) => e.type === 'codec');
    expect(codec).toMatchObject({ codecId: 0x6f707573 });
    const packets = events.filter((e) => e.type === 'packet') as Array<Extract<VideoDemuxEvent, { type: 'packet' }>>;
    expect(packets[0].config).toBe(true);
    const head = Buffer.from(packets[0].data);
    expect(head.subarray(0, 8).toString('latin1')).toBe('OpusHead');
    expect(head[9]).toBe(2); // channels
    expect(head.readUInt32LE(12)).toBe(48000);
    const frames = packets.slice(1);
    expect(frames.length).toBeGreaterThan(20);
    expect(frames[1].ptsUs - frames[0].ptsUs).toBe(20_000);
  });

  it('streams the phone\'s sounds as AAC on request: the recording decodes and has the ringtone in it', async () => {
    await device.adb(['shell', "am start -n 'com.android.settings/.Settings$MyDeviceInfoActivity'"]);
    const dump = parseUiDump((await device.adb(['exec-out', 'uiautomator', 'dump', '/dev/tty'])).stdout);
    const row = dump.find((n) => n.text === 'Ringtone preview');
    expect(row).toBeDefined();
    const quiet = await record('aac', 0x3a000002, 2000);
    const { x, y } = center(row!);
    await device.adb(['shell', `input tap ${x} ${y}`]);
    expect(device.phone.android.audio?.isLooping('ringtone')).toBe(true);
    const loud = await record('aac', 0x3a000003, 2000);
    await device.adb(['shell', `input tap ${x} ${y}`]);
    const measure = async (events: VideoDemuxEvent[], name: string) => {
      expect(events.find((e) => e.type === 'codec')).toMatchObject({ codecId: 0x00616163 });
      const packets = events.filter((e) => e.type === 'packet') as Array<Extract<VideoDemuxEvent, { type: 'packet' }>>;
      expect(packets[0].config).toBe(true);
      const asc = Buffer.from(packets[0].data);
      const path = join(dir, `${name}.aac`);
      await writeFile(path, Buffer.concat(packets.slice(1).map((p) => adts(asc, Buffer.from(p.data)))));
      return loudness(path);
    };
    const silent = await measure(quiet, 'quiet');
    const ringing = await measure(loud, 'loud');
    expect(silent.seconds).toBeGreaterThan(0.5);
    expect(ringing.seconds).toBeGreaterThan(0.5);
    expect(silent.mean).toBeLessThan(50);
    expect(ringing.mean).toBeGreaterThan(2000);
  });
});
