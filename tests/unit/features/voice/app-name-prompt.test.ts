import { describe, expect, it } from 'vitest';
import { appNamePrompt, appNamesForPrompt } from '../../../../src/main/features/voice/app-name-prompt';
import type { LaunchableApp } from '../../../../src/main/phone/apps/resolve-app';

const app = (label: string, packageName: string): LaunchableApp => ({ label, packageName });

describe('app names for whisper\'s initial prompt', () => {
  const apps = [
    app('Pixel Launcher', 'com.google.android.apps.nexuslauncher'),
    app('Settings', 'com.android.settings'),
    app('Shop', 'com.phonepilot.shop'),
    app('Messages', 'com.google.android.apps.messaging'),
    app('Banking', 'com.example.bank'),
  ];
  const userPackages = new Set(['com.phonepilot.shop', 'com.example.bank']);

  it('puts the apps the user installed first, then common system apps, then the rest, in catalog order', () => {
    expect(appNamesForPrompt(apps, { userPackages, locale: 'en-US' })).toEqual(['Shop', 'Banking', 'Settings', 'Messages', 'Pixel Launcher']);
    expect(appNamePrompt(apps, { userPackages, locale: 'en-US' })).toBe('Shop, Banking, Settings, Messages, Pixel Launcher.');
  });

  it('without knowing which apps are the user\'s keeps the catalog order', () => {
    expect(appNamesForPrompt(apps, { locale: 'en-US' })).toEqual(['Pixel Launcher', 'Settings', 'Shop', 'Messages', 'Banking']);
  });

  it('adds the Chinese name people use on a zh-CN phone, and names apps listed without labels', () => {
    const zh = [app('设置', 'com.android.settings'), app('WeChat', 'com.tencent.mm'), app('', 'com.eg.android.AlipayGphone'), app('', 'com.example.unknown')];
    const user = new Set(['com.tencent.mm', 'com.eg.android.AlipayGphone', 'com.example.unknown']);
    expect(appNamesForPrompt(zh, { userPackages: user, locale: 'zh-CN' })).toEqual(['WeChat', '微信', '支付宝', '设置']);
    expect(appNamePrompt(zh, { userPackages: user, locale: 'zh-CN' })).toBe('WeChat, 微信, 支付宝, 设置.');
    // An English phone gets the Latin alias instead.
    expect(appNamesForPrompt([app('', 'com.tencent.mm')], { locale: 'en-US' })).toEqual(['WeChat']);
  });

  it('caps the prompt on a whole name, keeping the most likely apps', () => {
    const many = Array.from({ length: 200 }, (_, i) => app(`Application number ${i}`, `com.example.app${i}`));
    const prompt = appNamePrompt([app('Settings', 'com.android.settings'), ...many], { userPackages: new Set(many.map((a) => a.packageName)) });
    expect(prompt.length).toBeLessThanOrEqual(400);
    expect(prompt.startsWith('Application number 0, Application number 1,')).toBe(true);
    expect(prompt).toMatch(/Application number \d+\.$/);
    expect(prompt).not.toContain('Settings');
    expect(appNamePrompt(many, { maxChars: 50 })).toBe('Application number 0, Application number 1.');
  });

  it('deduplicates names and ignores apps with no usable name', () => {
    expect(appNamesForPrompt([app('Shop', 'a.b'), app('shop ', 'c.d'), app('  ', 'e.f')])).toEqual(['Shop']);
    expect(appNamePrompt([])).toBe('');
  });
});
