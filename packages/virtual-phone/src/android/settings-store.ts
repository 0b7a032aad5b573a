// `settings get/put` namespaces; the Settings app and the status bar read from here, so a
// shell `settings put global wifi_on 1` shows up on screen.
export type SettingsNamespace = 'global' | 'system' | 'secure';

const IME = 'com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME';

export function defaultSettings(model: string, serial: string): Map<string, string> {
  const androidId = Array.from(serial).reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(16, 'a');
  return new Map(Object.entries({
    'global/wifi_on': '0',
    'global/bluetooth_on': '0',
    'global/airplane_mode_on': '0',
    'global/adb_enabled': '1',
    'global/development_settings_enabled': '1',
    'global/device_name': model,
    'global/stay_on_while_plugged_in': '0',
    'global/window_animation_scale': '1.0',
    'global/transition_animation_scale': '1.0',
    'global/animator_duration_scale': '1.0',
    'system/screen_brightness': '128',
    'system/screen_brightness_mode': '0',
    'system/screen_off_timeout': '60000',
    'system/accelerometer_rotation': '0',
    'system/user_rotation': '0',
    'system/font_scale': '1.0',
    'secure/default_input_method': IME,
    'secure/enabled_input_methods': IME,
    'secure/android_id': androidId,
    'secure/bluetooth_name': model,
  }));
}
