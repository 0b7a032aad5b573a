// The environment the app's services get in these tests: the private adb server's port and a
// stand-in scrcpy server file (the simulated phone runs whatever is pushed; the version file
// names the protocol it speaks). Never the user's default adb server.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function appTestEnv(dir: string, adbPort: number, version = '3.3.4'): Promise<NodeJS.ProcessEnv> {
  await mkdir(join(dir, 'scrcpy'), { recursive: true });
  const serverFile = join(dir, 'scrcpy', 'scrcpy-server');
  await writeFile(serverFile, 'simulated scrcpy server');
  await writeFile(join(dir, 'scrcpy', 'scrcpy-server.version'), `${version}\n`);
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ANDROID_ADB_SERVER_PORT: String(adbPort),
    SCRCPY_SERVER_PATH: serverFile,
    PHONEPILOT_TEST: '1',
  };
}
