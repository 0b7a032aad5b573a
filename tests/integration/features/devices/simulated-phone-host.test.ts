// The app's built-in simulated phone (SimulatedPhoneHost) against a real adb server on a
// private port, connected the way the app does it: through a DeviceService.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeviceService } from '../../../../src/main/phone/devices/device-service';
import { SimulatedPhoneHost } from '../../../../src/main/features/devices/simulated-phone-host';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { adbState, waitForState } from '../../../support/virtual-phone';

// Only the adb found on PATH; never the developer's default server port.
const env = { PATH: process.env.PATH ?? '' };

let server: AdbServerHandle;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await startAdbServer();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});
afterAll(async () => {
  await server?.stop();
});

describe('SimulatedPhoneHost (real adb)', () => {
  it('stop() after "Use Wi-Fi" disconnects both serials: adb keeps no offline entry to retry', async () => {
    const devices = new DeviceService({ serverPort: server.port, env, batteryRefreshMs: 0, retryMinMs: 100, retryMaxMs: 500 });
    cleanups.push(() => devices.dispose());
    await devices.start();
    const host = new SimulatedPhoneHost({
      connect: (serial) => devices.connect(serial).then((s) => devices.waitForDevice(s, 30_000)),
      disconnect: (serial) => devices.disconnect(serial),
    });
    cleanups.push(() => host.stop());
    const serial = await host.start();
    cleanups.push(async () => { await server.adb(['disconnect', serial]); });

    await server.adb(['-s', serial, 'shell', 'settings', 'put', 'global', 'wifi_on', '1']);
    const wifiSerial = await devices.enableWifi(serial);
    cleanups.push(async () => { await server.adb(['disconnect', wifiSerial]); });
    expect(wifiSerial).toBe(`127.0.0.1:${host.instance!.inspect().tcpipPort}`);
    await waitForState(server, wifiSerial, 'device');

    await host.stop();
    expect(host.serial).toBeNull();
    // Left connected, the closed Wi-Fi port would show as `offline` (adb retrying it) for good.
    const deadline = Date.now() + 10_000;
    let listed: Array<string | null> = [];
    while (Date.now() < deadline) {
      listed = [await adbState(server, serial), await adbState(server, wifiSerial)];
      if (listed.every((s) => s === null)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed).toEqual([null, null]);
  });
});
