// The video size an MP4's header declares: the track header (tkhd, what players size their
// window by) and the H.264 sample entry (avc1 in stsd). Read from the boxes themselves:
// ffprobe's stream size is sometimes its own probe's (it decodes frames) and hides a mismatch.
import { readFile } from 'node:fs/promises';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  type: string;
  body: Buffer;
}

function* boxes(data: Buffer): Generator<Box> {
  for (let off = 0; off + 8 <= data.length;) {
    const size = data.readUInt32BE(off);
    const type = data.toString('latin1', off + 4, off + 8);
    if (size < 8 || off + size > data.length) return; // 64-bit sizes never occur in these small files
    yield { type, body: data.subarray(off + 8, off + size) };
    off += size;
  }
}

function find(data: Buffer, path: string[]): Buffer | undefined {
  for (const box of boxes(data)) {
    if (box.type !== path[0]) continue;
    if (path.length === 1) return box.body;
    if (CONTAINERS.has(box.type)) return find(box.body, path.slice(1));
  }
  return undefined;
}

export async function mp4VideoHeaderSize(file: string): Promise<{ track: string; sampleEntry: string }> {
  const data = await readFile(file);
  const tkhd = find(data, ['moov', 'trak', 'tkhd']);
  const stsd = find(data, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd']);
  if (!tkhd || !stsd) throw new Error(`${file}: no video track header`);
  // tkhd: version/flags, times and ids (20 bytes in v0, 32 in v1), 52 bytes to the 16.16 size.
  const sizeAt = 4 + (tkhd[0] === 1 ? 32 : 20) + 52;
  const track = `${tkhd.readUInt32BE(sizeAt) / 65536}x${tkhd.readUInt32BE(sizeAt + 4) / 65536}`;
  // stsd: version/flags, entry count, then the avc1 box: 24 bytes of fields before width, height.
  const entry = [...boxes(stsd.subarray(8))][0];
  if (entry?.type !== 'avc1') throw new Error(`${file}: sample entry ${entry?.type ?? 'missing'}, not avc1`);
  return { track, sampleEntry: `${entry.body.readUInt16BE(24)}x${entry.body.readUInt16BE(26)}` };
}
