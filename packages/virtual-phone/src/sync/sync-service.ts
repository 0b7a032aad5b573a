// The `sync:` service over the in-memory filesystem: what `adb push/pull/ls` and adbkit's
// push/pull/stat/readdir speak.
import type { AdbStream } from '../adb/adb-stream';
import { StreamClosedError, StreamReader } from '../adb/stream-reader';
import { FsError, MemoryFs } from '../fs/memory-fs';
import {
  ENOENT, SYNC_DATA_MAX, dentRecord, dentV2Record, failReply, listDone, listV2Done, parseSendTarget, parseSyncHeader,
  statReply, statV2Reply, syncHeader, type StatV2,
} from './sync-protocol';
import { readDenied, writeDenied } from '../fs/shell-access';

/** stat_v2 fields of a path; sdcard files belong to root:everybody, tmp files to shell. */
function statV2(fs: MemoryFs, path: string): StatV2 {
  const st = fs.stat(path);
  if (!st) return { error: ENOENT, dev: 0, ino: 0, mode: 0, nlink: 0, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0, ctime: 0 };
  const shellOwned = MemoryFs.normalize(path).startsWith('/data/local/tmp/');
  let ino = 2166136261;
  for (const ch of MemoryFs.normalize(path)) ino = Math.imul(ino ^ ch.charCodeAt(0), 16777619) >>> 0;
  return {
    error: 0, dev: 64773, ino: 10000 + (ino % 900000), mode: st.mode, nlink: st.kind === 'dir' ? 2 : 1,
    uid: shellOwned ? 2000 : 0, gid: shellOwned ? 2000 : 9997, size: st.size, atime: st.mtime, mtime: st.mtime, ctime: st.mtime,
  };
}

export interface SyncServiceHooks {
  /** A file arrived by push (the scrcpy server jar, an APK...). */
  onPushed?(path: string, size: number): void;
}

export async function serveSync(stream: AdbStream, fs: MemoryFs, hooks: SyncServiceHooks = {}): Promise<void> {
  const reader = new StreamReader(stream);
  try {
    for (;;) {
      const header = parseSyncHeader(await reader.read(8));
      switch (header.id) {
        case 'STAT': {
          const path = (await reader.read(header.length)).toString('utf8');
          const st = fs.stat(path);
          await stream.write(st ? statReply(st.mode, st.size, st.mtime) : statReply(0, 0, 0));
          break;
        }
        case 'STA2':
        case 'LST2': {
          const path = (await reader.read(header.length)).toString('utf8');
          await stream.write(statV2Reply(header.id, statV2(fs, path)));
          break;
        }
        case 'LIS2': {
          const path = (await reader.read(header.length)).toString('utf8');
          const parts: Buffer[] = [];
          if (fs.stat(path)?.kind === 'dir' && !readDenied(path)) {
            for (const name of ['.', '..', ...fs.list(path)]) parts.push(dentV2Record(statV2(fs, name === '.' ? path : name === '..' ? `${path}/..` : `${path}/${name}`), name));
          }
          parts.push(listV2Done());
          await stream.write(Buffer.concat(parts));
          break;
        }
        case 'LIST': {
          const path = (await reader.read(header.length)).toString('utf8');
          await stream.write(listDirectory(fs, path));
          break;
        }
        case 'SEND': {
          const target = parseSendTarget((await reader.read(header.length)).toString('utf8'));
          await receiveFile(reader, stream, fs, target, hooks);
          break;
        }
        case 'RECV': {
          const path = (await reader.read(header.length)).toString('utf8');
          await sendFile(stream, fs, path);
          break;
        }
        case 'QUIT':
          stream.end();
          return;
        default:
          await stream.write(failReply(`unknown sync request ${JSON.stringify(header.id)}`));
          stream.end();
          return;
      }
    }
  } catch (error) {
    if (!(error instanceof StreamClosedError)) throw error;
  }
}

function listDirectory(fs: MemoryFs, path: string): Buffer {
  const parts: Buffer[] = [];
  const st = fs.stat(path);
  if (st?.kind === 'dir' && !readDenied(path)) {
    for (const name of ['.', '..', ...fs.list(path)]) {
      const child = name === '.' ? st : name === '..' ? fs.stat(`${path}/..`) ?? st : fs.stat(`${path}/${name}`);
      if (child) parts.push(dentRecord(child.mode, child.size, child.mtime, name));
    }
  }
  parts.push(listDone());
  return Buffer.concat(parts);
}

async function receiveFile(
  reader: StreamReader, stream: AdbStream, fs: MemoryFs, target: { path: string; mode: number }, hooks: SyncServiceHooks,
): Promise<void> {
  const chunks: Buffer[] = [];
  let failure: string | null = null;
  for (;;) {
    const h = parseSyncHeader(await reader.read(8));
    if (h.id === 'DATA') {
      // adbd's buffer is SYNC_DATA_MAX: bigger chunks fail the push, as on a real device.
      if (h.length > SYNC_DATA_MAX) failure = 'oversize data message';
      chunks.push(Buffer.from(await reader.read(h.length)));
    } else if (h.id === 'DONE') {
      const denied = writeDenied(target.path);
      if (!failure && denied) failure = `couldn't create file: ${FsError.describe(denied)}`;
      if (!failure) {
        try {
          const data = Buffer.concat(chunks);
          fs.writeFile(target.path, data, { perm: target.mode & 0o7777, mtime: h.length });
          hooks.onPushed?.(target.path, data.length);
        } catch (error) {
          failure = error instanceof FsError ? `couldn't create file: ${FsError.describe(error.code)}` : String(error);
        }
      }
      await stream.write(failure ? failReply(failure) : syncHeader('OKAY', 0));
      return;
    } else {
      await stream.write(failReply(`invalid data message: expected DATA or DONE, got ${JSON.stringify(h.id)}`));
      return;
    }
  }
}

async function sendFile(stream: AdbStream, fs: MemoryFs, path: string): Promise<void> {
  let data: Buffer;
  try {
    const denied = readDenied(path);
    if (denied) throw new FsError(denied, path);
    data = fs.readFile(path);
  } catch (error) {
    const reason = error instanceof FsError ? FsError.describe(error.code) : String(error);
    await stream.write(failReply(`open failed: ${reason}`));
    return;
  }
  const parts: Buffer[] = [];
  for (let off = 0; off < data.length; off += SYNC_DATA_MAX) {
    const piece = data.subarray(off, off + SYNC_DATA_MAX);
    parts.push(syncHeader('DATA', piece.length), piece);
  }
  parts.push(syncHeader('DONE', 0));
  await stream.write(Buffer.concat(parts));
}
