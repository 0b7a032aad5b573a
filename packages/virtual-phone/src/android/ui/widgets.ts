// Widget builders: each returns an Element whose bounds, accessibility fields and painter come
// from the same numbers. Sizes are given in dp and converted with the phone's density.
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { AppHost } from '../apps/app';
import type { StringKey } from '../i18n';
import { type Element, type Rect, rect } from './element';
import { ellipsize, font, measureText, wrapText } from './fonts';
import { drawGlyph, type Glyph } from './glyphs';
import { COLORS } from './theme';

export interface TextOptions {
  size?: number;
  color?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  id?: string;
  className?: string;
  desc?: string;
  /** Wrap into several lines instead of ellipsizing. */
  wrap?: boolean;
  background?: string;
  radius?: number;
  padding?: number;
  onTap?: () => void;
  onLongPress?: () => void;
}

export interface ListItem {
  height: number;
  build(r: Rect): Element;
}

export function fillRoundRect(g: SKRSContext2D, r: Rect, radius: number, color: string): void {
  g.fillStyle = color;
  g.beginPath();
  g.roundRect(r[0], r[1], r[2] - r[0], r[3] - r[1], Math.min(radius, (r[3] - r[1]) / 2, (r[2] - r[0]) / 2));
  g.fill();
}

export function drawTextLine(g: SKRSContext2D, text: string, r: Rect, sizePx: number, color: string,
  align: 'left' | 'center' | 'right', bold = false, pad = 0): void {
  g.font = font(sizePx, bold);
  g.fillStyle = color;
  g.textBaseline = 'middle';
  const width = r[2] - r[0] - pad * 2;
  const shown = ellipsize(text, width, sizePx, bold);
  g.textAlign = align;
  const x = align === 'left' ? r[0] + pad : align === 'right' ? r[2] - pad : (r[0] + r[2]) / 2;
  g.fillText(shown, x, (r[1] + r[3]) / 2);
  g.textAlign = 'left';
}

export class Ui {
  constructor(
    readonly host: AppHost,
    readonly pkg: string,
    /** The app's content area in device pixels (between the system bars). */
    readonly area: Rect,
    readonly scale: number,
  ) {}

  get left(): number { return this.area[0]; }
  get top(): number { return this.area[1]; }
  get right(): number { return this.area[2]; }
  get bottom(): number { return this.area[3]; }
  get width(): number { return this.area[2] - this.area[0]; }

  dp(n: number): number { return Math.round(n * this.scale); }
  t(key: StringKey, ...args: Array<string | number>): string { return this.host.t(key, ...args); }
  key(name: string): string { return `${this.pkg}:${name}`; }
  id(name: string): string { return `${this.pkg}:id/${name}`; }
  fieldText(name: string): string { return this.host.field(this.key(name)).text; }
  /** A horizontal band of the content area, with side margins in dp. */
  band(y: number, h: number, margin = 16): Rect {
    return rect(this.left + this.dp(margin), y, this.width - this.dp(margin) * 2, h);
  }

