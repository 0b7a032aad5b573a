// Wire format of the `sync:` service (file_sync_protocol.h): 4-byte ASCII id + u32 LE.

export const SYNC_DATA_MAX = 64 * 1024;

export type SyncId = 'STAT' | 'LIST' | 'SEND' | 'RECV' | 'DATA' | 'DONE' | 'QUIT' | 'OKAY' | 'FAIL' | 'DENT' | 'STA2' | 'LST2' | 'LIS2' | 'DNT2';

/** The fields stat_v2 / ls_v2 carry (struct sync_stat_v2 / sync_dent_v2 in file_sync_protocol.h). */
export interface StatV2 {
  /** errno of the failed stat, 0 on success (then the rest is filled in). */
  error: number;
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
}

export const ENOENT = 2;

function writeStatV2(out: Buffer, at: number, s: StatV2): void {
  out.writeUInt32LE(s.error >>> 0, at);
  out.writeBigUInt64LE(BigInt(s.dev), at + 4);
  out.writeBigUInt64LE(BigInt(s.ino), at + 12);
  out.writeUInt32LE(s.mode >>> 0, at + 20);
  out.writeUInt32LE(s.nlink >>> 0, at + 24);
  out.writeUInt32LE(s.uid >>> 0, at + 28);
  out.writeUInt32LE(s.gid >>> 0, at + 32);
  out.writeBigUInt64LE(BigInt(s.size), at + 36);
  out.writeBigInt64LE(BigInt(s.atime), at + 44);
  out.writeBigInt64LE(BigInt(s.mtime), at + 52);
  out.writeBigInt64LE(BigInt(s.ctime), at + 60);
}

/** STA2 / LST2 reply: id + 68 bytes of stat (72 in all). */
export function statV2Reply(id: 'STA2' | 'LST2', s: StatV2): Buffer {
  const out = Buffer.alloc(72);
  out.write(id, 0, 'latin1');
  writeStatV2(out, 4, s);
  return out;
}

/** LIS2 entry: DNT2 + stat + u32 name length + name. */
export function dentV2Record(s: StatV2, name: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const out = Buffer.alloc(76 + nameBytes.length);
  out.write('DNT2', 0, 'latin1');
  writeStatV2(out, 4, s);
  out.writeUInt32LE(nameBytes.length, 72);
  nameBytes.copy(out, 76);
  return out;
}

/** LIS2 ends with a DONE shaped like an empty DNT2. */
export function listV2Done(): Buffer {
  const out = Buffer.alloc(76);
  out.write('DONE', 0, 'latin1');
  return out;
}

export interface SyncRequestHeader {
  id: string;
  /** Payload length, or the mtime for DONE. */
  length: number;
}

export function parseSyncHeader(bytes: Buffer): SyncRequestHeader {
  return { id: bytes.toString('latin1', 0, 4), length: bytes.readUInt32LE(4) };
}

export function syncHeader(id: SyncId, value: number): Buffer {
  const out = Buffer.alloc(8);
  out.write(id, 0, 'latin1');
  out.writeUInt32LE(value >>> 0, 4);
  return out;
}

export function statReply(mode: number, size: number, mtime: number): Buffer {
  const out = Buffer.alloc(16);
  out.write('STAT', 0, 'latin1');
  out.writeUInt32LE(mode >>> 0, 4);
  out.writeUInt32LE(size >>> 0, 8);
  out.writeUInt32LE(mtime >>> 0, 12);
  return out;
}

export function dentRecord(mode: number, size: number, mtime: number, name: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const out = Buffer.alloc(20 + nameBytes.length);
  out.write('DENT', 0, 'latin1');
  out.writeUInt32LE(mode >>> 0, 4);
  out.writeUInt32LE(size >>> 0, 8);
  out.writeUInt32LE(mtime >>> 0, 12);
  out.writeUInt32LE(nameBytes.length, 16);
  nameBytes.copy(out, 20);
  return out;
}

/** LIST ends with a DONE shaped like a DENT with every field zero. */
export function listDone(): Buffer {
  const out = Buffer.alloc(20);
  out.write('DONE', 0, 'latin1');
  return out;
}

export function failReply(message: string): Buffer {
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([syncHeader('FAIL', text.length), text]);
}

/** "path,mode" as adb sends it in SEND; the mode is decimal and may be absent. */
export function parseSendTarget(spec: string): { path: string; mode: number } {
  const comma = spec.lastIndexOf(',');
  if (comma < 0) return { path: spec, mode: 0o100644 };
  const mode = Number.parseInt(spec.slice(comma + 1), 10);
  return { path: spec.slice(0, comma), mode: Number.isFinite(mode) ? mode : 0o100644 };
}
