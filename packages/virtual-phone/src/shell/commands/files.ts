// Toybox's file tools over the simulated filesystem: stat, md5sum/sha1sum/sha256sum, cp, mv,
// chmod, find, basename, dirname; with toybox's messages and exit codes.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { FsError, MemoryFs, type FsStat } from '../../fs/memory-fs';
import { readDenied, writeDenied } from '../../fs/shell-access';
import { globToRegExp } from '../glob';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import { toolInputs } from './basic';

const pad = (n: number): string => String(n).padStart(2, '0');

function timestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000000000 +0000`;
}

function permString(st: FsStat): string {
  const bits = 'rwxrwxrwx';
  let s = st.kind === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) s += st.mode & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

/** Stable inode numbers: a hash of the path. */
function inode(path: string): number {
  let h = 2166136261;
  for (const ch of path) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 10000 + (h % 900000);
}

function owner(path: string): { uid: number; name: string; gid: number; group: string } {
  if (path === '/sdcard' || path.startsWith('/sdcard/') || path.startsWith('/storage/')) return { uid: 0, name: 'root', gid: 9997, group: 'everybody' };
  if (path.startsWith('/data/local/tmp/')) return { uid: 2000, name: 'shell', gid: 2000, group: 'shell' };
  return { uid: 0, name: 'root', gid: path.startsWith('/data') ? 1000 : 0, group: path.startsWith('/data') ? 'system' : 'root' };
}

function statFormat(format: string, path: string, name: string, st: FsStat): string {
  const o = owner(path);
  return format.replace(/%([%aAbBdDfFgGhinNosuUxXyYzZ])/g, (_, f: string) => {
    switch (f) {
      case '%': return '%';
      case 'a': return (st.mode & 0o7777).toString(8);
      case 'A': return permString(st);
      case 'b': return String(Math.ceil(st.size / 512 / 8) * 8);
      case 'B': return '512';
      case 'd': return '64773';
      case 'D': return 'fd05';
      case 'f': return st.mode.toString(16);
      case 'F': return st.kind === 'dir' ? 'directory' : st.size === 0 ? 'regular empty file' : 'regular file';
      case 'g': return String(o.gid);
      case 'G': return o.group;
      case 'h': return st.kind === 'dir' ? '2' : '1';
      case 'i': return String(inode(path));
      case 'n': return name;
      case 'N': return `'${name}'`;
      case 'o': return '4096';
      case 's': return String(st.size);
      case 'u': return String(o.uid);
      case 'U': return o.name;
      case 'x': case 'y': case 'z': return timestamp(st.mtime);
      case 'X': case 'Y': case 'Z': return String(st.mtime);
      default: return '';
    }
  });
}

const DEFAULT_STAT = `  File: %N
  Size: %s\t Blocks: %b\t IO Blocks: %o\t%F
