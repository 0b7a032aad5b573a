// `adb pair` through the device service with the real adb binary. The pairing protocol itself
// (SPAKE2 + TLS) is not simulated, so this covers what can be checked here: the 6-digit code is
// validated before adb runs, and a pairing that cannot happen comes back as one clear error in
// adb's or our words: Debian's adb 29 has no `pair` at all; a newer adb fails on a dead port.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceService } from '../../../../src/main/phone/devices/device-service';
import { freePort, startAdbServer, type AdbServerHandle } from '../../../support/adb-server';

const env = { PATH: process.env.PATH ?? '' };
let server: AdbServerHandle;
let devices: DeviceService;

/** platform-tools 30+ know `pair`; `adb version` says "Version 29.0.6-debian" and the like. */
function adbCanPair(): boolean {
  const m = /Version (\d+)\./.exec(execFileSync('adb', ['version'], { encoding: 'utf8' }));
  return m !== null && Number(m[1]) >= 30;
}

beforeAll(async () => {
  server = await startAdbServer();
  devices = new DeviceService({ serverPort: server.port, env, batteryRefreshMs: 0 });
  await devices.start();
});
afterAll(async () => {
  await devices?.dispose();
  await server?.stop();
});

describe('pairing (Android 11+ wireless debugging)', () => {
  it('refuses a code that is not the 6 digits the phone shows, before running adb', async () => {
    await expect(devices.pair('127.0.0.1:37123', '12345')).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/6 digits/) });
    await expect(devices.pair('127.0.0.1:37123', '12345a')).rejects.toMatchObject({ code: 'validation' });
  });

  it('a pairing that cannot happen is one clear error, never a success', async () => {
    const port = await freePort();
    const error = await devices.pair(`127.0.0.1:${port}`, '123456').then(() => null, (e: unknown) => e);
    if (adbCanPair()) {
      expect(error).toMatchObject({ code: 'device_unauthorized', retryable: true });
      expect((error as Error).message).toMatch(new RegExp(`^Pairing with 127\\.0\\.0\\.1:${port} failed: .+`));
    } else {
      expect(error).toMatchObject({ code: 'adb_unavailable' });
      expect((error as Error).message).toMatch(/too old to pair: wireless pairing needs Android platform-tools 30 or newer/);
    }
  });
});
