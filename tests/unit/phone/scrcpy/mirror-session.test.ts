import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MirrorSession, type MirrorFrame, type MirrorSessionState, type MirrorVideoInfo } from '../../../../src/main/phone/scrcpy/mirror-session';
import { socketName } from '#wire';
import { serverShellCommand } from '../../../../src/main/phone/scrcpy/server-command';
import { encodeClip, FakeScrcpyDevice, type EncodedClip } from './fake-scrcpy';

let clip: EncodedClip;
beforeAll(async () => {
  clip = await encodeClip();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(framing: '3' | '4' = '3', options: { refuse?: number } = {}) {
  const device = new FakeScrcpyDevice(clip, framing);
  await device.listen();
  device.refuseNext = options.refuse ?? 0;
  const session = new MirrorSession({
    client: device.client(), serial: 'FAKE', server: { path: '/tmp/scrcpy-server', version: framing === '3' ? '3.3.4' : '4.0' },
    video: { maxSize: 1024, bitRate: 4_000_000, maxFps: 30 }, stayAwake: true,
    restart: { attempts: 4, minDelayMs: 10, maxDelayMs: 40 }, connect: { attempts: 20, intervalMs: 5 },
  });
  cleanups.push(async () => {
    await session.dispose();
    await device.close();
  });
  return { device, session };
}

describe('server command', () => {
  it('builds the app_process command with validated options', () => {
    expect(serverShellCommand('3.3.4', { scid: 0x1234abc, maxSize: 1024, videoBitRate: 8_000_000, maxFps: 60, stayAwake: true, showTouches: true, powerOffOnClose: true }))
      .toBe('CLASSPATH=/data/local/tmp/scrcpy-server.jar app_process / com.genymobile.scrcpy.Server 3.3.4 scid=01234abc log_level=info '
        + 'tunnel_forward=true audio=false control=true video_codec=h264 max_size=1024 video_bit_rate=8000000 max_fps=60 '
        + 'stay_awake=true show_touches=true power_off_on_close=true');
    expect(socketName(0x1234abc)).toBe('scrcpy_01234abc');
    expect(() => serverShellCommand('3.3.4; reboot', { scid: 1 })).toThrow(RangeError);
    expect(() => serverShellCommand('3.3.4', { scid: 1, maxSize: -1 })).toThrow(RangeError);
    expect(() => serverShellCommand('3.3.4', { scid: 2 ** 31 })).toThrow(RangeError);
  });
});

describe.each(['3', '4'] as const)('MirrorSession (%s.x server)', (framing) => {
  it('starts the server, reports the device and video, and emits frames with config merged', async () => {
    const { device, session } = await setup(framing);
    const frames: MirrorFrame[] = [];
    const infos: MirrorVideoInfo[] = [];
    session.on('frame', (f) => frames.push(f));
    session.on('video', (v) => infos.push(v));
    await session.start();
    expect(session.state).toBe('running');
    expect(device.pushes).toEqual(['/data/local/tmp/scrcpy-server.jar']);
    expect(device.shellCommands[0]).toMatch(/^CLASSPATH=\/data\/local\/tmp\/scrcpy-server\.jar app_process \/ com\.genymobile\.scrcpy\.Server (3\.3\.4|4\.0) scid=[0-9a-f]{8} .*max_size=1024 video_bit_rate=4000000 max_fps=30 stay_awake=true/);
    expect(session.deviceName).toBe('Fake Phone');
    await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(3));
    expect(frames[0].withConfig).toBe(true);
    expect(frames[0].keyFrame).toBe(true);
    expect([...frames[0].data.subarray(0, clip.config.length)]).toEqual([...clip.config]);
    expect(frames[1].withConfig).toBe(false);
    expect(frames[1].data.byteLength).toBe(frames[1].data.buffer.byteLength); // owns its buffer
    expect(infos.at(-1)).toMatchObject({ codec: expect.stringMatching(/^avc1\.[0-9A-F]{6}$/), width: 320, height: 240 });
    expect(session.videoInfo).toMatchObject({ width: 320, height: 240 });
  });
});

describe('MirrorSession', () => {
  it('retries the first socket until the dummy byte arrives', async () => {
    const { device, session } = await setup('3', { refuse: 3 });
    await session.start();
    expect(device.refuseNext).toBe(0);
    expect(session.state).toBe('running');
  });

  it('sends control messages and receives device messages', async () => {
    const { device, session } = await setup();
    await session.start();
    const clipboard = new Promise<string>((r) => session.once('clipboard', r));
    expect(session.send({ type: 'injectKeycode', action: 0, keycode: 3, repeat: 0, metaState: 0 })).toBe(true);
    await session.setClipboard('你好', true);
    expect(device.received).toEqual([
      { type: 'injectKeycode', action: 0, keycode: 3, repeat: 0, metaState: 0 },
      { type: 'setClipboard', sequence: 1n, paste: true, text: '你好' },
    ]);
    device.sendDeviceMessage({ type: 'clipboard', text: 'copied on the phone' });
    expect(await clipboard).toBe('copied on the phone');
  });

  it('restarts the server with backoff when it dies', async () => {
    const { device, session } = await setup();
    const states: MirrorSessionState[] = [];
    session.on('state', (s) => states.push(s));
    const frames: Array<MirrorFrame & { run: number }> = [];
    session.on('frame', (f) => frames.push({ ...f, run: device.pushes.length }));
    await session.start();
    device.crashNextStarts = 1; // the first restart fails too
    device.killServer();
    await vi.waitFor(() => expect(device.pushes.length).toBe(3), { timeout: 5000 });
    await vi.waitFor(() => expect(states.at(-1)).toBe('running'), { timeout: 5000 });
    expect(states).toEqual(['starting', 'running', 'restarting', 'running']);
    expect(device.pushes.length).toBe(3); // initial, crashed restart, good restart
    await vi.waitFor(() => expect(frames.some((f) => f.run === 3)).toBe(true));
    // The decoder must be able to restart: the first frame of the new run carries SPS/PPS.
    expect(frames.find((f) => f.run === 3)!.withConfig).toBe(true);
  });

  it('gives up after the restart budget and reports a failure', async () => {
    const { device, session } = await setup();
    await session.start();
    const failure = new Promise<Error>((r) => session.once('failure', r));
    device.crashNextStarts = 100;
    device.killServer();
    expect((await failure).message).toMatch(/could not be restarted/);
    expect(session.state).toBe('failed');
  });

  it('stop() closes every socket and the server shell (no leak), and is idempotent', async () => {
    const { device, session } = await setup();
    await session.start();
    expect(device.openSockets.size).toBe(2);
    expect(device.liveShells).toBe(1);
    await Promise.all([session.stop(), session.stop()]);
    await vi.waitFor(() => expect(device.openSockets.size).toBe(0));
    expect(device.liveShells).toBe(0);
    expect(session.state).toBe('stopped');
    expect(session.send({ type: 'resetVideo' })).toBe(false);
  });
});
