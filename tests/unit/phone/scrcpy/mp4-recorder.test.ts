import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes } from '#wire';
import { Mp4Recorder } from '../../../../src/main/phone/scrcpy/mp4-recorder';
import { encodeClip, type EncodedClip } from './fake-scrcpy';
import { mp4VideoHeaderSize } from '../../../support/mp4-header';

const run = promisify(execFile);
let clip: EncodedClip;
let dir: string;

beforeAll(async () => {
  clip = await encodeClip('320x240', 30);
  dir = await mkdtemp(join(tmpdir(), 'pp-rec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function probe(file: string): Promise<{ width: number; height: number; nb_frames: string; duration: string; codec_name: string }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,nb_frames,duration,codec_name', '-of', 'json', file]);
  return JSON.parse(stdout).streams[0];
}

describe('Mp4Recorder', () => {
  it('remuxes mirror frames into an MP4 with their timestamps', async () => {
    const file = join(dir, 'out.mp4');
    const rec = new Mp4Recorder({ file });
    rec.start();
    // a frame before any key frame/config is skipped (a decoder could not start there)
    rec.write({ data: clip.frames[1].data, keyFrame: false, ptsUs: 1, withConfig: false });
    clip.frames.forEach((f, i) => {
      const data = i === 0 ? concatBytes([clip.config, f.data]) : f.data;
      rec.write({ data, keyFrame: f.keyFrame, ptsUs: 5_000_000 + i * 33_333, withConfig: i === 0 });
    });
    await rec.stop();
    expect(rec.frameCount).toBe(30);
    expect(rec.sizes).toEqual([{ width: 320, height: 240 }]);
    const info = await probe(file);
    expect(info).toMatchObject({ codec_name: 'h264', width: 320, height: 240, nb_frames: '30' });
    // 30 frames 33.3 ms apart: about one second of video, from the frames' own timestamps.
    expect(Number(info.duration)).toBeGreaterThan(0.9);
    expect(Number(info.duration)).toBeLessThan(1.1);
  });

  it('keeps playing across a size change: the new SPS/PPS go in-band with their key frame', async () => {
    const rotated = await encodeClip('240x320', 10);
    const file = join(dir, 'rotated.mp4');
    const rec = new Mp4Recorder({ file });
    rec.start();
    let pts = 0;
    for (const part of [clip, rotated]) {
      part.frames.forEach((f, i) => {
        // As the mirror session forwards them: each encoder's config merged into its first frame.
        const data = i === 0 ? concatBytes([part.config, f.data]) : f.data;
        rec.write({ data, keyFrame: f.keyFrame, ptsUs: (pts += 33_333), withConfig: i === 0 });
      });
    }
    await rec.stop();
    const decoded = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_frames', '-show_entries', 'frame=width,height', '-of', 'json', file]);
    const sizes = (JSON.parse(stdout) as { frames: Array<{ width: number; height: number }> }).frames.map((f) => `${f.width}x${f.height}`);
    expect(sizes).toEqual([...Array<string>(30).fill('320x240'), ...Array<string>(10).fill('240x320')]);
    // What the file holds, in order: its header's size first.
    expect(rec.sizes).toEqual([{ width: 320, height: 240 }, { width: 240, height: 320 }]);
  });

  it('keeps the first size in the MP4 header when the phone rotates early in the recording', async () => {
    // Few frames, far apart (a still screen): all of them fit in what ffmpeg would probe.
    const [portrait, landscape] = [await encodeClip('320x240', 4), await encodeClip('240x320', 4)];
    const file = join(dir, 'early-rotation.mp4');
    const rec = new Mp4Recorder({ file });
    rec.start();
    let pts = 0;
    for (const part of [portrait, landscape]) {
      part.frames.forEach((f, i) => {
        const data = i === 0 ? concatBytes([part.config, f.data]) : f.data;
        rec.write({ data, keyFrame: f.keyFrame, ptsUs: (pts += 300_000), withConfig: i === 0 });
      });
    }
    await rec.stop();
    expect(await mp4VideoHeaderSize(file)).toEqual({ track: '320x240', sampleEntry: '320x240' });
    expect(rec.sizes).toEqual([{ width: 320, height: 240 }, { width: 240, height: 320 }]);
  });

  it('fails clearly when no frame arrived', async () => {
    const rec = new Mp4Recorder({ file: join(dir, 'empty.mp4') });
    rec.start();
    await expect(rec.stop()).rejects.toMatchObject({ code: 'io' });
  });
});
