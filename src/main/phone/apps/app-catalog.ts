// Installed apps per device, listed once and cached: listing costs a server start (scrcpy)
// or a pm call, launching happens many times per task. A launch that fails refreshes it.
import { scrcpyServerArgv } from '#wire';
import type { DeviceShell } from '../adb/device-shell';
import { parsePmPackages, parseScrcpyAppList } from './installed-apps';
import type { LaunchableApp } from './resolve-app';

export interface ScrcpyServerFile { path: string; version: string }

/** Where the listing server is pushed: not the mirror's path, so a running mirror is not disturbed. */
export const LIST_APPS_JAR = '/data/local/tmp/phonepilot-list-apps.jar';

export interface AppCatalogOptions {
  /**
   * A scrcpy server file: `list_apps=true` gives labels. Without it: `pm list packages`. A
   * function is asked at each listing (the app's file depends on settings; undefined: none).
   */
  server?: ScrcpyServerFile | (() => Promise<ScrcpyServerFile | undefined>);
}

export class AppCatalog {
  private readonly cache = new Map<string, Promise<LaunchableApp[]>>();

  constructor(private readonly options: AppCatalogOptions = {}) {}

  /** The device's apps (cached per serial; a failed listing is not cached). */
  apps(shell: DeviceShell): Promise<LaunchableApp[]> {
    let cached = this.cache.get(shell.serial);
    if (!cached) {
      cached = this.list(shell);
      this.cache.set(shell.serial, cached);
      cached.catch(() => this.cache.delete(shell.serial));
    }
    return cached;
  }

  invalidate(serial: string): void {
    this.cache.delete(serial);
  }

  private async list(shell: DeviceShell): Promise<LaunchableApp[]> {
    const option = this.options.server;
    const server = typeof option === 'function' ? await option().catch(() => undefined) : option;
    if (server) {
      const apps = await listWithScrcpy(shell, server).catch(() => []);
      if (apps.length > 0) return apps;
    }
    return parsePmPackages(await shell.run(['pm', 'list', 'packages']));
  }
}

async function listWithScrcpy(shell: DeviceShell, server: ScrcpyServerFile): Promise<LaunchableApp[]> {
  // Validated before anything is pushed (a bad version throws RangeError). cleanup (default)
  // makes the server delete its jar when it starts.
  const argv = scrcpyServerArgv(server.version, { logLevel: 'info', listApps: true });
  const transfer = await shell.client.getDevice(shell.serial).push(server.path, LIST_APPS_JAR);
  await new Promise<void>((resolve, reject) => {
    transfer.once('end', () => resolve());
    transfer.once('error', reject);
  });
  const output = await shell.run(argv, {
    env: { CLASSPATH: LIST_APPS_JAR }, timeoutMs: 20_000,
  });
  return parseScrcpyAppList(output);
}