Device: %Dh/%dd\t Inode: %i\t Links: %h
Access: (0%a/%A)\tUid: (%5u/%8U)\tGid: (%5g/%8G)
Access: %x
Modify: %y
Change: %z`;

const stat: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let format: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--format') format = args[++i] ?? '';
    else if (args[i].startsWith('--format=')) format = args[i].slice(9);
    else if (args[i] === '-L' || args[i] === '-t') continue;
    else files.push(args[i]);
  }
  if (files.length === 0) {
    writeLine(ctx.stderr, 'stat: Needs 1 argument');
    return 1;
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.path(f);
    const st = ctx.device.fs.stat(path);
    if (!st) {
      writeLine(ctx.stderr, `stat: '${f}': No such file or directory`);
      status = 1;
      continue;
    }
    writeLine(ctx.stdout, statFormat(format ?? DEFAULT_STAT.replace(/\(%5u\/%8U\)/, `(${String(owner(path).uid).padStart(5)}/${owner(path).name.padStart(8)})`), path, f, st));
  }
  return status;
};

const digest = (algorithm: 'md5' | 'sha1' | 'sha256'): ShellCommand => async (ctx) => {
  const tool = `${algorithm}sum`;
  const { inputs, status } = await toolInputs(ctx, tool, ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-'));
  for (const i of inputs) writeLine(ctx.stdout, `${createHash(algorithm).update(i.data).digest('hex')}  ${i.name}`);
  return status;
};

function describe(error: unknown): string {
  return error instanceof FsError ? FsError.describe(error.code) : String(error);
}

/** cp and mv share their operand rules: SRC... DEST, a directory DEST takes each source by name. */
function transfer(tool: 'cp' | 'mv'): ShellCommand {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
    const operands = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
    const recursive = /[rRa]/.test(flags);
    if (operands.length < 2) {
      writeLine(ctx.stderr, `${tool}: Needs 2 arguments`);
      return 1;
    }
    const fs = ctx.device.fs;
    const dest = operands.pop()!;
    const destPath = ctx.path(dest);
    const destIsDir = fs.stat(destPath)?.kind === 'dir';
    if (operands.length > 1 && !destIsDir) {
      writeLine(ctx.stderr, `${tool}: '${dest}' not directory`);
      return 1;
    }
    let status = 0;
    for (const src of operands) {
      const srcPath = ctx.path(src);
      const st = fs.stat(srcPath);
      const target = destIsDir ? MemoryFs.normalize(`${destPath}/${posix.basename(srcPath)}`) : destPath;
      const fail = (why: string): void => { writeLine(ctx.stderr, `${tool}: ${why}`); status = 1; };
      if (!st) { fail(`bad '${src}': No such file or directory`); continue; }
      if (readDenied(srcPath) && st.kind === 'file') { fail(`${src}: Permission denied`); continue; }
      if (st.kind === 'dir' && tool === 'cp' && !recursive) { fail(`${src}: is directory`); continue; }
      const denied = writeDenied(target) ?? (tool === 'mv' ? writeDenied(srcPath) : null);
      if (denied) { fail(`${tool === 'cp' ? `${target}` : `${src}`}: ${FsError.describe(denied)}`); continue; }
      if (!fs.stat(posix.dirname(target))) { fail(`'${dest}': No such file or directory`); continue; }
      try {
        if (tool === 'mv') fs.rename(srcPath, target);
        else copyTree(fs, srcPath, target);
      } catch (error) {
        fail(`${target}: ${describe(error)}`);
      }
    }
    return status;
  };
}

function copyTree(fs: MemoryFs, from: string, to: string): void {
  const st = fs.stat(from)!;
  if (st.kind === 'file') {
    fs.writeFile(to, fs.readFile(from), { perm: st.mode & 0o7777 });
    return;
  }
  if (to === from || to.startsWith(`${from}/`)) throw new FsError('EEXIST', to);
  fs.mkdirp(to);
  for (const name of fs.list(from)) copyTree(fs, `${from}/${name}`, `${to}/${name}`);
}

const chmod: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-R');
  const [modeArg, ...files] = args;
  if (!modeArg || files.length === 0) {
    writeLine(ctx.stderr, 'chmod: Needs 2 arguments');
    return 1;
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.path(f);
    const st = ctx.device.fs.stat(path);
    if (!st) { writeLine(ctx.stderr, `chmod: ${f}: No such file or directory`); status = 1; continue; }
    const denied = writeDenied(path);
    if (denied) { writeLine(ctx.stderr, `chmod: ${f}: ${denied === 'EROFS' ? 'Read-only file system' : 'Operation not permitted'}`); status = 1; continue; }
    const mode = applyMode(st.mode & 0o7777, modeArg, st.kind === 'dir');
    if (mode === null) { writeLine(ctx.stderr, `chmod: bad mode '${modeArg}'`); return 1; }
    ctx.device.fs.chmod(path, mode);
  }
  return status;
};

/** Octal (755) or symbolic (u+x,go-w,a=r) modes. */
export function applyMode(current: number, spec: string, isDir: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) return Number.parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const p of m[3]) bits |= p === 'r' ? 4 : p === 'w' ? 2 : p === 'x' || (p === 'X' && (isDir || (current & 0o111))) ? 1 : 0;
    let mask = 0;
    let value = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      mask |= 7 << shift;
      value |= bits << shift;
    }
    if (m[2] === '+') mode |= value;
    else if (m[2] === '-') mode &= ~value;
    else mode = (mode & ~mask) | value;
  }
  return mode;
}

const find: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  const roots: string[] = [];
  while (args.length && !args[0].startsWith('-') && args[0] !== '(' && args[0] !== '!') roots.push(args.shift()!);
  if (roots.length === 0) roots.push('.');
  type Test = (path: string, name: string, st: FsStat, depth: number) => boolean;
  const tests: Test[] = [];
  let maxDepth = Infinity;
  let minDepth = 0;
  let print0 = false;
  let negate = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let t: Test | null = null;
    switch (a) {
      case '!': case '-not': negate = !negate; continue;
      case '-name': case '-iname': {
        const re = globToRegExp(args[++i] ?? '');
        const ci = a === '-iname' ? new RegExp(re.source, 'is') : re;
        t = (_p, name) => ci.test(name);
        break;
      }
      case '-path': { const re = globToRegExp(args[++i] ?? ''); t = (p) => re.test(p); break; }
      case '-type': {
        const kind = args[++i];
        if (kind !== 'f' && kind !== 'd' && kind !== 'l') { writeLine(ctx.stderr, `find: bad -type '${kind ?? ''}'`); return 1; }
        t = (_p, _n, st) => (kind === 'f' ? st.kind === 'file' : kind === 'd' ? st.kind === 'dir' : false);
        break;
      }
      case '-maxdepth': maxDepth = Number(args[++i]); continue;
      case '-mindepth': minDepth = Number(args[++i]); continue;
      case '-print': continue;
      case '-print0': print0 = true; continue;
      case '-size': {
        const m = /^([+-]?)(\d+)([ckMG]?)$/.exec(args[++i] ?? '');
        if (!m) { writeLine(ctx.stderr, `find: bad -size '${args[i] ?? ''}'`); return 1; }
        const unit = m[3] === 'c' ? 1 : m[3] === 'k' ? 1024 : m[3] === 'M' ? 1 << 20 : m[3] === 'G' ? 1 << 30 : 512;
        const n = Number(m[2]);
        t = (_p, _n, st) => { const size = Math.ceil(st.size / unit); return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n; };
        break;
      }
      case '-newer': {
        const ref = ctx.device.fs.stat(ctx.path(args[++i] ?? ''));
        if (!ref) { writeLine(ctx.stderr, `find: '${args[i]}': No such file or directory`); return 1; }
        t = (_p, _n, st) => st.mtime > ref.mtime;
        break;
      }
      case '-empty': t = (p, _n, st) => (st.kind === 'dir' ? ctx.device.fs.list(ctx.path(p)).length === 0 : st.size === 0); break;
      case '-a': case '-and': continue;
      default:
        writeLine(ctx.stderr, `find: Unknown option '${a}'`);
        return 1;
    }
    if (negate) { const inner = t; t = (...x) => !inner(...x); negate = false; }
    tests.push(t);
  }
  let status = 0;
  const emit = (p: string): void => ctx.stdout.write(print0 ? `${p}\0` : `${p}\n`);
  const walk = (shown: string, depth: number): void => {
    const abs = ctx.path(shown);
    const st = ctx.device.fs.stat(abs);
    if (!st) return;
    const name = depth === 0 ? shown : posix.basename(shown);
    if (depth >= minDepth && tests.every((t) => t(shown, name, st, depth))) emit(shown);
    if (st.kind !== 'dir' || depth >= maxDepth) return;
    if (readDenied(abs)) {
      writeLine(ctx.stderr, `find: '${shown}': Permission denied`);
      status = 1;
      return;
    }
    for (const child of ctx.device.fs.list(abs)) walk(shown.endsWith('/') ? `${shown}${child}` : `${shown}/${child}`, depth + 1);
  };
  for (const root of roots) {
    if (!ctx.device.fs.stat(ctx.path(root))) {
      writeLine(ctx.stderr, `find: '${root}': No such file or directory`);
      status = 1;
      continue;
    }
    walk(root, 0);
  }
  return status;
};

function operand(ctx: CommandContext, tool: string): string | null {
  const arg = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (arg === undefined) writeLine(ctx.stderr, `${tool}: Needs 1 argument`);
  return arg ?? null;
}

export const fileCommands: Record<string, ShellCommand> = {
  stat,
  md5sum: digest('md5'),
  sha1sum: digest('sha1'),
  sha256sum: digest('sha256'),
  cp: transfer('cp'),
  mv: transfer('mv'),
  chmod,
  find,
  basename: (ctx) => {
    const name = operand(ctx, 'basename');
    if (name === null) return 1;
    const suffix = ctx.argv.slice(1).filter((a) => !a.startsWith('-'))[1];
    let b = posix.basename(name);
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    writeLine(ctx.stdout, b);
    return 0;
  },
  dirname: (ctx) => {
    const name = operand(ctx, 'dirname');
    if (name === null) return 1;
    writeLine(ctx.stdout, posix.dirname(name));
    return 0;
  },
};
