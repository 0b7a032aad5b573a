import type { Settings } from '../../../shared/settings';
import { DeviceService, type DeviceServiceOptions } from './device-service';

/** A DeviceService configured from the user's settings (adb path, port, remote servers). */
export function deviceServiceFromSettings(settings: Pick<Settings, 'adb'>, env: NodeJS.ProcessEnv, extra: Partial<DeviceServiceOptions> = {}): DeviceService {
  return new DeviceService({
    adbPath: settings.adb.path,
    serverPort: settings.adb.serverPort,
    remoteServers: settings.adb.remoteServers,
    env,
    ...extra,
  });
}