  background(color: string = COLORS.background): Element {
    return {
      className: 'android.view.View', bounds: this.area, decorative: true,
      paint: (g, el) => { g.fillStyle = color; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]); },
    };
  }

  group(r: Rect, children: Element[], opts: { className?: string; id?: string; desc?: string; onTap?: () => void; onLongPress?: () => void; background?: string; radius?: number; decorative?: boolean } = {}): Element {
    const bg = opts.background, radius = this.dp(opts.radius ?? 0);
    return {
      className: opts.className ?? 'android.widget.LinearLayout', bounds: r,
      resourceId: opts.id ? this.id(opts.id) : undefined, contentDesc: opts.desc,
      onTap: opts.onTap, onLongPress: opts.onLongPress, decorative: opts.decorative, children,
      paint: bg ? (g, el) => fillRoundRect(g, el.bounds, radius, bg) : undefined,
    };
  }

  text(r: Rect, text: string, opts: TextOptions = {}): Element {
    const sizePx = this.dp(opts.size ?? 16), color = opts.color ?? COLORS.text, align = opts.align ?? 'left';
    const pad = this.dp(opts.padding ?? 0), radius = this.dp(opts.radius ?? 0);
    return {
      className: opts.className ?? 'android.widget.TextView', bounds: r, text,
      resourceId: opts.id ? this.id(opts.id) : undefined, contentDesc: opts.desc,
      onTap: opts.onTap, onLongPress: opts.onLongPress,
      paint: (g, el) => {
        if (opts.background) fillRoundRect(g, el.bounds, radius, opts.background);
        if (!opts.wrap) { drawTextLine(g, text, el.bounds, sizePx, color, align, opts.bold, pad); return; }
        const lines = wrapText(text, el.bounds[2] - el.bounds[0] - pad * 2, sizePx);
        const lineH = sizePx * 1.35;
        let y = el.bounds[1] + pad;
        for (const line of lines) {
          drawTextLine(g, line, [el.bounds[0], y, el.bounds[2], y + lineH], sizePx, color, align, opts.bold, pad);
          y += lineH;
        }
      },
    };
  }

  /** Height in px a wrapped text needs for a width in px. */
  wrappedHeight(text: string, widthPx: number, size = 16, padding = 0): number {
    const sizePx = this.dp(size), pad = this.dp(padding);
    return Math.ceil(wrapText(text, widthPx - pad * 2, sizePx).length * sizePx * 1.35 + pad * 2);
  }

  textWidth(text: string, size = 16, bold = false): number {
    return Math.ceil(measureText(text, this.dp(size), bold));
  }

  button(r: Rect, label: string, onTap: () => void, opts: { id?: string; style?: 'filled' | 'tonal' | 'text'; enabled?: boolean; desc?: string } = {}): Element {
    const style = opts.style ?? 'filled', enabled = opts.enabled ?? true;
    const bg = style === 'filled' ? (enabled ? COLORS.primary : COLORS.switchOff) : style === 'tonal' ? COLORS.primaryContainer : undefined;
    const fg = style === 'filled' ? COLORS.onPrimary : COLORS.primary;
    const sizePx = this.dp(15);
    return {
      className: 'android.widget.Button', bounds: r, text: label, contentDesc: opts.desc,
      resourceId: opts.id ? this.id(opts.id) : undefined, enabled,
      clickable: true, onTap: enabled ? onTap : undefined,
      paint: (g, el) => {
        if (bg) fillRoundRect(g, el.bounds, this.dp(24), bg);
        drawTextLine(g, label, el.bounds, sizePx, fg, 'center', true, this.dp(8));
      },
    };
  }

  iconButton(r: Rect, glyph: Glyph, desc: string, onTap: () => void, opts: { id?: string; color?: string; background?: string; className?: string; enabled?: boolean } = {}): Element {
    const enabled = opts.enabled ?? true;
    return {
      className: opts.className ?? 'android.widget.ImageButton', bounds: r, contentDesc: desc,
      resourceId: opts.id ? this.id(opts.id) : undefined, clickable: true, enabled, onTap: enabled ? onTap : undefined,
      paint: (g, el) => {
        if (opts.background) fillRoundRect(g, el.bounds, this.dp(16), enabled ? opts.background : COLORS.switchOff);
        drawGlyph(g, glyph, el.bounds, opts.color ?? COLORS.text);
      },
    };
  }

  icon(r: Rect, glyph: Glyph, color: string = COLORS.textSecondary, desc?: string): Element {
    return {
      className: 'android.widget.ImageView', bounds: r, contentDesc: desc, decorative: !desc,
      paint: (g, el) => drawGlyph(g, glyph, el.bounds, color),
    };
  }

  switch(r: Rect, checked: boolean, onTap: () => void, opts: { id?: string; desc?: string } = {}): Element {
    return {
      className: 'android.widget.Switch', bounds: r, text: checked ? 'ON' : 'OFF', contentDesc: opts.desc,
      resourceId: opts.id ?? this.id('switch_widget'), checkable: true, checked, clickable: true, onTap,
      paint: (g, el) => {
        const [, y1, x2, y2] = el.bounds;
        const trackH = this.dp(32), trackW = this.dp(52);
        const tx = x2 - trackW, ty = (y1 + y2 - trackH) / 2;
        fillRoundRect(g, [tx, ty, tx + trackW, ty + trackH], trackH / 2, checked ? COLORS.primary : COLORS.switchOff);
        const thumbR = checked ? this.dp(12) : this.dp(8);
        const cx = checked ? tx + trackW - trackH / 2 : tx + trackH / 2;
        g.fillStyle = checked ? COLORS.onPrimary : '#74777f';
        g.beginPath(); g.arc(cx, ty + trackH / 2, thumbR, 0, Math.PI * 2); g.fill();
      },
    };
  }

  /** Single-line text field bound to the phone's text store; shows focus and the caret. */
  edit(r: Rect, name: string, opts: { hint: string; id?: string; password?: boolean; onSubmit?: () => void; desc?: string }): Element {
    const key = this.key(name);
    const field = this.host.field(key);
    const focused = this.host.focusedField() === key;
    const shown = opts.password ? '•'.repeat(Array.from(field.text).length) : field.text;
    const sizePx = this.dp(16), pad = this.dp(14);
    const caretIndex = opts.password ? Array.from(field.text.slice(0, field.caret)).length : field.caret;
    const shownBeforeCaret = opts.password ? '•'.repeat(caretIndex) : field.text.slice(0, field.caret);
    const host = this.host;
    const inner = r[2] - r[0] - pad * 2;
    // Keep the caret in view by shifting long text left, as a single-line EditText does.
    const shift = Math.max(0, measureText(shownBeforeCaret, sizePx) - inner + this.dp(4));
    /** The caret goes to the character boundary nearest the touch, in the text as drawn. */
    const caretAt = (x: number): number => {
      const chars = Array.from(field.text);
      const target = x - (r[0] + pad) + shift;
      let best = 0, bestDist = Math.abs(target), units = 0;
      for (let i = 1; i <= chars.length; i++) {
        units += chars[i - 1].length;
        const drawn = opts.password ? '•'.repeat(i) : chars.slice(0, i).join('');
        const d = Math.abs(measureText(drawn, sizePx) - target);
        if (d < bestDist) { best = units; bestDist = d; }
      }
      return best;
    };
    return {
      className: 'android.widget.EditText', bounds: r, field: key, focused, clickable: true,
      text: field.text ? shown : opts.hint, contentDesc: opts.desc,
      resourceId: opts.id ? this.id(opts.id) : undefined,
      onTap: (x) => host.focusField(key, focused ? caretAt(x) : undefined), onSubmit: opts.onSubmit,
      paint: (g, el) => {
        const [x1, y1, x2, y2] = el.bounds;
        fillRoundRect(g, el.bounds, this.dp(8), COLORS.surface);
        g.strokeStyle = focused ? COLORS.primary : COLORS.divider;
        g.lineWidth = focused ? this.dp(2) : this.dp(1);
        g.beginPath(); g.roundRect(x1, y1, x2 - x1, y2 - y1, this.dp(8)); g.stroke();
        const caretX = measureText(shownBeforeCaret, sizePx);
        g.save();
        g.beginPath(); g.rect(x1 + pad, y1, inner, y2 - y1); g.clip();
        g.font = font(sizePx); g.textBaseline = 'middle'; g.textAlign = 'left';
        g.fillStyle = field.text ? COLORS.text : COLORS.hint;
        g.fillText(field.text ? shown : opts.hint, x1 + pad - shift, (y1 + y2) / 2);
        if (focused) {
          g.fillStyle = COLORS.primary;
          g.fillRect(x1 + pad - shift + caretX, (y1 + y2) / 2 - sizePx * 0.7, Math.max(2, this.dp(1.5)), sizePx * 1.4);
        }
        g.restore();
      },
    };
  }

  seekBar(r: Rect, value: number, max: number, onChange: (v: number) => void, opts: { id?: string; desc?: string } = {}): Element {
    const pad = this.dp(16);
    const valueAt = (x: number) => Math.round(Math.min(1, Math.max(0, (x - r[0] - pad) / (r[2] - r[0] - pad * 2))) * max);
    return {
      className: 'android.widget.SeekBar', bounds: r, text: String(value), contentDesc: opts.desc,
      resourceId: opts.id ? this.id(opts.id) : undefined, clickable: true,
      onDrag: (x) => onChange(valueAt(x)),
      paint: (g, el) => {
        const [x1, y1, x2, y2] = el.bounds;
        const cy = (y1 + y2) / 2, w = x2 - x1 - pad * 2;
        const fx = x1 + pad + (w * value) / max;
        fillRoundRect(g, [x1 + pad, cy - this.dp(3), x2 - pad, cy + this.dp(3)], this.dp(3), COLORS.primaryContainer);
        fillRoundRect(g, [x1 + pad, cy - this.dp(3), fx, cy + this.dp(3)], this.dp(3), COLORS.primary);
        g.fillStyle = COLORS.primary; g.beginPath(); g.arc(fx, cy, this.dp(10), 0, Math.PI * 2); g.fill();
      },
    };
  }

  /** A vertically scrolling RecyclerView; only rows at least partly visible become elements. */
  list(r: Rect, name: string, items: ListItem[], opts: { id?: string; gap?: number; padding?: number; stickToBottom?: boolean } = {}): Element {
    const gap = this.dp(opts.gap ?? 0), padding = this.dp(opts.padding ?? 0);
    const total = items.reduce((s, it) => s + it.height, 0) + gap * Math.max(0, items.length - 1) + padding * 2;
    const viewport = r[3] - r[1];
    const max = Math.max(0, total - viewport);
    const key = this.key(name);
    // A chat thread starts scrolled to its newest message; the store keeps distance from the end.
    const stored = this.host.scrollOffset(key);
    const offset = Math.min(max, Math.max(0, opts.stickToBottom ? max - stored : stored));
    const children: Element[] = [];
    let y = r[1] + padding - offset;
    for (const it of items) {
      if (y + it.height > r[1] && y < r[3]) children.push(it.build([r[0], y, r[2], y + it.height]));
      y += it.height + gap;
    }
    return {
      className: 'androidx.recyclerview.widget.RecyclerView', bounds: r, clip: true, children,
      resourceId: opts.id ? this.id(opts.id) : undefined,
      scroll: {
        offset, max,
        set: (v) => this.host.setScroll(key, Math.min(max, Math.max(0, opts.stickToBottom ? max - v : v))),
      },
    };
  }

  /** App bar with an optional up button; returns the element and the y below it. */
  topBar(title: string, opts: { back?: boolean; actions?: (r: Rect) => Element[]; id?: string } = {}): { el: Element; bottom: number } {
    const h = this.dp(64);
    const r: Rect = [this.left, this.top, this.right, this.top + h];
    const children: Element[] = [];
    let titleX = this.left + this.dp(16);
    if (opts.back) {
      const b = rect(this.left + this.dp(4), this.top + this.dp(8), this.dp(48), this.dp(48));
      children.push(this.iconButton(b, 'back', this.t('nav.up'), () => this.host.pop(this.pkg)));
      titleX = this.left + this.dp(60);
    }
    const actions = opts.actions ? opts.actions(r) : [];
    const actionsLeft = actions.reduce((m, a) => Math.min(m, a.bounds[0]), this.right);
    children.push(this.text([titleX, r[1], actionsLeft - this.dp(8), r[3]], title, { size: 22, id: opts.id ?? 'toolbar_title' }));
    children.push(...actions);
    return {
      el: {
        className: 'android.view.ViewGroup', bounds: r, resourceId: this.id('toolbar'), children,
        paint: (g, el) => { g.fillStyle = COLORS.background; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]); },
      },
      bottom: r[3],
    };
  }

  fab(glyph: Glyph, desc: string, onTap: () => void, id = 'fab'): Element {
    const size = this.dp(56);
    const r = rect(this.right - this.dp(16) - size, this.bottom - this.dp(16) - size, size, size);
    return this.iconButton(r, glyph, desc, onTap, { id, color: COLORS.text, background: COLORS.primaryContainer });
  }

  divider(y: number): Element {
    return {
      className: 'android.view.View', bounds: [this.left + this.dp(16), y, this.right - this.dp(16), y + Math.max(1, this.dp(0.5))], decorative: true,
      paint: (g, el) => { g.fillStyle = COLORS.divider; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]); },
    };
  }
}
