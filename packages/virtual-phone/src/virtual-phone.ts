// A simulated Android phone on a loopback TCP port that the real adb server can `adb connect`
// to: ADB transport, shell, sync, reverse, `adb tcpip` (a second port for its Wi-Fi side), and a
// simulated scrcpy server, all over a SimulatedAndroid model.
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { PhoneAuthorization } from './adb/adb-auth';
import { AdbListener } from './adb/adb-listener';
import { AdbDeviceConnection, type ServiceRouter } from './adb/device-connection';
import { createSimulatedAndroid } from './android/simulated-android';
import type { PhoneStateSnapshot, SimulatedAndroid, SimulatedAndroidOptions } from './android/types';
import { DeviceProperties } from './device-properties';
import { EventLog, type LoggedEvent } from './event-log';
import { MemoryFs } from './fs/memory-fs';
import { Logcat } from './android/logcat';
import { ProcessTable } from './android/process-table';
import { watchActivityLog } from './android/activity-log';
import { InspectServer } from './inspect-server';
import { latencyFor, sleep, type LatencyKind, type LatencyProfile } from './latency';
import { scrcpyCommands } from './scrcpy/app-process-command';
import { ScrcpyRuntime, type SimulatedVideoOptions } from './scrcpy/scrcpy-runtime';
import { reverseEntries, type ReverseEntry } from './services/reverse-service';
import type { LocalAbstractNamespace } from './services/local-abstract';
import { createServiceRouter } from './services/service-router';
import type { DeviceContext } from './shell/command-context';
import { createCommandTable } from './shell/command-table';

export interface VirtualPhoneOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Loopback only: '127.0.0.1' (default), '::1' or 'localhost'. */
  host?: string;
  /** Options for the SimulatedAndroid created for this phone. */
  android?: Partial<SimulatedAndroidOptions>;
  /** Use this model instead of creating one (tests with a fake). The phone disposes it. */
  androidInstance?: SimulatedAndroid;
  /**
   * Advertise shell_v2 (exit codes, separate stderr, stdin, window size), as every phone since
   * Android 7 does. Default true; false simulates an older phone (plain `shell:` only).
   */
  shellV2?: boolean;
  latencyProfile?: LatencyProfile;
  /** Serve GET /state (and POST /authorize) on this loopback port (0 = any free port). Off when undefined. */
  inspectPort?: number;
  ffmpegPath?: string;
  /** The simulated scrcpy server's video: display refresh rate, benchmark replay source. */
  video?: SimulatedVideoOptions;
  /**
   * 'none' (default): any host is let in at once. 'prompt': like a phone whose owner has not
   * allowed this computer yet: hosts get AUTH challenges and adb lists the phone as
   * `unauthorized` until authorize() (the user tapping "Allow"); keys allowed once are trusted
   * by later connections for the life of this object.
   */
  auth?: 'none' | 'prompt';
}

