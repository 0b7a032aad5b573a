// Chinese labels need a CJK font; Noto Sans CJK also covers Latin, so one family serves all text.
import { existsSync } from 'node:fs';
import { GlobalFonts, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

const FAMILY = 'PhonePilot Sans';
const CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];
const BOLD_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
];

let registered: boolean | undefined;

/** Registers the CJK font once; without it text still draws with the default sans-serif. */
export function ensureFonts(): boolean {
  if (registered !== undefined) return registered;
  registered = false;
  for (const path of CANDIDATES) {
    if (existsSync(path) && GlobalFonts.registerFromPath(path, FAMILY)) { registered = true; break; }
  }
  for (const path of BOLD_CANDIDATES) {
    if (existsSync(path) && GlobalFonts.registerFromPath(path, FAMILY)) break;
  }
  return registered;
}

export function font(sizePx: number, bold = false): string {
  ensureFonts();
  return `${bold ? 'bold ' : ''}${Math.round(sizePx)}px "${FAMILY}", "DejaVu Sans", sans-serif`;
}

let measurer: SKRSContext2D | undefined;

export function measureText(text: string, sizePx: number, bold = false): number {
  measurer ??= createCanvas(4, 4).getContext('2d');
  measurer.font = font(sizePx, bold);
  return measurer.measureText(text).width;
}

/** Greedy line breaking; CJK text has no spaces, so it breaks per character when needed. */
export function wrapText(text: string, maxWidth: number, sizePx: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of paragraph.match(/\S+\s*|\s+/g) ?? ['']) {
      if (measureText(line + token, sizePx) <= maxWidth) { line += token; continue; }
      if (line) { lines.push(line.trimEnd()); line = ''; }
      for (const ch of Array.from(token)) {
        if (line && measureText(line + ch, sizePx) > maxWidth) { lines.push(line); line = ''; }
        line += ch;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export function ellipsize(text: string, maxWidth: number, sizePx: number, bold = false): string {
  if (measureText(text, sizePx, bold) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length && measureText(chars.join('') + '…', sizePx, bold) > maxWidth) chars.pop();
  return chars.join('') + '…';
}
