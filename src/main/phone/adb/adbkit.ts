import adbkitModule from '@devicefarmer/adbkit';
import type { Client } from '@devicefarmer/adbkit';

// adbkit is CommonJS with an ES-module-shaped `default`. Node's ESM loader hands us
// module.exports (so the factory sits on `.default`), while some bundlers unwrap it once:
// accept both so the CLI, the bridge, Electron and vitest all get the same client.
type AdbStatic = { createClient(options?: { host?: string; port?: number; bin?: string }): Client };
const mod = adbkitModule as unknown as AdbStatic & { default?: AdbStatic };
const Adb: AdbStatic = typeof mod.createClient === 'function' ? mod : (mod.default as AdbStatic);

export type AdbClient = Client;

/** adbkit ignores ANDROID_ADB_SERVER_PORT / ADB_PORT: always pass the port explicitly. */
export function createAdbClient(options: { host?: string; port: number; bin?: string }): AdbClient {
  return Adb.createClient(options);
}
