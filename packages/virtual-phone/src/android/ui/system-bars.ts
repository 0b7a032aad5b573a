// Status bar (time, Wi-Fi, battery) and the three-button navigation bar.
import type { Element, Rect } from './element';
import { drawGlyph } from './glyphs';
import { COLORS } from './theme';
import { drawTextLine, fillRoundRect } from './widgets';

const SYSUI = 'com.android.systemui';

export interface BarsContext {
  width: number;
  height: number;
  dp(n: number): number;
  time: string;
  batteryPercent: number;
  wifiOn: boolean;
  bluetoothOn: boolean;
  airplaneOn: boolean;
  labels: { battery: string; wifi: string; bluetooth: string; airplane: string; back: string; home: string; recents: string };
  onBack(): void;
  onHome(): void;
  onRecents(): void;
}

export function statusBarHeight(dp: (n: number) => number): number { return dp(24); }
export function navBarHeight(dp: (n: number) => number): number { return dp(48); }

function fill(color: string) {
  return (g: Parameters<NonNullable<Element['paint']>>[0], el: Element) => {
    g.fillStyle = color;
    g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]);
  };
}

export function buildStatusBar(c: BarsContext): Element {
  const h = statusBarHeight(c.dp), pad = c.dp(16), icon = c.dp(18);
  const children: Element[] = [{
    className: 'android.widget.TextView', packageName: SYSUI, resourceId: `${SYSUI}:id/clock`, text: c.time,
    bounds: [pad, 0, pad + c.dp(60), h],
    paint: (g, el) => drawTextLine(g, c.time, el.bounds, c.dp(14), COLORS.text, 'left', true),
  }];
  let x = c.width - pad;
  const batteryR: Rect = [x - c.dp(24), Math.round((h - c.dp(12)) / 2), x, Math.round((h + c.dp(12)) / 2)];
  children.push({
    className: 'android.widget.ImageView', packageName: SYSUI, resourceId: `${SYSUI}:id/battery`,
    contentDesc: c.labels.battery, bounds: batteryR,
    paint: (g, el) => {
      const [x1, y1, x2, y2] = el.bounds;
      fillRoundRect(g, [x1, y1, x2 - c.dp(2), y2], c.dp(2), '#9a9aa5');
      fillRoundRect(g, [x1, y1, x1 + ((x2 - c.dp(2) - x1) * c.batteryPercent) / 100, y2], c.dp(2), COLORS.text);
      g.fillStyle = '#9a9aa5'; g.fillRect(x2 - c.dp(2), y1 + c.dp(3), c.dp(2), y2 - y1 - c.dp(6));
    },
  });
  x = batteryR[0] - c.dp(6);
  const glyphs: Array<[boolean, 'wifi' | 'bluetooth' | 'airplane', string, string]> = [
    [c.wifiOn, 'wifi', 'wifi_signal', c.labels.wifi],
    [c.bluetoothOn, 'bluetooth', 'bluetooth', c.labels.bluetooth],
    [c.airplaneOn, 'airplane', 'airplane', c.labels.airplane],
  ];
  for (const [on, glyph, id, desc] of glyphs) {
    if (!on) continue;
    const r: Rect = [x - icon, Math.round((h - icon) / 2), x, Math.round((h + icon) / 2)];
    children.push({
      className: 'android.widget.ImageView', packageName: SYSUI, resourceId: `${SYSUI}:id/${id}`, contentDesc: desc, bounds: r,
      paint: (g, el) => drawGlyph(g, glyph, [el.bounds[0] - c.dp(3), el.bounds[1] - c.dp(3), el.bounds[2] + c.dp(3), el.bounds[3] + c.dp(3)], COLORS.text),
    });
    x = r[0] - c.dp(4);
  }
  return {
    className: 'android.widget.FrameLayout', packageName: SYSUI, resourceId: `${SYSUI}:id/status_bar`,
    bounds: [0, 0, c.width, h], children, paint: fill(COLORS.statusBar),
  };
}

export function buildNavBar(c: BarsContext): Element {
  const h = navBarHeight(c.dp), top = c.height - h, bw = c.dp(80);
  const buttons: Array<['back' | 'home' | 'recents', string, string, () => void]> = [
    ['back', 'back', c.labels.back, c.onBack],
    ['home', 'home', c.labels.home, c.onHome],
    ['recents', 'recent_apps', c.labels.recents, c.onRecents],
  ];
  const slot = c.width / 3;
  return {
    className: 'android.widget.FrameLayout', packageName: SYSUI, resourceId: `${SYSUI}:id/navigation_bar_frame`,
    bounds: [0, top, c.width, c.height], paint: fill(COLORS.navBar),
    children: buttons.map(([glyph, id, desc, onTap], i): Element => {
      const cx = Math.round(slot * i + slot / 2);
      return {
        className: 'android.widget.ImageView', packageName: SYSUI, resourceId: `${SYSUI}:id/${id}`, contentDesc: desc,
        bounds: [cx - bw / 2, top, cx + bw / 2, c.height], clickable: true, onTap,
        paint: (g) => drawGlyph(g, glyph, [cx - c.dp(16), top + h / 2 - c.dp(16), cx + c.dp(16), top + h / 2 + c.dp(16)], '#44464f'),
      };
    }),
  };
}
