// The on-screen keyboard shown while a text field has focus: a QWERTY layout whose keys type
// into the focused field, so a purely visual agent (or a person on the mirror) can type.
import type { Element, Rect } from './element';
import { COLORS } from './theme';
import { drawTextLine, fillRoundRect } from './widgets';

export const IME_PACKAGE = 'com.google.android.inputmethod.latin';

export interface KeyboardContext {
  width: number;
  /** Top of the navigation bar: the keyboard sits right above it. */
  bottom: number;
  dp(n: number): number;
  shifted: boolean;
  labels: { shift: string; delete: string; enter: string; space: string };
  onChar(ch: string): void;
  onDelete(): void;
  onEnter(): void;
  onShift(): void;
}

export function keyboardHeight(dp: (n: number) => number, landscape: boolean): number {
  return landscape ? dp(200) : dp(248);
}

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function buildKeyboard(c: KeyboardContext, landscape: boolean): Element {
  const h = keyboardHeight(c.dp, landscape);
  const top = c.bottom - h;
  const pad = c.dp(4);
  const rowH = Math.floor((h - pad * 2) / 4);
  const unit = (c.width - pad * 2) / 10;
  const keys: Element[] = [];
  const key = (r: Rect, label: string, desc: string, onTap: () => void, special = false): void => {
    keys.push({
      className: 'android.widget.Button', packageName: IME_PACKAGE, bounds: r, text: label, contentDesc: desc,
      resourceId: `${IME_PACKAGE}:id/key_pos_${keys.length}`, clickable: true, onTap,
      paint: (g, el) => {
        const inner: Rect = [el.bounds[0] + c.dp(3), el.bounds[1] + c.dp(4), el.bounds[2] - c.dp(3), el.bounds[3] - c.dp(4)];
        fillRoundRect(g, inner, c.dp(6), special ? '#c9ccd6' : '#ffffff');
        drawTextLine(g, label, inner, c.dp(special ? 15 : 21), COLORS.text, 'center');
      },
    });
  };
  ROWS.forEach((letters, row) => {
    const y = top + pad + row * rowH;
    const offset = row === 1 ? unit / 2 : row === 2 ? unit * 1.5 : 0;
    [...letters].forEach((ch, i) => {
      const shown = c.shifted ? ch.toUpperCase() : ch;
      const x = pad + offset + i * unit;
      key([Math.round(x), y, Math.round(x + unit), y + rowH], shown, shown, () => c.onChar(shown));
    });
  });
  const y3 = top + pad + 2 * rowH;
  key([pad, y3, Math.round(pad + unit * 1.5), y3 + rowH], '⇧', c.labels.shift, c.onShift, true);
  key([Math.round(pad + unit * 8.5), y3, c.width - pad, y3 + rowH], '⌫', c.labels.delete, c.onDelete, true);
  const y4 = top + pad + 3 * rowH;
  key([pad, y4, Math.round(pad + unit * 1.5), y4 + rowH], ',', ',', () => c.onChar(','), true);
  key([Math.round(pad + unit * 1.5), y4, Math.round(pad + unit * 7), y4 + rowH], ' ', c.labels.space, () => c.onChar(' '));
  key([Math.round(pad + unit * 7), y4, Math.round(pad + unit * 8.5), y4 + rowH], '.', '.', () => c.onChar('.'), true);
  key([Math.round(pad + unit * 8.5), y4, c.width - pad, y4 + rowH], '⏎', c.labels.enter, c.onEnter, true);
  return {
    className: 'android.widget.FrameLayout', packageName: IME_PACKAGE, resourceId: `${IME_PACKAGE}:id/keyboard_holder`,
    bounds: [0, top, c.width, c.bottom], children: keys,
    paint: (g, el) => { g.fillStyle = '#e3e5ec'; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]); },
  };
}
