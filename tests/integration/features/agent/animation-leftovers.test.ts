// The app starting after a crash that left a phone's animations off: the ledger names the phone
// and the user's values; once the phone is connected they are put back and the ledger emptied.
// A phone the ledger does not name is not touched.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppServices } from '../../../../src/main/features/app-services';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { makeTempDir } from '../../../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { appTestEnv } from '../../../support/app-env';

const KEYS = ['window_animation_scale', 'transition_animation_scale', 'animator_duration_scale'] as const;

describe('animation scales left off by a crash', () => {
  let adb: AdbServerHandle;
  let crashed: ConnectedPhone;
  let other: ConnectedPhone;
  let services: AppServices | undefined;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-animation-leftovers-');
    adb = await startAdbServer();
    crashed = await startConnectedPhone(adb);
    other = await startConnectedPhone(adb);
  });
  afterAll(async () => {
    await services?.dispose();
    await crashed?.stop();
    await other?.stop();
    await adb?.stop();
    await tmp?.cleanup();
  });

  const scales = (p: ConnectedPhone) => KEYS.map((k) => p.phone.android.getSetting('global', k));

  it('are put back when the app starts and the phone is there', async () => {
    for (const p of [crashed, other]) for (const k of KEYS) p.phone.android.putSetting('global', k, '0');
    const ledgerDir = join(tmp.dir, 'phone-animations');
    await mkdir(ledgerDir);
    const entry = join(ledgerDir, `${encodeURIComponent(crashed.serial)}.json`);
    await writeFile(entry, JSON.stringify({ window_animation_scale: '0.5', transition_animation_scale: '1.0', animator_duration_scale: null }));
    services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir, env: await appTestEnv(tmp.dir, adb.port) });
    await services.start();
    await vi.waitFor(() => expect(scales(crashed)).toEqual(['0.5', '1.0', null]), { timeout: 20_000 });
    await vi.waitFor(() => expect(readFile(entry)).rejects.toThrow(/ENOENT/), { timeout: 5_000 });
    // The user may have turned animations off on the other phone themselves: not ours to change.
    expect(scales(other)).toEqual(['0', '0', '0']);
  });
});
