import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { startConnectedPhone, type ConnectedPhone } from '../../support/virtual-phone';

describe('virtual phone through the real adb server: connect and shell', () => {
  let server: AdbServerHandle;
  let device: ConnectedPhone;

  beforeAll(async () => {
    server = await startAdbServer();
    device = await startConnectedPhone(server, { android: { model: 'Pixel Sim' } });
  });

  afterAll(async () => {
    await device?.stop();
    await server?.stop();
  });

  it('is listed by adb devices -l with its model', async () => {
    const r = await server.adb(['devices', '-l']);
    const line = r.stdout.split('\n').find((l) => l.startsWith(device.serial));
    expect(line).toBeDefined();
    expect(line).toMatch(/\bdevice\b/);
    expect(line).toContain('model:Pixel_Sim');
    expect(line).toContain('product:phonepilot_virtual');
  });

  it('answers getprop, single keys and the full list', async () => {
    expect((await device.adb(['shell', 'getprop', 'ro.product.model'])).stdout).toBe('Pixel Sim\n');
    expect((await device.adb(['shell', 'getprop', 'ro.build.version.sdk'])).stdout).toBe('34\n');
    const all = (await device.adb(['shell', 'getprop'])).stdout;
    expect(all).toContain('[ro.build.version.release]: [14]');
    expect(all).toContain('[persist.sys.locale]: [en-US]');
  });

  it('reports wm size and density', async () => {
    expect((await device.adb(['shell', 'wm', 'size'])).stdout).toBe('Physical size: 1080x2400\n');
    expect((await device.adb(['shell', 'wm density'])).stdout).toBe('Physical density: 420\n');
  });

  it('stores settings put and returns them from settings get', async () => {
    await device.adb(['shell', 'settings', 'put', 'global', 'phonepilot_test_key', '42']);
    expect((await device.adb(['shell', 'settings', 'get', 'global', 'phonepilot_test_key'])).stdout).toBe('42\n');
    expect(device.phone.android.getSetting('global', 'phonepilot_test_key')).toBe('42');
    expect((await device.adb(['shell', 'settings get secure never_set_here'])).stdout).toBe('null\n');
    // delete removes the key (get says null again), as Android's settings provider does.
    expect((await device.adb(['shell', 'settings', 'delete', 'global', 'phonepilot_test_key'])).stdout).toBe('Deleted 1 rows\n');
    expect((await device.adb(['shell', 'settings', 'get', 'global', 'phonepilot_test_key'])).stdout).toBe('null\n');
    expect((await device.adb(['shell', 'settings', 'delete', 'global', 'phonepilot_test_key'])).stdout).toBe('Deleted 0 rows\n');
  });

  it('prints the shell message for unknown commands', async () => {
    const r = await device.adb(['shell', 'frobnicate', '--now']);
    expect(r).toMatchObject({ code: 127, stdout: '', stderr: '/system/bin/sh: frobnicate: inaccessible or not found\n' });
  });

  it('runs && / || / ; lists, quotes and redirects into the simulated filesystem', async () => {
    const r = await device.adb(['shell', "echo 'a b' > /sdcard/t.txt && cat /sdcard/t.txt; false || echo \"fallback ok\"; ls /nope 2>/dev/null || echo gone"]);
    expect(r.stdout).toBe('a b\nfallback ok\ngone\n');
    expect(device.phone.fs.readFile('/sdcard/t.txt').toString()).toBe('a b\n');
  });

  it('input keyevent HOME and am start change the foreground app', async () => {
    await device.adb(['shell', 'am', 'start', '-n', 'com.android.settings/.Settings']);
    expect(device.phone.android.focus().packageName).toBe('com.android.settings');
    const dump = (await device.adb(['shell', 'dumpsys', 'window', 'windows'])).stdout;
    expect(dump).toMatch(/mCurrentFocus=Window\{[0-9a-f]+ u0 com\.android\.settings\/com\.android\.settings\.\S+\}/);
    expect(dump).toMatch(/mFocusedApp=ActivityRecord\{[0-9a-f]+ u0 com\.android\.settings\/\.\S+ t\d+\}/);
    await device.adb(['shell', 'input', 'keyevent', 'KEYCODE_HOME']);
    expect(device.phone.android.focus().packageName).not.toBe('com.android.settings');
  });

  it('launches an app with monkey and lists packages', async () => {
    const r = await device.adb(['shell', 'monkey', '-p', 'com.android.settings', '-c', 'android.intent.category.LAUNCHER', '1']);
    expect(r.stdout).toContain('Events injected: 1');
    expect(device.phone.android.focus().packageName).toBe('com.android.settings');
    const pkgs = (await device.adb(['shell', 'pm', 'list', 'packages'])).stdout;
    expect(pkgs).toContain('package:com.android.settings\n');
    expect((await device.adb(['shell', 'pm', 'path', 'com.android.settings'])).stdout).toMatch(/^package:\/.+\.apk\n$/);
  });

  it('logs every shell command in the inspection event log', async () => {
    await device.adb(['shell', 'echo', 'logged-marker']);
    const events = device.phone.inspect().events.filter((e) => e.kind === 'shell');
    expect(events.map((e) => e.detail)).toContain('echo logged-marker');
  });
});
