// The devices a replay or a re-run can target: only those adb reports as usable.
import type { DeviceInfo } from '../../../../shared/contract';

export function usableDevices(devices: readonly DeviceInfo[]): DeviceInfo[] {
  return devices.filter((d) => d.state === 'device');
}

/** The recorded device when it is connected, else the first usable one. */
export function defaultSerial(devices: readonly DeviceInfo[], recorded: string | undefined): string {
  const usable = usableDevices(devices);
  return usable.find((d) => d.serial === recorded)?.serial ?? usable[0]?.serial ?? '';
}