export interface VirtualPhoneInspection {
  serial: string | null;
  port: number | null;
  /** The Wi-Fi side's port after `adb tcpip PORT`, null while the phone is USB only. */
  tcpipPort: number | null;
  inspectPort: number | null;
  snapshot: PhoneStateSnapshot;
  size: { width: number; height: number };
  events: LoggedEvent[];
  connections: number;
  reverse: ReverseEntry[];
  scrcpy: Array<Record<string, unknown>>;
  files: string[];
  auth: { mode: 'none' | 'prompt'; prompting: boolean; trustedKeys: number };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class VirtualPhone {
  readonly android: SimulatedAndroid;
  readonly fs = new MemoryFs();
  readonly events = new EventLog();
  readonly props: DeviceProperties;
  readonly logcat = new Logcat();
  readonly processes: ProcessTable;
  private readonly stopActivityLog: () => void;
  private readonly scrcpy: ScrcpyRuntime;
  private readonly device: DeviceContext;
  private readonly host: string;
  /** The port that stands for the USB cable: the phone's serial is this address. */
  private usb: AdbListener | null = null;
  /** The port `adb tcpip` opened (the phone's Wi-Fi side); kept across stop()/start(). */
  private tcpip: AdbListener | null = null;
  private tcpipPort: number | null = null;
  /** Every listener opened and not yet closed: what resources() counts, what stop() closes. */
  private readonly listeners = new Set<AdbListener>();
  private router: ServiceRouter | null = null;
  private readonly connections = new Set<AdbDeviceConnection>();
  private readonly connectionNames = new WeakMap<AdbDeviceConnection, string>();
  private readonly authorization: PhoneAuthorization | null;
  private connectionCount = 0;
  private rebooting = false;
  /** The listener each connection came in on (so `adb usb` drops only the Wi-Fi side's hosts). */
  private readonly connectionPorts = new WeakMap<AdbDeviceConnection, AdbListener>();
  private inspectServer: InspectServer | null = null;
  private _port: number | null = null;
  private _inspectPort: number | null = null;
  private disposed = false;

  constructor(private readonly options: VirtualPhoneOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.has(this.host)) throw new Error(`VirtualPhone listens on loopback only, not ${this.host}`);
    this.android = options.androidInstance ?? createSimulatedAndroid({
      serial: `virtual-${randomBytes(4).toString('hex')}`,
      ...options.android,
    });
    this.props = new DeviceProperties(this.android.options);
    this.processes = new ProcessTable(this.android);
    this.stopActivityLog = watchActivityLog(this.android, this.logcat, this.processes);
    this.scrcpy = new ScrcpyRuntime(options.ffmpegPath, options.video);
    this.authorization = options.auth === 'prompt' ? new PhoneAuthorization() : null;
    const profile = options.latencyProfile ?? 'none';
    this.device = {
      android: this.android,
      fs: this.fs,
      props: this.props,
      log: this.events,
      scrcpy: this.scrcpy,
      logcat: this.logcat,
      processes: this.processes,
      delay: (kind: LatencyKind, signal?: AbortSignal) => sleep(latencyFor(profile, kind), signal),
      network: {
        address: this.host === '::1' ? '::1' : '127.0.0.1',
        listenTcp: (port) => this.listenTcpip(port),
        leaveTcp: () => this.leaveTcpip(),
        reboot: (target) => { void this.reboot(target); },
      },
    };
  }

  /** TCP port once started. */
  get port(): number | null {
    return this._port;
  }

  /** What `adb connect` makes of this phone: '127.0.0.1:PORT'. */
  get serial(): string | null {
    return this._port === null ? null : this.serialFor(this._port);
  }

  /** The serial of the Wi-Fi side once `adb tcpip PORT` opened it (kept across stop()/start()), else null. */
  get tcpipSerial(): string | null {
    return this.tcpipPort === null ? null : this.serialFor(this.tcpipPort);
  }

  private serialFor(port: number): string {
    return `${this.host === '::1' ? '[::1]' : this.host === 'localhost' ? '127.0.0.1' : this.host}:${port}`;
  }

  /** The device's abstract socket namespace (what `localabstract:NAME` and adb forward reach). */
  get localAbstract(): LocalAbstractNamespace {
    return this.scrcpy.namespace;
  }

  get inspectPort(): number | null {
    return this._inspectPort;
  }

  /** Features in the CNXN banner: each changes how the adb host talks to us. */
  get features(): string[] {
    // What Android 14's adbd offers and this phone implements (sendrecv_v2, track_app and
    // delayed_ack are left out: not simulated).
    const features = ['cmd', 'stat_v2', 'ls_v2', 'fixed_push_mkdir', 'apex', 'abb_exec', 'fixed_push_symlink_timestamp', 'remount_shell'];
    if (this.options.shellV2 ?? true) features.unshift('shell_v2');
    return features;
  }

