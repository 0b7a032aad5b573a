// Recording while the phone rotates: the simulated scrcpy server restarts its encoder at the
// swapped size (new SPS/PPS and a key frame), as scrcpy does. The MP4 must stay decodable end
// to end, hold every frame the session forwarded, and show both sizes when decoded.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdbClient } from '../../../src/main/services/adb/adbkit';
import { MirrorSession } from '../../../src/main/services/mirror/mirror-session';
import { Mp4Recorder } from '../../../src/main/services/mirror/mp4-recorder';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';

const run = promisify(execFile);
let server: AdbServerHandle;
let phone: ConnectedPhone;
let dir: string;
let serverFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-record-rotation-'));
  await mkdir(join(dir, 'server'));
  serverFile = join(dir, 'server', 'scrcpy-server');
  await writeFile(serverFile, 'simulated scrcpy server');
  server = await startAdbServer();
  phone = await startConnectedPhone(server);
});

afterAll(async () => {
  await phone?.stop();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Width x height of every decoded frame, in order, by the real ffprobe. */
async function decodedSizes(file: string): Promise<string[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_frames', '-show_entries', 'frame=width,height', '-of', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(stdout) as { frames: Array<{ width: number; height: number }> }).frames.map((f) => `${f.width}x${f.height}`);
}

/** Presentation timestamps of the stored packets, in file order. */
async function packetPts(file: string): Promise<number[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts', '-of', 'json', file]);
  return (JSON.parse(stdout) as { packets: Array<{ pts: number }> }).packets.map((p) => p.pts);
}

/** Collapses runs: ['a','a','b'] -> [['a', 2], ['b', 1]]. */
function runs(sizes: string[]): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const s of sizes) {
    if (out.length > 0 && out[out.length - 1][0] === s) out[out.length - 1][1]++;
    else out.push([s, 1]);
  }
  return out;
}

describe.each(['3.3.4', '4.0'])('recording across a rotation (server %s)', (version) => {
  it('writes one valid MP4 with every forwarded frame, portrait then landscape', async () => {
    const file = join(dir, `rotation-${version}.mp4`);
    const session = new MirrorSession({
      client: createAdbClient({ port: server.port }), serial: phone.serial,
      server: { path: serverFile, version }, video: { maxSize: 640 },
    });
    const recorder = new Mp4Recorder({ file });
    // The size each forwarded frame was encoded at: the session's video info when it arrived.
    const forwarded: string[] = [];
    session.on('frame', (f) => {
      const info = session.videoInfo!;
      forwarded.push(`${info.width}x${info.height}`);
      recorder.write(f);
    });
    recorder.start();
    try {
      await session.start();
      await vi.waitFor(() => expect(forwarded.length).toBeGreaterThanOrEqual(4), { timeout: 20_000 });
      const portrait = forwarded[0];
      phone.phone.android.rotate();
      await vi.waitFor(() => expect(forwarded.filter((s) => s !== portrait).length).toBeGreaterThanOrEqual(4), { timeout: 20_000 });
      await session.stop();
      await recorder.stop();
    } finally {
      await session.dispose();
      await recorder.stop().catch(() => undefined);
      phone.phone.android.rotate(); // back to portrait for the next run
    }

    const [portrait, landscape] = [forwarded[0], forwarded[forwarded.length - 1]];
    const [w, h] = portrait.split('x').map(Number);
    expect(h).toBeGreaterThan(w);
    expect(landscape).toBe(`${h}x${w}`);

    // Decodes end to end without a single error (a stale SPS would make every later frame fail).
    // The file is variable frame rate (frames come when the screen changes; two can be 2 ms
    // apart around the encoder restart): `-enc_time_base -1` keeps the file's own time base for
    // the null output, or ffmpeg rounds to its guessed frame rate and complains about equal dts
    // there although the file's timestamps strictly increase (checked below).
    const decoded = await run('ffmpeg', ['-v', 'error', '-i', file, '-enc_time_base', '-1', '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');

    // The session's first frame carries the config and a key frame, so the recorder starts with
    // it: the file holds exactly the frames forwarded, each at the size it was encoded at.
    expect(recorder.frameCount).toBe(forwarded.length);
    const sizes = await decodedSizes(file);
    expect(sizes).toHaveLength(forwarded.length);
    expect(runs(sizes)).toEqual(runs(forwarded));
    expect(runs(sizes).map(([s]) => s)).toEqual([portrait, landscape]);
    const pts = await packetPts(file);
    expect(pts).toHaveLength(forwarded.length);
    expect(pts.every((t, i) => i === 0 || t > pts[i - 1])).toBe(true);
  });
});
