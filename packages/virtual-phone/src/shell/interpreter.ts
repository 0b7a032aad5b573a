// Runs parsed scripts the way Android's /system/bin/sh (mksh) does for what adb users send:
// variables and exports, cd, if/for/while/case, functions, subshells, pipes (each stage's
// output buffered into the next), redirections into the simulated filesystem, and commands
// looked up as builtins, shell functions, then the phone's tools (by name or by path).
import { posix } from 'node:path';
import type { CommandContext, DeviceContext, ShellCommand, ShellOutput, Terminal } from './command-context';
import { expandHeredoc, expandPattern, expandString, expandWord, type ExpansionHost } from './expand';
import { expandPathname, globMatch } from './glob';
import { bufferInput, EMPTY_INPUT, type ShellInput } from './input';
import { ShellSyntaxError } from './lexer';
import { parseScript, type AndOr, type Command, type Pipeline, type Redirect, type Script } from './parser';
import { MemoryFs, FsError } from '../fs/memory-fs';
import { readDenied, writeDenied } from '../fs/shell-access';
import { BUILTINS } from './builtins';
import { ExitSignal, LoopSignal, NULL_OUTPUT, ReturnSignal, ShellError, type Frame } from './signals';

export { ExitSignal, NULL_OUTPUT, ShellError, type Frame } from './signals';

export const SHELL_PATH = '/system/bin/sh';

export interface SessionOptions {
  device: DeviceContext;
  commands: ReadonlyMap<string, ShellCommand>;
  signal: AbortSignal;
  transport: CommandContext['transport'];
  terminal?: Terminal | null;
}

