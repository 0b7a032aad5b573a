// The phones PhonePilot can see: the local adb server (started if needed) plus any extra
// remote adb servers, merged into one live list. Wi-Fi helpers (connect, pair, tcpip) live here
// because they change that list. Plain Node: the app, the CLI and the bridge share it.

import { EventEmitter } from 'node:events';
import type { Device } from '../../../shared/device';
import { AppError } from '../../../shared/errors';
import { createAdbClient, type AdbClient } from '../adb/adbkit';
import { probeAdbServer } from '../../platform/system/adb-server-probe';
import { adbServerPort, findAdb } from '../../platform/system/find-executable';
import { freeLoopbackPort } from '../../platform/system/free-port';
import { runTool } from '../../platform/system/run-tool';
import { DeviceShell } from '../adb/device-shell';
import { AdbServerWatcher, type WatcherStatus } from './adb-server-watcher';
import { parseHostPort, parseWlanAddress } from '../adb/device-info';

export interface DeviceServiceOptions {
  /** Explicit adb binary (settings); empty/undefined searches PATH and the SDK. */
  adbPath?: string;
  /** 0/undefined: what adb itself would use (ANDROID_ADB_SERVER_PORT, else 5037). */
  serverPort?: number;
  /** Extra adb servers, "host:port". */
  remoteServers?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Start the local adb server when none answers (default true). */
  startServer?: boolean;
  batteryRefreshMs?: number;
  /** How often to re-list devices for state changes adb does not push (default 2 s; 0 disables). */
  reconcileMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface AdbServerStatus extends WatcherStatus {
  server: string;
  remote: boolean;
}

interface Watched {
  server: string;
  remote: boolean;
  client: AdbClient;
  watcher: AdbServerWatcher;
}

const LOCAL_HOST = '127.0.0.1';

export class DeviceService extends EventEmitter<{ devices: [Device[]]; status: [AdbServerStatus[]] }> {
  private readonly env: NodeJS.ProcessEnv;
  private readonly watched = new Map<string, Watched>();
  private adbBin: string | undefined;
  private started = false;
  private disposed = false;
  readonly port: number;

  constructor(private readonly options: DeviceServiceOptions = {}) {
    super();
    this.env = options.env ?? process.env;
    this.port = adbServerPort(options.serverPort ?? 0, this.env);
  }

  /** host:port of the local adb server. */
  get localServer(): string {
    return `${LOCAL_HOST}:${this.port}`;
  }

  /** The adb binary found at start (undefined if only a running server was found). */
  get adbPath(): string | undefined {
    return this.adbBin;
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('DeviceService is disposed');
    if (this.started) return;
    this.adbBin = (await findAdb(this.options.adbPath ?? '', this.env))?.path;
    await this.ensureLocalServer();
    this.started = true;
    this.watch(this.localServer, false);
    for (const remote of this.options.remoteServers ?? []) this.addRemoteServer(remote);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const all = [...this.watched.values()];
    this.watched.clear();
    await Promise.all(all.map((w) => w.watcher.stop()));
    for (const w of all) w.watcher.removeAllListeners();
    this.emit('devices', []);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.disposed = true;
    this.removeAllListeners();
  }

  /** Every device of every server, local first. */
  list(): Device[] {
    return [...this.watched.values()].flatMap((w) => w.watcher.list());
  }

  get(serial: string, server?: string): Device | undefined {
    return this.list().find((d) => d.serial === serial && (server === undefined || d.server === server));
  }

  /** Waits for every server's first listing and the probes it started (one-shot listings). */
  async settled(timeoutMs = 10_000): Promise<void> {
    await Promise.all([...this.watched.values()].map((w) => w.watcher.settled(timeoutMs)));
  }

  statuses(): AdbServerStatus[] {
    return [...this.watched.values()].map((w) => ({ server: w.server, remote: w.remote, ...w.watcher.status }));
  }

  /** The adbkit client of the server that lists this device (mirror sessions use it). */
  clientFor(serial: string, server?: string): AdbClient {
    const device = this.get(serial, server);
    const w = this.watched.get(device?.server ?? this.localServer);
    if (!w) throw new AppError('unavailable', 'The device service is not started.');
    return w.client;
  }

