// Draws an element tree: each element paints itself, then its children, clipped when scrolling.
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Element } from './element';

export function paintTree(g: SKRSContext2D, el: Element): void {
  el.paint?.(g, el);
  const kids = el.children;
  if (!kids?.length) return;
  if (el.clip) {
    g.save();
    g.beginPath();
    g.rect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]);
    g.clip();
  }
  for (const c of kids) paintTree(g, c);
  if (el.clip) g.restore();
}