  async start(): Promise<{ port: number; serial: string; inspectPort: number | null }> {
    if (this.disposed) throw new Error('VirtualPhone is disposed');
    if (this.usb) return { port: this._port!, serial: this.serial!, inspectPort: this._inspectPort };
    const usb = this.openListener();
    this.usb = usb;
    try {
      // A restart after stop() comes back on the same port, like adbd after the phone's Wi-Fi
      // returns: adb's retries for the `adb connect`ed serial then find it again.
      this._port = await usb.listen(this._port ?? this.options.port ?? 0, this.host);
      // adbd stays in TCP mode until the phone reboots: its Wi-Fi side comes back too (unless
      // something else took that port meanwhile: the USB side still works then).
      if (this.tcpipPort !== null) {
        await this.listenTcpip(this.tcpipPort).catch((e: Error) => this.events.add('connection', `TCP port ${this.tcpipPort} not reopened: ${e.message}`));
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (this.options.inspectPort !== undefined && !this.inspectServer) {
      this.inspectServer = new InspectServer(() => this.inspect(), { authorize: () => ({ allowed: this.authorize() }) });
      this._inspectPort = await this.inspectServer.start(this.options.inspectPort);
    }
    return { port: this._port, serial: this.serial!, inspectPort: this._inspectPort };
  }

  /** A host connected on either port: the same device, the same state, its own transport. */
  private accept(socket: Socket): AdbDeviceConnection {
    this.router ??= createServiceRouter({
      device: this.device,
      commands: createCommandTable(scrcpyCommands),
      shellV2: this.options.shellV2 ?? true,
      transportName: (c) => this.connectionNames.get(c) ?? 'host-0',
    });
    const connection = new AdbDeviceConnection(socket, {
      banner: this.props.banner(this.features),
      router: this.router,
      auth: this.authorization ?? undefined,
      onProtocolError: (e) => this.events.add('connection', `protocol error: ${e.message}`),
    });
    this.connectionNames.set(connection, `host-${++this.connectionCount}`);
    this.connections.add(connection);
    this.events.add('connection', `connection from ${socket.remoteAddress}:${socket.remotePort} to port ${socket.localPort}`);
    connection.once('close', () => {
      this.connections.delete(connection);
      this.events.add('connection', 'connection closed');
    });
    return connection;
  }

  /**
   * `adb tcpip PORT`: also accept hosts on PORT (same host address). A new port replaces the
   * previous one, dropping its connections as adbd's restart would; the USB port stays.
   */
  private async listenTcpip(port: number): Promise<void> {
    const usb = this.usb;
    if (!usb) throw new Error('VirtualPhone is stopped');
    if (this.tcpip?.port === port) return;
    // Bound before the old port closes: a port that is taken (the USB one included) changes nothing.
    const listener = this.openListener();
    try {
      await listener.listen(port, this.host);
    } catch (error) {
      await this.closeListener(listener);
      throw error;
    }
    // stop() (and maybe start()) ran while binding: this port belongs to no running phone.
    if (this.usb !== usb) {
      await this.closeListener(listener);
      throw new Error(`VirtualPhone stopped while opening port ${port}`);
    }
    const previous = this.tcpip;
    this.tcpip = listener;
    this.tcpipPort = port;
    if (previous) await this.closeListener(previous);
  }

  /** `adb usb`: the Wi-Fi side closes; hosts connected through it go offline. */
  private async leaveTcpip(): Promise<void> {
    const tcpip = this.tcpip;
    this.tcpip = null;
    this.tcpipPort = null;
    this.props.set('service.adb.tcp.port', '');
    if (tcpip) {
      for (const c of [...this.connections]) if (this.connectionPorts.get(c) === tcpip) c.close();
      await this.closeListener(tcpip);
    }
  }

  /**
   * `adb reboot`: connections drop, apps and the clipboard are gone, the phone is offline while
   * it boots (the latency profile's boot time) and then back on the same port, in USB mode.
   */
  private async reboot(target: string): Promise<void> {
    if (!this.usb || this.rebooting) return;
    this.rebooting = true;
    try {
      this.tcpipPort = null;
      await this.goOffline();
      for (const app of this.android.installedApps()) this.android.forceStop(app.packageName);
      this.android.setClipboard('', false);
      this.events.add('connection', `rebooted${target ? ` (${target}: simulated as a normal boot)` : ''}`);
      await sleep(latencyFor(this.options.latencyProfile ?? 'none', 'boot'));
      if (!this.disposed) await this.start();
    } finally {
      this.rebooting = false;
    }
  }

  private openListener(): AdbListener {
    const listener: AdbListener = new AdbListener((socket) => this.connectionPorts.set(this.accept(socket), listener));
    this.listeners.add(listener);
    return listener;
  }

  private async closeListener(listener: AdbListener): Promise<void> {
    await listener.close();
    this.listeners.delete(listener);
  }

  /**
   * Stops scrcpy servers (killing their ffmpeg), drops connections, closes the listeners. adb
   * then lists an `adb connect`ed phone as `offline` until start() brings it back.
   */
  async stop(): Promise<void> {
    await this.goOffline();
    await this.inspectServer?.stop();
    this.inspectServer = null;
    this._inspectPort = null;
  }

  /** Servers, connections and listeners go; the inspection API stays (it is not the phone's). */
  private async goOffline(): Promise<void> {
    await this.scrcpy.stopAll();
    for (const c of [...this.connections]) c.close();
    this.usb = null;
    this.tcpip = null;
    await Promise.all([...this.listeners].map((l) => this.closeListener(l)));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stop();
    this.disposed = true;
    this.stopActivityLog();
    this.android.dispose();
  }

  /**
   * The user taps "Allow" on the USB debugging prompt: the waiting hosts' keys become trusted
   * and their connections come online. Returns how many hosts were waiting (0: no prompt showed).
   */
  authorize(): number {
    if (!this.authorization) return 0;
    const allowed = this.authorization.allow();
    if (allowed > 0) this.events.add('connection', `USB debugging allowed for ${allowed} host(s)`);
    return allowed;
  }

  /** Open TCP connections, listening ports (USB side, `adb tcpip` side) and running scrcpy servers (for leak checks). */
  resources(): { sockets: number; connections: number; scrcpySessions: number; ffmpegPids: number[]; listeners: number } {
    const sessions = this.scrcpy.list();
    const listeners = [...this.listeners];
    return {
      sockets: listeners.reduce((n, l) => n + l.socketCount, 0),
      connections: this.connections.size,
      scrcpySessions: sessions.length,
      ffmpegPids: sessions.map((s) => s.ffmpegPid).filter((p): p is number => p !== undefined),
      listeners: listeners.filter((l) => l.listening).length,
    };
  }

  inspect(): VirtualPhoneInspection {
    const reverse: ReverseEntry[] = [];
    for (const c of this.connections) reverse.push(...reverseEntries(c));
    return {
      serial: this.serial,
      port: this._port,
      tcpipPort: this.tcpipPort,
      inspectPort: this._inspectPort,
      snapshot: this.android.snapshot(),
      size: this.android.size,
      events: this.events.list(),
      connections: this.connections.size,
      reverse,
      scrcpy: this.scrcpy.list().map((s) => s.describe()),
      files: listFiles(this.fs, '/sdcard').concat(listFiles(this.fs, '/data/local/tmp')),
      auth: {
        mode: this.authorization ? 'prompt' : 'none',
        prompting: this.authorization?.prompting ?? false,
        trustedKeys: this.authorization?.trustedKeys ?? 0,
      },
    };
  }
}

function listFiles(fs: MemoryFs, dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.list(dir)) {
    const path = `${dir}/${name}`;
    if (fs.stat(path)?.kind === 'dir') out.push(...listFiles(fs, path));
    else out.push(path);
  }
  return out;
}
