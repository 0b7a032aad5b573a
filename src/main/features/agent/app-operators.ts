// The phone side of runs in the app: checks the device is there and usable, then opens the
// operator for it: over the mirror's live frames and control socket when the device is being
// mirrored (no extra adb traffic per step), over adb otherwise. The device and mirror domains
// own those resources; an operator only borrows them and gives back what it took.
import { AppError } from '../../../shared/errors';
import { AppCatalog, createPhoneOperator } from '../../phone/operators';
import type { DevicesDomain } from '../devices/device-domain';
import type { DomainContext } from '../domain';
import { provisionScrcpyServer } from '../../phone/scrcpy/server/provision';
import type { MirrorDomain } from '../mirror/mirror-domain';
import type { PhoneFactory } from './run-setup';

export function appPhones(devices: DevicesDomain, mirror: MirrorDomain, apps: AppCatalog = new AppCatalog()): PhoneFactory {
  // One app catalog for the app (AppServices passes it; voice reads it too): each phone's app
  // list is fetched once, not once per task.
  return async (serial) => {
    const service = devices.service;
    if (!service) throw new AppError('adb_unavailable', 'adb is not running, so the agent cannot reach the phone: see the device list for the fix.', { retryable: true });
    const device = service.get(serial);
    if (!device) throw new AppError('not_found', `No device ${serial}: connect it first (see the device list).`);
    if (device.state !== 'device') {
      throw new AppError(device.state === 'unauthorized' ? 'device_unauthorized' : 'device_offline', `${serial} is ${device.rawState}: ${device.hint ?? 'reconnect it.'}`, { retryable: true });
    }
    const session = mirror.mirrors.get(serial)?.currentSession ?? undefined;
    return {
      serial, model: device.model ?? serial, mirrored: session !== undefined,
      openOperator: ({ animationsOff }) => createPhoneOperator({ deviceService: service, serial, apps, ...(session ? { mirror: session } : {}), ...(animationsOff ? { animationsOff } : {}) }),
    };
  };
}

/**
 * The app's one app catalog: labelled lists (in the phone's language) through the scrcpy
 * server file the mirror would use when there is one on this computer (never downloaded just
 * for this), `pm list packages` otherwise.
 */
export function createAppCatalog(ctx: DomainContext): AppCatalog {
  return new AppCatalog({
    server: async () => {
      const { serverPath, serverVersion } = ctx.settings.get().scrcpy;
      const found = await provisionScrcpyServer({ settingsPath: serverPath, settingsVersion: serverVersion, appScrcpyDir: ctx.paths.scrcpyDir, env: ctx.env, download: false });
      return { path: found.path, version: found.version };
    },
  });
}
