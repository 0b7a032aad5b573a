// The devices and mirror domains in-process (no renderer), against a real adb server on a
// private port and the simulated phone: streams, clipboard from the phone, unplug/replug,
// recording with real ffmpeg, and nothing left running after dispose.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppServices } from '../../../../src/main/features/app-services';
import type { EventName } from '../../../../src/shared/contract';
import { decodeMirrorMessage } from '../../../../src/shared/mirror/mirror-stream';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { makeTempDir } from '../../../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { appTestEnv } from '../../../support/app-env';
import { centerOf, uiTree } from '../../../support/ui-tree';

const run = promisify(execFile);
const call = { transport: 'in-process' } as const;

describe('devices + mirror domains', () => {
  let adb: AdbServerHandle;
  let phone: ConnectedPhone;
  let services: AppServices;
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  const events: Array<{ name: EventName; payload: unknown }> = [];
  const received: ArrayBuffer[] = [];
  let streamClosed: string | undefined;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-app-devices-');
    adb = await startAdbServer();
    phone = await startConnectedPhone(adb, { android: { settleMs: 0 } });
    services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir, env: await appTestEnv(tmp.dir, adb.port) });
    services.bus.subscribe((name, payload) => events.push({ name, payload }));
    await services.start();
    await vi.waitFor(() => expect(services.devices.service?.get(phone.serial)?.model).toBe('PhonePilot Virtual'), { timeout: 30_000 });
  });

  afterAll(async () => {
    await services?.dispose();
    await phone?.stop();
    await adb?.stop();
    await tmp?.cleanup();
  });

  const states = () => events.filter((e) => e.name === 'mirror.state').map((e) => (e.payload as { state: string }).state);

  it('streams a config then a key frame to an attached renderer', async () => {
    const { streamId, session } = await services.handlers['mirror.start']({ serial: phone.serial }, call);
    expect(session.state).toBe('running');
    services.streams.attach(streamId, { send: (d) => received.push(d), close: (r) => { streamClosed = r ?? 'closed'; } });
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(1), { timeout: 20_000 });
    const first = decodeMirrorMessage(received[0]);
    const second = decodeMirrorMessage(received[1]);
    expect(first.type).toBe('config');
    if (first.type === 'config') expect([first.screenWidth, first.screenHeight]).toEqual([1080, 2400]);
    expect(second.type === 'frame' && second.keyFrame).toBe(true);
  });

  it('a copy on the phone arrives as a mirror.clipboard event', async () => {
    await phone.adb(['shell', 'am', 'start', '-n', 'com.google.android.apps.messaging/.ui.ConversationListActivity']);
    const row = await vi.waitFor(async () => (await uiTree(phone)).find((n) => n.resourceId.endsWith('conversation_row'))!, { timeout: 10_000 });
    const video = services.mirror.mirrors.get(phone.serial)!.info.video!;
    const touch = async (action: number, p: { x: number; y: number }) => services.handlers['mirror.control']({
      serial: phone.serial,
      message: { type: 'injectTouch', action, pointerId: -2n, pressure: action === 1 ? 0 : 1, actionButton: 1, buttons: action === 1 ? 0 : 1,
        x: Math.round((p.x * video.width) / 1080), y: Math.round((p.y * video.height) / 2400), screenWidth: video.width, screenHeight: video.height },
    }, call);
    await touch(0, centerOf(row));
    await touch(1, centerOf(row));
    const bubble = await vi.waitFor(async () => {
      const node = (await uiTree(phone)).find((n) => n.resourceId.endsWith('message_text'));
      if (!node) throw new Error('thread not open yet');
      return node;
    }, { timeout: 10_000 });
    // A long press copies the message (the phone's own clipboard change, autosynced by scrcpy).
    await touch(0, centerOf(bubble));
    await new Promise((r) => setTimeout(r, 800));
    await touch(1, centerOf(bubble));
    await vi.waitFor(() => expect(events.some((e) => e.name === 'mirror.clipboard' && (e.payload as { text: string }).text === bubble.text)).toBe(true), { timeout: 10_000 });
  });

  it('records the mirror to an MP4 that ffprobe reads', async () => {
    const { file } = await services.handlers['mirror.record']({ serial: phone.serial, on: true }, call);
    expect(file).toMatch(/\.mp4$/);
    // Something to record: the screen changes.
    await phone.adb(['shell', 'input', 'keyevent', '3']);
    await vi.waitFor(() => expect(services.mirror.mirrors.get(phone.serial)!.fanout.framesForwarded).toBeGreaterThan(5), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const stopped = await services.handlers['mirror.record']({ serial: phone.serial, on: false }, call);
    expect(stopped.file).toBe(file);
    expect((await stat(file!)).size).toBeGreaterThan(0);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file!]);
    expect(stdout.trim()).toBe('h264');
  });

  it('unplug shows "disconnected", replug resumes on the same stream', async () => {
    expect((await adb.adb(['disconnect', phone.serial])).code).toBe(0);
    await vi.waitFor(() => expect(services.mirror.mirrors.get(phone.serial)?.state).toBe('disconnected'), { timeout: 20_000 });
    expect(states()).toContain('disconnected');
    expect(streamClosed).toBeUndefined();
    const before = received.length;
    expect((await adb.adb(['connect', phone.serial])).code).toBe(0);
    await vi.waitFor(() => expect(services.mirror.mirrors.get(phone.serial)?.state).toBe('running'), { timeout: 30_000 });
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(before + 1), { timeout: 20_000 });
    const resumed = received.slice(before).map((b) => decodeMirrorMessage(b));
    // After the gap the stream restarts decodably: its first frame is a key frame.
    const firstFrame = resumed.find((m) => m.type === 'frame');
    expect(firstFrame?.type === 'frame' && firstFrame.keyFrame).toBe(true);
  });

  it('rejects input the contract does not allow', async () => {
    const { requests } = await import('../../../../src/shared/contract');
    const bad = requests['mirror.control'].payload.safeParse({ serial: phone.serial, message: { type: 'uhidCreate', id: 1 } });
    expect(bad.success).toBe(false);
    const huge = requests['mirror.control'].payload.safeParse({ serial: phone.serial, message: { type: 'injectTouch', action: 0, pointerId: 'x', pressure: 2, actionButton: 0, buttons: 0, x: 0, y: 0, screenWidth: 1, screenHeight: 1 } });
    expect(huge.success).toBe(false);
  });

  it('dispose stops every mirror and leaves no scrcpy server or stream behind', async () => {
    expect(phone.phone.resources().scrcpySessions).toBeGreaterThan(0);
    await services.dispose();
    expect(streamClosed).toBeDefined();
    expect(services.streams.size).toBe(0);
    expect(services.mirror.mirrors.size).toBe(0);
    await vi.waitFor(() => expect(phone.phone.resources().scrcpySessions).toBe(0), { timeout: 15_000 });
  });
});
