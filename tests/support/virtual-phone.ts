// Starts a simulated phone, `adb connect`s it through a test's private adb server and waits
// until adb reports it as `device` (or, for a phone with auth 'prompt', `unauthorized`);
// teardown disconnects (or adb keeps retrying an offline entry) and stops the phone.
import { VirtualPhone, type VirtualPhoneOptions } from '#virtual-phone';
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

/** The state adb gives: what `adb connect` should answer and what `adb devices` then lists. */
export type ConnectState = 'device' | 'unauthorized';

const CONNECT_REPLY: Record<ConnectState, RegExp> = {
  device: /^connected to /,
  // The phone answered CNXN with an AUTH challenge: it shows "Allow USB debugging?".
  unauthorized: /^failed to authenticate to /,
};

export async function startConnectedPhone(server: AdbServerHandle, options: VirtualPhoneOptions = {}, until: ConnectState = 'device'): Promise<ConnectedPhone> {
  const phone = new VirtualPhone(options);
  const { serial } = await phone.start();
  try {
    const connected = await server.adb(['connect', serial]);
    if (connected.code !== 0 || !CONNECT_REPLY[until].test(connected.stdout)) {
      throw new Error(`adb connect ${serial} did not answer as for '${until}': ${connected.stdout}${connected.stderr}`);
    }
    await waitForState(server, serial, until);
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

/** `serial`'s state word in `adb devices` (device, unauthorized, offline...), null if not listed. */
export async function adbState(server: AdbServerHandle, serial: string): Promise<string | null> {
  const { stdout } = await server.adb(['devices']);
  for (const line of stdout.split('\n')) {
    const [id, state] = line.trim().split(/\s+/);
    if (id === serial && state) return state;
  }
  return null;
}

/** Polls `adb devices` until it lists `serial` in `state` (adb retries for ~10 s: allow 30). */
export async function waitForState(server: AdbServerHandle, serial: string, state: string, timeoutMs = 30_000): Promise<void> {
  let last: string | null = null;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    last = await adbState(server, serial);
    if (last === state) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${serial} never became '${state}' (last: ${last ?? 'not listed'})`);
}
