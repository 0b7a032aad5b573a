// The simulated phone's filesystem: just enough for push/pull, `> file` redirects, screencap
// and uiautomator output files. Paths are absolute and POSIX.
import { posix } from 'node:path';

export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

export interface FsEntry {
  kind: 'file' | 'dir';
  /** Permission bits only (e.g. 0o644); the type bits come from kind. */
  perm: number;
  /** Seconds since the epoch. */
  mtime: number;
  data: Buffer;
}

export interface FsStat {
  mode: number;
  size: number;
  mtime: number;
  kind: 'file' | 'dir';
}

export type FsErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'EACCES' | 'EROFS' | 'ENOTEMPTY';

export class FsError extends Error {
  constructor(readonly code: FsErrorCode, readonly path: string) {
    super(`${path}: ${FsError.describe(code)}`);
    this.name = 'FsError';
  }

  static describe(code: FsError['code']): string {
    switch (code) {
      case 'ENOENT': return 'No such file or directory';
      case 'ENOTDIR': return 'Not a directory';
      case 'EISDIR': return 'Is a directory';
      case 'EEXIST': return 'File exists';
      case 'EACCES': return 'Permission denied';
      case 'EROFS': return 'Read-only file system';
      case 'ENOTEMPTY': return 'Directory not empty';
    }
  }
}

/** The folders a fresh Android 14 user storage has (Environment.STANDARD_DIRECTORIES and Android/). */
export const SDCARD_FOLDERS = ['Alarms', 'Android', 'Audiobooks', 'DCIM', 'Documents', 'Download', 'Movies', 'Music', 'Notifications', 'Pictures', 'Podcasts', 'Recordings', 'Ringtones'];

const DEFAULT_DIRS = [
  '/', '/sdcard', ...SDCARD_FOLDERS.map((f) => `/sdcard/${f}`), '/sdcard/Android/data', '/sdcard/Android/media', '/sdcard/Android/obb',
  '/data', '/data/local', '/data/local/tmp', '/system', '/system/bin', '/system/etc', '/vendor', '/proc', '/dev',
];

export class MemoryFs {
  private readonly entries = new Map<string, FsEntry>();

  constructor(private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {
    for (const dir of DEFAULT_DIRS) this.entries.set(dir, { kind: 'dir', perm: 0o771, mtime: this.now(), data: Buffer.alloc(0) });
  }

  static normalize(path: string, cwd = '/'): string {
    const abs = posix.resolve(cwd, path);
    return abs.length > 1 && abs.endsWith('/') ? abs.slice(0, -1) : abs;
  }

  stat(path: string): FsStat | null {
    const e = this.entries.get(MemoryFs.normalize(path));
    if (!e) return null;
    return { kind: e.kind, mode: (e.kind === 'dir' ? S_IFDIR : S_IFREG) | e.perm, size: e.kind === 'dir' ? 4096 : e.data.length, mtime: e.mtime };
  }

  exists(path: string): boolean {
    return this.entries.has(MemoryFs.normalize(path));
  }

  readFile(path: string): Buffer {
    const p = MemoryFs.normalize(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') throw new FsError('EISDIR', p);
    return e.data;
  }

  /** Creates missing parent directories, as adbd does for pushes (fixed_push_mkdir). */
  writeFile(path: string, data: Uint8Array, options: { perm?: number; mtime?: number; append?: boolean } = {}): void {
    const p = MemoryFs.normalize(path);
    const existing = this.entries.get(p);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', p);
    this.mkdirp(posix.dirname(p));
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const content = options.append && existing ? Buffer.concat([existing.data, bytes]) : Buffer.from(bytes);
    this.entries.set(p, { kind: 'file', perm: options.perm ?? existing?.perm ?? 0o644, mtime: options.mtime ?? this.now(), data: content });
  }

  mkdirp(path: string): void {
    const p = MemoryFs.normalize(path);
    if (p === '/') return;
    const e = this.entries.get(p);
    if (e) {
      if (e.kind !== 'dir') throw new FsError('ENOTDIR', p);
      return;
    }
    this.mkdirp(posix.dirname(p));
    this.entries.set(p, { kind: 'dir', perm: 0o771, mtime: this.now(), data: Buffer.alloc(0) });
  }

  /** Children names of a directory, sorted. */
  list(path: string): string[] {
    const p = MemoryFs.normalize(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind !== 'dir') throw new FsError('ENOTDIR', p);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names: string[] = [];
    for (const key of this.entries.keys()) {
      if (key !== p && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) names.push(key.slice(prefix.length));
    }
    return names.sort();
  }

  /** Sets the permission bits (chmod). */
  chmod(path: string, perm: number): void {
    const e = this.entries.get(MemoryFs.normalize(path));
    if (!e) throw new FsError('ENOENT', MemoryFs.normalize(path));
    e.perm = perm & 0o7777;
  }

  /** Moves a file or a whole directory tree (mv); the target's parent must exist. */
  rename(from: string, to: string): void {
    const src = MemoryFs.normalize(from);
    const dst = MemoryFs.normalize(to);
    const e = this.entries.get(src);
    if (!e) throw new FsError('ENOENT', src);
    if (!this.entries.has(posix.dirname(dst))) throw new FsError('ENOENT', dst);
    if (e.kind === 'dir' && (dst === src || dst.startsWith(`${src}/`))) throw new FsError('EEXIST', dst);
    const moved: Array<[string, FsEntry]> = [];
    for (const [key, value] of this.entries) {
      if (key === src || key.startsWith(`${src}/`)) moved.push([dst + key.slice(src.length), value]);
    }
    for (const [key] of moved) this.entries.delete(src + key.slice(dst.length));
    for (const [key, value] of moved) this.entries.set(key, value);
  }

  remove(path: string, recursive = false): void {
    const p = MemoryFs.normalize(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.kind === 'dir') {
      if (!recursive) throw new FsError('EISDIR', p);
      const prefix = `${p}/`;
      for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    }
    this.entries.delete(p);
  }
}
