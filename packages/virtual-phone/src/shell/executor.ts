// Runs a parsed command line: and-or lists, pipelines (buffered), redirections into the
// simulated filesystem, and env assignments, against a table of simulated commands.
import { posix } from 'node:path';
import { MemoryFs } from '../fs/memory-fs';
import type { CommandContext, DeviceContext, ShellCommand, ShellOutput } from './command-context';
import { parseCommandLine, type SimpleCommand } from './parser';
import { ShellSyntaxError } from './tokenizer';

export const SHELL_PATH = '/system/bin/sh';

export interface RunOptions {
  device: DeviceContext;
  commands: ReadonlyMap<string, ShellCommand>;
  stdout: ShellOutput;
  stderr: ShellOutput;
  signal: AbortSignal;
  transport: CommandContext['transport'];
  input: CommandContext['input'];
}

const NULL_OUTPUT: ShellOutput = { write() {} };

class BufferOutput implements ShellOutput {
  readonly chunks: Buffer[] = [];
  write(data: Buffer | string): void {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
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

/** Runs the whole line; returns the exit status of the last command run. */
export async function runCommandLine(line: string, options: RunOptions): Promise<number> {
  let items;
  try {
    items = parseCommandLine(line);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    options.stderr.write(`${SHELL_PATH}: ${error.message}\n`);
    return 2;
  }
  let status = 0;
  for (const item of items) {
    if (options.signal.aborted) break;
    if (item.connector === '&&' && status !== 0) continue;
    if (item.connector === '||' && status === 0) continue;
    status = await runPipeline(item.pipeline, options);
  }
  return status;
}

async function runPipeline(pipeline: SimpleCommand[], options: RunOptions): Promise<number> {
  let stdin: Buffer = Buffer.alloc(0);
  let status = 0;
  for (let i = 0; i < pipeline.length; i++) {
    const last = i === pipeline.length - 1;
    const captured = last ? null : new BufferOutput();
    status = await runSimple(pipeline[i], stdin, captured ?? options.stdout, options);
    if (captured) stdin = captured.bytes();
  }
  return status;
}

async function runSimple(cmd: SimpleCommand, stdin: Buffer, stdout: ShellOutput, options: RunOptions): Promise<number> {
  const { fs } = options.device;
  const fds = new Map<number, ShellOutput>([[1, stdout], [2, options.stderr]]);
  let input = stdin;
  for (const r of cmd.redirects) {
    if (r.op === '>&') {
      fds.set(r.fd, fds.get(r.dupTo ?? 1) ?? NULL_OUTPUT);
      continue;
    }
    const target = r.target ?? '';
    if (r.op === '<') {
      const st = fs.stat(target);
      if (!st || st.kind !== 'file') {
        options.stderr.write(`${SHELL_PATH}: can't open '${target}': No such file or directory\n`);
        return 1;
      }
      input = fs.readFile(target);
      continue;
    }
    if (target === '/dev/null') {
      fds.set(r.fd, NULL_OUTPUT);
      continue;
    }
    const path = MemoryFs.normalize(target);
    const parent = fs.stat(posix.dirname(path));
    if (!parent || parent.kind !== 'dir' || fs.stat(path)?.kind === 'dir') {
      const reason = fs.stat(path)?.kind === 'dir' ? 'Is a directory' : 'No such file or directory';
      options.stderr.write(`${SHELL_PATH}: can't create ${target}: ${reason}\n`);
      return 1;
    }
    if (r.op === '>' || !fs.exists(path)) fs.writeFile(path, Buffer.alloc(0));
    fds.set(r.fd, new FileOutput(fs, path));
  }
  if (cmd.argv.length === 0) return 0; // only assignments or redirections
  const name = posix.basename(cmd.argv[0]);
  const impl = options.commands.get(name);
  const err = fds.get(2) ?? NULL_OUTPUT;
  if (!impl) {
    err.write(`${SHELL_PATH}: ${cmd.argv[0]}: not found\n`);
    return 127;
  }
  const ctx: CommandContext = {
    argv: cmd.argv,
    env: cmd.env,
    stdin: input,
    stdout: fds.get(1) ?? NULL_OUTPUT,
    stderr: err,
    device: options.device,
    signal: options.signal,
    transport: options.transport,
    input: options.input,
  };
  return impl(ctx);
}
