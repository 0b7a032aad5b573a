import { z } from 'zod';
import { event, request } from './define';

// The phones the app can see (local adb server, remote adb servers, the built-in simulated
// phone) and the Wi-Fi helpers that change that list. Mirrors src/shared/device.ts.

export const DeviceInfo = z.object({
  serial: z.string(),
  state: z.enum(['device', 'unauthorized', 'offline', 'other']),
  rawState: z.string(),
  server: z.string(),
  connection: z.enum(['usb', 'wifi', 'simulated', 'remote']),
  model: z.string().optional(),
  manufacturer: z.string().optional(),
  androidVersion: z.string().optional(),
  sdk: z.number().optional(),
  screen: z.object({ width: z.number(), height: z.number() }).optional(),
  battery: z.object({ level: z.number(), charging: z.boolean() }).optional(),
  hint: z.string().optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const AdbServerInfo = z.object({
  server: z.string(),
  remote: z.boolean(),
  connected: z.boolean(),
  error: z.string().optional(),
});

/** The whole picture the device list shows; sent whole on every change (it is small). */
export const DevicesSnapshot = z.object({
  devices: z.array(DeviceInfo),
  servers: z.array(AdbServerInfo),
  /** Why there is no device tracking at all (adb missing, server failing), and what to do. */
  problem: z.object({ message: z.string(), fix: z.string() }).nullable(),
  /** Serial of the simulated phone this app runs, if any. */
  simulated: z.string().nullable(),
});
export type DevicesSnapshot = z.infer<typeof DevicesSnapshot>;

const address = z.string().trim().min(1).max(260);
const serial = z.string().min(1).max(260);
const empty = z.object({}).strict();

export const devicesRequests = {
  'devices.list': request(empty, DevicesSnapshot),
  /** Starts device tracking again after a failure (adb installed, settings fixed). */
  'devices.retry': request(empty, DevicesSnapshot),
  /** `adb connect host:port` (port defaults to 5555). */
  'devices.connect': request(z.object({ address }).strict(), z.object({ serial: z.string() })),
  'devices.disconnect': request(z.object({ address }).strict(), empty),
  /** Android 11+ wireless debugging pairing. */
  'devices.pair': request(z.object({ address, code: z.string().trim().regex(/^\d{6}$/, 'the 6-digit code shown on the phone') }).strict(), empty),
  /**
   * Switches a USB phone to adb over Wi-Fi and connects to it. Without a port: 5555, or a free
   * one for the simulated phone (see DeviceService.enableWifi).
   */
  'devices.enableWifi': request(z.object({ serial, port: z.number().int().min(1024).max(65535).optional() }).strict(), z.object({ serial: z.string() })),
  /** "Try it without a phone": a simulated phone in the app process, `adb connect`ed. */
  'devices.startSimulated': request(empty, z.object({ serial: z.string() })),
  'devices.stopSimulated': request(empty, empty),
};

export const devicesEvents = {
  'devices.changed': event(DevicesSnapshot),
};
