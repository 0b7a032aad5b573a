import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../../../src/shared/device';
import { AdbServerWatcher, type DeviceTrackerHandle } from '../../../../src/main/phone/devices/adb-server-watcher';
import type { ShellRunner } from '../../../../src/main/phone/devices/device-probe';

class FakeTracker extends EventEmitter {
  ended = false;
  /** What adbkit's Tracker already read before we attached (see trackerBaseline). */
  deviceList: Array<{ id: string; type: string }> = [];
  end(): this {
    this.ended = true;
    return this;
  }
  change(set: { added?: Array<[string, string]>; changed?: Array<[string, string]>; removed?: Array<[string, string]> }): void {
    const map = (l?: Array<[string, string]>) => (l ?? []).map(([id, type]) => ({ id, type }));
    this.emit('changeSet', { added: map(set.added), changed: map(set.changed), removed: map(set.removed) });
  }
}

const SHELL_OUTPUT: Record<string, string> = {
  getprop: '[ro.product.model]: [Pixel 8]\n[ro.product.manufacturer]: [Google]\n[ro.build.version.release]: [14]\n[ro.build.version.sdk]: [34]\n',
  'wm size': 'Physical size: 1080x2400\n',
  'dumpsys battery': '  USB powered: true\n  status: 2\n  level: 77\n  scale: 100\n',
};

const fakeShell: ShellRunner = async (_serial, command) => {
  const out = SHELL_OUTPUT[command.join(' ')];
  if (out === undefined) throw new Error(`unexpected command ${command.join(' ')}`);
  return out;
};

function nextDevices(w: AdbServerWatcher, predicate: (l: Device[]) => boolean): Promise<Device[]> {
  return new Promise((resolve) => {
    const on = (list: Device[]) => {
      if (!predicate(list)) return;
      w.off('devices', on);
      resolve(list);
    };
    w.on('devices', on);
  });
}

const watchers: AdbServerWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
});

function makeWatcher(trackers: FakeTracker[], shell: ShellRunner = fakeShell, remote = false, listed?: Array<{ id: string; type: string }>): AdbServerWatcher {
  let i = 0;
  const w = new AdbServerWatcher({
    trackDevices: async () => {
      const t = trackers[i++];
      if (!t) throw new Error('connection refused');
      return t as unknown as DeviceTrackerHandle;
    },
    listDevices: async () => listed ?? trackers[Math.max(0, i - 1)]?.deviceList ?? [],
    shell, server: '127.0.0.1:5099', remote, retryMinMs: 5, retryMaxMs: 20, batteryRefreshMs: 0,
  });
  watchers.push(w);
  return w;
}

