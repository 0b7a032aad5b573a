// `reverse:` — device-side listeners that tunnel back to the host (`adb reverse`). The table is
// per transport, like adbd's: it dies with the connection.
import type { AdbStream } from '../adb/adb-stream';
import type { AdbDeviceConnection } from '../adb/device-connection';
import type { EventLog } from '../event-log';

const TABLE_KEY = 'reverse-table';
const SPEC = /^(tcp:\d+|localabstract:.+|localreserved:.+|localfilesystem:.+|dev:.+|jdwp:\d+|vsock:\d+:\d+)$/;

export interface ReverseEntry {
  /** Device side (what device processes connect to), e.g. localabstract:scrcpy_1234abcd. */
  remote: string;
  /** Host side the device dials, e.g. tcp:27183. */
  local: string;
}

function tableOf(connection: AdbDeviceConnection): Map<string, string> {
  let table = connection.attachments.get(TABLE_KEY) as Map<string, string> | undefined;
  if (!table) {
    table = new Map();
    connection.attachments.set(TABLE_KEY, table);
  }
  return table;
}

export function reverseEntries(connection: AdbDeviceConnection): ReverseEntry[] {
  return [...tableOf(connection)].map(([remote, local]) => ({ remote, local }));
}

/** The host spec a device connection to `remote` is tunnelled to, if a reverse maps it. */
export function reverseTarget(connection: AdbDeviceConnection, remote: string): string | undefined {
  return tableOf(connection).get(remote);
}

function okay(): Buffer {
  return Buffer.from('OKAY', 'latin1');
}

function fail(message: string): Buffer {
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`FAIL${text.length.toString(16).padStart(4, '0')}`, 'latin1'), text]);
}

function protocolString(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'latin1'), body]);
}

let fakePort = 38000;

export function handleReverse(request: string, connection: AdbDeviceConnection, transportName: string, log: EventLog): Buffer {
  const table = tableOf(connection);
  if (request === 'list-forward') {
    return protocolString([...table].map(([remote, local]) => `${transportName} ${remote} ${local}\n`).join(''));
  }
  if (request === 'killforward-all') {
    table.clear();
    log.add('reverse', 'killforward-all');
    return okay();
  }
  if (request.startsWith('killforward:')) {
    const remote = request.slice('killforward:'.length);
    if (!table.delete(remote)) return fail(`listener '${remote}' not found`);
    log.add('reverse', `killforward ${remote}`, { remote });
    return okay();
  }
  if (request.startsWith('forward:')) {
    let spec = request.slice('forward:'.length);
    const norebind = spec.startsWith('norebind:');
    if (norebind) spec = spec.slice('norebind:'.length);
    const semi = spec.indexOf(';');
    if (semi < 0) return fail(`bad forward: ${spec}`);
    let remote = spec.slice(0, semi);
    const local = spec.slice(semi + 1);
    if (!SPEC.test(remote)) return fail(`cannot bind listener: unknown socket specification '${remote}'`);
    if (!SPEC.test(local)) return fail(`unknown socket specification '${local}'`);
    if (norebind && table.has(remote)) return fail('cannot rebind existing socket');
    // adbd (Android 8+) reports the TCP port it listens on after OKAY; for tcp:0 it picks a free one.
    if (remote === 'tcp:0') remote = `tcp:${fakePort++}`;
    const reply = remote.startsWith('tcp:') ? Buffer.concat([okay(), protocolString(String(Number(remote.slice(4))))]) : okay();
    table.set(remote, local);
    log.add('reverse', `forward ${remote} -> ${local}`, { remote, local });
    return reply;
  }
  return fail(`unknown reverse request: ${request}`);
}

export function serveReverse(stream: AdbStream, request: string, connection: AdbDeviceConnection, transportName: string, log: EventLog): void {
  void stream.write(handleReverse(request, connection, transportName, log)).then(() => stream.end());
}
