// What the shell user (uid 2000) of a user build may touch: shared storage and /data/local/tmp
// are writable; the system partitions are mounted read-only; the rest of /data is closed to it
// (SELinux and 0771 system-owned folders). adbd's sync service runs as the same user.
import { FsError, MemoryFs } from './memory-fs';

const WRITABLE = ['/sdcard', '/storage/emulated/0', '/data/local/tmp'];
const READ_ONLY = ['/system', '/vendor', '/product', '/odm', '/apex', '/system_ext'];
/** Folders the shell may pass through but not list. */
const UNLISTABLE = new Set(['/data', '/data/local', '/data/data', '/data/app', '/data/system']);

const under = (path: string, roots: string[]): boolean => roots.some((r) => path === r || path.startsWith(`${r}/`));

/** Why the shell may not create, change or delete `path`, or null when it may. */
export function writeDenied(path: string): 'EACCES' | 'EROFS' | null {
  const p = MemoryFs.normalize(path);
  if (under(p, WRITABLE)) return null;
  if (p === '/' || under(p, READ_ONLY)) return 'EROFS';
  return 'EACCES';
}

/** Why the shell may not read the file or list the folder at `path`, or null. */
export function readDenied(path: string): 'EACCES' | null {
  const p = MemoryFs.normalize(path);
  if (UNLISTABLE.has(p)) return 'EACCES';
  if (p.startsWith('/data/') && !under(p, ['/data/local/tmp'])) return 'EACCES';
  return null;
}

export function assertWritable(path: string): void {
  const code = writeDenied(path);
  if (code) throw new FsError(code, MemoryFs.normalize(path));
}
