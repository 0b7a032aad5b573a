// Live device list of ONE adb server (the local one or a remote one): adbkit's trackDevices
// gives add/remove/change, and a periodic one-shot listing catches the state changes adb does
// not push to trackers; each device that becomes usable is probed for its details. The
// tracking connection is re-opened with backoff when the server goes away (adb kill-server,
// a remote host rebooting), and the list empties meanwhile: a lost server is an event, not a crash.

import { EventEmitter } from 'node:events';
import type { Device } from '../../../shared/device';
import { connectionType, stateHint, toDeviceState } from '../adb/device-info';
import { probeBattery, probeDevice, type ShellRunner } from './device-probe';

interface TrackedDevice { id: string; type: string }

/** The part of adbkit's Tracker we use. */
export interface DeviceTrackerHandle {
  on(event: 'changeSet', listener: (set: { added: TrackedDevice[]; changed: TrackedDevice[]; removed: TrackedDevice[] }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  end(): unknown;
}

/**
 * adbkit's Tracker starts reading in its constructor: when adb answers OKAY and the list in one
 * segment, the first 'changeSet' fires before `await trackDevices()` returns to us. Its
 * (runtime-visible) `deviceList` is the baseline its later change sets are diffed against, so
 * we adopt it as our starting point. Checked against adbkit 3.3.9 (pinned).
 */
function trackerBaseline(tracker: DeviceTrackerHandle): TrackedDevice[] {
  const list = (tracker as unknown as { deviceList?: unknown }).deviceList;
  return Array.isArray(list) ? (list as TrackedDevice[]) : [];
}

export interface AdbServerWatcherOptions {
  /** Opens a tracking connection (adbkit client.trackDevices). */
  trackDevices: () => PromiseLike<DeviceTrackerHandle>;
  /** One-shot listing (adbkit client.listDevices), to know when the first list is in. */
  listDevices: () => PromiseLike<TrackedDevice[]>;
  shell: ShellRunner;
  /** host:port of this adb server, copied into every Device. */
  server: string;
  remote: boolean;
  /** Reconnect delays: doubles from min to max. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Battery refresh period for usable devices; 0 disables. Default 60 s. */
  batteryRefreshMs?: number;
  /** Period of the one-shot listing that catches unpushed state changes (see reconcile); 0 (default) disables. */
  reconcileMs?: number;
}

export interface WatcherStatus {
  connected: boolean;
  error?: string;
}

export class AdbServerWatcher extends EventEmitter<{ devices: [Device[]]; status: [WatcherStatus] }> {
  private readonly devices = new Map<string, Device>();
  /** Bumped on every state change of a serial: a probe that finishes late is discarded. */
  private readonly generation = new Map<string, number>();
  private tracker: DeviceTrackerHandle | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private batteryTimer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  /** Counts the tracker's change sets: a listing that raced one of them is stale. */
  private trackerUpdates = 0;
  private reconciling = false;
  private retryMs: number;
  private running = false;
  private readonly pending = new Set<Promise<unknown>>();
  private listed = false;
  private readonly listedWaiters: Array<() => void> = [];
  /** Aborted by stop(): a listing still in flight is given up rather than waited for. */
  private stopSignal = new AbortController();
  status: WatcherStatus = { connected: false };

  constructor(private readonly options: AdbServerWatcherOptions) {
    super();
    this.retryMs = options.retryMinMs ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopSignal = new AbortController();
    void this.connect();
    const period = this.options.batteryRefreshMs ?? 60_000;
    if (period > 0) {
      this.batteryTimer = setInterval(() => this.refreshBatteries(), period);
      this.batteryTimer.unref();
    }
    const reconcileMs = this.options.reconcileMs ?? 0;
    if (reconcileMs > 0) {
      this.reconcileTimer = setInterval(() => this.track(this.reconcile()), reconcileMs);
      this.reconcileTimer.unref();
    }
  }

  /** Stops tracking, cancels timers and waits for in-flight probes to settle. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.batteryTimer) clearInterval(this.batteryTimer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.retryTimer = this.batteryTimer = this.reconcileTimer = null;
    this.stopSignal.abort();
    this.closeTracker();
    await Promise.allSettled([...this.pending]);
    this.devices.clear();
    this.generation.clear();
    for (const wake of this.listedWaiters.splice(0)) wake();
  }

  list(): Device[] {
    return [...this.devices.values()];
  }

  /**
   * Resolves once the server's first device list arrived and every probe it started finished
   * (a one-shot listing such as `phonepilot devices`), or after timeoutMs if the server is down.
   */
  async settled(timeoutMs = 10_000): Promise<void> {
    if (!this.listed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        this.listedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Re-probes one device (e.g. after a rotation or a resolution change). */
  refresh(serial: string): Promise<void> {
    const device = this.devices.get(serial);
    if (!device || device.state !== 'device') return Promise.resolve();
    return this.probe(serial);
  }

  private closeTracker(): void {
    const t = this.tracker;
    this.tracker = null;
    if (!t) return;
    t.removeAllListeners();
    // adbkit emits 'error' asynchronously if the socket dies while ending: swallow it here.
    (t as unknown as EventEmitter).on?.('error', () => undefined);
    t.end();
  }

  private async connect(): Promise<void> {
    let tracker: DeviceTrackerHandle;
    try {
      tracker = await this.options.trackDevices();
    } catch (error) {
      this.lost((error as Error).message);
      return;
    }
    if (!this.running) {
      tracker.on('error', () => undefined);
      tracker.end();
      return;
    }
    this.tracker = tracker;
    this.retryMs = this.options.retryMinMs ?? 500;
    this.setStatus({ connected: true });
    tracker.on('changeSet', (set) => {
      this.trackerUpdates++;
      this.onChangeSet(set);
    });
    tracker.on('error', (error) => this.lost(error.message));
    tracker.on('end', () => this.lost('the adb server closed the tracking connection'));
    const baseline = trackerBaseline(tracker);
    if (baseline.length > 0) this.onChangeSet({ added: baseline, changed: [], removed: [] });
    // The first list may have been empty (nothing to adopt) or may still be on its way:
    // a one-shot listing tells which, for settled().
    try {
      const now = await this.options.listDevices();
      if (this.tracker === tracker && now.every((d) => this.devices.has(d.id))) this.markListed();
    } catch {
      // the tracker's own error/end handling covers a dead server
    }
  }

  /**
   * adb (checked with 29.0.6) pushes a tracker update when a transport appears, comes online or
   * goes away, but not when it turns `unauthorized` (the phone answered with AUTH: its "Allow
   * USB debugging?" prompt is up) nor when an `adb connect`ed phone stops answering and adb lists
   * it `offline` while retrying. Trackers would show such a phone as offline, or as ready, until
   * its next pushed change; a one-shot listing tells the truth, so apply where it differs.
   */
  private async reconcile(): Promise<void> {
    const tracker = this.tracker;
    if (!tracker || this.reconciling) return;
    const updatesBefore = this.trackerUpdates;
    this.reconciling = true;
    let listed: TrackedDevice[] | null;
    try {
      // A stalled (remote) server may never answer: without a deadline reconcile would stop for good.
      listed = await this.listWithin(Math.max(this.options.reconcileMs ?? 0, 5000));
    } catch {
      return; // the tracker's own error/end handling covers a dead server
    } finally {
      this.reconciling = false;
    }
    if (!listed) return; // timed out or stopped: like a failed listing, try again next round
    // A change set that arrived meanwhile is newer than this listing: wait for the next round.
    if (!this.running || this.tracker !== tracker || this.trackerUpdates !== updatesBefore) return;
    const ids = new Set(listed.map((d) => d.id));
    const set = {
      added: listed.filter((d) => !this.devices.has(d.id)),
      changed: listed.filter((d) => this.devices.has(d.id) && this.devices.get(d.id)!.rawState !== d.type),
      removed: this.list().filter((d) => !ids.has(d.serial)).map((d) => ({ id: d.serial, type: d.rawState })),
    };
    if (set.added.length + set.changed.length + set.removed.length > 0) this.onChangeSet(set);
  }

  /** A one-shot listing, or null when it takes longer than timeoutMs or stop() runs meanwhile. */
  private listWithin(timeoutMs: number): Promise<TrackedDevice[] | null> {
    const signal = this.stopSignal.signal;
    if (signal.aborted) return Promise.resolve(null);
    const listing = Promise.resolve(this.options.listDevices());
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', giveUp);
      };
      const giveUp = () => {
        settle();
        resolve(null);
      };
      const timer = setTimeout(giveUp, timeoutMs);
      timer.unref();
      signal.addEventListener('abort', giveUp, { once: true });
      listing.then(
        (list) => { settle(); resolve(list); },
        (error: unknown) => { settle(); reject(error); },
      );
    });
  }

  private markListed(): void {
    if (this.listed) return;
    this.listed = true;
    for (const wake of this.listedWaiters.splice(0)) wake();
  }

  private lost(reason: string): void {
    if (!this.running) return;
    this.closeTracker();
    this.setStatus({ connected: false, error: reason });
    if (this.devices.size > 0) {
      this.devices.clear();
      this.generation.clear();
      this.emitDevices();
    }
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.retryMaxMs ?? 10_000);
  }

