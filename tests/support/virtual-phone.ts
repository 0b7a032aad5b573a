// Starts a simulated phone, `adb connect`s it through a test's private adb server and waits
// until adb reports it as `device`; teardown disconnects (or adb keeps retrying an offline
// entry) and stops the phone.
import { VirtualPhone, type VirtualPhoneOptions } from '../../src/main/services/virtual-phone/virtual-phone';
import type { AdbServerHandle } from './adb-server';

export interface ConnectedPhone {
  phone: VirtualPhone;
  /** '127.0.0.1:PORT', the serial to pass to `adb -s` / adbkit getDevice(). */
  serial: string;
  /** `adb -P PORT -s SERIAL ...args`. */
  adb: AdbServerHandle['adb'];
  adbBuffer: AdbServerHandle['adbBuffer'];
  stop(): Promise<void>;
}

export async function startConnectedPhone(server: AdbServerHandle, options: VirtualPhoneOptions = {}): Promise<ConnectedPhone> {
  const phone = new VirtualPhone(options);
  const { serial } = await phone.start();
  try {
    const connected = await server.adb(['connect', serial]);
    if (connected.code !== 0 || !/connected to/.test(connected.stdout)) {
      throw new Error(`adb connect ${serial} failed: ${connected.stdout}${connected.stderr}`);
    }
    await waitForDevice(server, serial);
  } catch (error) {
    await server.adb(['disconnect', serial]).catch(() => undefined);
    await phone.dispose();
    throw error;
  }
  return {
    phone,
    serial,
    adb: (args, o) => server.adb(['-s', serial, ...args], o),
    adbBuffer: (args, o) => server.adbBuffer(['-s', serial, ...args], o),
    stop: async () => {
      await server.adb(['disconnect', serial]).catch(() => undefined);
      await phone.dispose();
    },
  };
}

async function waitForDevice(server: AdbServerHandle, serial: string): Promise<void> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    const state = await server.adb(['-s', serial, 'get-state']);
    last = `${state.stdout}${state.stderr}`.trim();
    if (state.code === 0 && state.stdout.trim() === 'device') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${serial} never became 'device' (last: ${last})`);
}
