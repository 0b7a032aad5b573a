// What a simulated shell command gets to run with, and what it may touch on the device.
import type { SimulatedAndroid } from '../android/types';
import type { AdbDeviceConnection } from '../adb/device-connection';
import type { MemoryFs } from '../fs/memory-fs';
import type { DeviceProperties } from '../device-properties';
import type { EventLog } from '../event-log';
import type { LatencyKind } from '../latency';
import type { ScrcpyRuntime } from '../scrcpy/scrcpy-runtime';
import type { ShellInput } from './input';
import type { Logcat } from '../android/logcat';
import type { ProcessTable } from '../android/process-table';

export interface ShellOutput {
  write(data: Buffer | string): void;
}

/**
 * The phone's network side. The simulated phone lives on a loopback address: that address is
 * what its Wi-Fi interface has, so "read the phone's Wi-Fi address, `adb tcpip`, then
 * `adb connect` to it" reaches the same simulated phone.
 */
export interface DeviceNetwork {
  /** The loopback address the phone listens on ('127.0.0.1' or '::1'). */
  readonly address: string;
  /** adbd restarting in TCP mode (`adb tcpip PORT`): accept hosts on PORT too. Rejects if PORT is taken. */
  listenTcp(port: number): Promise<void>;
  /** `adb usb`: adbd leaves TCP mode (the Wi-Fi side's port closes, its hosts are dropped). */
  leaveTcp(): Promise<void>;
  /** `adb reboot [TARGET]`: every connection drops; the phone comes back after it has booted. */
  reboot(target: string): void;
}

export interface DeviceContext {
  readonly android: SimulatedAndroid;
  readonly fs: MemoryFs;
  readonly props: DeviceProperties;
  readonly log: EventLog;
  delay(kind: LatencyKind, signal?: AbortSignal): Promise<void>;
  readonly scrcpy: ScrcpyRuntime;
  readonly network: DeviceNetwork;
  /** The log buffer `logcat` reads. */
  readonly logcat: Logcat;
  /** What `ps` lists and where new processes get their pid. */
  readonly processes: ProcessTable;
}

/** The pty of an interactive shell: its window size follows the host's terminal. */
export interface Terminal {
  rows: number;
  cols: number;
}

export interface CommandContext {
  /** argv[0] is the command name as typed (maybe a full path). */
  argv: string[];
  env: Record<string, string>;
  /** Standard input: the host's stdin through adb, a pipe, a file or a here-document. */
  stdin: ShellInput;
  stdout: ShellOutput;
  stderr: ShellOutput;
  device: DeviceContext;
  /** Aborted when the client closes the stream (the process would get SIGHUP). */
  signal: AbortSignal;
  /** The transport the command runs on: reverse tunnels dial the host through it. */
  transport: AdbDeviceConnection | null;
  /** The shell's working directory. */
  cwd: string;
  /** `p` made absolute against the working directory. */
  path(p: string): string;
  /** The pty, when the command runs in an interactive shell. */
  terminal: Terminal | null;
  /** The pid the command runs as (what `ps` shows for it). */
  pid: number;
  /** Runs a command line in a child shell with this command's input and output (sh -c, xargs). */
  runScript(src: string, args?: string[]): Promise<number>;
}

/** Returns the exit status. */
export type ShellCommand = (ctx: CommandContext) => Promise<number> | number;

export function writeLine(out: ShellOutput, line: string): void {
  out.write(`${line}\n`);
}
