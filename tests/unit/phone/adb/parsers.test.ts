import { describe, expect, it } from 'vitest';
import { parsePmPackages, parseScrcpyAppList } from '../../../../src/main/phone/apps/installed-apps';
import { parseCurrentApp } from '../../../../src/main/phone/adb/current-app';
import { orientLike } from '../../../../src/main/phone/adb/device-size';

describe('installed app lists', () => {
  it('parses scrcpy list_apps output, long labels on their own line included', () => {
    const out = [
      '[server] INFO: Device: [Google] google Pixel 8 (Android 14)',
      '[server] INFO: List of apps:',
      ' * Settings                       com.android.settings',
      ' - 微信                            com.tencent.mm',
      ' - A very long application label that overflows',
      '                                  com.example.longname',
      ' - Shop                           com.phonepilot.shop',
    ].join('\n');
    expect(parseScrcpyAppList(out)).toEqual([
      { label: 'Settings', packageName: 'com.android.settings' },
      { label: '微信', packageName: 'com.tencent.mm' },
      { label: 'A very long application label that overflows', packageName: 'com.example.longname' },
      { label: 'Shop', packageName: 'com.phonepilot.shop' },
    ]);
    expect(parseScrcpyAppList('[server] ERROR: nope')).toEqual([]);
  });

  it('parses pm list packages, with and without -f', () => {
    expect(parsePmPackages('package:com.a.b\npackage:/data/app/x/base.apk=com.c.d\r\nnoise\n')).toEqual([
      { packageName: 'com.a.b', label: '' }, { packageName: 'com.c.d', label: '' },
    ]);
  });
});

describe('dumpsys and wm parsing', () => {
  it('takes the focused window package, else the focused app', () => {
    expect(parseCurrentApp('  mCurrentFocus=Window{1a2b3c u0 com.android.settings/com.android.settings.Settings}\n')).toBe('com.android.settings');
    expect(parseCurrentApp('  mCurrentFocus=null\n  mFocusedApp=ActivityRecord{9f8e7d u0 com.tencent.mm/.ui.LauncherUI t12}\n')).toBe('com.tencent.mm');
    expect(parseCurrentApp('nothing here')).toBe('');
  });

  it('orients a size like the video', () => {
    expect(orientLike({ width: 1080, height: 2400 }, { width: 1600, height: 720 })).toEqual({ width: 2400, height: 1080 });
    expect(orientLike({ width: 1080, height: 2400 }, { width: 720, height: 1600 })).toEqual({ width: 1080, height: 2400 });
  });
});
