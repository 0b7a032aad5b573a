import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MirrorPacker } from '../../../src/shared/mirror/mirror-packer';
import { decodeMirrorMessage, type MirrorConfig, type MirrorFrame } from '../../../src/shared/mirror/mirror-stream';
import { AnnexBAccessUnitSplitter, NalType, nalUnitType, splitNalUnits, splitParameterSets } from '#wire';

const run = promisify(execFile);

async function x264(size: string, frames: number): Promise<Uint8Array> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`,
    '-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0',
    '-pix_fmt', 'yuv420p', '-f', 'h264', '-'], { encoding: 'buffer', maxBuffer: 1 << 26 });
  return new Uint8Array(stdout);
}

describe('MirrorPacker (scrcpy packets -> mirror messages)', () => {
  it('turns a config packet into a config message and merges SPS/PPS into the next frame', async () => {
    const splitter = new AnnexBAccessUnitSplitter();
    const units = [...splitter.push(await x264('360x800', 3)), ...splitter.flush()];
    expect(units).toHaveLength(3);
    const packer = new MirrorPacker();
    packer.setScreen({ width: 1080, height: 2400, rotation: 0 });
    // As Android's MediaCodec and scrcpy send it: CONFIG packet, then the bare key frame.
    const { config, frame } = splitParameterSets(units[0].data);
    const out = [
      ...packer.push({ config: true, keyFrame: false, ptsUs: 0, data: config! }, 10),
      ...packer.push({ config: false, keyFrame: true, ptsUs: 100, data: frame }, 11),
      ...packer.push({ config: false, keyFrame: false, ptsUs: 33_433, data: units[1].data }, 12),
    ].map((b) => decodeMirrorMessage(b));
    expect(out.map((m) => m.type)).toEqual(['config', 'frame', 'frame']);
    const cfg = out[0] as MirrorConfig;
    expect(cfg).toMatchObject({ codedWidth: 360, codedHeight: 800, screenWidth: 1080, screenHeight: 2400, rotation: 0 });
    expect(cfg.codec).toMatch(/^avc1\.[0-9A-F]{6}$/);
    const key = out[1] as MirrorFrame;
    expect(key).toMatchObject({ keyFrame: true, ptsUs: 100, receivedAtMs: 11 });
    expect(splitNalUnits(key.data).map(nalUnitType).slice(0, 2)).toEqual([NalType.SPS, NalType.PPS]);
    const delta = out[2] as MirrorFrame;
    expect(delta).toMatchObject({ keyFrame: false, ptsUs: 33_433, receivedAtMs: 12 });
    expect([...delta.data]).toEqual([...units[1].data]);
  });

  it('rejects a config packet that carries no SPS', () => {
    const packer = new MirrorPacker();
    expect(() => packer.push({ config: true, keyFrame: false, ptsUs: 0, data: new Uint8Array([0, 0, 0, 1, 0x68, 0xce]) }, 0))
      .toThrow(/config packet without an SPS/);
  });
});
