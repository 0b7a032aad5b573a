// The environment the app's services get in these tests: the private adb server's port and a
// stand-in scrcpy server file (the simulated phone runs whatever is pushed; the version file
// names the protocol it speaks). Never the user's default adb server.
import { join } from 'node:path';
import { writeStandInServer } from './scrcpy-server-file';

export async function appTestEnv(dir: string, adbPort: number, version = '3.3.4'): Promise<NodeJS.ProcessEnv> {
  const serverFile = await writeStandInServer(join(dir, 'scrcpy'), version);
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ANDROID_ADB_SERVER_PORT: String(adbPort),
    SCRCPY_SERVER_PATH: serverFile,
    PHONEPILOT_TEST: '1',
  };
}
