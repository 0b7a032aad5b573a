// Set-of-marks for generic vision models: the interesting elements of a `uiautomator dump` get
// numbers, boxes with those numbers are drawn on the screenshot, and the model may answer
// "tap element 7" instead of guessing pixels (which GPT-4o-class models do badly).
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { descendantTexts, isEditable, parseUiXml, visibleBounds, type UiElement, type UiTree } from '../../../shared/ui-tree';
import type { CoordinateMap } from '../coordinate-map';

export interface UiMark {
  id: number;
  /** Device pixels: [x1, y1, x2, y2], x2/y2 exclusive as uiautomator prints them. */
  bounds: [number, number, number, number];
  label: string;
  className: string;
  resourceId: string;
  clickable: boolean;
  /** Index of the element in the UI tree it came from. */
  element: number;
}

/**
 * Numbered elements worth pointing at: interactive ones and ones with visible text. A clickable
 * container without text of its own (a settings row) is labelled with its descendants' texts,
 * otherwise the model could not tell which box is which.
 */
export function marksFromTree(tree: UiTree, screen: { width: number; height: number }, limit = 80): UiMark[] {
  const marks: UiMark[] = [];
  for (const el of tree.elements) {
    if (marks.length >= limit) break;
    const mark = toMark(tree, el, screen, marks.length + 1);
    if (mark) marks.push(mark);
  }
  return marks;
}

/** The same from `uiautomator dump` XML; a dump that cannot be read gives no marks. */
export function marksFromUiXml(xml: string, screen: { width: number; height: number }, limit = 80): UiMark[] {
  let tree: UiTree;
  try { tree = parseUiXml(xml); } catch { return []; }
  return marksFromTree(tree, screen, limit);
}

function toMark(tree: UiTree, el: UiElement, screen: { width: number; height: number }, id: number): UiMark | undefined {
  const b = visibleBounds(el, screen);
  if (!b) return undefined;
  const [x1, y1, x2, y2] = b;
  if (x2 - x1 < 4 || y2 - y1 < 4) return undefined;
  const own = (el.text || el.contentDesc).trim();
  const clickable = el.clickable || el.longClickable || el.checkable;
  if (!clickable && !isEditable(el) && !el.scrollable && own === '') return undefined;
  // A full-screen container is not something to point at.
  if (x1 === 0 && y1 === 0 && x2 >= screen.width && y2 >= screen.height) return undefined;
  const label = own || (clickable ? descendantTexts(tree, el.index, 3).join(' / ') : '');
  return { id, bounds: [x1, y1, x2, y2], label, className: el.className, resourceId: el.resourceId, clickable, element: el.index };
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