describe('AdbServerWatcher', () => {
  it('lists added devices and enriches usable ones', async () => {
    const t = new FakeTracker();
    const w = makeWatcher([t]);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    const probed = nextDevices(w, (l) => l.some((d) => d.model !== undefined));
    t.change({ added: [['R58M', 'device'], ['ABC', 'unauthorized']] });
    const list = await probed;
    const phone = list.find((d) => d.serial === 'R58M')!;
    expect(phone).toMatchObject({
      state: 'device', connection: 'usb', model: 'Pixel 8', manufacturer: 'Google', androidVersion: '14', sdk: 34,
      screen: { width: 1080, height: 2400 }, battery: { level: 77, charging: true }, server: '127.0.0.1:5099',
    });
    expect(phone.hint).toBeUndefined();
    const locked = list.find((d) => d.serial === 'ABC')!;
    expect(locked.state).toBe('unauthorized');
    expect(locked.hint).toMatch(/Allow USB debugging/);
    expect(locked.model).toBeUndefined();
  });

  it('adopts the list the tracker read before we attached (adbkit reads in its constructor)', async () => {
    const t = new FakeTracker();
    t.deviceList = [{ id: 'EARLY', type: 'device' }];
    const w = makeWatcher([t]);
    w.start();
    await w.settled(5000);
    expect(w.list()).toMatchObject([{ serial: 'EARLY', model: 'Pixel 8' }]);
    // later change sets are diffs against that same baseline
    const gone = nextDevices(w, (l) => l.length === 0);
    t.change({ removed: [['EARLY', 'device']] });
    await gone;
  });

  it('settled() resolves for an empty server', async () => {
    const t = new FakeTracker();
    const w = makeWatcher([t]);
    w.start();
    await w.settled(60_000);
    expect(w.list()).toEqual([]);
  });

  it('settled() waits for the first listing and its probes', async () => {
    const t = new FakeTracker();
    // adb already lists the phone, but the tracker's first change set is still in flight
    const w = makeWatcher([t], fakeShell, false, [{ id: 'R58M', type: 'device' }]);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    const settled = w.settled(5000);
    t.change({ added: [['R58M', 'device']] });
    await settled;
    expect(w.list()[0].model).toBe('Pixel 8');
  });

  it('follows state changes and removals', async () => {
    const t = new FakeTracker();
    const w = makeWatcher([t]);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    const authorised = nextDevices(w, (l) => l[0]?.model === 'Pixel 8');
    t.change({ added: [['ABC', 'unauthorized']] });
    t.change({ changed: [['ABC', 'device']] });
    await authorised;
    const gone = nextDevices(w, (l) => l.length === 0);
    t.change({ removed: [['ABC', 'device']] });
    expect(await gone).toEqual([]);
  });

  it('keeps the phone listed when a probe query fails', async () => {
    const t = new FakeTracker();
    const flaky: ShellRunner = async (serial, command) => {
      if (command[0] === 'dumpsys') throw new Error('closed');
      return fakeShell(serial, command);
    };
    const w = makeWatcher([t], flaky);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    const probed = nextDevices(w, (l) => l[0]?.model !== undefined);
    t.change({ added: [['R58M', 'device']] });
    const [d] = await probed;
    expect(d.battery).toBeUndefined();
    expect(d.screen).toEqual({ width: 1080, height: 2400 });
  });

  it('empties the list when the server goes away and reconnects with backoff', async () => {
    const first = new FakeTracker();
    const second = new FakeTracker();
    // one refused attempt between the two connections
    const trackers = [first, undefined as unknown as FakeTracker, second];
    let i = 0;
    const w = new AdbServerWatcher({
      trackDevices: async () => {
        const t = trackers[i++];
        if (!t) throw new Error('connection refused');
        return t as unknown as DeviceTrackerHandle;
      },
      listDevices: async () => [],
      shell: fakeShell, server: 's', remote: false, retryMinMs: 5, retryMaxMs: 20, batteryRefreshMs: 0,
    });
    watchers.push(w);
    const statuses: boolean[] = [];
    w.on('status', (s) => statuses.push(s.connected));
    w.start();
    await vi.waitFor(() => expect(first.listenerCount('changeSet')).toBe(1));
    first.change({ added: [['R58M', 'offline']] });
    const emptied = nextDevices(w, (l) => l.length === 0);
    first.emit('end');
    await emptied;
    await vi.waitFor(() => expect(second.listenerCount('changeSet')).toBe(1));
    expect(statuses).toEqual([true, false, false, true]);
    expect(first.ended).toBe(true);
  });

  it('marks remote-server devices as remote', async () => {
    const t = new FakeTracker();
    const w = makeWatcher([t], fakeShell, true);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    const probed = nextDevices(w, (l) => l[0]?.model !== undefined);
    t.change({ added: [['R58M', 'device']] });
    expect((await probed)[0].connection).toBe('remote');
  });

  it('stop() ends the tracker, removes its listeners and cancels timers (no leak)', async () => {
    const t = new FakeTracker();
    const w = makeWatcher([t]);
    w.start();
    await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
    t.change({ added: [['R58M', 'device']] });
    await w.stop();
    expect(t.ended).toBe(true);
    expect(t.listenerCount('changeSet') + t.listenerCount('end')).toBe(0);
    expect(w.list()).toEqual([]);
    // late events from the old tracker are ignored
    t.change({ added: [['X', 'device']] });
    expect(w.list()).toEqual([]);
  });

  describe('reconciling with a one-shot listing (adb does not push every state change)', () => {
    function reconcilingWatcher(t: FakeTracker, listing: () => Promise<Array<{ id: string; type: string }>>): AdbServerWatcher {
      const w = new AdbServerWatcher({
        trackDevices: async () => t as unknown as DeviceTrackerHandle,
        listDevices: listing,
        shell: fakeShell, server: 's', remote: false, batteryRefreshMs: 0, reconcileMs: 10,
      });
      watchers.push(w);
      return w;
    }

    it('shows a phone the tracker left offline as unauthorized, with its hint', async () => {
      const t = new FakeTracker();
      let adbSays = [{ id: 'R58M', type: 'offline' }];
      const w = reconcilingWatcher(t, async () => adbSays);
      w.start();
      await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
      t.change({ added: [['R58M', 'offline']] });
      const unauthorized = nextDevices(w, (l) => l[0]?.state === 'unauthorized');
      adbSays = [{ id: 'R58M', type: 'unauthorized' }];
      expect((await unauthorized)[0].hint).toMatch(/Allow USB debugging/);
      // The user allows it: adb pushes that one, and the phone is probed as usual.
      const ready = nextDevices(w, (l) => l[0]?.model !== undefined);
      adbSays = [{ id: 'R58M', type: 'device' }];
      t.change({ changed: [['R58M', 'device']] });
      expect((await ready)[0]).toMatchObject({ state: 'device', model: 'Pixel 8' });
      expect((await ready)[0].hint).toBeUndefined();
    });

    it('ignores a listing that a tracker update overtook', async () => {
      const t = new FakeTracker();
      const waiting: Array<(l: Array<{ id: string; type: string }>) => void> = [];
      let hold = true;
      const truth = [{ id: 'R58M', type: 'device' }];
      const w = reconcilingWatcher(t, () => (hold ? new Promise((resolve) => { waiting.push(resolve); }) : Promise.resolve(truth)));
      w.start();
      await vi.waitFor(() => expect(t.listenerCount('changeSet')).toBe(1));
      // the first listing (for settled()) and a reconcile are in flight
      await vi.waitFor(() => expect(waiting.length).toBe(2));
      t.change({ added: [['R58M', 'device']] });
      await vi.waitFor(() => expect(w.list()[0]?.model).toBe('Pixel 8'));
      for (const answer of waiting.splice(0)) answer([{ id: 'R58M', type: 'unauthorized' }]);
      await new Promise((r) => setTimeout(r, 30));
      expect(w.list()[0].state).toBe('device');
      // later rounds get the truth at once, so stop() has nothing left to wait for
      hold = false;
      for (const answer of waiting.splice(0)) answer(truth);
    });

    it('gives up on a listing that never comes: later rounds still run and stop() does not wait for it', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
      try {
        const t = new FakeTracker();
        let listings = 0;
        // A remote adb server that accepted the request and never answers it.
        const w = reconcilingWatcher(t, () => {
          listings++;
          return new Promise(() => undefined);
        });
        w.start();
        await vi.advanceTimersByTimeAsync(0);
        expect(t.listenerCount('changeSet')).toBe(1);
        expect(listings).toBe(1); // the first listing, for settled()
        await vi.advanceTimersByTimeAsync(10);
        expect(listings).toBe(2); // the first reconcile round, now stalled
        await vi.advanceTimersByTimeAsync(1000);
        expect(listings).toBe(2); // one round at a time
        await vi.advanceTimersByTimeAsync(5000);
        expect(listings).toBeGreaterThan(2); // the stalled round timed out: reconciling goes on
        let stopped = false;
        void w.stop().then(() => { stopped = true; });
        await vi.advanceTimersByTimeAsync(0);
        expect(stopped).toBe(true);
        expect(t.ended).toBe(true);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