  /** Waits until `serial` is listed in state 'device' (after connect/tcpip) or times out. */
  waitForDevice(serial: string, timeoutMs = 15_000, predicate: (d: Device) => boolean = (d) => d.state === 'device'): Promise<Device> {
    const now = this.list().find((d) => d.serial === serial && predicate(d));
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('devices', onDevices);
        reject(new AppError('timeout', `${serial} did not come online within ${timeoutMs} ms`, { retryable: true }));
      }, timeoutMs);
      const onDevices = (list: Device[]): void => {
        const found = list.find((d) => d.serial === serial && predicate(d));
        if (!found) return;
        clearTimeout(timer);
        this.off('devices', onDevices);
        resolve(found);
      };
      this.on('devices', onDevices);
    });
  }

  addRemoteServer(hostPort: string): void {
    const { host, port } = parseHostPort(hostPort);
    this.watch(`${host}:${port}`, true);
  }

  async removeRemoteServer(hostPort: string): Promise<void> {
    const { host, port } = parseHostPort(hostPort);
    const key = `${host}:${port}`;
    const w = this.watched.get(key);
    if (!w || !w.remote) return;
    this.watched.delete(key);
    await w.watcher.stop();
    w.watcher.removeAllListeners();
    this.emitDevices();
  }

  /** `adb connect host:port` on the local server; returns the new serial. */
  async connect(hostPort: string): Promise<string> {
    const { host, port } = parseHostPort(hostPort, 5555);
    try {
      await this.local().client.connect(host, port);
    } catch (error) {
      // adb answers "failed to authenticate to HOST:PORT" when the phone challenged it: the
      // phone is connected and listed as unauthorized, waiting for "Allow USB debugging?".
      if (/failed to authenticate/.test((error as Error).message)) return `${host}:${port}`;
      throw new AppError('device_offline', `Could not connect to ${host}:${port}: ${(error as Error).message}`, {
        retryable: true, details: { host, port }, cause: error,
      });
    }
    return `${host}:${port}`;
  }

  async disconnect(hostPort: string): Promise<void> {
    const { host, port } = parseHostPort(hostPort, 5555);
    await this.local().client.disconnect(host, port).catch(() => undefined);
  }

  /**
   * `adb pair host:port code` (Android 11+ wireless debugging). adbkit has no pairing, so this
   * runs the adb binary, with an argument array.
   */
  async pair(hostPort: string, code: string): Promise<void> {
    const { host, port } = parseHostPort(hostPort);
    if (!/^\d{6}$/.test(code.trim())) throw new AppError('validation', 'The pairing code is the 6 digits shown on the phone.');
    const adb = this.requireAdb();
    const result = await runTool(adb, ['-P', String(this.port), 'pair', `${host}:${port}`, code.trim()], { timeoutMs: 30_000, env: this.env });
    const out = `${result.stdout}\n${result.stderr}`;
    if (/unknown command pair/i.test(out)) {
      // platform-tools before 30 (Debian's adb 29, for one) cannot pair at all.
      throw new AppError('adb_unavailable', `This adb (${adb}) is too old to pair: wireless pairing needs Android platform-tools 30 or newer. Install a newer adb and set its path in Settings, or pair over USB with "adb tcpip".`);
    }
    if (result.code !== 0 || !/Successfully paired/i.test(out)) {
      throw new AppError('device_unauthorized', `Pairing with ${host}:${port} failed: ${out.trim() || `exit code ${result.code}`}`, { retryable: true });
    }
  }

  /**
   * Switches a USB phone to adb over Wi-Fi: reads its Wi-Fi address, `adb tcpip PORT`, then
   * connects. Returns the new serial (ip:port). PORT defaults to adb's 5555, except for the
   * simulated phone: its Wi-Fi side is on this computer's loopback, where 5555-5585 are the
   * ports the adb server probes for emulators (and a running emulator may hold them).
   */
  async enableWifi(serial: string, port?: number): Promise<string> {
    const client = this.local().client;
    const addr = parseWlanAddress(await new DeviceShell(client, serial).run(['ip', '-f', 'inet', 'addr', 'show', 'wlan0']));
    if (!addr) throw new AppError('unavailable', `${serial} has no Wi-Fi address: connect the phone to Wi-Fi first.`);
    port ??= this.get(serial, this.localServer)?.connection === 'simulated' ? await freeLoopbackPort() : 5555;
    await client.getDevice(serial).tcpip(port);
    // adbd restarts in TCP mode: the first connect attempts can be refused for a moment.
    let lastError: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        return await this.connect(`${addr}:${port}`);
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    throw lastError;
  }

  /** Re-reads a device's details (screen size after a resolution change, battery...). */
  async refresh(serial: string): Promise<void> {
    await Promise.all([...this.watched.values()].map((w) => w.watcher.refresh(serial)));
  }

  private local(): Watched {
    const w = this.watched.get(this.localServer);
    if (!w) throw new AppError('unavailable', 'The device service is not started.');
    return w;
  }

  private requireAdb(): string {
    if (!this.adbBin) throw new AppError('adb_unavailable', 'adb was not found: install the Android platform tools or set its path in Settings.');
    return this.adbBin;
  }

  private async ensureLocalServer(): Promise<void> {
    const running = await probeAdbServer(LOCAL_HOST, this.port).then(() => true, () => false);
    if (running) return;
    if (this.options.startServer === false) {
      throw new AppError('adb_unavailable', `No adb server answers on port ${this.port}.`, { retryable: true });
    }
    const adb = this.requireAdb();
    const result = await runTool(adb, ['-P', String(this.port), 'start-server'], { timeoutMs: 30_000, env: this.env });
    if (result.code !== 0) {
      throw new AppError('adb_unavailable', `adb could not start its server on port ${this.port}: ${(result.stderr || result.stdout).trim()}`, { retryable: true });
    }
  }

  private watch(server: string, remote: boolean): void {
    if (this.watched.has(server)) return;
    const [host, portText] = [server.slice(0, server.lastIndexOf(':')), server.slice(server.lastIndexOf(':') + 1)];
    const client = createAdbClient({ host, port: Number(portText) });
    const watcher = new AdbServerWatcher({
      trackDevices: () => client.trackDevices(),
      listDevices: () => client.listDevices(),
      // The probes are quick reads: 10 s is long enough, and a phone that hangs stays listed.
      shell: (serial, command) => new DeviceShell(client, serial).run(command, { timeoutMs: 10_000 }),
      server,
      remote,
      batteryRefreshMs: this.options.batteryRefreshMs,
      reconcileMs: this.options.reconcileMs ?? 2_000,
      retryMinMs: this.options.retryMinMs,
      retryMaxMs: this.options.retryMaxMs,
    });
    watcher.on('devices', () => this.emitDevices());
    watcher.on('status', () => this.emit('status', this.statuses()));
    this.watched.set(server, { server, remote, client, watcher });
    watcher.start();
  }

  private emitDevices(): void {
    this.emit('devices', this.list());
  }
}
