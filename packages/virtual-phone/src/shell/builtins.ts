// mksh's builtins: the commands that act on the shell itself (cd, export, exit, read, exec, ...)
// plus echo, test and friends, which mksh also answers without starting a process.
import { evaluateArithmetic } from './arithmetic';
import type { ShellOutput } from './command-context';
import type { Shell } from './interpreter';
import { ExitSignal, LoopSignal, NULL_OUTPUT, ReturnSignal, ShellError, type Frame } from './signals';
import { evaluateTest, TestSyntaxError } from './test-expression';
import { readDenied } from '../fs/shell-access';

export type Builtin = (sh: Shell, argv: string[], frame: Frame) => Promise<number> | number;

const out = (frame: Frame): ShellOutput => frame.fds.get(1) ?? NULL_OUTPUT;
const err = (frame: Frame): ShellOutput => frame.fds.get(2) ?? NULL_OUTPUT;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Backslash sequences of mksh's echo/print; returns the text and whether \c cut it short. */
export function echoEscapes(text: string): { text: string; stop: boolean } {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) { s += c; continue; }
    const n = text[++i];
    switch (n) {
      case 'a': s += '\x07'; break;
      case 'b': s += '\b'; break;
      case 'c': return { text: s, stop: true };
      case 'e': case 'E': s += '\x1b'; break;
      case 'f': s += '\f'; break;
      case 'n': s += '\n'; break;
      case 'r': s += '\r'; break;
      case 't': s += '\t'; break;
      case 'v': s += '\v'; break;
      case '\\': s += '\\'; break;
      case '0': {
        const oct = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
        s += String.fromCharCode(Number.parseInt(oct || '0', 8));
        i += oct.length;
        break;
      }
      default: s += `\\${n}`;
    }
  }
  return { text: s, stop: false };
}

const echo: Builtin = (_sh, argv, frame) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = true;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
    args = args.slice(1);
  }
  const joined = args.join(' ');
  const { text, stop } = escapes ? echoEscapes(joined) : { text: joined, stop: false };
  out(frame).write(newline && !stop ? `${text}\n` : text);
  return 0;
};

const cd: Builtin = (sh, argv, frame) => {
  const arg = argv[1] === '-' ? (sh.v.vars.get('OLDPWD') ?? sh.v.cwd) : (argv[1] ?? sh.v.vars.get('HOME') ?? '/');
  const target = sh.path(arg);
  const st = sh.device.fs.stat(target);
  if (!st) throw new ShellError(`cd: ${arg}: No such file or directory`, 2);
  if (st.kind !== 'dir') throw new ShellError(`cd: ${arg}: Not a directory`, 2);
  sh.v.vars.set('OLDPWD', sh.v.cwd);
  sh.v.cwd = target;
  sh.v.vars.set('PWD', target);
  if (argv[1] === '-') out(frame).write(`${target}\n`);
  return 0;
};

const exportBuiltin = (readonly: boolean): Builtin => (sh, argv, frame) => {
  const names = argv.slice(1).filter((a) => a !== '-p' && a !== '-x');
  if (names.length === 0) {
    for (const name of [...sh.v.exported].sort()) {
      const value = sh.v.vars.get(name);
      if (value !== undefined) out(frame).write(`${readonly ? 'readonly' : 'export'} ${name}=${quote(value)}\n`);
    }
    return 0;
  }
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) throw new ShellError(`${argv[0]}: ${name}: is not an identifier`);
    if (eq >= 0) sh.v.vars.set(name, a.slice(eq + 1));
    if (!readonly) sh.v.exported.add(name);
  }
  return 0;
};

