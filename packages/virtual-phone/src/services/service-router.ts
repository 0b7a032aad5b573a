// Maps a service string from the host's OPEN to the code that serves it.
import type { AdbStream } from '../adb/adb-stream';
import type { AdbDeviceConnection, ServiceRouter } from '../adb/device-connection';
import type { DeviceContext, ShellCommand } from '../shell/command-context';
import { serveSync } from '../sync/sync-service';
import { serveReverse } from './reverse-service';
import { serveShell } from './shell-service';
import { parseTcpipPort, serveTcpip } from './tcpip-service';
import { serveControl } from './adbd-control';

/** `abb_exec:SERVICE\0ARG...` as a `cmd SERVICE ARG...` command line (each argument quoted). */
function abbCommandLine(request: string): string {
  return ['cmd', ...request.split('\0')].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

export interface RouterOptions {
  device: DeviceContext;
  commands: ReadonlyMap<string, ShellCommand>;
  shellV2: boolean;
  transportName(connection: AdbDeviceConnection): string;
}

/** `shell,v2,TERM=xterm,raw:CMD` -> { args: ['v2','TERM=xterm','raw'], command: 'CMD' }. */
export function parseShellService(service: string): { args: string[]; command: string } | null {
  const m = /^shell((?:,[^:]*)?):([\s\S]*)$/.exec(service);
  if (!m) return null;
  return { args: m[1].split(',').filter(Boolean), command: m[2] };
}

export function createServiceRouter(options: RouterOptions): ServiceRouter {
  const { device, commands } = options;
  return (service, connection) => {
    const shell = parseShellService(service);
    if (shell) {
      const v2 = shell.args.includes('v2');
      if (v2 && !options.shellV2) return null;
      // adbd: an explicit pty/raw argument wins; otherwise only an interactive shell gets a pty.
      const pty = shell.args.includes('pty') || (!shell.args.includes('raw') && shell.command === '');
      const env = Object.fromEntries(shell.args.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
      return (stream: AdbStream) => {
        void serveShell(stream, shell.command, { device, commands, connection, kind: 'shell', protocol: v2 ? 'v2' : 'raw', pty, env });
      };
    }
    if (service.startsWith('exec:')) {
      const command = service.slice('exec:'.length);
      return (stream) => {
        void serveShell(stream, command, { device, commands, connection, kind: 'exec', protocol: 'raw', pty: false });
      };
    }
    if (service.startsWith('abb_exec:')) {
      const command = abbCommandLine(service.slice('abb_exec:'.length));
      return (stream) => {
        void serveShell(stream, command, { device, commands, connection, kind: 'exec', protocol: 'raw', pty: false });
      };
    }
    const control = serveControl(service, device);
    if (control) return control;
    if (service === 'sync:') {
      return (stream) => {
        device.log.add('sync', 'sync session');
        void serveSync(stream, device.fs, {
          onPushed: (path, size) => device.log.add('sync', `pushed ${path}`, { path, size }),
        }).catch((error: Error) => {
          device.log.add('sync', `sync failed: ${error.message}`);
          stream.destroy();
        });
      };
    }
    if (service.startsWith('reverse:')) {
      const request = service.slice('reverse:'.length);
      return (stream) => serveReverse(stream, request, connection, options.transportName(connection), device.log);
    }
    if (service.startsWith('tcpip:')) {
      const port = parseTcpipPort(service.slice('tcpip:'.length));
      if (port === null) return null;
      return (stream) => {
        void serveTcpip(stream, port, device);
      };
    }
    if (service.startsWith('localabstract:')) {
      const accept = device.scrcpy.namespace.lookup(service.slice('localabstract:'.length));
      return accept ?? null;
    }
    return null;
  };
}
