// The devices area of the app: one DeviceService (configured from settings, restarted when the
// adb settings change), its live list pushed to renderers as `devices.changed`, the Wi-Fi
// helpers, and the built-in simulated phone. A missing adb is a state the list shows with the
// fix, never a failed app start.

import type { DevicesSnapshot } from '../../../shared/contract';
import type { Device } from '../../../shared/device';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Domain, DomainContext } from '../domain';
import type { DeviceService } from '../../phone/devices/device-service';
import { deviceServiceFromSettings } from '../../phone/devices/from-settings';
import { SimulatedPhoneHost } from './simulated-phone-host';

type Problem = NonNullable<DevicesSnapshot['problem']>;

const INSTALL_ADB = 'Install the Android platform tools (Debian/Ubuntu: sudo apt-get install adb; macOS: brew install android-platform-tools; Windows: the SDK Platform-Tools zip), or set the adb path in Settings, then press Retry.';

function problemFor(error: unknown, port: number): Problem {
  const message = (error as Error).message;
  if (error instanceof AppError && error.code === 'adb_unavailable' && /not found/i.test(message)) {
    return { message, fix: INSTALL_ADB };
  }
  return {
    message,
    fix: `Check that no other program (another adb version, an emulator tool) holds port ${port}; run "adb -P ${port} start-server" in a terminal to see its error, then press Retry. The Doctor panel checks the rest.`,
  };
}

export interface DevicesDomain extends Domain {
  /** The running device service, or null while adb is unavailable. */
  readonly service: DeviceService | null;
  /** Every change of the device list (also the empty list when tracking stops). */
  onDevices(listener: (devices: Device[]) => void): () => void;
  readonly simulated: SimulatedPhoneHost;
}

function adbSettingsKey(settings: Settings): string {
  return JSON.stringify(settings.adb);
}

export function createDevicesDomain(ctx: DomainContext): DevicesDomain {
  let service: DeviceService | null = null;
  let problem: Problem | null = null;
  let starting: Promise<void> | null = null;
  let settingsKey = '';
  let unsubscribeSettings: (() => void) | undefined;
  let disposed = false;
  const listeners = new Set<(devices: Device[]) => void>();
  const simulated = new SimulatedPhoneHost({
    connect: (serial) => requireService().connect(serial).then((s) => requireService().waitForDevice(s)),
    disconnect: (serial) => service?.disconnect(serial) ?? Promise.resolve(),
  });

  function snapshot(): DevicesSnapshot {
    return { devices: service?.list() ?? [], servers: service?.statuses() ?? [], problem, simulated: simulated.serial };
  }

  function publish(): void {
    if (disposed) return;
    ctx.bus.emit('devices.changed', snapshot());
  }

  function requireService(): DeviceService {
    if (!service) throw new AppError('adb_unavailable', problem ? `${problem.message} ${problem.fix}` : 'Device tracking is not running yet.', { retryable: true });
    return service;
  }

  async function startService(): Promise<void> {
    const settings = ctx.settings.get();
    settingsKey = adbSettingsKey(settings);
    if (ctx.env.PHONEPILOT_TEST === '1' && !ctx.env.ANDROID_ADB_SERVER_PORT && !settings.adb.serverPort) {
      // Tests must never start or use the user's default adb server (5037).
      problem = { message: 'Device tracking is off in tests without a private adb server.', fix: 'Set ANDROID_ADB_SERVER_PORT for this test.' };
      publish();
      return;
    }
    const next = deviceServiceFromSettings(settings, ctx.env);
    next.on('devices', (devices) => {
      for (const listener of listeners) listener(devices);
      publish();
    });
    next.on('status', () => publish());
    try {
      await next.start();
      if (disposed) {
        await next.dispose();
        return;
      }
      service = next;
      problem = null;
    } catch (error) {
      await next.dispose();
      problem = problemFor(error, next.port);
    }
    publish();
  }

  async function stopService(): Promise<void> {
    const current = service;
    service = null;
    await current?.dispose();
    for (const listener of listeners) listener([]);
  }

  /** One start at a time; a restart waits for a start in flight. */
  function restart(): Promise<void> {
    const previous = starting ?? Promise.resolve();
    const run = previous.then(async () => {
      await simulated.stop();
      await stopService();
      if (!disposed) await startService();
    });
    starting = run.finally(() => { if (starting === run) starting = null; });
    return run;
  }

  return {
    name: 'devices',
    simulated,
    get service() {
      return service;
    },
    onDevices(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      // CLI commands run their own DeviceService for exactly what they need.
      if (ctx.transport === 'cli') return;
      // Not awaited: finding adb and starting its server must not hold up the window.
      starting = startService().finally(() => { starting = null; });
      unsubscribeSettings = ctx.settings.onChange((state) => {
        if (adbSettingsKey(state.settings) !== settingsKey) void restart();
      });
    },
    async dispose() {
      unsubscribeSettings?.();
      await starting?.catch(() => undefined);
      await simulated.stop();
      disposed = true;
      await stopService();
      listeners.clear();
    },
    handlers: {
      'devices.list': async () => snapshot(),
      'devices.retry': async () => {
        await restart();
        return snapshot();
      },
      'devices.connect': async ({ address }) => ({ serial: await requireService().connect(address).catch(rethrowAddress) }),
      'devices.disconnect': async ({ address }) => {
        await requireService().disconnect(address).catch(rethrowAddress);
        return {};
      },
      'devices.pair': async ({ address, code }) => {
        await requireService().pair(address, code).catch(rethrowAddress);
        return {};
      },
      'devices.enableWifi': async ({ serial, port }) => ({ serial: await requireService().enableWifi(serial, port) }),
      'devices.startSimulated': async () => {
        requireService();
        const serial = await simulated.start();
        publish();
        return { serial };
      },
      'devices.stopSimulated': async () => {
        await simulated.stop();
        publish();
        return {};
      },
    },
  };
}

/** parseHostPort throws RangeError for a malformed address: the user's input, not a bug. */
function rethrowAddress(error: unknown): never {
  if (error instanceof RangeError) throw new AppError('validation', `${error.message}: use host:port, e.g. 192.168.1.20:5555.`);
  throw error;
}
