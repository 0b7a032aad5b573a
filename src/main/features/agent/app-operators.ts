// The phone side of runs in the app: checks the device is there and usable, then builds the
// operator for it: over the mirror's live frames and control socket when the device is being
// mirrored (no extra adb traffic per step), over adb otherwise. The device and mirror domains
// own those resources; a lease only borrows them and gives back what the operator took.
import { AppError } from '../../../shared/errors';
import { AppCatalog, createPhoneOperator } from '../../phone/operators';
import type { AnimationLedger } from '../../phone/animations/phone-animations';
import type { DevicesDomain } from '../devices/device-domain';
import type { DomainContext } from '../domain';
import { provisionScrcpyServer } from '../../phone/scrcpy/server/provision';
import type { MirrorDomain } from '../mirror/mirror-domain';
import type { OperatorFactory } from './run-setup';

/**
 * `animationsOff` is asked at each lease (the setting may have changed): a ledger to turn the
 * phone's animations off with, or undefined to leave them.
 */
export function appOperators(devices: DevicesDomain, mirror: MirrorDomain, apps: AppCatalog = new AppCatalog(), animationsOff: () => AnimationLedger | undefined = () => undefined): OperatorFactory {
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
    const ledger = animationsOff();
    const operator = createPhoneOperator({ deviceService: service, serial, apps, ...(session ? { mirror: session } : {}), ...(ledger ? { animationsOff: { ledger } } : {}) });
    return { operator, model: device.model ?? serial, release: () => operator.dispose() };
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
