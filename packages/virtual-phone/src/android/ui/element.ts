// One tree describes a screen: the painter draws it, the accessibility dump and the hit test
// read it. Bounds are computed once by the page builders, so what is drawn is what is reported.
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { UiNode } from '../types';

export type Rect = [x1: number, y1: number, x2: number, y2: number];

export type Painter = (g: SKRSContext2D, el: Element) => void;

export interface DragHandler {
  (x: number, y: number, phase: 'down' | 'move' | 'up'): void;
}

export interface Element {
  className: string;
  /** Where the element is drawn, before clipping by scrolling ancestors. */
  bounds: Rect;
  packageName?: string;
  resourceId?: string;
  text?: string;
  contentDesc?: string;
  clickable?: boolean;
  focused?: boolean;
  checkable?: boolean;
  checked?: boolean;
  scrollable?: boolean;
  enabled?: boolean;
  /** Drawn but not part of the accessibility tree (children still are). */
  decorative?: boolean;
  /** Children are clipped to these bounds (scrolling containers). */
  clip?: boolean;
  paint?: Painter;
  children?: Element[];
  /** Called with the touch point (most views ignore it; text fields place the caret). */
  onTap?: (x: number, y: number) => void;
  onLongPress?: () => void;
  onDrag?: DragHandler;
  /** Scrolling container: current offset, its maximum and how to move it. */
  scroll?: { offset: number; max: number; set(offset: number): void };
  /** EditText bound to a field of the phone's text store. */
  field?: string;
  /** What ENTER does while this field has focus (search, send). */
  onSubmit?: () => void;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r: Rect = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[2] > r[0] && r[3] > r[1] ? r : null;
}

export function contains(r: Rect, x: number, y: number): boolean {
  return x >= r[0] && x < r[2] && y >= r[1] && y < r[3];
}

export function rect(x: number, y: number, w: number, h: number): Rect {
  return [Math.round(x), Math.round(y), Math.round(x + w), Math.round(y + h)];
}

/** The chain of elements under a point, outermost first, honouring clipping. */
export function hitPath(root: Element, x: number, y: number): Element[] {
  const path: Element[] = [];
  let clipRect: Rect | null = root.bounds;
  let node: Element | undefined = root;
  while (node) {
    const visible: Rect | null = clipRect ? intersect(node.bounds, clipRect) : null;
    if (!visible || !contains(visible, x, y)) break;
    path.push(node);
    if (node.clip) clipRect = visible;
    const kids: Element[] = node.children ?? [];
    let next: Element | undefined;
    // Later children are drawn on top, so they win the hit.
    for (let i = kids.length - 1; i >= 0; i--) {
      const v = clipRect ? intersect(kids[i].bounds, clipRect) : null;
      if (v && contains(v, x, y)) { next = kids[i]; break; }
    }
    node = next;
  }
  return path;
}

export function findInPath<K extends keyof Element>(path: Element[], key: K): Element | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i][key]) return path[i];
  return undefined;
}

/** Accessibility nodes for an element tree; decorative elements disappear, their children stay. */
export function toUiNodes(el: Element, clipRect: Rect, pkg: string): UiNode[] {
  const visible = intersect(el.bounds, clipRect);
  if (!visible) return [];
  const packageName = el.packageName ?? pkg;
  const childClip = el.clip ? visible : clipRect;
  const children = (el.children ?? []).flatMap((c) => toUiNodes(c, childClip, packageName));
  if (el.decorative) return children;
  return [{
    text: el.text ?? '',
    resourceId: el.resourceId ?? '',
    className: el.className,
    packageName,
    contentDesc: el.contentDesc ?? '',
    clickable: !!(el.clickable || el.onTap || el.onDrag),
    longClickable: !!el.onLongPress,
    focused: !!el.focused,
    scrollable: !!(el.scrollable || (el.scroll && el.scroll.max > 0)),
    enabled: el.enabled ?? true,
    checkable: !!el.checkable,
    checked: !!el.checked,
    bounds: visible,
    children,
  }];
}
