// The simulated shell over a FakeAndroid and an in-memory device, for unit tests of commands
// and of the shell language: run(line, stdin) gives the exit status and both outputs.
import { DeviceProperties } from '../../../packages/virtual-phone/src/device-properties';
import { EventLog } from '../../../packages/virtual-phone/src/event-log';
import { MemoryFs } from '../../../packages/virtual-phone/src/fs/memory-fs';
import { Logcat } from '../../../packages/virtual-phone/src/android/logcat';
import { ProcessTable } from '../../../packages/virtual-phone/src/android/process-table';
import { ScrcpyRuntime } from '../../../packages/virtual-phone/src/scrcpy/scrcpy-runtime';
import type { DeviceContext } from '../../../packages/virtual-phone/src/shell/command-context';
import { createCommandTable } from '../../../packages/virtual-phone/src/shell/command-table';
import { runCommandLine } from '../../../packages/virtual-phone/src/shell/executor';
import { bufferInput } from '../../../packages/virtual-phone/src/shell/input';
import { FakeAndroid } from './fake-android';

export function fakeShell(address = '127.0.0.1') {
  const android = new FakeAndroid();
  const device: DeviceContext = {
    android, fs: new MemoryFs(), props: new DeviceProperties(android.options), log: new EventLog(),
    scrcpy: new ScrcpyRuntime(), delay: async () => {},
    network: { address, listenTcp: async () => {}, leaveTcp: async () => {}, reboot: () => {} },
    logcat: new Logcat(), processes: new ProcessTable(android),
  };
  const commands = createCommandTable();
  const run = async (line: string, stdin = '') => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const status = await runCommandLine(line, {
      device, commands, signal: new AbortController().signal, transport: null, stdin: bufferInput(stdin),
      stdout: { write: (d) => out.push(Buffer.from(d)) },
      stderr: { write: (d) => err.push(Buffer.from(d)) },
    });
    return { status, out: Buffer.concat(out), stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  };
  return { android, device, run };
}
