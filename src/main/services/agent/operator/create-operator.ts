// The operator for one phone: over the mirror when a session is given (fast path), over adb
// otherwise. Both share one app catalog per process, so the app list is fetched once per device.
import type { AdbClient } from '../../adb/adbkit';
import type { DeviceService } from '../../device/device-service';
import type { MirrorSession } from '../../mirror/mirror-session';
import { AppCatalog, type ScrcpyServerFile } from '../app-names/app-catalog';
import type { PhoneOperator } from '../interfaces';
import { AdbPhoneOperator } from './adb-operator';
import { DeviceShell } from './device-shell';
import type { ScreenImageOptions } from './image-encode';
import { MirrorPhoneOperator } from './mirror-operator';
import type { SettleConfig } from './settle-config';

export interface CreatePhoneOperatorOptions {
  /** Where the adb client comes from; or pass `client` directly. */
  deviceService?: Pick<DeviceService, 'clientFor'>;
  client?: AdbClient;
  serial: string;
  /** A started mirror of this phone: screens from its video, actions on its control socket. */
  mirror?: MirrorSession;
  /** The scrcpy server file, for the labelled app list (`list_apps`); else `pm list packages`. */
  scrcpyServer?: ScrcpyServerFile;
  image?: ScreenImageOptions;
  settle?: Partial<SettleConfig>;
  apps?: AppCatalog;
  ffmpegPath?: string;
}

export interface OwnedPhoneOperator extends PhoneOperator {
  /** Puts back anything borrowed (the clipboard) and detaches from the mirror; idempotent. */
  dispose(): Promise<void>;
}

export function createPhoneOperator(options: CreatePhoneOperatorOptions): OwnedPhoneOperator {
  const client = options.client ?? options.deviceService?.clientFor(options.serial);
  if (!client) throw new RangeError('createPhoneOperator needs a deviceService or an adb client');
  const apps = options.apps ?? new AppCatalog({ server: options.scrcpyServer });
  const adb = new AdbPhoneOperator({ shell: new DeviceShell(client, options.serial), image: options.image, settle: options.settle, apps });
  if (!options.mirror) return adb;
  return new MirrorPhoneOperator({ session: options.mirror, adb, apps, image: options.image, settle: options.settle, ffmpegPath: options.ffmpegPath });
}
