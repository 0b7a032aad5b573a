import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnnexBAccessUnitSplitter, BitReader, codecStringFromSps, ConfigPacketMerger, findSps, firstMbInSlice,
  groupAccessUnits, joinNalUnits, nalToRbsp, NalType, nalUnitType, parseSps, splitNalUnits, splitParameterSets,
  type AccessUnit,
} from '../../../packages/wire/src/h264';

const run = promisify(execFile);
let dir: string;

/** Real x264 output, produced by the installed ffmpeg. */
async function encode(name: string, size: string, frames: number, extra: string[]): Promise<Uint8Array> {
  const out = join(dir, name);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=30`,
    '-frames:v', String(frames), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...extra, '-f', 'h264', out]);
  return new Uint8Array(await readFile(out));
}

let high720: Uint8Array;
let baseline1080: Uint8Array;
let sliced: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-h264-'));
  [high720, baseline1080, sliced] = await Promise.all([
    encode('high.h264', '720x1600', 1, []),
    // 2340 is not a multiple of 16: the SPS carries a cropping window.
    encode('base.h264', '1080x2340', 1, ['-profile:v', 'baseline']),
    encode('sliced.h264', '320x240', 5, ['-tune', 'zerolatency', '-x264-params', 'slice-max-mbs=75:keyint=3']),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SPS', () => {
  it('parses size, profile and level of a real x264 High-profile SPS', () => {
    const sps = findSps(high720);
    expect(sps).not.toBeNull();
    const info = parseSps(sps!);
    expect(info).toMatchObject({ width: 720, height: 1600, profileIdc: 100, levelIdc: 32, chromaFormatIdc: 1 });
    expect(codecStringFromSps(info)).toBe('avc1.640020');
  });

  it('applies the cropping window and reads baseline constraint flags', () => {
    const info = parseSps(findSps(baseline1080)!);
    expect(info.width).toBe(1080);
    expect(info.height).toBe(2340);
    // x264 baseline sets constraint_set0 and constraint_set1 (Constrained Baseline): 0xC0.
    expect(codecStringFromSps(findSps(baseline1080)!)).toBe('avc1.42C032');
  });

  it('refuses a NAL that is not an SPS', () => {
    const pps = splitNalUnits(high720).find((n) => nalUnitType(n) === NalType.PPS)!;
    expect(() => parseSps(pps)).toThrow(RangeError);
  });
});

describe('bitstream helpers', () => {
  it('reads Exp-Golomb codes', () => {
    // 1 | 010 | 011 | 00100 | 00101 -> ue 0, 1, 2, 3, se(4) = -2
    const r = new BitReader(new Uint8Array([0b10100110, 0b01000010, 0b10000000]));
    expect([r.ue(), r.ue(), r.ue(), r.ue(), r.se()]).toEqual([0, 1, 2, 3, -2]);
  });

  it('removes emulation prevention bytes', () => {
    expect([...nalToRbsp(new Uint8Array([0x67, 0, 0, 3, 1, 0, 0, 3, 0, 5]))]).toEqual([0x67, 0, 0, 1, 0, 0, 0, 5]);
  });

  it('splits Annex-B with 3- and 4-byte start codes and joins it back', () => {
    const data = new Uint8Array([0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5]);
    const nals = splitNalUnits(data);
    expect(nals.map((n) => [...n])).toEqual([[0x67, 1, 2], [0x68, 3], [0x65, 4, 5]]);
    expect(splitNalUnits(joinNalUnits(nals)).map((n) => [...n])).toEqual(nals.map((n) => [...n]));
  });
});

describe('access units', () => {
  it('groups multi-slice x264 output into one access unit per frame', () => {
    const nals = splitNalUnits(sliced);
    const slices = nals.filter((n) => nalUnitType(n) === NalType.SLICE || nalUnitType(n) === NalType.IDR);
    // 300 macroblocks per frame, at most 75 per slice: x264 writes several slices per frame.
    expect(slices.filter((n) => firstMbInSlice(n) === 0).length).toBe(5);
    const perFrame = slices.length / 5;
    expect(perFrame).toBeGreaterThanOrEqual(4);
    const units = groupAccessUnits(nals);
    expect(units.length).toBe(5);
    for (const u of units) {
      expect(u.filter((n) => nalUnitType(n) === NalType.SLICE || nalUnitType(n) === NalType.IDR).length).toBe(perFrame);
    }
  });

  it('splits a chunked stream incrementally into the same access units', () => {
    const expected = groupAccessUnits(splitNalUnits(sliced)).map((u) => joinNalUnits(u));
    for (const chunkSize of [1, 7, 997, sliced.length]) {
      const splitter = new AnnexBAccessUnitSplitter();
      const units: AccessUnit[] = [];
      for (let i = 0; i < sliced.length; i += chunkSize) units.push(...splitter.push(sliced.slice(i, i + chunkSize)));
      units.push(...splitter.flush());
      expect(units.map((u) => u.data)).toEqual(expected);
      // keyint=3: IDR at frames 0 and 3, each with fresh SPS/PPS from x264's repeat-headers.
      expect(units.map((u) => u.keyFrame)).toEqual([true, false, false, true, false]);
      expect(units[0].hasSps).toBe(true);
    }
  }, 60_000);

  it('splits parameter sets out of a key frame and merges them back into the next packet', () => {
    const first = groupAccessUnits(splitNalUnits(sliced))[0];
    const { config, frame } = splitParameterSets(joinNalUnits(first));
    expect(config).not.toBeNull();
    expect(splitNalUnits(config!).map(nalUnitType)).toEqual([NalType.SPS, NalType.PPS]);
    expect(splitNalUnits(frame).some((n) => nalUnitType(n) === NalType.SPS)).toBe(false);

    const merger = new ConfigPacketMerger();
    expect(merger.push({ config: true, keyFrame: false, ptsUs: 0, data: config! })).toBeNull();
    const merged = merger.push({ config: false, keyFrame: true, ptsUs: 10, data: frame });
    expect(merged?.ptsUs).toBe(10);
    expect([...merged!.data.subarray(0, config!.length)]).toEqual([...config!]);
    expect(merged!.data.length).toBe(config!.length + frame.length);
    // The config is prepended once only; later packets pass through untouched.
    const next = { config: false, keyFrame: false, ptsUs: 20, data: frame };
    expect(merger.push(next)).toBe(next);
    expect(merger.lastConfig).toEqual(config);
  });
});