function quote(value: string): string {
  return /^[A-Za-z0-9_./:=,+-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const unset: Builtin = (sh, argv) => {
  const fn = argv[1] === '-f';
  for (const name of argv.slice(1).filter((a) => a !== '-f' && a !== '-v')) {
    if (fn) sh.v.functions.delete(name);
    else {
      sh.v.vars.delete(name);
      sh.v.exported.delete(name);
    }
  }
  return 0;
};

const set: Builtin = (sh, argv, frame) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...sh.v.vars].sort(([a], [b]) => a.localeCompare(b))) out(frame).write(`${k}=${quote(v)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; sh.v.positional = args.slice(i); return 0; }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'e') sh.v.errexit = a[0] === '-';
      else if (!'xuvfChamnbo'.includes(f)) throw new ShellError(`set: ${a[0]}${f}: unknown option`);
    }
  }
  if (i < args.length) sh.v.positional = args.slice(i);
  return 0;
};

const shift: Builtin = (sh, argv) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) throw new ShellError(`shift: ${argv[1]}: bad number`);
  if (n > sh.v.positional.length) throw new ShellError(`shift: ${n}: can't shift that many`);
  sh.v.positional = sh.v.positional.slice(n);
  return 0;
};

const numberArg = (name: string, arg: string | undefined, fallback: number): number => {
  if (arg === undefined) return fallback;
  if (!/^-?\d+$/.test(arg)) throw new ShellError(`${name}: ${arg}: bad number`);
  return Number(arg);
};

const read: Builtin = async (sh, argv, frame) => {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-r') raw = true;
    else if (a === '-p') { err(frame).write(argv[++i] ?? ''); }
    else names.push(a);
  }
  if (names.length === 0) names.push('REPLY');
  let line = await frame.stdin.readLine();
  if (line === null) {
    for (const n of names) sh.v.vars.set(n, '');
    return 1;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = sh.v.vars.get('IFS') ?? ' \t\n';
  const isSep = (c: string): boolean => ifs.includes(c);
  let rest = line;
  for (const [k, name] of names.entries()) {
    while (rest && isSep(rest[0])) rest = rest.slice(1);
    if (k === names.length - 1) {
      let end = rest.length;
      while (end > 0 && isSep(rest[end - 1]) && /\s/.test(rest[end - 1])) end--;
      sh.v.vars.set(name, rest.slice(0, end));
      break;
    }
    let j = 0;
    while (j < rest.length && !isSep(rest[j])) j++;
    sh.v.vars.set(name, rest.slice(0, j));
    rest = rest.slice(j);
  }
  return 0;
};

const test: Builtin = (sh, argv) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') throw new ShellError(`[: missing ]`, 2);
    args = args.slice(0, -1);
  }
  try {
    return evaluateTest(args, sh.device.fs, (p) => sh.path(p)) ? 0 : 1;
  } catch (error) {
    if (error instanceof TestSyntaxError) throw new ShellError(`${argv[0]}: ${error.message}`, 2);
    throw error;
  }
};

const source: Builtin = async (sh, argv, frame) => {
  const file = argv[1];
  if (!file) throw new ShellError(`${argv[0]}: missing argument`);
  const path = sh.path(file);
  const st = sh.device.fs.stat(path);
  if (!st || st.kind !== 'file' || readDenied(path)) throw new ShellError(`${argv[0]}: ${file}: not found`);
  const saved = sh.v.positional;
  if (argv.length > 2) sh.v.positional = argv.slice(2);
  try {
    return await sh.runSource(sh.device.fs.readFile(path).toString('utf8'), frame);
  } catch (signal) {
    if (signal instanceof ReturnSignal) return signal.status;
    throw signal;
  } finally {
    if (argv.length > 2) sh.v.positional = saved;
  }
};

function lookupKind(sh: Shell, name: string): { kind: 'builtin' | 'function' | 'file'; path?: string } | null {
  if (BUILTINS.has(name)) return { kind: 'builtin' };
  if (sh.v.functions.has(name)) return { kind: 'function' };
  if (name.includes('/')) return sh.device.fs.stat(sh.path(name))?.kind === 'file' ? { kind: 'file', path: name } : null;
  if (name === 'sh' || sh.session.commands.has(name)) return { kind: 'file', path: `/system/bin/${name}` };
  return null;
}

