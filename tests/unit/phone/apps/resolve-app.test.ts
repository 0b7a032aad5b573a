import { describe, expect, it } from 'vitest';
import { closestLabels, editDistance, normalizeAppName, resolveApp, type LaunchableApp } from '../../../../src/main/phone/apps/resolve-app';

const apps: LaunchableApp[] = [
  { packageName: 'com.android.settings', label: 'Settings' },
  { packageName: 'com.google.android.apps.messaging', label: 'Messages' },
  { packageName: 'com.tencent.mm', label: '微信' },
  { packageName: 'com.phonepilot.shop', label: 'Shop' },
  { packageName: 'com.google.android.deskclock', label: 'Clock' },
  { packageName: 'com.android.contacts', label: 'Contacts' },
];

describe('resolveApp', () => {
  it('matches a package name, then a label ignoring case, width and spaces', () => {
    expect(resolveApp('com.tencent.mm', apps)).toMatchObject({ by: 'package', app: { label: '微信' } });
    expect(resolveApp('  SETTINGS ', apps)).toMatchObject({ by: 'label', app: { packageName: 'com.android.settings' } });
    expect(resolveApp('Ｓｈｏｐ', apps)).toMatchObject({ by: 'label', app: { packageName: 'com.phonepilot.shop' } });
  });

  it('maps Chinese and English aliases to the installed app', () => {
    expect(resolveApp('设置', apps)?.app.packageName).toBe('com.android.settings');
    expect(resolveApp('WeChat', apps)?.app.packageName).toBe('com.tencent.mm');
    expect(resolveApp('短信', apps)?.app.packageName).toBe('com.google.android.apps.messaging');
    expect(resolveApp('外卖', apps)?.app.packageName).toBe('com.phonepilot.shop');
    expect(resolveApp('闹钟', apps)?.app.packageName).toBe('com.google.android.deskclock');
    expect(resolveApp('通讯录', apps)?.app.packageName).toBe('com.android.contacts');
  });

  it('works with package names only (pm list packages) through the alias table', () => {
    const bare = apps.map((a) => ({ packageName: a.packageName, label: '' }));
    expect(resolveApp('微信', bare)?.app.packageName).toBe('com.tencent.mm');
    expect(resolveApp('Settings', bare)?.app.packageName).toBe('com.android.settings');
  });

  it('takes a unique prefix and the nearest name within the edit budget', () => {
    expect(resolveApp('Sett', apps)).toMatchObject({ by: 'prefix', app: { packageName: 'com.android.settings' } });
    expect(resolveApp('Setings', apps)).toMatchObject({ by: 'fuzzy', app: { packageName: 'com.android.settings' } });
    expect(resolveApp('Mesages', apps)).toMatchObject({ by: 'fuzzy', app: { packageName: 'com.google.android.apps.messaging' } });
  });

  it('refuses ambiguous or distant names instead of guessing', () => {
    expect(resolveApp('C', apps)).toBeUndefined(); // Clock? Contacts?
    expect(resolveApp('Photoshop Express', apps)).toBeUndefined();
    expect(resolveApp('', apps)).toBeUndefined();
  });

  it('suggests the closest labels', () => {
    expect(closestLabels('Setting', apps, 1)).toEqual(['Settings']);
  });

  it('normalizes and measures distance over code points', () => {
    expect(normalizeAppName('Wi-Fi  Settings!')).toBe('wifisettings');
    expect(editDistance('微信', '微博')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
