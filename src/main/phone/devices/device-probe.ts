// Enriches a device adb reports as 'device' with what the UI shows: model, Android version,
// screen size, battery, connection type. Each query may fail on its own (old Android, odd
// ROMs); a failure leaves that field unknown instead of hiding the phone.

import type { Device } from '../../../shared/device';
import { connectionType, parseBattery, parseGetprop, parseWmSize } from '../adb/device-info';

/** Runs `command` (an argument array) on `serial` and returns its output. */
export type ShellRunner = (serial: string, command: readonly string[]) => Promise<string>;

export type DeviceDetails = Pick<Device, 'model' | 'manufacturer' | 'androidVersion' | 'sdk' | 'screen' | 'battery' | 'connection'>;

export async function probeDevice(shell: ShellRunner, serial: string, remote: boolean): Promise<DeviceDetails> {
  const [props, size, battery] = await Promise.allSettled([
    shell(serial, ['getprop']).then(parseGetprop),
    shell(serial, ['wm', 'size']).then(parseWmSize),
    shell(serial, ['dumpsys', 'battery']).then(parseBattery),
  ]);
  const p = props.status === 'fulfilled' ? props.value : {};
  const sdk = Number(p['ro.build.version.sdk']);
  return {
    model: p['ro.product.model'] || undefined,
    manufacturer: p['ro.product.manufacturer'] || undefined,
    androidVersion: p['ro.build.version.release'] || undefined,
    sdk: Number.isInteger(sdk) && sdk > 0 ? sdk : undefined,
    screen: size.status === 'fulfilled' ? size.value : undefined,
    battery: battery.status === 'fulfilled' ? battery.value : undefined,
    connection: connectionType(serial, { remote, props: p }),
  };
}

/** Only the battery, for periodic refreshes (the rest does not change while connected). */
export async function probeBattery(shell: ShellRunner, serial: string): Promise<Device['battery']> {
  return parseBattery(await shell(serial, ['dumpsys', 'battery']));
}
