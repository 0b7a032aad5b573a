// Wire format of the `sync:` service (file_sync_protocol.h): 4-byte ASCII id + u32 LE.

export const SYNC_DATA_MAX = 64 * 1024;

export type SyncId = 'STAT' | 'LIST' | 'SEND' | 'RECV' | 'DATA' | 'DONE' | 'QUIT' | 'OKAY' | 'FAIL' | 'DENT';

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
