import { PassThrough, type Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient, type AdbClient } from '../../../src/main/phone/adb/adbkit';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';
import { center, parseUiDump, waitUntil } from './ui-dump';

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

describe('virtual phone through adbkit', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let client: AdbClient;

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
    client = createAdbClient({ port: server.port });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
  });

  it('listDevices includes the phone as a device', async () => {
    const devices = await client.listDevices();
    expect(devices).toContainEqual(expect.objectContaining({ id: device.serial, type: 'device' }));
  });

  it('shell with an argument array is quoted and run', async () => {
    const out = await readAll(await client.getDevice(device.serial).shell(['echo', "it's", 'two words']));
    expect(out.toString()).toBe("it's two words\n");
  });

  it('screencap returns a PNG of the screen', async () => {
    const png = await readAll(await client.getDevice(device.serial).screencap());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1080);
    expect(png.readUInt32BE(20)).toBe(2400);
  });

  it('push, stat, readdir and pull go through sync', async () => {
    const d = client.getDevice(device.serial);
    const data = Buffer.alloc(200_000, 7);
    const transfer = await d.push(new PassThrough().end(data), '/data/local/tmp/adbkit.bin');
    await new Promise<void>((resolve, reject) => { transfer.on('end', resolve); transfer.on('error', reject); });
    expect(device.phone.fs.readFile('/data/local/tmp/adbkit.bin').equals(data)).toBe(true);
    const st = await d.stat('/data/local/tmp/adbkit.bin');
    expect(st.size).toBe(200_000);
    const entries = await d.readdir('/data/local/tmp');
    expect(entries.map((e: { name: string }) => e.name)).toContain('adbkit.bin');
    const pulled = await readAll(await d.pull('/data/local/tmp/adbkit.bin'));
    expect(pulled.equals(data)).toBe(true);
  });

  it('openLocal reaches a localabstract listener', async () => {
    const unlisten = device.phone.localAbstract.listen('adbkit_probe', (stream) => { void stream.write(Buffer.from('hi from device')); });
    try {
      const socket = (await client.getDevice(device.serial).openLocal('localabstract:adbkit_probe')) as Duplex;
      const first = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
      expect(first.toString()).toBe('hi from device');
      socket.destroy();
    } finally {
      unlisten();
    }
  });

  it('a tap at bounds from uiautomator dump opens the app it names', async () => {
    const d = client.getDevice(device.serial);
    await readAll(await d.shell('input keyevent KEYCODE_HOME'));
    const printed = (await readAll(await d.shell('uiautomator dump'))).toString();
    expect(printed).toBe('UI hierchary dumped to: /sdcard/window_dump.xml\n');
    const xml = (await readAll(await d.shell('cat /sdcard/window_dump.xml'))).toString();
    expect(xml.startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\"><node index=\"0\"")).toBe(true);
    const settings = parseUiDump(xml).find((n) => n.text === 'Settings' && n.className === 'android.widget.TextView');
    expect(settings).toBeDefined();
    const { x, y } = center(settings!);
    await readAll(await d.shell(`input tap ${x} ${y}`));
    await waitUntil(() => device.phone.android.focus().packageName === 'com.android.settings', 'Settings to open');
    expect(device.phone.inspect().events.some((e) => e.kind === 'input' && e.detail === `tap ${x} ${y}`)).toBe(true);
  });
});
