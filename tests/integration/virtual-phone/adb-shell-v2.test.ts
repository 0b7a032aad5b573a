import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, waitForState, type ConnectedPhone } from '../../support/virtual-phone';
import { waitUntil } from './ui-dump';

// Everything here goes through the real adb client and server: shell_v2 framing (exit codes,
// separate stderr, stdin), the interactive shell, sync with stat_v2, and adbd's services.
describe('virtual phone through real adb: shell_v2, interactive shell and adbd services', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-v2-'));
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('advertises shell_v2, stat_v2 and the other Android 14 features it implements', async () => {
    const features = (await device.adb(['features'])).stdout.split('\n');
    for (const f of ['shell_v2', 'cmd', 'stat_v2', 'ls_v2', 'fixed_push_mkdir', 'abb_exec', 'remount_shell']) expect(features).toContain(f);
  });

  it('returns exit codes and keeps stderr apart', async () => {
    expect((await device.adb(['shell', 'false'])).code).toBe(1);
    expect((await device.adb(['shell', 'exit 42'])).code).toBe(42);
    const r = await device.adb(['shell', 'ls /nope; echo out']);
    expect(r).toMatchObject({ code: 0, stdout: 'out\n', stderr: 'ls: /nope: No such file or directory\n' });
    expect(await device.adb(['shell', 'frobnicate'])).toMatchObject({ code: 127, stdout: '', stderr: '/system/bin/sh: frobnicate: inaccessible or not found\n' });
  });

  it('passes the host stdin to the command (pipes in, exec-in)', async () => {
    expect((await device.adb(['shell', 'cat'], { input: 'x\n' })).stdout).toBe('x\n');
    expect((await device.adb(['shell', 'wc -l'], { input: 'a\nb\nc\n' })).stdout).toBe('3\n');
    const r = await device.adb(['exec-in', 'cat > /sdcard/in.txt'], { input: 'exec bytes' });
    expect(r.code).toBe(0);
    // exec-in closes the stream after the bytes; the phone's cat finishes a moment later, as on a device.
    await waitUntil(() => device.phone.fs.exists('/sdcard/in.txt') && device.phone.fs.readFile('/sdcard/in.txt').toString() === 'exec bytes', 'exec-in file written');
  });

  it('runs the shell language end to end: variables, cd, loops, $(...), $((...)), pipes, </dev/null', async () => {
    const script = 'cd /sdcard && for i in 1 2 3; do echo "line $i" >> n.txt; done; n=$(wc -l < n.txt); echo "$PWD $((n * 2))"; grep -c line n.txt </dev/null; cat missing 2>&1 | head -1';
    expect(await device.adb(['shell', script])).toMatchObject({ code: 0, stdout: '/sdcard 6\n3\ncat: missing: No such file or directory\n' });
  });

  it('answers `adb shell` alone with an interactive sh (raw without a tty, a pty with prompt and echo for -tt)', async () => {
    const raw = await device.adb(['shell'], { input: 'cd /sdcard\npwd\nexit 3\n' });
    expect(raw).toMatchObject({ code: 3, stdout: '/sdcard\n' });
    const pty = await device.adb(['shell', '-tt'], { input: 'echo hi\nfalse\nexit\n' });
    expect(pty.stdout).toContain('virtual:/ $ echo hi\r\nhi\r\n');
    expect(pty.stdout).toContain('1|virtual:/ $ exit');
    expect(pty.code).toBe(1);
    expect(await device.adb(['shell', '-T', 'echo raw'])).toMatchObject({ code: 0, stdout: 'raw\n' });
    // A command under -t gets the pty's line endings.
    expect((await device.adb(['shell', '-tt', 'echo a; echo b'], { input: '' })).stdout).toBe('a\r\nb\r\n');
  });

  it('pulls and lists with stat_v2/ls_v2, and reports a missing file with its errno', async () => {
    const local = join(dir, 'p.txt');
    await writeFile(local, 'push me');
    expect((await device.adb(['push', local, '/sdcard/Download/p.txt'])).code).toBe(0);
    const back = join(dir, 'back.txt');
    expect((await device.adb(['pull', '/sdcard/Download/p.txt', back])).code).toBe(0);
    expect(await readFile(back, 'utf8')).toBe('push me');
    const missing = await device.adb(['pull', '/sdcard/none.txt', back]);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain("failed to stat remote object '/sdcard/none.txt': No such file or directory");
    const pushDenied = await device.adb(['push', local, '/system/x.txt']);
    expect(pushDenied.code).toBe(1);
    expect(pushDenied.stdout + pushDenied.stderr).toContain('Read-only file system');
  });

  it('answers root, unroot, remount and usb as a user build', async () => {
    expect(await device.adb(['root'])).toMatchObject({ stdout: 'adbd cannot run as root in production builds\n' });
    expect((await device.adb(['unroot'])).stdout).toBe('adbd not running as root\n');
    const remount = await device.adb(['remount']);
    expect(remount.code).toBe(1);
    expect(remount.stderr + remount.stdout).toContain('Not running as root. Try "adb root" first.');
    expect((await device.adb(['usb'])).stdout).toBe('restarting in USB mode\n');
  });

  it('keeps `adb jdwp` open with no debuggable processes', async () => {
    const child = spawn('adb', ['-P', String(server.port), '-s', device.serial, 'jdwp']);
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 1500))]);
    child.kill();
    await exited;
    expect(early).toBe('running');
    expect(out).toBe('');
  });

  it('fails `adb install` of a zip without a manifest like the package manager', async () => {
    const apk = join(dir, 'nomanifest.apk');
    await writeFile(apk, zipSync({ 'classes.dex': new Uint8Array([1, 2, 3]) }));
    const r = await device.adb(['install', apk]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Failure \[INSTALL_PARSE_FAILED_UNEXPECTED_EXCEPTION: Failed to parse \/data\/app\/vmdl\d+\.tmp\/base\.apk\]/);
  });

  it('reboots: the phone drops off adb, comes back, and its apps have stopped', async () => {
    await device.adb(['shell', 'am start -n com.android.settings/.Settings']);
    expect(device.phone.android.focus().packageName).toBe('com.android.settings');
    expect((await device.adb(['reboot'])).code).toBe(0);
    await waitForState(server, device.serial, 'offline', 10_000).catch(() => undefined);
    await device.adb(['wait-for-device'], { timeoutMs: 30_000 });
    await waitForState(server, device.serial, 'device');
    expect(device.phone.android.focus().packageName).toBe('com.google.android.apps.nexuslauncher');
    expect((await device.adb(['shell', 'echo back'])).stdout).toBe('back\n');
  });
});
