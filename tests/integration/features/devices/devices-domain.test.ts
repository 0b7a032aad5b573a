// The devices domain follows the adb settings: adding a remote adb server in Settings makes its
// phones appear (without restarting the app); removing it makes them go.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppServices } from '../../../../src/main/features/app-services';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { makeTempDir } from '../../../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { appTestEnv } from '../../../support/app-env';

const call = { transport: 'in-process' } as const;

describe('devices domain and settings', () => {
  let local: AdbServerHandle;
  let remote: AdbServerHandle;
  let phone: ConnectedPhone;
  let services: AppServices;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-devices-domain-');
    local = await startAdbServer();
    remote = await startAdbServer();
    // The phone is known only to the "remote" adb server.
    phone = await startConnectedPhone(remote);
    services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir, env: await appTestEnv(tmp.dir, local.port) });
    await services.start();
  });

  afterAll(async () => {
    await services?.dispose();
    await phone?.stop();
    await remote?.stop();
    await local?.stop();
    await tmp?.cleanup();
  });

  it('lists the phones of a remote adb server added in Settings, and drops them when removed', async () => {
    await vi.waitFor(async () => expect((await services.handlers['devices.list']({}, call)).servers.length).toBe(1), { timeout: 20_000 });
    expect((await services.handlers['devices.list']({}, call)).devices).toEqual([]);
    const remoteServer = `127.0.0.1:${remote.port}`;
    await services.settings.update({ adb: { path: '', serverPort: 0, remoteServers: [remoteServer] } });
    await vi.waitFor(async () => {
      const snap = await services.handlers['devices.list']({}, call);
      expect(snap.servers).toEqual(expect.arrayContaining([expect.objectContaining({ server: remoteServer, remote: true, connected: true })]));
      expect(snap.devices).toEqual([expect.objectContaining({ serial: phone.serial, server: remoteServer, state: 'device' })]);
    }, { timeout: 30_000 });
    await services.settings.update({ adb: { path: '', serverPort: 0, remoteServers: [] } });
    await vi.waitFor(async () => expect((await services.handlers['devices.list']({}, call)).devices).toEqual([]), { timeout: 30_000 });
  });

  it('explains a malformed Wi-Fi address as a validation error', async () => {
    await expect(services.handlers['devices.connect']({ address: 'not an address' }, call)).rejects.toThrow(/host:port/);
  });
});
