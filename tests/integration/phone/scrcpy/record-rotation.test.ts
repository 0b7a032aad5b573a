// Recording while the phone rotates: the simulated scrcpy server restarts its encoder at the
// swapped size (new SPS/PPS and a key frame), as scrcpy does. The MP4 must stay decodable end
// to end, hold every frame the session forwarded, and show both sizes when decoded; the
// `phonepilot mirror --record` summary must give the file's first size and the rotation.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdbClient } from '../../../../src/main/phone/adb/adbkit';
import { MirrorSession } from '../../../../src/main/phone/scrcpy/mirror-session';
import { Mp4Recorder } from '../../../../src/main/phone/scrcpy/mp4-recorder';
import { command as mirrorCommand } from '../../../../src/cli/commands/mirror';
import type { CliContext } from '../../../../src/cli/command';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { mp4VideoHeaderSize } from '../../../support/mp4-header';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { writeStandInServer } from '../../../support/scrcpy-server-file';

const run = promisify(execFile);
let server: AdbServerHandle;
let phone: ConnectedPhone;
let dir: string;
let serverFile: string;
/** A stand-in server file per version: the phone's server checks that the client's version is its own. */
const serverFiles: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-record-rotation-'));
  // The CLI finds the server through SCRCPY_SERVER_PATH and its version in the sibling file.
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
      server: { path: serverFiles[version], version }, video: { maxSize: 640 },
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

describe('phonepilot mirror --record across a rotation', () => {
  it('reports the size in the file header and that the phone rotated to the other one', async () => {
    const file = join(dir, 'cli-rotation.mp4');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => { out += c; });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => { err += c; });
    const stop = new AbortController(); // Ctrl-C
    const ctx: CliContext = {
      stdout, stderr, signal: stop.signal,
      env: {
        PATH: process.env.PATH ?? '', PHONEPILOT_HOME: join(dir, 'home'), ANDROID_ADB_SERVER_PORT: String(server.port),
        SCRCPY_SERVER_PATH: serverFile, PHONEPILOT_TEST: '1',
      },
    };
    // What the phone's scrcpy server has sent: its encoder size and frame count.
    const streamed = (): { videoSize: { width: number; height: number } | null; framesSent: number } | undefined =>
      phone.phone.inspect().scrcpy[0] as never;
    const running = mirrorCommand.run(['--serial', phone.serial, '--record', file, '--max-size', '640'], ctx);
    try {
      await vi.waitFor(() => expect(streamed()?.framesSent).toBeGreaterThanOrEqual(4), { timeout: 30_000 });
      const portrait = streamed()!.videoSize!;
      phone.phone.android.rotate();
      await vi.waitFor(() => expect(streamed()!.videoSize).toEqual({ width: portrait.height, height: portrait.width }), { timeout: 20_000 });
      const atRotation = streamed()!.framesSent;
      await vi.waitFor(() => expect(streamed()!.framesSent).toBeGreaterThanOrEqual(atRotation + 4), { timeout: 20_000 });
    } finally {
      stop.abort();
      expect(await running, err).toBe(0);
      phone.phone.android.rotate(); // back to portrait
    }

    const sizes = runs(await decodedSizes(file)).map(([s]) => s);
    expect(sizes).toHaveLength(2);
    const frames = (await packetPts(file)).length;
    // Not the size the session ended at: the file's header holds the first one.
    expect(out).toContain(`Wrote ${file} (${frames} frames, ${sizes[0]}, rotated to ${sizes[1]} during the recording)\n`);
    const [w, h] = sizes[0].split('x').map(Number);
    expect(h).toBeGreaterThan(w);
    // The header declares that first size too (as its avcC's SPS does), however early the rotation.
    expect(await mp4VideoHeaderSize(file)).toEqual({ track: sizes[0], sampleEntry: sizes[0] });
  });
});