  private setStatus(status: WatcherStatus): void {
    this.status = status;
    this.emit('status', status);
  }

  private onChangeSet(set: { added: TrackedDevice[]; changed: TrackedDevice[]; removed: TrackedDevice[] }): void {
    for (const d of set.removed) {
      this.devices.delete(d.id);
      this.generation.delete(d.id);
    }
    const toProbe: string[] = [];
    for (const d of [...set.added, ...set.changed]) {
      const previous = this.devices.get(d.id);
      const state = toDeviceState(d.type);
      const connection = previous?.connection ?? connectionType(d.id, { remote: this.options.remote });
      const { hint: _old, ...kept } = previous ?? {};
      const hint = stateHint(d.type, connection);
      this.devices.set(d.id, {
        ...kept,
        serial: d.id,
        state,
        rawState: d.type,
        server: this.options.server,
        connection,
        ...(hint ? { hint } : {}),
      });
      this.generation.set(d.id, (this.generation.get(d.id) ?? 0) + 1);
      if (state === 'device') toProbe.push(d.id);
    }
    if (set.removed.length + set.added.length + set.changed.length > 0) this.emitDevices();
    for (const serial of toProbe) void this.probe(serial);
    this.markListed();
  }

  private probe(serial: string): Promise<void> {
    const gen = this.generation.get(serial);
    const job = probeDevice(this.options.shell, serial, this.options.remote).then(
      (details) => {
        const current = this.devices.get(serial);
        if (!this.running || !current || this.generation.get(serial) !== gen) return;
        this.devices.set(serial, { ...current, ...stripUndefined(details) });
        this.emitDevices();
      },
      () => undefined, // probeDevice already tolerates per-query failures
    );
    this.track(job);
    return job;
  }

  private refreshBatteries(): void {
    for (const device of this.devices.values()) {
      if (device.state !== 'device') continue;
      const serial = device.serial;
      const gen = this.generation.get(serial);
      this.track(probeBattery(this.options.shell, serial).then((battery) => {
        const current = this.devices.get(serial);
        if (!this.running || !current || !battery || this.generation.get(serial) !== gen) return;
        if (current.battery?.level === battery.level && current.battery.charging === battery.charging) return;
        this.devices.set(serial, { ...current, battery });
        this.emitDevices();
      }, () => undefined));
    }
  }

  private track(job: Promise<unknown>): void {
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  private emitDevices(): void {
    this.emit('devices', this.list());
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
