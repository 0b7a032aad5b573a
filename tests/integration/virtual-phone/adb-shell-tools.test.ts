import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';

// The toybox/framework tools adb users and agents run, over the phone's real state, through
// the real adb client: output formats, exit codes and error wording.
describe('virtual phone through real adb: the phone\'s tools', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;
  const sh = (cmd: string) => device.adb(['shell', cmd]);

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { settleMs: 0 } });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
  });

  it('ps -A lists system daemons, running apps (a new pid after force-stop) and the shell itself', async () => {
    await sh('am start -n com.android.settings/.Settings');
    const ps = (await sh('ps -A')).stdout.split('\n');
    expect(ps[0]).toMatch(/^USER\s+PID\s+PPID\s+VSZ\s+RSS\s+WCHAN\s+ADDR\s+S\s+NAME$/);
    for (const name of ['init', 'zygote64', 'system_server', 'adbd', 'com.android.settings', 'ps']) expect(ps.some((l) => l.endsWith(` ${name}`))).toBe(true);
    const pid = (await sh('pidof com.android.settings')).stdout.trim();
    expect(pid).toMatch(/^\d+$/);
    await sh('am force-stop com.android.settings; am start -n com.android.settings/.Settings');
    expect((await sh('pidof com.android.settings')).stdout.trim()).not.toBe(pid);
    expect((await sh('pidof no.such.app')).code).toBe(1);
  });

  it('logcat -d shows activity starts in threadtime format; -s filters, -c clears', async () => {
    await sh('am start -n com.google.android.deskclock/com.android.deskclock.DeskClock');
    const log = (await sh('logcat -d')).stdout;
    expect(log).toMatch(/^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+\d+\s+\d+ I ActivityTaskManager: START u0 \{.*cmp=com\.google\.android\.deskclock\/com\.android\.deskclock\.DeskClock\}/m);
    expect(log).toMatch(/Displayed com\.google\.android\.deskclock\/com\.android\.deskclock\.DeskClock: \+\d+ms/);
    expect((await sh('logcat -d -s ActivityManager')).stdout).not.toContain('ActivityTaskManager');
    await sh('logcat -c');
    expect((await sh('logcat -d')).stdout).toBe('');
  });

  it('stat, md5sum, wc, head, tail, cp, mv, chmod and find work on the files', async () => {
    await sh('printf "one\\ntwo\\nthree\\n" > /sdcard/Download/t.txt');
    expect((await sh('stat -c "%s %a %F %n" /sdcard/Download/t.txt')).stdout).toBe('14 644 regular file /sdcard/Download/t.txt\n');
    expect((await sh('stat /sdcard/Download/t.txt')).stdout).toMatch(/^ {2}File: '\/sdcard\/Download\/t\.txt'\n {2}Size: 14\t/);
    expect(await sh('stat /sdcard/nope')).toMatchObject({ code: 1, stderr: "stat: '/sdcard/nope': No such file or directory\n" });
    const md5 = createHash('md5').update('one\ntwo\nthree\n').digest('hex');
    expect((await sh('md5sum /sdcard/Download/t.txt')).stdout).toBe(`${md5}  /sdcard/Download/t.txt\n`);
    expect((await sh('wc -l /sdcard/Download/t.txt')).stdout).toBe('      3 /sdcard/Download/t.txt\n');
    expect((await sh('head -n 1 /sdcard/Download/t.txt; tail -n 1 /sdcard/Download/t.txt')).stdout).toBe('one\nthree\n');
    expect((await sh('cd /sdcard/Download && cp t.txt c.txt && mv c.txt m.txt && chmod 600 m.txt && stat -c %a m.txt && ls')).stdout).toBe('600\nm.txt\nt.txt\n');
    expect((await sh('find /sdcard/Download -name "*.txt" -type f')).stdout).toBe('/sdcard/Download/m.txt\n/sdcard/Download/t.txt\n');
    expect(await sh('cp /sdcard/nope /sdcard/x')).toMatchObject({ code: 1, stderr: "cp: bad '/sdcard/nope': No such file or directory\n" });
    expect(await sh('touch /system/x')).toMatchObject({ code: 1, stderr: "touch: '/system/x': Read-only file system\n" });
    expect(await sh('ls /data')).toMatchObject({ code: 1, stderr: 'ls: /data: Permission denied\n' });
  });

  it('sed does s///, -n with p, addresses and -i', async () => {
    await sh('printf "a=1\\nb=2\\nc=3\\n" > /sdcard/s.txt');
    expect((await sh("sed 's/=/: /' /sdcard/s.txt")).stdout).toBe('a: 1\nb: 2\nc: 3\n');
    expect((await sh("sed -n '/b/p' /sdcard/s.txt; sed -n '2,3p' /sdcard/s.txt")).stdout).toBe('b=2\nb=2\nc=3\n');
    expect((await sh("echo hello world | sed 's/o/0/g'")).stdout).toBe('hell0 w0rld\n');
    expect((await sh("sed -i 's/\\([a-z]\\)=\\([0-9]\\)/\\2\\1/' /sdcard/s.txt && cat /sdcard/s.txt")).stdout).toBe('1a\n2b\n3c\n');
  });

  it('uname, getprop and svc wifi enable|disable (seen by settings and the screen state)', async () => {
    expect((await sh('uname -m')).stdout).toBe('aarch64\n');
    expect((await sh('uname -a')).stdout).toMatch(/^Linux localhost 5\.15\.\S+ #1 SMP PREEMPT .* aarch64 Toybox\n$/);
    await sh('svc wifi enable');
    expect((await sh('settings get global wifi_on')).stdout).toBe('1\n');
    await sh('svc wifi disable');
    expect(device.phone.android.getSetting('global', 'wifi_on')).toBe('0');
  });

  it('content query/insert reach the settings provider', async () => {
    await sh('content insert --uri content://settings/system --bind name:s:screen_brightness --bind value:i:200');
    expect(device.phone.android.getSetting('system', 'screen_brightness')).toBe('200');
    expect((await sh("content query --uri content://settings/system --projection name:value --where \"name='screen_brightness'\"")).stdout).toBe('Row: 0 name=screen_brightness, value=200\n');
    const bad = await sh('content query --uri content://sms/inbox');
    expect(bad.code).toBe(1);
  });

  it('pm uninstall removes a user app and refuses a system one; am broadcast completes', async () => {
    expect((await sh('pm list packages -3')).stdout).toContain('package:com.phonepilot.shop');
    expect(await sh('pm uninstall com.android.settings')).toMatchObject({ code: 1, stdout: 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n' });
    expect(await sh('pm uninstall no.such.pkg')).toMatchObject({ code: 1, stdout: 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n' });
    expect((await device.adb(['uninstall', 'com.phonepilot.shop'])).stdout).toBe('Success\n');
    expect((await sh('pm list packages')).stdout).not.toContain('com.phonepilot.shop');
    expect((await sh('am broadcast -a com.example.PING --es k v')).stdout).toBe('Broadcasting: Intent { act=com.example.PING flg=0x400000 (has extras) }\nBroadcast completed: result=0\n');
  });
});
