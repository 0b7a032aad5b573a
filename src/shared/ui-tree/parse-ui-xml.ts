// `uiautomator dump` XML -> UiTree. The dump is a flat run of <node .../> and <node ...></node>
// elements with attribute values escaped as XML; a small tokenizer reads it without a DOM (this
// code also runs where there is none) and refuses what is not a dump, so a truncated or foreign
// reply becomes a clear error instead of an empty screen.
import type { UiBounds, UiElement, UiTree } from './types';

export class UiXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UiXmlError';
  }
}

const TAG = /<(\/?)(node|hierarchy)\b([^>]*?)(\/?)>/g;
const ATTR = /([\w:-]+)="([^"]*)"/g;
const BOUNDS = /^\[(-?[\d.]+),(-?[\d.]+)\]\[(-?[\d.]+),(-?[\d.]+)\]$/;

export function parseUiXml(xml: string): UiTree {
  const start = xml.indexOf('<hierarchy');
  if (start < 0) throw new UiXmlError(`not a UI dump (no <hierarchy>): ${JSON.stringify(xml.trim().slice(0, 80))}`);
  const elements: UiElement[] = [];
  const roots: number[] = [];
  const open: number[] = [];
  let rotation = 0;
  let closed = false;
  TAG.lastIndex = start;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const [, slash, name, attrText, selfClosing] = m;
    if (name === 'hierarchy') {
      if (slash) { closed = true; break; }
      rotation = Number(attributes(attrText).rotation ?? 0) || 0;
      continue;
    }
    if (slash) {
      if (open.pop() === undefined) throw new UiXmlError('unbalanced </node> in the UI dump');
      continue;
    }
    const parent = open.length ? open[open.length - 1] : -1;
    const element = toElement(attributes(attrText), elements.length, parent, open.length);
    elements.push(element);
    if (parent < 0) roots.push(element.index); else elements[parent].children.push(element.index);
    if (!selfClosing) open.push(element.index);
  }
  if (!closed || open.length > 0) throw new UiXmlError('the UI dump is truncated (no closing </hierarchy>)');
  return { rotation, elements, roots };
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, k, v] of text.matchAll(ATTR)) out[k] = decodeXml(v);
  return out;
}

function toElement(a: Record<string, string>, index: number, parent: number, depth: number): UiElement {
  const flag = (k: string) => a[k] === 'true';
  return {
    index, parent, children: [], depth,
    text: a.text ?? '', contentDesc: a['content-desc'] ?? '', resourceId: a['resource-id'] ?? '',
    className: a.class ?? '', packageName: a.package ?? '', hint: a.hint ?? '',
    bounds: parseBounds(a.bounds),
    clickable: flag('clickable'), longClickable: flag('long-clickable'), checkable: flag('checkable'), checked: flag('checked'),
    // A dumper that omits `enabled` is describing an enabled view.
    enabled: a.enabled !== 'false', focusable: flag('focusable'), focused: flag('focused'),
    scrollable: flag('scrollable'), selected: flag('selected'), password: flag('password'),
  };
}

function parseBounds(value: string | undefined): UiBounds {
  const b = BOUNDS.exec(value ?? '');
  // Integers on every phone seen; a dumper printing fractions is rounded rather than dropped.
  return b ? [Math.round(Number(b[1])), Math.round(Number(b[2])), Math.round(Number(b[3])), Math.round(Number(b[4]))] : [0, 0, 0, 0];
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (whole, e: string) => {
    const l = e.toLowerCase();
    if (NAMED[l]) return NAMED[l];
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
