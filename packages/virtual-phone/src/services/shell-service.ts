// `shell:`, `shell,v2,...:` and `exec:`: run a command line in the simulated shell and stream
// its output. Legacy shell and exec mix stdout and stderr and report no exit code; shell v2
// frames each block with an id and sends the exit status.
import type { AdbStream } from '../adb/adb-stream';
import type { AdbDeviceConnection } from '../adb/device-connection';
import { StreamReader } from '../adb/stream-reader';
import type { DeviceContext, ShellCommand, ShellOutput } from '../shell/command-context';
import { runCommandLine } from '../shell/executor';

export const SHELL_V2_STDIN = 0;
export const SHELL_V2_STDOUT = 1;
export const SHELL_V2_STDERR = 2;
export const SHELL_V2_EXIT = 3;

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
}

function toBuffer(data: Buffer | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

export async function serveShell(stream: AdbStream, command: string, options: ShellServiceOptions): Promise<void> {
  const abort = new AbortController();
  stream.once('close', () => abort.abort());
  // Only raw streams carry bytes meant as stdin for the command (exec: install).
  const input = options.protocol === 'raw' ? new StreamReader(stream) : null;
  let stdout: ShellOutput;
  let stderr: ShellOutput;
  if (options.protocol === 'v2') {
    stdout = { write: (d) => { if (toBuffer(d).length) void stream.write(shellV2Packet(SHELL_V2_STDOUT, toBuffer(d))); } };
    stderr = { write: (d) => { if (toBuffer(d).length) void stream.write(shellV2Packet(SHELL_V2_STDERR, toBuffer(d))); } };
  } else {
    stdout = { write: (d) => { void stream.write(toBuffer(d)); } };
    stderr = stdout;
  }
  options.device.log.add(options.kind, command);
  let status: number;
  try {
    status = await runCommandLine(command, {
      device: options.device,
      commands: options.commands,
      stdout,
      stderr,
      signal: abort.signal,
      transport: options.connection,
      input,
    });
  } catch (error) {
    // A bug in a simulated command must look like a crashed process, not kill the phone.
    stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    status = 1;
  }
  if (options.protocol === 'v2') void stream.write(shellV2Packet(SHELL_V2_EXIT, Buffer.from([status & 0xff])));
  stream.end();
}
