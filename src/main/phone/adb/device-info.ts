// Pure parsers for what a phone prints (getprop, wm size, dumpsys battery) and the user-facing
// interpretation of adb states. No I/O here, so every branch is unit-tested on text samples.

import {
  SIMULATED_PHONE_MODEL, SIMULATED_PHONE_PRODUCT, SIMULATED_PHONE_PROPERTY,
  type DeviceBattery, type DeviceConnection, type DeviceState,
} from '../../../shared/device';
import type { Size } from './device-size';

/** `getprop` lines look like `[ro.product.model]: [Pixel 8]`. */
export function parseGetprop(output: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\[([^\]]+)\]:\s*\[(.*)\]\s*$/.exec(line);
    if (m) props[m[1]] = m[2];
  }
  return props;
}

/**
 * `wm size` prints `Physical size: WxH` and, when someone overrode it, `Override size: WxH`.
 * The override is what the screen actually shows (and what input coordinates refer to).
 */
export function parseWmSize(output: string): Size | undefined {
  let physical: Size | undefined;
  let override: Size | undefined;
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*(Physical|Override) size:\s*(\d+)x(\d+)/.exec(line);
    if (!m) continue;
    const size = { width: Number(m[2]), height: Number(m[3]) };
    if (m[1] === 'Physical') physical = size;
    else override = size;
  }
  return override ?? physical;
}

/** `dumpsys battery`: level/scale as a percentage; charging when plugged in or status 2. */
export function parseBattery(output: string): DeviceBattery | undefined {
  const fields: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z ]+):\s*(.*?)\s*$/.exec(line);
    if (m) fields[m[1].trim().toLowerCase()] = m[2];
  }
  if (fields.level === undefined) return undefined;
  const level = Number(fields.level);
  const scale = Number(fields.scale ?? 100) || 100;
  if (!Number.isFinite(level)) return undefined;
  const plugged = ['ac powered', 'usb powered', 'wireless powered', 'dock powered'].some((k) => fields[k] === 'true');
  // BatteryManager.BATTERY_STATUS_CHARGING = 2
  const charging = plugged || fields.status === '2';
  return { level: Math.round((level * 100) / scale), charging };
}

/** adb's state word -> the states the UI distinguishes. */
export function toDeviceState(raw: string): DeviceState {
  if (raw === 'device' || raw === 'unauthorized' || raw === 'offline') return raw;
  return 'other';
}

/** What the user should do for a device adb cannot use yet; undefined when all is well. */
export function stateHint(raw: string, connection: DeviceConnection): string | undefined {
  if (raw === 'device') return undefined;
  if (raw === 'unauthorized') {
    return 'Unlock the phone and accept "Allow USB debugging?" (tick "Always allow from this computer"). No prompt? Revoke USB debugging authorisations in Developer options and reconnect.';
  }
  if (raw === 'authorizing') return 'Waiting for the phone to finish authorising this computer: unlock it and check for a prompt.';
  if (raw === 'offline') {
    // Reached over `adb connect` like Wi-Fi, but there is no network or cable to check.
    if (connection === 'simulated') return 'The simulated phone stopped answering adb: start it again, or disconnect it to remove it from the list.';
    return connection === 'wifi'
      ? 'The phone stopped answering over Wi-Fi: check it is awake and on the same network, then reconnect (or disconnect and connect again).'
      : 'The phone stopped answering adb: unplug and replug the cable, or toggle USB debugging off and on.';
  }
  if (raw.startsWith('no permissions')) {
    return 'This computer may not open the USB device: add a udev rule for Android phones (Debian/Ubuntu: install android-sdk-platform-tools-common) and replug.';
  }
  if (raw === 'connecting') return 'adb is still connecting to the phone.';
  if (raw === 'recovery' || raw === 'sideload' || raw === 'bootloader' || raw === 'rescue') {
    return `The phone is in ${raw} mode: reboot it into Android to use it.`;
  }
  return `adb reports "${raw}": reconnect the phone.`;
}

/** `host:port` (adb connect) or an mDNS TLS service name: adb over the network. */
export function isNetworkSerial(serial: string): boolean {
  return /^[^\s:]+:\d{1,5}$/.test(serial) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(serial) || serial.includes('._adb-tls-connect._tcp');
}

/**
 * How the phone is reached. The simulated phone is recognised by its marker property, its
 * product name (phonepilot_virtual, whatever model it is given) or its default model name (it is reached over `adb connect`, so its serial alone looks like Wi-Fi).
 * Its own port stands for a USB cable; once `adb tcpip PORT` made it listen on PORT too (adbd
 * records that in service.adb.tcp.port, as on any phone), a serial on that port is its Wi-Fi
 * side and is classified like any phone reached over the network.
 */
export function connectionType(serial: string, options: { remote: boolean; props?: Record<string, string> }): DeviceConnection {
  const props = options.props ?? {};
  const simulated = props[SIMULATED_PHONE_PROPERTY] === '1' || props['ro.product.name'] === SIMULATED_PHONE_PRODUCT
    || props['ro.product.model'] === SIMULATED_PHONE_MODEL;
  const tcpPort = /:(\d{1,5})$/.exec(serial)?.[1];
  const wifiSide = tcpPort !== undefined && tcpPort === props['service.adb.tcp.port'];
  if (simulated && !wifiSide) return 'simulated';
  if (options.remote) return 'remote';
  return isNetworkSerial(serial) ? 'wifi' : 'usb';
}

/** The phone's Wi-Fi IPv4 address from `ip -f inet addr show wlan0` output. */
export function parseWlanAddress(output: string): string | undefined {
  return /\binet\s+(\d{1,3}(?:\.\d{1,3}){3})\//.exec(output)?.[1];
}

/** Validates `host:port` from user input (so it can go into an argument list safely). */
export function parseHostPort(value: string, defaultPort?: number): { host: string; port: number } {
  const trimmed = value.trim();
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(trimmed);
  const port = m?.[2] !== undefined ? Number(m[2]) : defaultPort;
  if (!m || port === undefined || port < 1 || port > 65535) {
    throw new RangeError(`"${value}" is not a host:port address`);
  }
  return { host: m[1], port };
}
