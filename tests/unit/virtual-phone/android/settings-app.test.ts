import { afterEach, describe, expect, it } from 'vitest';
import { byDesc, byId, byText, center, findNode, mustFind, newPhone, tapNode, type Phone } from './ui-helpers';

describe('Settings app', () => {
  let phone: Phone;
  afterEach(() => phone.dispose());

  it('launches from the launcher icon and toggles Wi-Fi with the switch', () => {
    phone = newPhone();
    tapNode(phone, byText('Settings'));
    expect(phone.focus()).toEqual({ packageName: 'com.android.settings', activity: 'com.android.settings.Settings' });
    const before = mustFind(phone, (n) => n.resourceId === 'com.android.settings:id/switch_widget' && n.contentDesc === 'Wi-Fi');
    expect(before.checked).toBe(false);
    expect(phone.getSetting('global', 'wifi_on')).toBe('0');
    tapNode(phone, (n) => n.resourceId === 'com.android.settings:id/switch_widget' && n.contentDesc === 'Wi-Fi');
    expect(phone.getSetting('global', 'wifi_on')).toBe('1');
    expect(mustFind(phone, byDesc('Wi-Fi')).checked).toBe(true);
    expect(findNode(phone, byId('com.android.systemui:id/wifi_signal'))).toBeDefined();
    // Tapping the row (its title) toggles too, as a SwitchPreference does.
    tapNode(phone, byText('Wi-Fi'));
    expect(phone.getSetting('global', 'wifi_on')).toBe('0');
    expect(findNode(phone, byId('com.android.systemui:id/wifi_signal'))).toBeUndefined();
  });

  it('shows a shell settings change in the UI', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    phone.putSetting('global', 'bluetooth_on', '1');
    expect(mustFind(phone, byDesc('Bluetooth')).checked).toBe(true);
    phone.putSetting('global', 'bluetooth_on', '0');
    expect(mustFind(phone, byDesc('Bluetooth')).checked).toBe(false);
  });

  it('airplane mode turns radios off', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    phone.putSetting('global', 'wifi_on', '1');
    tapNode(phone, byDesc('Airplane mode'));
    expect(phone.getSetting('global', 'airplane_mode_on')).toBe('1');
    expect(phone.getSetting('global', 'wifi_on')).toBe('0');
  });

  it('drags the brightness slider to set screen_brightness 0..255', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    const bar = mustFind(phone, byId('com.android.settings:id/seekbar'));
    expect(bar.className).toBe('android.widget.SeekBar');
    const [, y] = center(bar);
    phone.swipe(center(bar)[0], y, bar.bounds[2] - 1, y, 200);
    expect(phone.getSetting('system', 'screen_brightness')).toBe('255');
    phone.swipe(bar.bounds[2] - 1, y, bar.bounds[0], y, 200);
    expect(phone.getSetting('system', 'screen_brightness')).toBe('0');
    const [cx] = center(bar);
    phone.tap(cx, y);
    const mid = Number(phone.getSetting('system', 'screen_brightness'));
    expect(mid).toBeGreaterThan(110);
    expect(mid).toBeLessThan(145);
  });

  it('About phone shows the model and Android 14, and back returns', () => {
    phone = newPhone({ model: 'Pixel Test' });
    phone.launchPackage('com.android.settings');
    tapNode(phone, byText('About phone'));
    expect(phone.focus().activity).toBe('com.android.settings.SubSettings');
    expect(findNode(phone, byText('Pixel Test'))).toBeDefined();
    expect(findNode(phone, byText('14'))).toBeDefined();
    tapNode(phone, byDesc('Navigate up'));
    expect(phone.snapshot().foreground.screen).toBe('main');
  });

  it('switches the phone language from the Language page', () => {
    phone = newPhone();
    phone.launchPackage('com.android.settings');
    tapNode(phone, byText('Language'));
    tapNode(phone, byText('中文（简体）'));
    expect(phone.locale).toBe('zh-CN');
    expect(findNode(phone, byText('语言'))).toBeDefined();
    expect(phone.installedApps().find((a) => a.packageName === 'com.android.settings')?.label).toBe('设置');
  });
});
