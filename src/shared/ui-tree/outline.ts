// The screen as a few lines of text: what a text-only planner reads instead of a screenshot, and
// what the MCP screen tool returns. One line per control or visible text, nested as on screen,
// with the state a person would see (on/off, focused, disabled). A row's own texts are folded
// into the row's line, so "Wi-Fi / Connected" reads as one item with its switch under it.
import { descendantTexts, elementRole, isEditable, isSlider, isSystemUi, ownLabel, visibleBounds } from './elements';
import type { ScreenSize, UiElement, UiTree } from './types';

export interface OutlineOptions {
  screen: ScreenSize;
  /** Include the status and navigation bars (default false: planners have press(back/home)). */
  systemUi?: boolean;
  /** Append each element's on-screen bounds `[x1,y1][x2,y2]` (device pixels). */
  bounds?: boolean;
  /** Prefix lines with the element's tree index, `#12` (set-of-marks style references). */
  indices?: boolean;
  /** Longest label kept, in characters (default 80). */
  maxLabel?: number;
  /** Most lines (default 150); the rest is summarised in one last line. */
  maxLines?: number;
}

export interface OutlineLine {
  index: number;
  depth: number;
  text: string;
}

/** The outline as text, one element per line, two spaces of indent per nesting level. */
export function uiOutline(tree: UiTree, options: OutlineOptions): string {
  const lines = outlineLines(tree, options);
  const max = options.maxLines ?? 150;
  const shown = lines.slice(0, max).map((l) => `${'  '.repeat(l.depth)}${l.text}`);
  if (lines.length > max) shown.push(`... ${lines.length - max} more elements`);
  return shown.join('\n');
}

export function outlineLines(tree: UiTree, options: OutlineOptions): OutlineLine[] {
  const out: OutlineLine[] = [];
  const maxLabel = options.maxLabel ?? 80;
  const walk = (index: number, depth: number, foldedInto: boolean) => {
    const el = tree.elements[index];
    const visible = visibleBounds(el, options.screen);
    if (!visible) return;
    if (!options.systemUi && isSystemUi(el)) return;
    const actionable = isActionable(el);
    const own = ownLabel(el);
    // Plain text inside a row that took its label from its children is already on the row's line.
    const emit = actionable || (own !== '' && !foldedInto);
    let childDepth = depth;
    let fold = foldedInto;
    if (emit) {
      // A control with a few texts inside (a row: title, summary, price) reads as one line; a
      // container with many, or a list, keeps its texts on their own lines.
      const inner = actionable && !isContainer(el) ? descendantTexts(tree, index, FOLD_LIMIT + 1) : [];
      const folds = inner.length > 0 && inner.length <= FOLD_LIMIT;
      const words = folds ? [...new Set([own, ...inner].filter((w) => w !== ''))] : [own];
      const label = clip(words.join(' / '), maxLabel);
      const parts: string[] = [];
      if (options.indices) parts.push(`#${index}`);
      parts.push(elementRole(tree, el));
      if (label) parts.push(JSON.stringify(label));
      parts.push(...states(el));
      if (options.bounds) parts.push(`[${visible[0]},${visible[1]}][${visible[2]},${visible[3]}]`);
      out.push({ index, depth, text: parts.join(' ') });
      childDepth = depth + 1;
      fold = folds || (foldedInto && !actionable);
    }
    for (const c of el.children) walk(c, childDepth, fold);
  };
  for (const r of tree.roots) walk(r, 0, false);
  return out;
}

/** Most texts a row folds into its own line. */
const FOLD_LIMIT = 4;

function isContainer(el: UiElement): boolean {
  return el.scrollable && el.children.length > 0;
}

function isActionable(el: UiElement): boolean {
  return el.clickable || el.longClickable || el.checkable || isEditable(el) || isContainer(el);
}

function states(el: UiElement): string[] {
  const s: string[] = [];
  if (el.checkable) s.push(el.checked ? 'on' : 'off');
  if (isSlider(el) && el.text && el.contentDesc) s.push(`value ${el.text}`);
  if (el.selected) s.push('selected');
  if (el.focused) s.push('focused');
  if (el.password) s.push('password');
  if (!el.enabled) s.push('disabled');
  if (el.scrollable) s.push('scrollable');
  return s;
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
