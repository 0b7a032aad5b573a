import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { freePort, startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import { ByteCollector, SERVER_PATH, captureVideo, openLocalWithRetry, scidHex, serverCommand } from './scrcpy-client';
import { center, parseUiDump, waitUntil, type DumpNode } from './ui-dump';

// Control messages written byte by byte from the protocol table (big-endian), not serialized.
function touch(action: number, x: number, y: number, w: number, h: number): Buffer {
  const b = Buffer.alloc(32);
  b[0] = 2; // INJECT_TOUCH_EVENT
  b[1] = action;
  b.writeBigUInt64BE(0xfffffffffffffffen, 2); // pointer id: generic finger (-2)
  b.writeInt32BE(x, 10);
  b.writeInt32BE(y, 14);
  b.writeUInt16BE(w, 18);
  b.writeUInt16BE(h, 20);
  b.writeUInt16BE(0xffff, 22); // pressure 1.0
  b.writeUInt32BE(0, 24); // action button
  b.writeUInt32BE(0, 28); // buttons
  return b;
}

function keycode(action: number, code: number, metaState = 0): Buffer {
  const b = Buffer.alloc(14);
  b[0] = 0; // INJECT_KEYCODE
  b[1] = action;
  b.writeInt32BE(code, 2);
  b.writeUInt32BE(0, 6); // repeat
  b.writeUInt32BE(metaState, 10);
  return b;
}

const META_CTRL_ON = 0x1000;
const KEYCODE_V = 50;

function setClipboard(sequence: bigint, paste: boolean, text: string): Buffer {
  const t = Buffer.from(text, 'utf8');
  const b = Buffer.alloc(14 + t.length);
  b[0] = 9; // SET_CLIPBOARD
  b.writeBigUInt64BE(sequence, 1);
  b[9] = paste ? 1 : 0;
  b.writeUInt32BE(t.length, 10);
  t.copy(b, 14);
  return b;
}

function injectText(text: string): Buffer {
  const t = Buffer.from(text, 'utf8');
  const b = Buffer.alloc(5 + t.length);
  b[0] = 1; // INJECT_TEXT
  b.writeUInt32BE(t.length, 1);
  t.copy(b, 5);
  return b;
}

const VIDEO = { width: 360, height: 800 }; // 1080x2400 with max_size=800
const SCALE = VIDEO.width / 1080;

describe('simulated scrcpy server: control messages', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;
  let dir: string;
  let jar: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-control-'));
    jar = join(dir, 'scrcpy-server.jar');
    await writeFile(jar, 'PK\x03\x04 dummy');
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
    client = createAdbClient({ port: server.port });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function dump(): Promise<DumpNode[]> {
    const r = await device.adb(['exec-out', 'uiautomator', 'dump', '/dev/tty']);
    return parseUiDump(r.stdout);
  }

  async function tapViaScrcpy(control: Duplex, node: DumpNode): Promise<void> {
    const c = center(node);
    const x = Math.round(c.x * SCALE);
    const y = Math.round(c.y * SCALE);
    control.write(Buffer.concat([touch(0, x, y, VIDEO.width, VIDEO.height), touch(1, x, y, VIDEO.width, VIDEO.height)]));
  }

  it('touch, keys, clipboard paste of Chinese text, clipboard read-back and size checks', async () => {
    expect((await device.adb(['push', jar, SERVER_PATH])).code).toBe(0);
    expect(device.phone.fs.exists(SERVER_PATH)).toBe(true);
    const scid = 0x2468ace0;
    const shell = (await client.getDevice(device.serial).shell(serverCommand('3.3.4', {
      scid: scidHex(scid), tunnel_forward: true, audio: false, max_size: 800,
    }))) as Duplex;
    const video = new ByteCollector(await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`));
    const controlSocket = await openLocalWithRetry(client, device.serial, `scrcpy_${scidHex(scid)}`);
    const control = new ByteCollector(controlSocket);
    try {
      const { capture, update } = captureVideo(video, '3', 1, true);
      await video.waitFor(() => { update(); return capture.codecSize !== undefined; }, 'codec meta');
      expect(capture.codecSize).toEqual(VIDEO);

      await device.adb(['shell', 'am', 'start', '-n', 'com.google.android.apps.messaging/.ui.ConversationListActivity']);
      const row = (await dump()).find((n) => n.resourceId.endsWith('conversation_row'));
      expect(row).toBeDefined();
      await tapViaScrcpy(controlSocket, row!);
      let compose: DumpNode | undefined;
      await waitUntil(async () => {
        compose = (await dump()).find((n) => n.resourceId.endsWith('compose_message_text'));
        return compose !== undefined;
      }, 'the conversation thread to open');

      await tapViaScrcpy(controlSocket, compose!);
      controlSocket.write(setClipboard(7n, true, '你好，世界'));
      // ACK_CLIPBOARD: type 1 + u64 sequence.
      await control.waitFor(() => control.data.length >= 9, 'ACK_CLIPBOARD');
      expect(control.data.subarray(0, 9)).toEqual(Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 7]));
      await waitUntil(async () => (await dump()).some((n) => n.resourceId.endsWith('compose_message_text') && n.text === '你好，世界'), 'pasted Chinese text');

      // INJECT_TEXT drops what the key map cannot type (non-ASCII), like a real device.
      controlSocket.write(injectText('ok 你'));
      await waitUntil(async () => (await dump()).some((n) => n.resourceId.endsWith('compose_message_text') && n.text === '你好，世界ok '), 'typed ASCII');

      // GET_CLIPBOARD -> CLIPBOARD device message: type 0, u32 length, UTF-8.
      const before = control.data.length;
      controlSocket.write(Buffer.from([8, 0]));
      const expected = Buffer.from('你好，世界', 'utf8');
      await control.waitFor(() => control.data.length >= before + 5 + expected.length, 'CLIPBOARD');
      const msg = control.data.subarray(before);
      expect(msg[0]).toBe(0);
      expect(msg.readUInt32BE(1)).toBe(expected.length);
      expect(msg.subarray(5, 5 + expected.length)).toEqual(expected);

      // Ctrl+V (what a scrcpy window sends for the paste shortcut) pastes the clipboard, not a "v".
      const field = async () => (await dump()).find((n) => n.resourceId.endsWith('compose_message_text'))?.text;
      controlSocket.write(Buffer.concat([keycode(0, KEYCODE_V, META_CTRL_ON), keycode(1, KEYCODE_V, META_CTRL_ON)]));
      await waitUntil(async () => (await field()) === '你好，世界ok 你好，世界', 'Ctrl+V to paste');
      // KEYCODE_PASTE from the shell pastes too; `input text` refuses what the key map cannot type, typing nothing.
      await device.adb(['shell', 'input keyevent KEYCODE_PASTE']);
      await waitUntil(async () => (await field()) === '你好，世界ok 你好，世界你好，世界', 'KEYCODE_PASTE');
      const refused = await device.adb(['shell', 'input text "a你"']);
      expect(refused.code).toBe(255);
      expect(refused.stderr).toContain('java.lang.NullPointerException');
      expect(await field()).toBe('你好，世界ok 你好，世界你好，世界');

      // A positional event computed for another video size is dropped.
      const foreground = device.phone.android.focus().packageName;
      controlSocket.write(Buffer.concat([touch(0, 100, 100, 1080, 2400), touch(1, 100, 100, 1080, 2400)]));
      await waitUntil(() => device.phone.inspect().events.some((e) => e.detail.startsWith('Ignore positional event generated for size 1080x2400')), 'the drop to be logged');
      expect(device.phone.android.focus().packageName).toBe(foreground);

      // HOME key down + up.
      controlSocket.write(Buffer.concat([keycode(0, 3), keycode(1, 3)]));
      await waitUntil(() => device.phone.android.focus().packageName === 'com.google.android.apps.nexuslauncher', 'HOME to reach the launcher');

      // START_APP by package name.
      const name = Buffer.from('com.android.settings');
      controlSocket.write(Buffer.concat([Buffer.from([16, name.length]), name]));
      await waitUntil(() => device.phone.android.focus().packageName === 'com.android.settings', 'START_APP');

      // RESET_VIDEO: the encoder restarts, so a new CONFIG packet and a key frame follow.
      update();
      const configsBefore = capture.packets.filter((p) => p.config).length;
      controlSocket.write(Buffer.from([17]));
      await video.waitFor(() => {
        update();
        const i = capture.packets.findIndex((p, n) => p.config && capture.packets.slice(0, n + 1).filter((q) => q.config).length > configsBefore);
        return i >= 0 && capture.packets.slice(i + 1).some((p) => !p.config);
      }, 'a new config packet and frame');
      const lastConfig = capture.packets.map((p) => p.config).lastIndexOf(true);
      expect(capture.packets[lastConfig + 1].keyFrame).toBe(true);
    } finally {
      controlSocket.destroy();
      video.socket.destroy();
      shell.destroy();
    }
  });

  it('reverse tunnel: the device dials the host for video, audio and control', async () => {
    expect((await device.adb(['push', jar, SERVER_PATH])).code).toBe(0);
    const port = await freePort();
    const accepted: Socket[] = [];
    const collectors: ByteCollector[] = [];
    let notify: (() => void) | null = null;
    const listener: Server = createServer((s) => {
      accepted.push(s);
      collectors.push(new ByteCollector(s));
      notify?.();
    });
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', () => resolve()));
    const scid = 0x13572468;
    const name = `scrcpy_${scidHex(scid)}`;
    let shell: Duplex | null = null;
    try {
      expect((await device.adb(['reverse', `localabstract:${name}`, `tcp:${port}`])).code).toBe(0);
      shell = (await client.getDevice(device.serial).shell(serverCommand('4.0', { scid: scidHex(scid), cleanup: false }))) as Duplex;
      const shellOut = new ByteCollector(shell);
      shell.on('close', () => notify?.());
      while (accepted.length < 3) {
        if (shellOut.ended) throw new Error(`server exited: ${shellOut.data.toString()}`);
        await new Promise<void>((resolve) => { notify = resolve; });
      }
      const [videoC, audioC] = collectors;
      const { capture, update } = captureVideo(videoC, '4', 0, true);
      await videoC.waitFor(() => { update(); return capture.frames() >= 1; }, 'a frame over the reverse tunnel');
      expect(capture.deviceName).toBe('PhonePilot Virtual');
      expect(capture.sessions[0]).toEqual({ width: 1080, height: 2400 });
      // Audio: Opus by default, its codec id first.
      await audioC.waitFor(() => audioC.data.length >= 4, 'audio codec id');
      expect(audioC.data.readUInt32BE(0)).toBe(0x6f707573);
      expect(device.phone.fs.exists(SERVER_PATH)).toBe(true); // cleanup=false keeps the jar

      // ROTATE_DEVICE: the capture size changes, so 4.x sends a new session packet.
      accepted[2].write(Buffer.from([11]));
      await videoC.waitFor(() => { update(); return capture.sessions.length >= 2; }, 'a second session packet');
      expect(capture.sessions[1]).toEqual({ width: 2400, height: 1080 });
      device.phone.android.rotate();
    } finally {
      shell?.destroy();
      for (const s of accepted) s.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      await device.adb(['reverse', '--remove-all']);
    }
  });
});
