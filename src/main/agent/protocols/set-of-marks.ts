// Set-of-marks for generic vision models: the interesting elements of a `uiautomator dump` get
// numbers, boxes with those numbers are drawn on the screenshot, and the model may answer
// "tap element 7" instead of guessing pixels (which GPT-4o-class models do badly).
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodeXml } from '../../../shared/ui-tree';
import type { CoordinateMap } from '../coordinate-map';

export interface UiMark {
  id: number;
  /** Device pixels: [x1, y1, x2, y2], x2/y2 exclusive as uiautomator prints them. */
  bounds: [number, number, number, number];
  label: string;
  className: string;
  resourceId: string;
  clickable: boolean;
}

const TAG = /<node\b([^>]*?)(\/?)>|<\/node>/g;
const ATTR = /([\w-]+)="([^"]*)"/g;

/**
 * Numbered elements worth pointing at: interactive ones and ones with visible text. A clickable
 * container without text of its own (a settings row) is labelled with its descendants' texts,
 * otherwise the model could not tell which box is which.
 */
export function marksFromUiXml(xml: string, screen: { width: number; height: number }, limit = 80): UiMark[] {
  const marks: UiMark[] = [];
  // Open nodes: the mark each one produced (if any) and the texts found inside it so far.
  const stack: Array<{ mark?: UiMark; texts: string[] }> = [];
  for (const m of xml.matchAll(TAG)) {
    if (m[0] === '</node>') {
      const closed = stack.pop();
      if (closed?.mark && closed.mark.label === '') closed.mark.label = closed.texts.slice(0, 3).join(' / ');
      continue;
    }
    const a: Record<string, string> = {};
    for (const [, k, v] of m[1].matchAll(ATTR)) a[k] = decodeXml(v);
    const own = (a.text || a['content-desc'] || '').trim();
    if (own) for (const open of stack) open.texts.push(own);
    const mark = marks.length < limit ? toMark(a, own, screen, marks.length + 1) : undefined;
    if (mark) marks.push(mark);
    if (m[2] !== '/') stack.push({ mark, texts: [] });
  }
  return marks;
}

function toMark(a: Record<string, string>, label: string, screen: { width: number; height: number }, id: number): UiMark | undefined {
  const b = /\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]/.exec(a.bounds ?? '');
  if (!b) return undefined;
  const x1 = Math.max(0, Number(b[1])); const y1 = Math.max(0, Number(b[2]));
  const x2 = Math.min(screen.width, Number(b[3])); const y2 = Math.min(screen.height, Number(b[4]));
  if (x2 - x1 < 4 || y2 - y1 < 4) return undefined;
  const clickable = a.clickable === 'true' || a['long-clickable'] === 'true' || a.checkable === 'true';
  const editable = /EditText/.test(a.class ?? '');
  if (!clickable && !editable && a.scrollable !== 'true' && label === '') return undefined;
  // A full-screen container is not something to point at.
  if (x1 === 0 && y1 === 0 && x2 >= screen.width && y2 >= screen.height) return undefined;
  return { id, bounds: [x1, y1, x2, y2], label, className: a.class ?? '', resourceId: a['resource-id'] ?? '', clickable };
}

/** Device-pixel centre of a mark, the point a tap on it goes to. */
export function markCenter(mark: UiMark): { x: number; y: number } {
  return { x: Math.floor((mark.bounds[0] + mark.bounds[2] - 1) / 2), y: Math.floor((mark.bounds[1] + mark.bounds[3] - 1) / 2) };
}

/** One line per mark for the prompt, e.g. `[3] Button "Send" id=send`. */
export function describeMarks(marks: UiMark[]): string {
  return marks.map((m) => {
    const kind = m.className.split('.').pop() || 'View';
    const id = m.resourceId ? ` id=${m.resourceId.split('/').pop()}` : '';
    return `[${m.id}] ${kind}${m.label ? ` "${m.label.slice(0, 60)}"` : ''}${id}${m.clickable ? '' : ' (not clickable)'}`;
  }).join('\n');
}

/** Draws numbered boxes on the (already resized) model image; returns a JPEG. */
export async function drawMarks(image: Uint8Array, map: CoordinateMap, marks: UiMark[], quality = 80): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(image));
  const canvas = createCanvas(map.image.width, map.image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, map.image.width, map.image.height);
  const font = Math.max(10, Math.round(map.image.width / 40));
  ctx.font = `bold ${font}px sans-serif`;
  ctx.lineWidth = Math.max(1, Math.round(map.image.width / 400));
  for (const mark of marks) {
    const a = map.toImagePixels(mark.bounds[0], mark.bounds[1]);
    const b = map.toImagePixels(mark.bounds[2] - 1, mark.bounds[3] - 1);
    const color = PALETTE[mark.id % PALETTE.length];
    ctx.strokeStyle = color;
    ctx.strokeRect(a.x, a.y, Math.max(1, b.x - a.x), Math.max(1, b.y - a.y));
    const label = String(mark.id);
    const w = ctx.measureText(label).width + 4;
    ctx.fillStyle = color;
    ctx.fillRect(a.x, a.y, w, font + 2);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, a.x + 2, a.y + font - 1);
  }
  return new Uint8Array(await canvas.encode('jpeg', quality));
}

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#008080', '#9a6324', '#800000'];
