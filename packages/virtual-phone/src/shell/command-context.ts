// What a simulated shell command gets to run with, and what it may touch on the device.
import type { SimulatedAndroid } from '../android/types';
import type { AdbDeviceConnection } from '../adb/device-connection';
import type { MemoryFs } from '../fs/memory-fs';
import type { DeviceProperties } from '../device-properties';
import type { EventLog } from '../event-log';
import type { LatencyKind } from '../latency';
import type { StreamReader } from '../adb/stream-reader';
import type { ScrcpyRuntime } from '../scrcpy/scrcpy-runtime';

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
}

export interface DeviceContext {
  readonly android: SimulatedAndroid;
  readonly fs: MemoryFs;
  readonly props: DeviceProperties;
  readonly log: EventLog;
  delay(kind: LatencyKind, signal?: AbortSignal): Promise<void>;
  readonly scrcpy: ScrcpyRuntime;
  readonly network: DeviceNetwork;
}

export interface CommandContext {
  /** argv[0] is the command name as typed (maybe a full path). */
  argv: string[];
  env: Record<string, string>;
  stdin: Buffer;
  stdout: ShellOutput;
  stderr: ShellOutput;
  device: DeviceContext;
  /** Aborted when the client closes the stream (the process would get SIGHUP). */
  signal: AbortSignal;
  /** The transport the command runs on: reverse tunnels dial the host through it. */
  transport: AdbDeviceConnection | null;
  /** Raw bytes the client sends after the command (exec: install streams the APK). */
  input: StreamReader | null;
}

/** Returns the exit status. */
export type ShellCommand = (ctx: CommandContext) => Promise<number> | number;

export function writeLine(out: ShellOutput, line: string): void {
  out.write(`${line}\n`);
}
