// Clock: alarms with on/off switches, and an add-alarm page with hour and minute pickers
// (buttons, or drag / wheel over a picker column).
import { formatTime } from '../phone-state';
import type { Element, Rect } from '../ui/element';
import { rect } from '../ui/element';
import { COLORS } from '../ui/theme';
import { drawTextLine, type Ui } from '../ui/widgets';
import type { AppDefinition } from './app';

const PKG = 'com.google.android.deskclock';

function alarms(ui: Ui): Element[] {
  const h = ui.host, d = h.data;
  const bar = ui.topBar(ui.t('clock.alarm'));
  const sorted = [...d.alarms].sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute));
  const out: Element[] = [ui.background(), bar.el];
  if (!sorted.length) out.push(ui.text(ui.band(bar.bottom + ui.dp(24), ui.dp(40)), ui.t('clock.none'), { align: 'center', color: COLORS.textSecondary, id: 'alarms_empty_view' }));
  out.push(ui.list([ui.left, bar.bottom, ui.right, ui.bottom], 'alarms', sorted.map((a) => ({
    height: ui.dp(104),
    build: (r: Rect) => {
      const card: Rect = [r[0] + ui.dp(12), r[1] + ui.dp(6), r[2] - ui.dp(12), r[3] - ui.dp(6)];
      const time = formatTime(a.hour, a.minute);
      const toggle = () => { a.enabled = !a.enabled; h.changed(); };
      return ui.group(card, [
        ui.text([card[0] + ui.dp(20), card[1], card[2] - ui.dp(100), card[3]], time, { size: 40, color: a.enabled ? COLORS.text : COLORS.hint, id: 'digital_clock' }),
        ui.switch([card[2] - ui.dp(84), card[1], card[2] - ui.dp(16), card[3]], a.enabled, toggle, { id: ui.id('onoff'), desc: time }),
      ], { className: 'android.widget.FrameLayout', id: 'alarm_item', desc: time, background: COLORS.surface, radius: 20 });
    },
  })), { id: 'alarm_recycler_view' }));
  out.push(ui.fab('plus', ui.t('clock.add'), () => {
    h.setField(ui.key('hour'), '7');
    h.setField(ui.key('minute'), '0');
    h.push(PKG, { name: 'add' });
  }));
  return out;
}

function picker(ui: Ui, r: Rect, name: 'hour' | 'minute', label: string, max: number): Element[] {
  const h = ui.host;
  const value = Math.min(max, Math.max(0, Number(ui.fieldText(name)) || 0));
  const set = (v: number) => h.setField(ui.key(name), String(Math.min(max, Math.max(0, Math.round(v)))));
  const step = ui.dp(48);
  const btn = ui.dp(56);
  const cx = (r[0] + r[2]) / 2;
  const valueR: Rect = [r[0], r[1] + btn, r[2], r[3] - btn];
  return [
    ui.iconButton(rect(cx - btn / 2, r[1], btn, btn), 'up', ui.t('clock.increase', label), () => set(value + 1), { id: `${name}_up` }),
    {
      className: 'android.widget.NumberPicker', bounds: valueR, text: String(value).padStart(2, '0'), contentDesc: label,
      resourceId: ui.id(`${name}_picker`),
      // Dragging or wheeling over the column moves the value one step per 48 dp.
      scroll: { offset: value * step, max: max * step, set: (v) => set(v / step) },
      paint: (g, el) => {
        g.fillStyle = COLORS.primaryContainer;
        g.beginPath(); g.roundRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1], ui.dp(16)); g.fill();
        drawTextLine(g, String(value).padStart(2, '0'), el.bounds, ui.dp(44), COLORS.text, 'center', true);
      },
    },
    ui.iconButton(rect(cx - btn / 2, r[3] - btn, btn, btn), 'down', ui.t('clock.decrease', label), () => set(value - 1), { id: `${name}_down` }),
  ];
}

function addAlarm(ui: Ui): Element[] {
  const h = ui.host, d = h.data;
  const bar = ui.topBar(ui.t('clock.add'), { back: true });
  const colW = ui.dp(120), gap = ui.dp(32), colH = ui.dp(232);
  const x0 = (ui.left + ui.right - colW * 2 - gap) / 2;
  const top = bar.bottom + ui.dp(32);
  const btnR = ui.band(top + colH + ui.dp(40), ui.dp(52));
  const half = Math.round((btnR[2] - btnR[0] - ui.dp(16)) / 2);
  return [
    ui.background(), bar.el,
    ...picker(ui, rect(x0, top, colW, colH), 'hour', ui.t('clock.hour'), 23),
    ui.text(rect(x0 + colW, top, gap, colH), ':', { size: 44, align: 'center', bold: true }),
    ...picker(ui, rect(x0 + colW + gap, top, colW, colH), 'minute', ui.t('clock.minute'), 59),
    ui.button([btnR[0], btnR[1], btnR[0] + half, btnR[3]], ui.t('clock.cancel'), () => h.pop(PKG), { id: 'cancel_button', style: 'tonal' }),
    ui.button([btnR[2] - half, btnR[1], btnR[2], btnR[3]], ui.t('clock.save'), () => {
      d.alarms.push({ id: `a${d.nextAlarmId++}`, hour: Number(ui.fieldText('hour')) || 0, minute: Number(ui.fieldText('minute')) || 0, enabled: true });
      h.pop(PKG);
    }, { id: 'save_button' }),
  ];
}

export const clockApp: AppDefinition = {
  packageName: PKG,
  activity: 'com.android.deskclock.DeskClock',
  labelKey: 'app.clock',
  system: true,
  versionName: '7.8.0',
  icon: { color: '#00897b', letter: 'C', glyph: 'clock' },
  rootPage: { name: 'alarms' },
  build: (ui, page) => (page.name === 'add' ? addAlarm(ui) : alarms(ui)),
};