const command: Builtin = async (sh, argv, frame) => {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0;
    for (const name of args.slice(1)) {
      const found = lookupKind(sh, name);
      if (!found) { status = 1; if (args[0] === '-V') err(frame).write(`${name} not found\n`); continue; }
      if (args[0] === '-v') out(frame).write(`${found.path ?? name}\n`);
      else out(frame).write(found.kind === 'file' ? `${name} is a tracked alias for ${found.path}\n` : `${name} is a shell ${found.kind}\n`);
    }
    return status;
  }
  if (args.length === 0) return 0;
  const saved = sh.v.functions;
  // `command NAME` skips shell functions.
  sh.v.functions = new Map();
  try {
    return await sh.execute(args, {}, frame);
  } finally {
    sh.v.functions = saved;
  }
};

const type: Builtin = (sh, argv, frame) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const found = lookupKind(sh, name);
    if (!found) { err(frame).write(`${name} not found\n`); status = 1; continue; }
    out(frame).write(found.kind === 'file' ? `${name} is a tracked alias for ${found.path}\n` : `${name} is a shell ${found.kind}\n`);
  }
  return status;
};

const exec: Builtin = async (sh, argv, frame) => {
  const status = await sh.execute(argv.slice(1), {}, frame);
  throw new ExitSignal(status);
};

const loopControl = (kind: 'break' | 'continue'): Builtin => (_sh, argv) => {
  const n = numberArg(kind, argv[1], 1);
  if (n < 1) throw new ShellError(`${kind}: ${argv[1]}: bad number`);
  throw new LoopSignal(kind, n);
};

const local: Builtin = (sh, argv) => {
  for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) throw new ShellError(`${argv[0]}: ${name}: is not an identifier`);
    sh.declareLocal(name);
    if (eq >= 0) sh.v.vars.set(name, a.slice(eq + 1));
  }
  return 0;
};

const letBuiltin: Builtin = (sh, argv) => {
  let value = 0;
  for (const expr of argv.slice(1)) {
    try {
      value = evaluateArithmetic(expr, { get: (n) => sh.v.vars.get(n), set: (n, v) => sh.v.vars.set(n, v) });
    } catch (error) {
      throw new ShellError(`let: ${(error as Error).message}`);
    }
  }
  return value === 0 ? 1 : 0;
};

const pwd: Builtin = (sh, _argv, frame) => {
  out(frame).write(`${sh.v.cwd}\n`);
  return 0;
};

export const BUILTINS = new Map<string, Builtin>([
  ['echo', echo],
  ['cd', cd],
  ['chdir', cd],
  ['pwd', pwd],
  ['export', exportBuiltin(false)],
  ['readonly', exportBuiltin(true)],
  ['unset', unset],
  ['set', set],
  ['shift', shift],
  ['read', read],
  ['test', test],
  ['[', test],
  ['true', () => 0],
  ['false', () => 1],
  [':', () => 0],
  ['exit', (sh, argv) => { throw new ExitSignal(numberArg('exit', argv[1], sh.v.status) & 0xff); }],
  ['return', (sh, argv) => { throw new ReturnSignal(numberArg('return', argv[1], sh.v.status) & 0xff); }],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['eval', (sh, argv, frame) => sh.runSource(argv.slice(1).join(' '), frame)],
  ['.', source],
  ['source', source],
  ['exec', exec],
  ['command', command],
  ['type', type],
  ['whence', (sh, argv, frame) => command(sh, ['command', '-v', ...argv.slice(1).filter((a) => !a.startsWith('-'))], frame)],
  ['local', local],
  ['typeset', local],
  ['let', letBuiltin],
  ['wait', async (sh) => { await sh.waitBackground(); return 0; }],
  ['umask', (_sh, argv, frame) => { if (!argv[1]) out(frame).write('0077\n'); return 0; }],
]);
