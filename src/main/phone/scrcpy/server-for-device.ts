// Which scrcpy server file a mirror pushes: the user's (settings, $SCRCPY_SERVER_PATH, an
// installed scrcpy) or the pinned download. The app's own simulated phone runs any pushed file,
// so when nothing else is available it gets a small stand-in written to the app data dir
// (unless PHONEPILOT_SIMULATED_SCRCPY_STANDIN=0: then it is treated like a phone with no server
// to be had, which is how the low-frame-rate mirror is tested).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../../../shared/settings';
import { provisionScrcpyServer, type ProvisionedScrcpyServer } from './server/provision';

/** A protocol version the simulated phone speaks. */
const SIMULATED_SERVER_VERSION = '3.3.4';

export interface ServerForDeviceOptions {
  settings: Pick<Settings, 'scrcpy'>;
  scrcpyDir: string;
  env: NodeJS.ProcessEnv;
  simulated: boolean;
}

export async function scrcpyServerForDevice(options: ServerForDeviceOptions): Promise<ProvisionedScrcpyServer> {
  try {
    return await provisionScrcpyServer({
      settingsPath: options.settings.scrcpy.serverPath,
      settingsVersion: options.settings.scrcpy.serverVersion,
      appScrcpyDir: options.scrcpyDir,
      env: options.env,
      // The simulated phone needs no real server: do not wait on a download for it.
      download: !options.simulated,
      // Without a network the fetch could hang: give up and say so instead.
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    if (!options.simulated || options.env.PHONEPILOT_SIMULATED_SCRCPY_STANDIN === '0') throw error;
    const dir = join(options.scrcpyDir, 'simulated');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'scrcpy-server');
    await writeFile(path, 'PhonePilot simulated phone: stands in for the scrcpy server jar.\n');
    return { path, version: SIMULATED_SERVER_VERSION, source: 'simulated phone' };
  }
}
