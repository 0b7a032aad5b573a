// `test` / `[`: file tests against the simulated filesystem, string and integer comparisons,
// `!`, `-a`, `-o` and parentheses. Exit 0 true, 1 false, 2 on a usage error.
import type { MemoryFs } from '../fs/memory-fs';
import { readDenied, writeDenied } from '../fs/shell-access';

export class TestSyntaxError extends Error {}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-p', '-S', '-b', '-c', '-g', '-u', '-k', '-O', '-G']);
const INT_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

export function evaluateTest(args: string[], fs: MemoryFs, resolve: (p: string) => string): boolean {
  let pos = 0;
  const peek = (): string | undefined => args[pos];

  const integer = (s: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestSyntaxError(`${s}: bad number`);
    return Number(s);
  };

  const fileTest = (op: string, path: string): boolean => {
    const st = fs.stat(resolve(path));
    switch (op) {
      case '-e': return st !== null;
      case '-f': return st?.kind === 'file';
      case '-d': return st?.kind === 'dir';
      case '-s': return st !== null && st.size > 0;
      case '-r': return st !== null && readDenied(resolve(path)) === null;
      case '-w': return st !== null && writeDenied(resolve(path)) === null;
      case '-x': return st !== null && (st.mode & 0o111) !== 0;
      default: return false; // no links, pipes, sockets or devices in the simulated filesystem
    }
  };

  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) throw new TestSyntaxError('argument expected');
    if (a === '!') { pos++; return !primary(); }
    if (a === '(') {
      pos++;
      const v = or();
      if (args[pos] !== ')') throw new TestSyntaxError("')' expected");
      pos++;
      return v;
    }
    const op = args[pos + 1];
    if (op !== undefined && args[pos + 2] !== undefined && (op === '=' || op === '==' || op === '!=' || op === '<' || op === '>' || INT_OPS.has(op))) {
      const l = a;
      const r = args[pos + 2];
      pos += 3;
      switch (op) {
        case '=': case '==': return l === r;
        case '!=': return l !== r;
        case '<': return l < r;
        case '>': return l > r;
        case '-eq': return integer(l) === integer(r);
        case '-ne': return integer(l) !== integer(r);
        case '-lt': return integer(l) < integer(r);
        case '-le': return integer(l) <= integer(r);
        case '-gt': return integer(l) > integer(r);
        default: return integer(l) >= integer(r);
      }
    }
    if ((a === '-z' || a === '-n') && op !== undefined) {
      pos += 2;
      return a === '-z' ? op === '' : op !== '';
    }
    if (UNARY_FILE.has(a) && op !== undefined) {
      pos += 2;
      return fileTest(a, op);
    }
    pos++;
    return a !== '';
  };

  const and = (): boolean => {
    let v = primary();
    while (peek() === '-a') { pos++; const r = primary(); v = v && r; }
    return v;
  };

  const or = (): boolean => {
    let v = and();
    while (peek() === '-o') { pos++; const r = and(); v = v || r; }
    return v;
  };

  if (args.length === 0) return false;
  const result = or();
  if (pos < args.length) throw new TestSyntaxError(`${args[pos]}: unexpected operator`);
  return result;
}
