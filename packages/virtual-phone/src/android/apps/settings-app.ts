// Settings: Wi-Fi / Bluetooth / airplane switches and brightness backed by the settings store,
// a language picker and About phone.
import type { Element, Rect } from '../ui/element';
import type { Glyph } from '../ui/glyphs';
import { COLORS } from '../ui/theme';
import type { Ui } from '../ui/widgets';
import type { AppDefinition, Page } from './app';

const PKG = 'com.android.settings';

function titled(ui: Ui, r: Rect, glyph: Glyph | undefined, title: string, summary: string | undefined, trailing: Element[]): Element[] {
  const x = r[0] + ui.dp(glyph ? 72 : 16);
  const right = trailing.reduce((m, t) => Math.min(m, t.bounds[0]), r[2] - ui.dp(16)) - ui.dp(8);
  const mid = (r[1] + r[3]) / 2;
  const out: Element[] = [];
  if (glyph) out.push(ui.icon([r[0] + ui.dp(16), mid - ui.dp(16), r[0] + ui.dp(48), mid + ui.dp(16)], glyph, COLORS.primary));
  if (summary === undefined) {
    out.push({ ...ui.text([x, r[1], right, r[3]], title, { size: 18 }), resourceId: 'android:id/title' });
  } else {
    out.push({ ...ui.text([x, mid - ui.dp(26), right, mid], title, { size: 18 }), resourceId: 'android:id/title' });
    out.push({ ...ui.text([x, mid, right, mid + ui.dp(22)], summary, { size: 14, color: COLORS.textSecondary }), resourceId: 'android:id/summary' });
  }
  return [...out, ...trailing];
}

function toggleRow(ui: Ui, r: Rect, glyph: Glyph, title: string, summary: string, on: boolean, toggle: () => void): Element {
  const sw = ui.switch([r[2] - ui.dp(84), r[1], r[2] - ui.dp(16), r[3]], on, toggle, { desc: title });
  return ui.group(r, titled(ui, r, glyph, title, summary, [sw]), { onTap: toggle });
}

function main(ui: Ui): Element[] {
  const h = ui.host;
  const bar = ui.topBar(ui.t('app.settings'));
  const flag = (ns: 'global', key: string) => h.getSetting(ns, key) === '1';
  const flip = (key: string) => () => {
    const on = !flag('global', key);
    h.putSetting('global', key, on ? '1' : '0');
    if (key === 'airplane_mode_on' && on) {
      h.putSetting('global', 'wifi_on', '0');
      h.putSetting('global', 'bluetooth_on', '0');
    }
  };
  const wifi = flag('global', 'wifi_on'), bt = flag('global', 'bluetooth_on'), air = flag('global', 'airplane_mode_on');
  const brightness = Number(h.getSetting('system', 'screen_brightness') ?? '128');
  const row = ui.dp(80);
  const rows = [
    { height: row, build: (r: Rect) => toggleRow(ui, r, 'wifi', ui.t('settings.wifi'), wifi ? ui.t('settings.connected') : ui.t('settings.off'), wifi, flip('wifi_on')) },
    { height: row, build: (r: Rect) => toggleRow(ui, r, 'bluetooth', ui.t('settings.bluetooth'), bt ? ui.t('settings.on') : ui.t('settings.off'), bt, flip('bluetooth_on')) },
    { height: row, build: (r: Rect) => toggleRow(ui, r, 'airplane', ui.t('settings.airplane'), air ? ui.t('settings.on') : ui.t('settings.off'), air, flip('airplane_mode_on')) },
    {
      height: ui.dp(112), build: (r: Rect) => ui.group(r, [
        ui.icon([r[0] + ui.dp(16), r[1] + ui.dp(12), r[0] + ui.dp(48), r[1] + ui.dp(44)], 'brightness', COLORS.primary),
        { ...ui.text([r[0] + ui.dp(72), r[1] + ui.dp(8), r[2] - ui.dp(16), r[1] + ui.dp(48)], ui.t('settings.brightness'), { size: 18 }), resourceId: 'android:id/title' },
        ui.seekBar([r[0] + ui.dp(56), r[1] + ui.dp(52), r[2] - ui.dp(8), r[1] + ui.dp(100)], brightness, 255,
          (v) => h.putSetting('system', 'screen_brightness', String(v)), { id: 'seekbar', desc: ui.t('settings.brightness') }),
      ]),
    },
    {
      height: row, build: (r: Rect) => ui.group(r, titled(ui, r, 'info', ui.t('settings.language'), h.locale === 'zh-CN' ? '中文（简体）' : 'English (United States)', []),
        { onTap: () => h.push(PKG, { name: 'language' }) }),
    },
    {
      height: row, build: (r: Rect) => ui.group(r, titled(ui, r, 'info', ui.t('settings.about'), h.options.model, []),
        { onTap: () => h.push(PKG, { name: 'about' }) }),
    },
  ];
  return [ui.background(), bar.el, ui.list([ui.left, bar.bottom, ui.right, ui.bottom], 'main', rows, { id: 'recycler_view' })];
}

