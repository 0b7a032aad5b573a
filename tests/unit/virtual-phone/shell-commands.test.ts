import { describe, expect, it } from 'vitest';
import { fakeShell } from './fake-shell';
import { latencyFor } from '../../../packages/virtual-phone/src/latency';
import { parseWlanAddress } from '../../../src/main/phone/adb/device-info';

const setup = fakeShell;

describe('simulated shell commands', () => {
  it('reports unknown commands with exit 127 and stops && chains', async () => {
    const { run } = setup();
    const r = await run('nosuch && echo never');
    expect(r).toMatchObject({ status: 127, stdout: '', stderr: '/system/bin/sh: nosuch: inaccessible or not found\n' });
  });

  it('replies "\\n" then the PNG for adbkit screencap', async () => {
    const { run } = setup();
    const r = await run('echo && screencap -p 2>/dev/null');
    expect(r.out).toEqual(Buffer.from([0x0a, 0x89, 0x50, 0x4e, 0x47]));
  });

  it('writes a raw screencap with the 16-byte header', async () => {
    const { run } = setup();
    const r = await run('screencap');
    expect([r.out.readUInt32LE(0), r.out.readUInt32LE(4), r.out.readUInt32LE(8), r.out.readUInt32LE(12)]).toEqual([8, 16, 1, 1]);
    expect(r.out.length).toBe(16 + 8 * 16 * 4);
  });

  it('maps input subcommands onto the model and the event log', async () => {
    const { run, android, device } = setup();
    await run('input tap 10 20');
    await run('input swipe 1 2 300 400 500');
    await run("input text 'hi%sthere'");
    await run('input keyevent KEYCODE_BACK 3');
    await run('input touchscreen swipe 5 5 5 5 800');
    expect(android.calls).toEqual(['tap 10 20', 'swipe 1 2 300 400 500', 'text hi there', 'key 4 downup', 'key 3 downup', 'longPress 5 5 800']);
    expect(device.log.list({ kind: 'input' }).map((e) => e.detail)).toContain('keyevent KEYCODE_BACK');
    expect((await run('input tap x 1')).status).toBe(1);
  });

  it('resolves am start components and reports failures like Android', async () => {
    const { run, android } = setup();
    const ok = await run('am start -n com.example.notes/.Main');
    expect(ok.stdout).toBe('Starting: Intent { cmp=com.example.notes/.Main }\n');
    expect(android.foreground.packageName).toBe('com.example.notes');
    const bad = await run('am start -n org.none/.X');
    expect(bad.stderr).toContain('Error: Activity class {org.none/org.none.X} does not exist.');
    expect(bad.status).toBe(1);
  });

  it('lists packages with -3 / -s filters and prints pm path', async () => {
    const { run } = setup();
    expect((await run('pm list packages -3')).stdout).toBe('package:com.example.notes\n');
    expect((await run('pm list packages -s')).stdout).toBe('package:com.example.launcher\n');
    expect((await run('pm path com.example.launcher')).stdout).toBe('package:/system/priv-app/Launcher/Launcher.apk\n');
    expect((await run('pm path com.example.none')).status).toBe(1);
  });

  it('prints dumpsys window focus lines with short and long components', async () => {
    const { run, android } = setup();
    android.foreground = { packageName: 'com.example.notes', activity: 'com.example.notes.Main' };
    const r = await run('dumpsys window | grep -E "mCurrentFocus|mFocusedApp"');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^ {2}mCurrentFocus=Window\{[0-9a-f]{7} u0 com\.example\.notes\/com\.example\.notes\.Main\}$/);
    expect(lines[1]).toMatch(/^ {2}mFocusedApp=ActivityRecord\{[0-9a-f]{7} u0 com\.example\.notes\/\.Main t\d+\}$/);
  });

  it('settings put/get/list, ime list/set, battery level', async () => {
    const { run } = setup();
    await run('settings put system screen_brightness 77');
    expect((await run('settings get system screen_brightness')).stdout).toBe('77\n');
    expect((await run('settings list system')).stdout).toBe('screen_brightness=77\n');
    expect((await run('ime list -s')).stdout).toBe('com.android.inputmethod.latin/.LatinIME\n');
    expect((await run('ime set com.android.adbkeyboard/.AdbIME')).status).toBe(255);
    expect((await run('dumpsys battery')).stdout).toContain('  level: 85\n');
    await run('dumpsys battery set level 15');
    expect((await run('dumpsys battery | grep level')).stdout).toBe('  level: 15\n');
  });

  it('uiautomator dump writes escaped XML to the default file and prints the Android typo', async () => {
    const { run, device } = setup();
    const r = await run('uiautomator dump');
    expect(r.stdout).toBe('UI hierchary dumped to: /sdcard/window_dump.xml\n');
    const xml = device.fs.readFile('/sdcard/window_dump.xml').toString();
    expect(xml).toContain('<hierarchy rotation="0"><node index="0" text="" resource-id="" class="android.widget.FrameLayout"');
    expect(xml).toContain('<node index="0" text="Save &amp; &quot;quit&quot; &lt;now&gt;" resource-id="com.example.notes:id/save"');
    expect(xml).toContain('bounds="[0,8][8,16]" /></node></hierarchy>');
  });

  it('redirects into files, appends, and refuses missing directories', async () => {
    const { run, device } = setup();
    await run('echo one > /data/local/tmp/f; echo two >> /data/local/tmp/f');
    expect(device.fs.readFile('/data/local/tmp/f').toString()).toBe('one\ntwo\n');
    const r = await run('echo x > /nowhere/f');
    expect(r.stderr).toBe("/system/bin/sh: can't create /nowhere/f: No such file or directory\n");
    expect((await run('cat /data/local/tmp/f | grep -c o')).stdout).toBe('2\n');
    expect((await run('rm /data/local/tmp/f && ls /data/local/tmp')).stdout).toBe('');
  });

  it('monkey launches a package and prints the injected event count', async () => {
    const { run, android } = setup();
    const r = await run('monkey -p com.example.notes -c android.intent.category.LAUNCHER 1');
    expect(r.stdout).toContain('Events injected: 1\n');
    expect(android.foreground.packageName).toBe('com.example.notes');
  });

  it('ip addr: wlan0 has the phone\'s loopback address only while Wi-Fi is on, in iproute2\'s layout', async () => {
    const { run, android } = setup();
    expect(await run('ip -f inet addr show wlan0')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    android.putSetting('global', 'wifi_on', '1');
    const wlan = await run('ip -f inet addr show wlan0');
    expect(wlan.stdout).toBe([
      '30: wlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 3000',
      '    inet 127.0.0.1/8 brd 127.255.255.255 scope global wlan0',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n'));
    expect(parseWlanAddress(wlan.stdout)).toBe('127.0.0.1');
    const all = (await run('ip addr')).stdout;
    expect(all).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP>.*\n {4}link\/loopback /);
    expect(all).toContain('    link/ether 02:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n    inet 127.0.0.1/8 brd');
    expect(await run('ip addr show eth0')).toMatchObject({ status: 1, stderr: 'Device "eth0" does not exist.\n' });
    expect(await run('ip route')).toMatchObject({ status: 1, stderr: 'Object "route" is unknown, try "ip help".\n' });
  });

  it('ip addr: a phone on ::1 has no IPv4 Wi-Fi address', async () => {
    const { run, android } = setup('::1');
    android.putSetting('global', 'wifi_on', '1');
    expect((await run('ip -4 addr show wlan0')).stdout).toBe('');
    expect((await run('ip -6 addr show dev wlan0')).stdout).toContain('    inet6 ::1/128 scope global\n');
  });

  it('has the real-phone latency figures and none by default', () => {
    expect(latencyFor('real-phone', 'screencap')).toBe(450);
    expect(latencyFor('real-phone', 'input')).toBe(300);
    expect(latencyFor('real-phone', 'uiautomator')).toBe(1500);
    expect(latencyFor('none', 'uiautomator')).toBe(0);
  });
});
