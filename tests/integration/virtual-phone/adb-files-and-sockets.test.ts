import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('virtual phone through the real adb server: files, screencap, forward', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let dir: string;

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { width: 720, height: 1600 } });
    dir = await mkdtemp(join(tmpdir(), 'vp-files-'));
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exec-out screencap -p returns a PNG of the screen size', async () => {
    const r = await device.adbBuffer(['exec-out', 'screencap', '-p']);
    expect(r.code).toBe(0);
    expect(pngSize(r.stdout)).toEqual({ width: 720, height: 1600 });
  });

  it('exec-out screencap (raw) has the 16-byte header and RGBA pixels', async () => {
    const r = await device.adbBuffer(['exec-out', 'screencap']);
    expect(r.stdout.readUInt32LE(0)).toBe(720);
    expect(r.stdout.readUInt32LE(4)).toBe(1600);
    expect(r.stdout.readUInt32LE(8)).toBe(1);
    expect(r.stdout.length).toBe(16 + 720 * 1600 * 4);
  });

  it('push then pull round-trips a 3 MiB file byte for byte (bigger than 64 KiB and maxdata)', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 12345);
    const local = join(dir, 'big.bin');
    const back = join(dir, 'big-back.bin');
    await writeFile(local, data);
    const push = await device.adb(['push', local, '/sdcard/Download/big.bin']);
    expect(push.code, push.stderr).toBe(0);
    expect(device.phone.fs.readFile('/sdcard/Download/big.bin').equals(data)).toBe(true);
    const pull = await device.adb(['pull', '/sdcard/Download/big.bin', back]);
    expect(pull.code, pull.stderr).toBe(0);
    expect((await readFile(back)).equals(data)).toBe(true);
  });

  it('pull of a missing file fails and ls shows pushed files', async () => {
    const pull = await device.adb(['pull', '/sdcard/nope.bin', join(dir, 'nope.bin')]);
    expect(pull.code).not.toBe(0);
    expect((await device.adb(['shell', 'ls', '/sdcard/Download'])).stdout).toContain('big.bin');
  });

  it('screencap -p FILE writes a PNG that adb pull fetches', async () => {
    await device.adb(['shell', 'screencap', '-p', '/sdcard/shot.png']);
    const local = join(dir, 'shot.png');
    expect((await device.adb(['pull', '/sdcard/shot.png', local])).code).toBe(0);
    expect(pngSize(await readFile(local))).toEqual({ width: 720, height: 1600 });
  });

  it('adb forward tcp:X localabstract:NAME reaches a device localabstract listener', async () => {
    const received: Buffer[] = [];
    const unlisten = device.phone.localAbstract.listen('phonepilot_echo', (stream) => {
      stream.on('data', (chunk) => {
        received.push(chunk);
        void stream.write(Buffer.concat([Buffer.from('echo:'), chunk]));
      });
    });
    try {
      const port = await freePort();
      const fwd = await device.adb(['forward', `tcp:${port}`, 'localabstract:phonepilot_echo']);
      expect(fwd.code, fwd.stderr).toBe(0);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('hello'));
        socket.on('data', (d) => {
          resolve(d.toString());
          socket.destroy();
        });
        socket.on('error', reject);
      });
      expect(reply).toBe('echo:hello');
      expect(Buffer.concat(received).toString()).toBe('hello');
      await device.adb(['forward', '--remove', `tcp:${port}`]);
    } finally {
      unlisten();
    }
  });

  it('adb install streams the APK through abb_exec (package install) and gets Success', async () => {
    const apk = join(dir, 'app.apk');
    const bytes = zipSync({ 'AndroidManifest.xml': randomBytes(2_000), 'classes.dex': randomBytes(100_000) }, { level: 0 });
    await writeFile(apk, bytes);
    const r = await device.adb(['install', apk]);
    expect(r.stdout).toContain('Success');
    expect(device.phone.inspect().events.some((e) => e.detail === `package install ${bytes.length} bytes`)).toBe(true);
    const bad = join(dir, 'bad.apk');
    await writeFile(bad, 'not a zip');
    const refused = await device.adb(['install', bad]);
    expect(`${refused.stdout}${refused.stderr}`).toContain('INSTALL_PARSE_FAILED_NOT_APK');
  });

  it('adb reverse forward / list / remove are kept per transport', async () => {
    const hostPort = await freePort();
    expect((await device.adb(['reverse', 'tcp:9123', `tcp:${hostPort}`])).code).toBe(0);
    const list = await device.adb(['reverse', '--list']);
    expect(list.stdout).toContain(`tcp:9123 tcp:${hostPort}`);
    expect(device.phone.inspect().reverse).toContainEqual({ remote: 'tcp:9123', local: `tcp:${hostPort}` });
    expect((await device.adb(['reverse', '--remove', 'tcp:9123'])).code).toBe(0);
    expect(device.phone.inspect().reverse).toEqual([]);
  });
});
