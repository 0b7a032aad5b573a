// adbd's own control services, answered as a user build (ro.debuggable=0) answers them:
// root/unroot refused, remount refused by fs_mgr's remount, reboot, usb (leave TCP mode),
// jdwp and track-jdwp (no debuggable app processes on a user build: an empty, open list).
import type { AdbStream } from '../adb/adb-stream';
import type { DeviceContext } from '../shell/command-context';

async function replyAndClose(stream: AdbStream, text: string): Promise<void> {
  await stream.write(Buffer.from(text, 'utf8'));
  stream.end();
}

export function serveControl(service: string, device: DeviceContext): ((stream: AdbStream) => void) | null {
  if (service === 'root:') return (s) => void replyAndClose(s, 'adbd cannot run as root in production builds\n');
  if (service === 'unroot:') return (s) => void replyAndClose(s, 'adbd not running as root\n');
  if (service.startsWith('remount:')) return (s) => void replyAndClose(s, 'Not running as root. Try "adb root" first.\n');
  if (service.startsWith('reboot:')) {
    const target = service.slice('reboot:'.length);
    return (s) => {
      device.log.add('connection', `reboot${target ? ` ${target}` : ''}`, { target });
      // The stream closes as the phone goes down; then the phone is gone until it has booted.
      s.end();
      setTimeout(() => device.network.reboot(target), 50);
    };
  }
  if (service === 'usb:') {
    return (s) => {
      void replyAndClose(s, 'restarting in USB mode\n').then(() => device.network.leaveTcp());
    };
  }
  if (service === 'jdwp') return () => { /* stays open, lists nothing: no debuggable processes */ };
  if (service === 'track-jdwp') return (s) => { void s.write(Buffer.from('0000', 'latin1')); };
  return null;
}
