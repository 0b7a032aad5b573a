// Which phone `phonepilot run` drives, and whether it is usable: exactly one ready device unless
// --serial picks one; unauthorized/offline phones are refused with what to do about it.
import type { Device } from '../../shared/device';
import type { DeviceService } from '../../main/phone/devices/device-service';
import { CliError } from '../command';

export async function choosePhone(devices: DeviceService, serial: string | undefined): Promise<Device> {
  await devices.settled();
  const list = devices.list();
  let device: Device | undefined;
  if (serial) {
    device = list.find((d) => d.serial === serial);
    if (!device) throw new CliError(`No phone ${serial} is connected${list.length ? ` (connected: ${list.map((d) => d.serial).join(', ')})` : ''}. Run: phonepilot devices`);
    if (device.state === 'other') device = await devices.waitForDevice(serial, 5000, (d) => d.state !== 'other').catch(() => device);
  } else {
    if (list.length === 0) throw new CliError('No phone connected: plug one in with USB debugging on (phonepilot doctor helps).');
    const ready = list.filter((d) => d.state === 'device');
    if (ready.length > 1) throw new CliError(`${ready.length} phones are connected: pick one with --serial (${ready.map((d) => d.serial).join(', ')})`, 2);
    device = ready[0] ?? list[0];
  }
  if (!device || device.state !== 'device') {
    const d = device ?? list[0];
    throw new CliError(`${d.serial} is ${d.rawState}${d.hint ? `: ${d.hint}` : ''}`);
  }
  return device;
}
