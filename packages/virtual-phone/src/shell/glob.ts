// Shell patterns (`*`, `?`, `[a-z]`, `[!x]`, backslash escapes) for case arms, `${X#pat}`,
// find -name and pathname expansion over the simulated filesystem.
import { posix } from 'node:path';

/** The pattern as a RegExp; `dotSlash` false lets `*` match '/' (case, find -name). */
export function globToRegExp(pattern: string, anchored = true): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) { re += escapeRe(pattern[++i]); continue; }
    if (c === '*') { re += '.*'; continue; }
    if (c === '?') { re += '.'; continue; }
    if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close > 0) {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
        i = close;
        continue;
      }
    }
    re += escapeRe(c);
  }
  return new RegExp(anchored ? `^${re}$` : `(?:${re})`, 's');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function globMatch(pattern: string, text: string): boolean {
  return globToRegExp(pattern).test(text);
}

export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') { i++; continue; }
    if ('*?['.includes(pattern[i])) return true;
  }
  return false;
}

export interface GlobFs {
  list(path: string): string[];
  isDir(path: string): boolean;
}

/** Paths matching the pattern, component by component; relative patterns give relative paths. */
export function expandPathname(pattern: string, cwd: string, fs: GlobFs): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, k) => p !== '' || k === 0);
  let results: string[] = [absolute ? '/' : ''];
  for (const [k, part] of parts.entries()) {
    if (k === 0 && absolute) continue;
    const next: string[] = [];
    for (const base of results) {
      const dir = posix.resolve(cwd, base || '.');
      if (!hasWildcard(part)) {
        const literal = part.replace(/\\(.)/g, '$1');
        next.push(base === '' ? literal : base === '/' ? `/${literal}` : `${base}/${literal}`);
        continue;
      }
      if (!fs.isDir(dir)) continue;
      const re = globToRegExp(part);
      for (const name of fs.list(dir)) {
        // A leading dot is matched only by a pattern that starts with one.
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
      }
    }
    results = next;
  }
  return results.filter((p) => {
    try {
      fs.list(posix.resolve(cwd, posix.dirname(p)));
      return exists(fs, posix.resolve(cwd, p));
    } catch {
      return false;
    }
  }).sort();
}

function exists(fs: GlobFs, abs: string): boolean {
  if (abs === '/') return true;
  try {
    return fs.list(posix.dirname(abs)).includes(posix.basename(abs));
  } catch {
    return false;
  }
}
