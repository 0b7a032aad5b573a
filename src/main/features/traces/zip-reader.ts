// A strict reader for untrusted zip archives. It parses the central directory itself (fflate
// does not expose entry attributes), rejects anything a trace bundle never contains (folders,
// links, odd paths, encryption, ZIP64, overlapping entries) and every size/ratio limit BEFORE
// inflating, then inflates in small chunks and stops the moment an entry exceeds its declared
// size (a lying header cannot turn into a memory bomb).
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { AppError } from '../../../shared/errors';
import type { BundleLimits } from './bundle-format';

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the compressed data (after the local header). */
  dataOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const INFLATE_CHUNK = 16 * 1024;

export function bundleError(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('validation', `This is not a valid PhonePilot trace bundle: ${message}`, details ? { details } : {});
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Why a name is unsafe, or undefined. Bundles are flat: any folder is refused. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'an entry has an empty name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `entry "${JSON.stringify(name)}" has control characters in its name`;
  if (name.includes('\\')) return `entry "${name}" uses backslashes (a Windows path)`;
  if (/^[A-Za-z]:/.test(name)) return `entry "${name}" has a drive letter (an absolute Windows path)`;
  if (name.startsWith('/')) return `entry "${name}" is an absolute path`;
  if (name.split('/').some((part) => part === '..')) return `entry "${name}" tries to escape the folder (path traversal with "..")`;
  if (name.includes('/')) return `entry "${name}" is inside a folder (bundles are flat)`;
  if (name === '.' || name === '..') return `entry "${name}" is not a file name`;
  return undefined;
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - (22 + 0xffff));
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  throw bundleError('it is not a zip archive (no end-of-archive record).');
}

/** Reads and checks the directory of an archive: no inflating happens here. */
export function readZipDirectory(buf: Buffer, limits: BundleLimits): ZipEntry[] {
  if (buf.length > limits.maxArchiveBytes) throw bundleError(`the archive is ${mb(buf.length)}, more than the ${mb(limits.maxArchiveBytes)} limit.`);
  const eocd = findEocd(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bundleError('ZIP64 archives are not supported (a trace bundle is never that large).');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw bundleError('multi-part (spanned) archives are not supported.');
  if (count > limits.maxEntries) throw bundleError(`it has ${count} entries, more than the ${limits.maxEntries} limit.`);
  if (cdOffset + cdSize > eocd) throw bundleError('the archive directory is damaged (it points past the end of the file).');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  const ranges: Array<[number, number, string]> = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== CEN_SIG) throw bundleError('the archive directory is damaged.');
    const madeBy = buf.readUInt16LE(p + 4);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > cdOffset + cdSize) throw bundleError('the archive directory is damaged.');
    const name = buf.toString('latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    const unsafe = unsafeNameReason(name);
    if (unsafe) throw bundleError(`${unsafe}.`, { entry: name });
    const key = name.toLowerCase();
    if (seen.has(key)) throw bundleError(`entry "${name}" appears more than once.`, { entry: name });
    seen.add(key);

    const unixType = (external >>> 16) & S_IFMT;
    const fromUnix = madeBy >> 8 === 3 || madeBy >> 8 === 19;
    if (fromUnix && unixType === S_IFLNK) throw bundleError(`entry "${name}" is a symbolic link.`, { entry: name });
    if ((fromUnix && unixType === S_IFDIR) || (external & 0x10) !== 0) throw bundleError(`entry "${name}" is a folder (bundles are flat).`, { entry: name });
    if (fromUnix && unixType !== 0 && unixType !== S_IFREG) throw bundleError(`entry "${name}" is not a regular file.`, { entry: name });
    if (flags & 1) throw bundleError(`entry "${name}" is encrypted.`, { entry: name });
    if (method !== 0 && method !== 8) throw bundleError(`entry "${name}" uses compression method ${method} (only stored and deflate are allowed).`, { entry: name });
    if (method === 0 && compressedSize !== uncompressedSize) throw bundleError(`entry "${name}" is stored but its sizes disagree.`, { entry: name });
    if (uncompressedSize > limits.maxEntryBytes) {
      throw bundleError(`entry "${name}" unpacks to ${mb(uncompressedSize)}, more than the ${mb(limits.maxEntryBytes)} limit per file.`, { entry: name });
    }
    if (uncompressedSize > limits.ratioFloorBytes && uncompressedSize / Math.max(1, compressedSize) > limits.maxEntryRatio) {
      throw bundleError(`entry "${name}" is compressed ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1, which looks like a zip bomb.`, { entry: name });
    }
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) throw bundleError(`it unpacks to more than ${mb(limits.maxTotalBytes)}.`);

    // The local header must agree with the directory, and entries must not share bytes
    // (overlapping entries are how "quines" and non-recursive zip bombs multiply output).
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== LOC_SIG) throw bundleError(`entry "${name}" has a damaged header.`, { entry: name });
    const localNameLen = buf.readUInt16LE(localOffset + 26);
    const localExtraLen = buf.readUInt16LE(localOffset + 28);
    const localName = buf.toString('latin1', localOffset + 30, localOffset + 30 + localNameLen);
    if (localName !== name || buf.readUInt16LE(localOffset + 8) !== method) throw bundleError(`entry "${name}" has a header that disagrees with the archive directory.`, { entry: name });
    const dataOffset = localOffset + 30 + localNameLen + localExtraLen;
    const end = dataOffset + compressedSize;
    if (end > cdOffset) throw bundleError(`entry "${name}" runs past the end of the data.`, { entry: name });
    ranges.push([localOffset, end, name]);
    entries.push({ name, method, crc32: crc, compressedSize, uncompressedSize, dataOffset });
  }
  if (total > limits.ratioFloorBytes && total / buf.length > limits.maxTotalRatio) {
    throw bundleError(`it would unpack to ${mb(total)} from ${mb(buf.length)}, which looks like a zip bomb.`);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1]) throw bundleError(`entries "${ranges[i - 1]![2]}" and "${ranges[i]![2]}" overlap.`);
  }
  return entries;
}

/** Inflates one entry, never producing more than its declared size; checks its CRC. */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Uint8Array {
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = new Uint8Array(data);
  } else {
    out = new Uint8Array(entry.uncompressedSize);
    let written = 0;
    const inflater = new Inflate((chunk) => {
      if (written + chunk.length > entry.uncompressedSize) {
        throw bundleError(`entry "${entry.name}" unpacks to more than the size it declares (a zip bomb or a damaged archive).`, { entry: entry.name });
      }
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let i = 0; i < data.length; i += INFLATE_CHUNK) inflater.push(data.subarray(i, i + INFLATE_CHUNK), i + INFLATE_CHUNK >= data.length);
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw bundleError(`entry "${entry.name}" is damaged (${(err as Error).message}).`, { entry: entry.name });
    }
    if (written !== entry.uncompressedSize) throw bundleError(`entry "${entry.name}" is shorter than it declares (damaged archive).`, { entry: entry.name });
  }
  if (crc32(out) >>> 0 !== entry.crc32) throw bundleError(`entry "${entry.name}" is damaged (checksum mismatch).`, { entry: entry.name });
  return out;
}
