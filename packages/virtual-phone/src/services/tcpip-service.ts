// `tcpip:PORT` (`adb tcpip PORT`, adbkit `tcpip()`): adbd restarts listening on TCP PORT, which
// is how a USB phone is switched to adb over Wi-Fi. Replies as adbd's restart_tcp_service does.
// A real adbd then restarts and every transport reconnects; the simulated one just starts
// accepting on PORT as well, keeping its connections (the USB one comes back on a phone too).
import type { AdbStream } from '../adb/adb-stream';
import type { DeviceContext } from '../shell/command-context';

/**
 * The port in `tcpip:PORT`, read like adbd's `sscanf("%d")`: an optionally signed integer after
 * optional blanks, anything after it ignored. null when adbd would refuse the service.
 */
export function parseTcpipPort(argument: string): number | null {
  const m = /^\s*([+-]?\d+)/.exec(argument);
  return m ? Number(m[1]) : null;
}

/**
 * adbd only refuses ports <= 0 ("invalid port N"). It would accept one above 65535 and then fail
 * to listen, unreachable; the simulation refuses that one with the same text instead.
 */
export async function serveTcpip(stream: AdbStream, port: number, device: DeviceContext): Promise<void> {
  if (port <= 0 || port > 65535) {
    await stream.write(Buffer.from(`invalid port ${port}\n`));
    stream.end();
    return;
  }
  try {
    // Listen before replying: the host's `adb connect` right after the reply then never races
    // the restart (a real phone may refuse it for a moment; callers retry for that).
    await device.network.listenTcp(port);
    device.props.set('service.adb.tcp.port', String(port));
    device.log.add('connection', `adbd in TCP mode on port ${port}`, { port });
  } catch (error) {
    // A real adbd replies before it restarts and fails to bind later, silently for the host.
    device.log.add('connection', `adb tcpip ${port}: cannot listen: ${(error as Error).message}`, { port });
  }
  await stream.write(Buffer.from(`restarting in TCP mode port: ${port}\n`));
  stream.end();
}
