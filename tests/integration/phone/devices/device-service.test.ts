// DeviceService against a real adb server (private port) and the simulated phone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../../../src/shared/device';
import { DeviceService } from '../../../../src/main/phone/devices/device-service';
import { freePort, startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { startConnectedPhone, waitForState, type ConnectedPhone } from '../../../support/virtual-phone';
import { VirtualPhone } from '#virtual-phone';

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
  await server.stop();
});

function service(port: number, extra: Partial<ConstructorParameters<typeof DeviceService>[0]> = {}): DeviceService {
  const s = new DeviceService({ serverPort: port, env, batteryRefreshMs: 0, retryMinMs: 100, retryMaxMs: 500, ...extra });
  cleanups.push(() => s.dispose());
  return s;
}

async function phoneOn(handle: AdbServerHandle, ...args: Parameters<typeof startConnectedPhone> extends [unknown, ...infer Rest] ? Rest : never): Promise<ConnectedPhone> {
  const p = await startConnectedPhone(handle, ...args);
  cleanups.push(() => p.stop());
  return p;
}

describe('DeviceService (real adb + simulated phone)', () => {
  it('lists the simulated phone with its details and follows its removal', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = await phoneOn(server);
    const d = await devices.waitForDevice(phone.serial, 30_000, (x) => x.state === 'device' && x.model !== undefined && x.battery !== undefined);
    expect(d).toMatchObject({
      serial: phone.serial, state: 'device', rawState: 'device', connection: 'simulated', model: 'PhonePilot Virtual',
      androidVersion: '14', sdk: 34, screen: { width: 1080, height: 2400 }, server: `127.0.0.1:${server.port}`,
    });
    expect(d.battery!.level).toBeGreaterThanOrEqual(0);
    expect(d.hint).toBeUndefined();

    const gone = new Promise<Device[]>((resolve) => {
      const on = (list: Device[]) => {
        if (list.some((x) => x.serial === phone.serial)) return;
        devices.off('devices', on);
        resolve(list);
      };
      devices.on('devices', on);
    });
    await server.adb(['disconnect', phone.serial]);
    await gone;
    expect(devices.get(phone.serial)).toBeUndefined();
  });

  it('recognises a renamed simulated phone and connects by host:port', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = new VirtualPhone({ android: { model: 'Test Handset' } });
    const { serial } = await phone.start();
    cleanups.push(async () => {
      await server.adb(['disconnect', serial]);
      await phone.dispose();
    });
    expect(await devices.connect(serial)).toBe(serial);
    const d = await devices.waitForDevice(serial, 30_000, (x) => x.model !== undefined);
    expect(d).toMatchObject({ model: 'Test Handset', connection: 'simulated' });
    const gone = new Promise<void>((resolve) => devices.on('devices', (l) => { if (!l.some((x) => x.serial === serial)) resolve(); }));
    await devices.disconnect(serial);
    await gone;
  });

  it('starts the adb server when none runs on its port', async () => {
    const port = await freePort();
    cleanups.push(async () => {
      await new Promise<void>((resolve) => {
        import('node:child_process').then(({ execFile }) => execFile('adb', ['-P', String(port), 'kill-server'], () => resolve()));
      });
    });
    const devices = service(port);
    await devices.start();
    await devices.settled();
    expect(devices.statuses()).toEqual([{ server: `127.0.0.1:${port}`, remote: false, connected: true }]);
    expect(devices.list()).toEqual([]);
  });

  it('refuses to start without a server when told not to start one', async () => {
    const port = await freePort();
    const devices = service(port, { startServer: false });
    await expect(devices.start()).rejects.toMatchObject({ code: 'adb_unavailable' });
  });

  it('tracks devices of an extra (remote) adb server beside the local one', async () => {
    const remote = await startAdbServer();
    cleanups.push(() => remote.stop());
    const phone = await phoneOn(remote);
    const devices = service(server.port, { remoteServers: [`127.0.0.1:${remote.port}`] });
    await devices.start();
    const d = await devices.waitForDevice(phone.serial, 30_000, (x) => x.model !== undefined);
    expect(d.server).toBe(`127.0.0.1:${remote.port}`);
    expect(devices.statuses().map((s) => s.remote)).toEqual([false, true]);
    // The mirror must talk to the server that lists the device.
    expect(await devices.clientFor(phone.serial, d.server).version()).toBeGreaterThan(0);
  });

  it('stop() ends tracking: no more events, empty list', async () => {
    const devices = service(server.port);
    await devices.start();
    await devices.settled();
    await devices.stop();
    let events = 0;
    devices.on('devices', () => events++);
    const phone = await phoneOn(server);
    await server.adb(['-s', phone.serial, 'shell', 'echo', 'ok']);
    expect(events).toBe(0);
    expect(devices.list()).toEqual([]);
    expect(devices.statuses()).toEqual([]);
  });

  // adb does not push these states to trackers (see AdbServerWatcher.reconcile): the service
  // must still show them, and follow the phone out of them, without a reload.
  it('follows a phone from unauthorized, with its next step, to a usable device', async () => {
    const devices = service(server.port);
    await devices.start();
    await devices.settled();
    const phone = await phoneOn(server, { auth: 'prompt' }, 'unauthorized');
    const locked = await devices.waitForDevice(phone.serial, 15_000, (x) => x.state === 'unauthorized');
    expect(locked).toMatchObject({ rawState: 'unauthorized', connection: 'wifi' });
    expect(locked.hint).toMatch(/accept "Allow USB debugging\?"/);
    expect(locked.model).toBeUndefined();
    phone.phone.authorize();
    const ready = await devices.waitForDevice(phone.serial, 15_000, (x) => x.state === 'device' && x.model !== undefined);
    expect(ready).toMatchObject({ connection: 'simulated', model: 'PhonePilot Virtual' });
    expect(ready.hint).toBeUndefined();
  });

  it('connect() to a phone that asks for authorisation succeeds: it is listed, waiting for the user', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = new VirtualPhone({ auth: 'prompt' });
    const { serial } = await phone.start();
    cleanups.push(async () => {
      await server.adb(['disconnect', serial]);
      await phone.dispose();
    });
    expect(await devices.connect(serial)).toBe(serial);
    await devices.waitForDevice(serial, 15_000, (x) => x.state === 'unauthorized');
  });

  it('enableWifi switches the simulated phone to adb over Wi-Fi: the new serial is listed as a Wi-Fi phone', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = await phoneOn(server);
    await devices.waitForDevice(phone.serial, 30_000, (x) => x.model !== undefined);
    // Wi-Fi off: no address to connect to, said before anything changes on the phone.
    await expect(devices.enableWifi(phone.serial, await freePort())).rejects.toMatchObject({ code: 'unavailable', message: /connect the phone to Wi-Fi first/ });
    expect(phone.phone.resources().listeners).toBe(1);

    await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '1']);
    const port = await freePort();
    const wifiSerial = await devices.enableWifi(phone.serial, port);
    cleanups.push(async () => { await server.adb(['disconnect', wifiSerial]); });
    expect(wifiSerial).toBe(`127.0.0.1:${port}`);
    const wifi = await devices.waitForDevice(wifiSerial, 30_000, (x) => x.model !== undefined);
    expect(wifi).toMatchObject({ state: 'device', connection: 'wifi', model: 'PhonePilot Virtual', server: `127.0.0.1:${server.port}` });
    // The cable side is still the simulated phone itself.
    expect(devices.get(phone.serial)).toMatchObject({ state: 'device', connection: 'simulated' });
  });

  it('enableWifi without a port keeps the simulated phone off the emulator ports', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = await phoneOn(server);
    await devices.waitForDevice(phone.serial, 30_000, (x) => x.connection === 'simulated');
    await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '1']);
    const wifiSerial = await devices.enableWifi(phone.serial);
    cleanups.push(async () => { await server.adb(['disconnect', wifiSerial]); });
    const port = Number(/^127\.0\.0\.1:(\d+)$/.exec(wifiSerial)?.[1]);
    expect(port).toBe(phone.phone.inspect().tcpipPort);
    expect(port < 5555 || port > 5585).toBe(true);
    await devices.waitForDevice(wifiSerial, 30_000, (x) => x.connection === 'wifi');
  });

  it('shows a phone that stopped answering as offline, and usable again when it is back', async () => {
    const devices = service(server.port);
    await devices.start();
    const phone = await phoneOn(server);
    await devices.waitForDevice(phone.serial, 30_000, (x) => x.model !== undefined);
    await phone.phone.stop();
    const offline = await devices.waitForDevice(phone.serial, 15_000, (x) => x.state === 'offline');
    expect(offline.hint).toMatch(/simulated phone stopped answering/);
    await phone.phone.start();
    await waitForState(server, phone.serial, 'device', 40_000);
    const back = await devices.waitForDevice(phone.serial, 15_000, (x) => x.state === 'device');
    expect(back.hint).toBeUndefined();
  });
});
