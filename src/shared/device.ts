// A phone as every layer sees it (device service, contract, renderer, CLI). Plain data.

/** adb's own states we act on; anything else adb reports ('authorizing', 'connecting', ...) is 'other'. */
export type DeviceState = 'device' | 'unauthorized' | 'offline' | 'other';

/**
 * How the phone is reached: a USB cable, adb over Wi-Fi (serial host:port), the built-in
 * simulated phone, or a device listed by an extra (remote) adb server.
 */
export type DeviceConnection = 'usb' | 'wifi' | 'simulated' | 'remote';

export interface DeviceBattery {
  /** 0..100 */
  level: number;
  charging: boolean;
}

export interface Device {
  /** adb serial; unique per adb server (see `server`). */
  serial: string;
  state: DeviceState;
  /** adb's raw state word ('device', 'unauthorized', 'authorizing', ...). */
  rawState: string;
  /** The adb server listing it, host:port (the local one or a remote one). */
  server: string;
  connection: DeviceConnection;
  /** Known once the device is in state 'device' and was probed. */
  model?: string;
  manufacturer?: string;
  androidVersion?: string;
  sdk?: number;
  /** Physical screen size in pixels, portrait as `wm size` reports it. */
  screen?: { width: number; height: number };
  battery?: DeviceBattery;
  /** What the user should do next, for any state but a healthy 'device'. */
  hint?: string;
}

/** The model name the simulated phone reports (ro.product.model) unless configured otherwise. */
export const SIMULATED_PHONE_MODEL = 'PhonePilot Virtual';
/** ro.product.name of the simulated phone (kept when a test renames its model). */
export const SIMULATED_PHONE_PRODUCT = 'phonepilot_virtual';
/** A property the simulated phone may set to '1' so it is recognised whatever its model name. */
export const SIMULATED_PHONE_PROPERTY = 'ro.phonepilot.virtual';
