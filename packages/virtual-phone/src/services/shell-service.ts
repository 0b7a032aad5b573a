// `shell:`, `shell,v2,...:` and `exec:`: a shell process on the phone, as adbd runs it.
// Legacy shell and exec are raw byte streams (stdout and stderr mixed, no exit code; whatever
// the host writes is stdin, the stream's close is EOF). Shell v2 frames every block with an id
// (adb's shell_protocol.h): stdin/close-stdin/window-size from the host; stdout, stderr and the
// exit status to it. An empty command is an interactive sh: with a pty (the default for
// `adb shell`, `-t`) it echoes and prompts; with `raw` (`-T`) it reads commands from stdin.
import type { AdbStream } from '../adb/adb-stream';
import type { AdbDeviceConnection } from '../adb/device-connection';
import type { DeviceContext, ShellCommand, ShellOutput } from '../shell/command-context';
import { runCommandLine } from '../shell/executor';
import { InputPipe } from '../shell/input';
import { runInteractiveShell } from '../shell/interactive';
import { PtyTerminal } from '../shell/pty';

export const SHELL_V2_STDIN = 0;
export const SHELL_V2_STDOUT = 1;
export const SHELL_V2_STDERR = 2;
export const SHELL_V2_EXIT = 3;
export const SHELL_V2_CLOSE_STDIN = 4;
export const SHELL_V2_WINDOW_SIZE = 5;

export function shellV2Packet(id: number, data: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = id;
  header.writeUInt32LE(data.length, 1);
  return Buffer.concat([header, data]);
}

export interface ShellServiceOptions {
  device: DeviceContext;
  commands: ReadonlyMap<string, ShellCommand>;
  connection: AdbDeviceConnection;
  kind: 'shell' | 'exec';
  protocol: 'raw' | 'v2';
  /** A pty (interactive shells by default; `-t`); false for `raw` / `-T` and for exec. */
  pty: boolean;
  /** TERM=... from the service arguments. */
  env?: Record<string, string>;
}

const toBuffer = (data: Buffer | string): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** Splits the host's v2 packets into stdin bytes, close-stdin and window sizes. */
class V2Reader {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly on: { stdin(b: Buffer): void; closeStdin(): void; resize(rows: number, cols: number): void }) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32LE(1);
      if (this.buf.length < 5 + len) break;
      const id = this.buf[0];
      const data = this.buf.subarray(5, 5 + len);
      this.buf = this.buf.subarray(5 + len);
      if (id === SHELL_V2_STDIN) this.on.stdin(Buffer.from(data));
      else if (id === SHELL_V2_CLOSE_STDIN) this.on.closeStdin();
      else if (id === SHELL_V2_WINDOW_SIZE) {
        const m = /^(\d+)x(\d+),(\d+)x(\d+)/.exec(data.toString('latin1'));
        if (m) this.on.resize(Number(m[1]), Number(m[2]));
      }
    }
  }
}

export async function serveShell(stream: AdbStream, command: string, options: ShellServiceOptions): Promise<void> {
  const abort = new AbortController();
  const v2 = options.protocol === 'v2';
  const send = (id: number, d: Buffer | string): void => {
    const bytes = toBuffer(d);
    if (bytes.length) void stream.write(v2 ? shellV2Packet(id, bytes) : bytes);
  };
  const rawOut: ShellOutput = { write: (d) => send(SHELL_V2_STDOUT, d) };
  const pty = options.pty ? new PtyTerminal(rawOut) : null;
  const pipe = new InputPipe();
  const stdin = pty ? pty.input : pipe;
  const deliver = (b: Buffer): void => (pty ? pty.type(b) : pipe.push(b));
  const reader = v2 ? new V2Reader({ stdin: deliver, closeStdin: () => (pty ? pty.hangUp() : pipe.end()), resize: (r, c) => pty?.resize(r, c) }) : null;
  stream.on('data', (chunk) => (reader ? reader.push(chunk) : deliver(chunk)));
  stream.once('close', () => {
    stdin.end();
    abort.abort();
  });
  // With a pty both streams are the terminal; v2 without one keeps stderr apart.
  const stdout: ShellOutput = pty ? pty.output : rawOut;
  const stderr: ShellOutput = pty ? pty.output : { write: (d) => send(v2 ? SHELL_V2_STDERR : SHELL_V2_STDOUT, d) };
  options.device.log.add(options.kind, command === '' ? '(interactive shell)' : command);
  const run = {
    device: options.device,
    commands: options.commands,
    stdout,
    stderr,
    signal: abort.signal,
    transport: options.connection,
    stdin,
    terminal: pty,
  };
  let status: number;
  try {
    status = command.trim() === ''
      ? await runInteractiveShell({ ...run, input: stdin, pty, env: options.env })
      : await runCommandLine(command, run);
  } catch (error) {
    // A bug in a simulated command must look like a crashed process, not kill the phone.
    stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    status = 1;
  }
  if (v2) void stream.write(shellV2Packet(SHELL_V2_EXIT, Buffer.from([status & 0xff])));
  stream.end();
}
