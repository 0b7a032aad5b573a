// The phone of one `phonepilot run` or `traces replay`, built in order and torn down in reverse:
// the device service, the mirror (when a scrcpy server is at hand); the operator is opened on it
// by whoever drives the phone (createTaskRun for a task) and disposed by them.
import type { Writable } from 'node:stream';
import type { Device } from '../../shared/device';
import { createPhoneOperator } from '../../main/phone/operators';
import type { ScrcpyServerFile } from '../../main/phone/apps/app-catalog';
import type { AppServices } from '../../main/features/app-services';
import type { TaskPhone } from '../../main/features/tasks';
import { deviceServiceFromSettings } from '../../main/phone/devices/from-settings';
import type { DeviceService } from '../../main/phone/devices/device-service';
import { MirrorSession } from '../../main/phone/scrcpy/mirror-session';
import { provisionScrcpyServer } from '../../main/phone/scrcpy/server/provision';
import { choosePhone } from './phone-choice';

export interface CliPhone extends TaskPhone {
  device: Device;
  mirrored: boolean;
  dispose(): Promise<void>;
}

/** Opens the phone; the mirror is optional: without it the operator uses adb input/screencap. */
export async function openTaskPhone(services: AppServices, o: { serial?: string; mirror: boolean; download: boolean; env: NodeJS.ProcessEnv; log: Writable; signal: AbortSignal }): Promise<CliPhone> {
  const settings = services.settings.get();
  const devices: DeviceService = deviceServiceFromSettings(settings, o.env, { batteryRefreshMs: 0 });
  let session: MirrorSession | undefined;
  try {
    await devices.start();
    const device = await choosePhone(devices, o.serial);
    let server: ScrcpyServerFile | undefined;
    if (o.mirror) {
      try {
        server = await provisionScrcpyServer({
          settingsPath: settings.scrcpy.serverPath, settingsVersion: settings.scrcpy.serverVersion,
          appScrcpyDir: services.paths.scrcpyDir, env: o.env, download: o.download, signal: o.signal,
        });
        session = new MirrorSession({ client: devices.clientFor(device.serial, device.server), serial: device.serial, server, restart: { attempts: 2, minDelayMs: 200 } });
        await session.start();
      } catch (error) {
        o.log.write(`Mirroring is not available (${(error as Error).message.split('\n')[0]}); using adb screencap and input (slower).\n`);
        await session?.dispose();
        session = undefined;
      }
    }
    const mirror = session;
    return {
      device, serial: device.serial, model: device.model ?? '', mirrored: mirror !== undefined,
      openOperator: ({ animationsOff }) => createPhoneOperator({
        client: devices.clientFor(device.serial, device.server), serial: device.serial, mirror, scrcpyServer: server, ...(animationsOff ? { animationsOff } : {}),
      }),
      dispose: async () => {
        await mirror?.dispose();
        await devices.dispose();
      },
    };
  } catch (error) {
    await session?.dispose();
    await devices.dispose();
    throw error;
  }
}