export class BufferOutput implements ShellOutput {
  private readonly chunks: Buffer[] = [];
  write(data: Buffer | string): void {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

class FileOutput implements ShellOutput {
  constructor(private readonly fs: MemoryFs, private readonly path: string) {}
  write(data: Buffer | string): void {
    this.fs.writeFile(this.path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { append: true });
  }
}

export interface ShellVariables {
  vars: Map<string, string>;
  exported: Set<string>;
  functions: Map<string, Command>;
  cwd: string;
  arg0: string;
  positional: string[];
  status: number;
  lastBackground: number | null;
  errexit: boolean;
}

export function initialVariables(device: DeviceContext, env: Record<string, string> = {}): ShellVariables {
  const base: Record<string, string> = {
    PATH: '/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin',
    HOME: '/',
    SHELL: SHELL_PATH,
    USER: 'shell',
    LOGNAME: 'shell',
    HOSTNAME: device.props.get('ro.product.device') || 'localhost',
    TMPDIR: '/data/local/tmp',
    ANDROID_DATA: '/data',
    ANDROID_ROOT: '/system',
    ANDROID_STORAGE: '/storage',
    EXTERNAL_STORAGE: '/sdcard',
    ASEC_MOUNTPOINT: '/mnt/asec',
    BOOTCLASSPATH: '/apex/com.android.art/javalib/core-oj.jar:/apex/com.android.art/javalib/core-libart.jar:/system/framework/framework.jar',
    ...env,
  };
  const vars = new Map(Object.entries(base));
  vars.set('IFS', ' \t\n');
  vars.set('PWD', '/');
  return {
    vars, exported: new Set(Object.keys(base).concat('PWD')), functions: new Map(), cwd: '/', arg0: SHELL_PATH,
    positional: [], status: 0, lastBackground: null, errexit: false,
  };
}

function cloneVariables(v: ShellVariables): ShellVariables {
  return { ...v, vars: new Map(v.vars), exported: new Set(v.exported), functions: new Map(v.functions), positional: [...v.positional] };
}

/** Lets a long loop hand the event loop back (so the stream's close, timers and I/O still run). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Shell {
  private steps = 0;
  /** Status of the last command substitution: what a command of only assignments returns. */
  private substitutionStatus = 0;
  private readonly background = new Set<Promise<unknown>>();
  /** One entry per running function: the values `local` names had before it. */
  private readonly scopes: Array<Map<string, string | undefined>> = [];

  constructor(readonly session: SessionOptions, readonly v: ShellVariables, readonly pid: number) {}

  get device(): DeviceContext {
    return this.session.device;
  }

  path(p: string): string {
    return MemoryFs.normalize(p, this.v.cwd);
  }

  /** Parses and runs source text; syntax errors are reported like mksh's, with status 1. */
  async runSource(src: string, frame: Frame): Promise<number> {
    let script: Script;
    try {
      script = parseScript(src);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      this.report(frame, error.message);
      return 1;
    }
    return this.runScript(script, frame);
  }

  report(frame: Frame, message: string): void {
    (frame.fds.get(2) ?? NULL_OUTPUT).write(`${SHELL_PATH}: ${message}\n`);
  }

  /** A subshell: same session, a copy of the variables. */
  subshell(): Shell {
    return new Shell(this.session, cloneVariables(this.v), this.pid);
  }

  async waitBackground(): Promise<void> {
    await Promise.all([...this.background]);
  }

  async runScript(script: Script, frame: Frame): Promise<number> {
    let status = this.v.status;
    for (const item of script) {
      if (this.session.signal.aborted) throw new ExitSignal(129);
      if (item.background) {
        const child = this.subshell();
        const pid = this.device.processes.spawn(['sh'], { ppid: this.pid });
        const job = child.runAndOr(item, frame).catch(() => 1).finally(() => this.device.processes.exit(pid));
        this.background.add(job);
        void job.finally(() => this.background.delete(job));
        this.v.lastBackground = pid;
        status = 0;
      } else {
        status = await this.runAndOr(item, frame);
      }
      this.v.status = status;
    }
    return status;
  }

  private async runAndOr(item: AndOr, frame: Frame): Promise<number> {
    let status = await this.runPipeline(item.first, frame, item.rest.length > 0);
    for (const [k, next] of item.rest.entries()) {
      this.v.status = status;
      if ((next.op === '&&') !== (status === 0)) continue;
      status = await this.runPipeline(next.pipeline, frame, k < item.rest.length - 1);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, frame: Frame, tested: boolean): Promise<number> {
    let status: number;
    if (p.commands.length === 1) {
      status = await this.runCommand(p.commands[0], frame);
    } else {
      let input = frame.stdin;
      status = 0;
      for (const [k, cmd] of p.commands.entries()) {
        const last = k === p.commands.length - 1;
        const out = last ? null : new BufferOutput();
        const fds = new Map(frame.fds);
        if (out) fds.set(1, out);
        const child = this.subshell();
        try {
          status = await child.runCommand(cmd, { stdin: input, fds });
        } catch (signal) {
          if (!(signal instanceof ExitSignal)) throw signal;
          status = signal.status;
        }
        if (out) input = bufferInput(out.bytes());
      }
    }
    if (p.bang) return status === 0 ? 1 : 0;
    if (this.v.errexit && status !== 0 && !tested) throw new ExitSignal(status);
    return status;
  }

  async runCommand(cmd: Command, frame: Frame): Promise<number> {
    if (++this.steps % 200 === 0) await yieldToEventLoop();
    if (this.session.signal.aborted) throw new ExitSignal(129);
    if (cmd.kind === 'simple') return this.runSimple(cmd, frame);
    if (cmd.kind === 'function') {
      this.v.functions.set(cmd.name, cmd.body);
      return 0;
    }
    let inner: Frame;
    try {
      inner = await this.redirect(cmd.redirects, frame);
    } catch (error) {
      if (!(error instanceof ShellError)) throw error;
      this.report(frame, error.message);
      return error.status;
    }
    switch (cmd.kind) {
      case 'group': {
        if (!cmd.subshell) return this.runScript(cmd.body, inner);
        const child = this.subshell();
        try {
          return await child.runScript(cmd.body, inner);
        } catch (signal) {
          if (signal instanceof ExitSignal) return signal.status;
          throw signal;
        }
      }
      case 'if': {
        for (const b of cmd.branches) {
          if (await this.runCondition(b.cond, inner) === 0) return this.runScript(b.body, inner);
        }
        return cmd.otherwise ? this.runScript(cmd.otherwise, inner) : 0;
      }
      case 'for': {
        const items = cmd.words === null ? [...this.v.positional] : await this.expandAll(cmd.words);
        let status = 0;
        for (const value of items) {
          this.setVar(cmd.name, value);
          const r = await this.loopBody(cmd.body, inner);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'loop': {
        let status = 0;
        for (;;) {
          const c = await this.runCondition(cmd.cond, inner);
          if ((c === 0) === cmd.until) break;
          const r = await this.loopBody(cmd.body, inner);
          status = r.status;
          if (r.stop) break;
          await yieldToEventLoop();
        }
        return status;
      }
      case 'case': {
        const word = await expandString(cmd.word, this.host(inner));
        for (const arm of cmd.arms) {
          for (const p of arm.patterns) {
            if (globMatch(await expandPattern(p, this.host(inner)), word)) return this.runScript(arm.body, inner);
          }
        }
        return 0;
      }
    }
  }

  /** A condition's status without tripping `set -e`. */
  private async runCondition(script: Script, frame: Frame): Promise<number> {
    const errexit = this.v.errexit;
    this.v.errexit = false;
    try {
      return await this.runScript(script, frame);
    } finally {
      this.v.errexit = errexit;
    }
  }

  private async loopBody(body: Script, frame: Frame): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.runScript(body, frame), stop: false };
    } catch (signal) {
      if (!(signal instanceof LoopSignal)) throw signal;
      if (signal.levels > 1) {
        signal.levels--;
        throw signal;
      }
      return { status: 0, stop: signal.kind === 'break' };
    }
  }

  /** `local NAME`: its value comes back when the running function returns. */
  declareLocal(name: string): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope && !scope.has(name)) scope.set(name, this.v.vars.get(name));
  }

  setVar(name: string, value: string): void {
    this.v.vars.set(name, value);
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.v.exported) {
      const value = this.v.vars.get(name);
      if (value !== undefined) out[name] = value;
    }
    return { ...out, ...extra };
  }

  host(frame: Frame): ExpansionHost {
    return {
      getVar: (name) => (name === 'PWD' ? this.v.cwd : name === 'RANDOM' ? String(Math.floor(Math.random() * 32768)) : this.v.vars.get(name)),
      setVar: (name, value) => this.setVar(name, value),
      special: (name) => {
        switch (name) {
          case '?': return String(this.v.status);
          case '$': return String(this.pid);
          case '!': return this.v.lastBackground === null ? '' : String(this.v.lastBackground);
          case '#': return String(this.v.positional.length);
          case '-': return this.v.errexit ? 'e' : '';
          case '0': return this.v.arg0;
          default: return this.v.positional[Number(name) - 1];
        }
      },
      positional: () => this.v.positional,
      substitute: async (src) => {
        const out = new BufferOutput();
        const child = this.subshell();
        let status: number;
        try {
          status = await child.runSource(src, { stdin: frame.stdin, fds: new Map([...frame.fds, [1, out]]) });
        } catch (signal) {
          if (!(signal instanceof ExitSignal)) throw signal;
          status = signal.status;
        }
        this.substitutionStatus = status;
        return out.bytes().toString('utf8');
      },
      glob: (pattern) => expandPathname(pattern, this.v.cwd, {
        list: (p) => (readDenied(p) ? [] : this.device.fs.list(p)),
        isDir: (p) => this.device.fs.stat(p)?.kind === 'dir',
      }),
      fail: (message) => { throw new ShellError(message); },
    };
  }

  async expandAll(words: string[], frame: Frame = { stdin: EMPTY_INPUT, fds: new Map() }): Promise<string[]> {
    const host = this.host(frame);
    const out: string[] = [];
    for (const w of words) out.push(...await expandWord(w, host));
    return out;
  }

  private async runSimple(cmd: Extract<Command, { kind: 'simple' }>, frame: Frame): Promise<number> {
    const host = this.host(frame);
    let argv: string[];
    const assigns: Array<[string, string]> = [];
    this.substitutionStatus = 0;
    try {
      argv = [];
      for (const w of cmd.words) argv.push(...await expandWord(w, host));
      for (const a of cmd.assigns) assigns.push([a.name, await expandString(a.raw, host)]);
    } catch (error) {
      if (!(error instanceof ShellError)) throw error;
      this.report(frame, error.message);
      return error.status;
    }
    if (argv.length === 0) {
      const status = this.substitutionStatus;
      for (const [name, value] of assigns) this.setVar(name, value);
      try {
        await this.redirect(cmd.redirects, frame);
      } catch (error) {
        if (!(error instanceof ShellError)) throw error;
        this.report(frame, error.message);
        return error.status;
      }
      return status;
    }
    // `exec` with only redirections changes the shell's own descriptors.
    const inPlace = argv[0] === 'exec' && argv.length === 1;
    let inner: Frame;
    try {
      inner = inPlace ? await this.redirect(cmd.redirects, frame, true) : await this.redirect(cmd.redirects, frame);
    } catch (error) {
      if (!(error instanceof ShellError)) throw error;
      this.report(frame, error.message);
      return error.status;
    }
    if (inPlace) return 0;
    return this.execute(argv, Object.fromEntries(assigns), inner);
  }

  /** Runs argv: builtin, function, or a tool of the phone found by name or path. */
  async execute(argv: string[], assigns: Record<string, string>, frame: Frame): Promise<number> {
    const name = argv[0];
    const builtin = BUILTINS.get(name);
    if (builtin) {
      for (const [k, v] of Object.entries(assigns)) this.setVar(k, v);
      try {
        return await builtin(this, argv, frame);
      } catch (error) {
        if (!(error instanceof ShellError)) throw error;
        this.report(frame, error.message);
        return error.status;
      }
    }
    const fn = this.v.functions.get(name);
    if (fn) {
      const saved = this.v.positional;
      this.v.positional = argv.slice(1);
      const scope = new Map<string, string | undefined>();
      this.scopes.push(scope);
      try {
        return await this.runCommand(fn, frame);
      } catch (signal) {
        if (signal instanceof ReturnSignal) return signal.status;
        throw signal;
      } finally {
        this.scopes.pop();
        for (const [k, v] of scope) if (v === undefined) this.v.vars.delete(k); else this.v.vars.set(k, v);
        this.v.positional = saved;
      }
    }
    return this.runTool(argv, assigns, frame);
  }

  private async runTool(argv: string[], assigns: Record<string, string>, frame: Frame): Promise<number> {
    const err = frame.fds.get(2) ?? NULL_OUTPUT;
    const name = argv[0];
    let impl: ShellCommand | undefined;
    let script: string | null = null;
    if (name.includes('/')) {
      const path = this.path(name);
      const st = this.device.fs.stat(path);
      const tool = this.session.commands.get(posix.basename(path));
      if (st?.kind === 'file' && (st.mode & 0o111) === 0) {
        err.write(`${SHELL_PATH}: ${name}: can't execute: Permission denied\n`);
        return 126;
      }
      if (st?.kind === 'dir') {
        err.write(`${SHELL_PATH}: ${name}: can't execute: Is a directory\n`);
        return 126;
      }
      if (st?.kind === 'file') {
        const bytes = this.device.fs.readFile(path);
        if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
          // A native binary: the simulated phone cannot run machine code.
          err.write(`${SHELL_PATH}: ${name}: can't execute: Exec format error\n`);
          return 126;
        }
        script = bytes.toString('utf8');
      }
      else if (tool && /^\/(system|vendor|product|system_ext|apex\/[^/]+)\/(x?bin)$/.test(posix.dirname(path))) impl = tool;
    } else {
      impl = this.session.commands.get(name);
    }
    if (!impl && script === null) {
      err.write(`${SHELL_PATH}: ${name}: inaccessible or not found\n`);
      return 127;
    }
    const pid = this.device.processes.spawn(argv, { ppid: this.pid });
    try {
      if (script !== null) {
        // A pushed script runs in a child sh, as the kernel would hand it to its #! interpreter.
        const child = new Shell(this.session, { ...initialVariables(this.device, this.env(assigns)), cwd: this.v.cwd }, pid);
        child.v.arg0 = name;
        child.v.positional = argv.slice(1);
        return await child.runToEnd(script, frame);
      }
      const ctx: CommandContext = {
        argv,
        env: this.env(assigns),
        stdin: frame.stdin,
        stdout: frame.fds.get(1) ?? NULL_OUTPUT,
        stderr: err,
        device: this.device,
        signal: this.session.signal,
        transport: this.session.transport,
        cwd: this.v.cwd,
        path: (p) => this.path(p),
        terminal: this.session.terminal ?? null,
        pid,
        runScript: (src, args = []) => {
          const child = new Shell(this.session, { ...initialVariables(this.device, this.env(assigns)), cwd: this.v.cwd }, this.device.processes.spawn(['sh'], { ppid: pid }));
          child.v.positional = args;
          return child.runToEnd(src, frame).finally(() => this.device.processes.exit(child.pid));
        },
      };
      return (await impl!(ctx)) & 0xff;
    } finally {
      this.device.processes.exit(pid);
    }
  }

  /** Runs source as a whole shell process: `exit` ends it with its status. */
  async runToEnd(src: string, frame: Frame): Promise<number> {
    try {
      return await this.runSource(src, frame);
    } catch (signal) {
      if (signal instanceof ExitSignal) return signal.status & 0xff;
      if (signal instanceof LoopSignal || signal instanceof ReturnSignal) return signal instanceof ReturnSignal ? signal.status : 0;
      throw signal;
    }
  }

  /** Applies redirections; a new frame unless `inPlace` (exec with no command). */
  async redirect(redirects: Redirect[], frame: Frame, inPlace = false): Promise<Frame> {
    if (redirects.length === 0) return frame;
    const out: Frame = inPlace ? frame : { stdin: frame.stdin, fds: new Map(frame.fds) };
    const host = this.host(frame);
    for (const r of redirects) {
      if (r.heredoc) {
        out.stdin = bufferInput(r.heredoc.literal ? r.heredoc.body : await expandHeredoc(r.heredoc.body, host));
        continue;
      }
      const target = await expandString(r.target, host);
      switch (r.op) {
        case '<': case '<>': {
          if (r.op === '<>') this.openForWrite(target, false);
          out.stdin = this.openForRead(target);
          break;
        }
        case '<&':
          if (target === '-') out.stdin = EMPTY_INPUT;
          break;
        case '>&': {
          const fd = r.fd ?? 1;
          if (target === '-') { out.fds.set(fd, NULL_OUTPUT); break; }
          if (/^\d+$/.test(target)) {
            const dup = out.fds.get(Number(target));
            if (!dup) throw new ShellError(`${target}: bad file descriptor`);
            out.fds.set(fd, dup);
            break;
          }
          // `>&file` is `>file 2>&1` (csh style, mksh accepts it).
          const file = this.openForWrite(target, false);
          out.fds.set(1, file);
          out.fds.set(2, file);
          break;
        }
        case '&>': {
          const file = this.openForWrite(target, false);
          out.fds.set(1, file);
          out.fds.set(2, file);
          break;
        }
        default:
          if (target === '/dev/stdout' || target === '/dev/stderr') out.fds.set(r.fd ?? 1, out.fds.get(target === '/dev/stdout' ? 1 : 2) ?? NULL_OUTPUT);
          else out.fds.set(r.fd ?? 1, this.openForWrite(target, r.op === '>>'));
      }
    }
    return out;
  }

  private openForRead(target: string): ShellInput {
    if (target === '/dev/null' || target === '/dev/zero') return EMPTY_INPUT;
    const path = this.path(target);
    const denied = readDenied(path);
    const st = this.device.fs.stat(path);
    if (denied && st?.kind !== 'dir') throw new ShellError(`can't open ${target}: ${FsError.describe(denied)}`);
    if (!st) throw new ShellError(`can't open ${target}: No such file or directory`);
    if (st.kind === 'dir') return EMPTY_INPUT; // reading a directory fails in the command, not the shell
    return bufferInput(this.device.fs.readFile(path));
  }

  private openForWrite(target: string, append: boolean): ShellOutput {
    if (target === '/dev/null' || target === '/dev/zero') return NULL_OUTPUT;
    const fs = this.device.fs;
    const path = this.path(target);
    const parent = fs.stat(posix.dirname(path));
    const st = fs.stat(path);
    if (!parent || parent.kind !== 'dir') throw new ShellError(`can't create ${target}: ${parent ? 'Not a directory' : 'No such file or directory'}`);
    if (st?.kind === 'dir') throw new ShellError(`can't create ${target}: Is a directory`);
    const denied = writeDenied(path);
    if (denied) throw new ShellError(`can't create ${target}: ${FsError.describe(denied)}`);
    if (!append || !st) fs.writeFile(path, Buffer.alloc(0));
    return new FileOutput(fs, path);
  }
}