function about(ui: Ui): Element[] {
  const o = ui.host.options;
  const bar = ui.topBar(ui.t('settings.about'), { back: true });
  const facts: Array<[string, string]> = [
    [ui.t('settings.deviceName'), o.model],
    [ui.t('settings.model'), o.model],
    [ui.t('settings.android'), '14'],
    [ui.t('settings.build'), 'UQ1A.240205.004'],
    [ui.t('settings.serial'), o.serial],
  ];
  const h = ui.host;
  const row = ui.dp(80);
  const rows = [
    ...facts.map(([k, v]) => ({ height: ui.dp(72), build: (r: Rect) => ui.group(r, titled(ui, r, undefined, k, v, [])) })),
    {
      // A media player (under About phone, so the main list keeps its rows): the ringtone preview loops until switched off (or Settings is stopped).
      height: row, build: (r: Rect) => {
        const playing = h.sound.isLooping('ringtone');
        return toggleRow(ui, r, 'info', ui.t('settings.ringtone'), playing ? ui.t('settings.playing') : ui.t('settings.off'), playing, () => {
          h.sound.loop('ringtone', !playing);
          h.changed();
        });
      },
    },
  ];
  return [ui.background(), bar.el, ui.list([ui.left, bar.bottom, ui.right, ui.bottom], 'about', rows, { id: 'recycler_view' })];
}

function language(ui: Ui): Element[] {
  const bar = ui.topBar(ui.t('settings.language'), { back: true });
  const choices: Array<['en-US' | 'zh-CN', string]> = [['en-US', 'English (United States)'], ['zh-CN', '中文（简体）']];
  const rows = choices.map(([loc, label]) => ({
    height: ui.dp(64),
    build: (r: Rect) => ({
      ...ui.text([r[0], r[1], r[2], r[3]], label, { size: 18, padding: 16, color: ui.host.locale === loc ? COLORS.primary : COLORS.text, bold: ui.host.locale === loc }),
      className: 'android.widget.CheckedTextView', checkable: true, checked: ui.host.locale === loc,
      onTap: () => ui.host.setLocale(loc),
    }),
  }));
  return [ui.background(), bar.el, ui.list([ui.left, bar.bottom, ui.right, ui.bottom], 'language', rows, { id: 'recycler_view' })];
}

export const settingsApp: AppDefinition = {
  packageName: PKG,
  activity: `${PKG}.Settings`,
  labelKey: 'app.settings',
  system: true,
  versionName: '14',
  icon: { color: '#5f6368', letter: 'S' },
  rootPage: { name: 'main' },
  activityFor: (page: Page) => (page.name === 'main' ? `${PKG}.Settings` : `${PKG}.SubSettings`),
  activities: {
    [`${PKG}.Settings$WifiSettingsActivity`]: [{ name: 'main' }],
    [`${PKG}.Settings$MyDeviceInfoActivity`]: [{ name: 'main' }, { name: 'about' }],
    [`${PKG}.Settings$LocalePickerActivity`]: [{ name: 'main' }, { name: 'language' }],
  },
  build: (ui, page) => (page.name === 'about' ? about(ui) : page.name === 'language' ? language(ui) : main(ui)),
};
