// `adb tcpip` on the simulated phone through a real adb server (private port): the phone's
// own port stands for its USB cable; `tcpip:PORT` makes it listen on 127.0.0.1:PORT too, and
// `adb connect` there gives a second transport to the same phone. Ports are free ones, never
// 5555-5585 (the adb server probes those for emulators).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient } from '../../../src/main/phone/adb/adbkit';
import { parseWlanAddress } from '../../../src/main/phone/adb/device-info';
import { freePort, startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { adbState, startConnectedPhone, waitForState, type ConnectedPhone } from '../../support/virtual-phone';

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

async function phoneWithWifi(): Promise<ConnectedPhone> {
  const phone = await startConnectedPhone(server);
  cleanups.push(() => phone.stop());
  // The owner turns Wi-Fi on: only then does wlan0 have an address.
  await phone.adb(['shell', 'settings', 'put', 'global', 'wifi_on', '1']);
  return phone;
}

/** `adb connect`s the Wi-Fi side; teardown disconnects it (before the phone stops). */
async function connectWifi(port: number): Promise<{ serial: string; stdout: string }> {
  const serial = `127.0.0.1:${port}`;
  const { stdout } = await server.adb(['connect', serial]);
  cleanups.push(async () => { await server.adb(['disconnect', serial]); });
  return { serial, stdout };
}

describe('adb tcpip on the simulated phone', () => {
  it('restarts in TCP mode: a second serial on the Wi-Fi port reaches the same phone, and stop() leaves nothing behind', async () => {
    const phone = await phoneWithWifi();
    const ip = await phone.adb(['shell', 'ip', '-f', 'inet', 'addr', 'show', 'wlan0']);
    expect(ip.stdout).toContain('    inet 127.0.0.1/8 brd 127.255.255.255 scope global wlan0\n');
    expect(parseWlanAddress(ip.stdout)).toBe('127.0.0.1');

    const port = await freePort();
    const tcpip = await phone.adb(['tcpip', String(port)]);
    expect(tcpip).toMatchObject({ code: 0, stdout: `restarting in TCP mode port: ${port}\n` });

    const wifi = await connectWifi(port);
    expect(wifi.stdout).toBe(`connected to ${wifi.serial}\n`);
    await waitForState(server, wifi.serial, 'device');
    // Like a phone still on its cable: the USB transport stays.
    expect(await adbState(server, phone.serial)).toBe('device');

    const echo = await server.adb(['-s', wifi.serial, 'shell', 'echo', 'hi']);
    expect(echo).toMatchObject({ code: 0, stdout: 'hi\n' });
    // One phone behind both serials: what one changes, the other sees.
    await phone.adb(['shell', 'settings', 'put', 'system', 'screen_brightness', '42']);
    expect((await server.adb(['-s', wifi.serial, 'shell', 'settings', 'get', 'system', 'screen_brightness'])).stdout).toBe('42\n');
    expect((await server.adb(['-s', wifi.serial, 'shell', 'getprop', 'service.adb.tcp.port'])).stdout).toBe(`${port}\n`);

    expect(phone.phone.inspect().tcpipPort).toBe(port);
    expect(phone.phone.resources()).toMatchObject({ connections: 2, sockets: 2, listeners: 2 });

    await server.adb(['disconnect', wifi.serial]);
    await phone.stop();
    expect(phone.phone.resources()).toEqual({ sockets: 0, connections: 0, scrcpySessions: 0, ffmpegPids: [], listeners: 0 });
  });

  it('comes back on both ports after the phone stops answering and starts again', async () => {
    const phone = await phoneWithWifi();
    const port = await freePort();
    expect((await phone.adb(['tcpip', String(port)])).stdout).toBe(`restarting in TCP mode port: ${port}\n`);
    const wifi = await connectWifi(port);
    await waitForState(server, wifi.serial, 'device');

    await phone.phone.stop();
    await waitForState(server, wifi.serial, 'offline');
    await phone.phone.start();
    // adb's own retries find both ports again (they back off: allow them time).
    await waitForState(server, phone.serial, 'device', 40_000);
    await waitForState(server, wifi.serial, 'device', 40_000);
    expect((await server.adb(['-s', wifi.serial, 'shell', 'echo', 'back'])).stdout).toBe('back\n');
  });

  it('refuses ports the phone cannot use with adbd\'s text, and keeps working when the port is taken', async () => {
    const phone = await phoneWithWifi();
    // The adb CLI checks the range itself ("adb: tcpip: invalid port: 0"): adbkit sends anything.
    const device = createAdbClient({ port: server.port }).getDevice(phone.serial);
    await expect(device.tcpip(0)).rejects.toThrow(/^invalid port 0$/);
    await expect(device.tcpip(70000)).rejects.toThrow(/^invalid port 70000$/);
    expect(phone.phone.resources().listeners).toBe(1);

    // A port something else holds (here the phone's own): adbd replies before it restarts, so
    // the reply is the same; nothing new listens, which the phone's event log says.
    expect(await device.tcpip(phone.phone.port!)).toBe(phone.phone.port);
    expect(phone.phone.resources().listeners).toBe(1);
    expect(phone.phone.inspect().tcpipPort).toBeNull();
    expect(phone.phone.events.list({ kind: 'connection' }).map((e) => e.detail)).toContainEqual(expect.stringMatching(/^adb tcpip \d+: cannot listen: .*EADDRINUSE/));
    expect((await phone.adb(['shell', 'getprop', 'service.adb.tcp.port'])).stdout).toBe('\n');
  });
});
