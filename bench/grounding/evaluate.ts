// Scoring one grounding against the corpus: did the touch land on the element a person meant?
// A tap is right when the element Android would deliver it to (the innermost clickable under
// the point) is the expected one; typing needs the field itself; a scroll the container.
import type { GroundingPurpose, GroundingResult } from '../../src/main/agent/grounding/types';
import { ancestorsOf, containsPoint, isEditable, ownLabel, type UiTree } from '../../src/shared/ui-tree';
import type { ElementSpec, Expectation } from './corpus';

export type Verdict = 'right' | 'wrong' | 'missed';

/**
 * What the case expects on this screen: an element named by the corpus that is not on screen at
 * this size (a smaller phone shows fewer rows) is expected to be not found.
 */
export function expectationOn(tree: UiTree, expect: Expectation, screen: { width: number; height: number }): Expectation {
  if (typeof expect === 'string') return expect;
  const candidates = tree.elements.filter((e) => (expect.id === undefined || e.resourceId.endsWith(`:id/${expect.id}`))
    && (expect.desc === undefined || e.contentDesc === expect.desc) && (expect.text === undefined || e.text === expect.text)
    && (expect.rowOf === undefined || e.text === expect.rowOf));
  const shown = candidates.some((e) => e.bounds[3] - e.bounds[1] > 0 && e.bounds[1] < screen.height && e.bounds[3] > 0);
  return shown ? expect : 'not_found';
}

/** The element an ElementSpec names; throws when the corpus names none or several (a corpus bug). */
export function expectedElement(tree: UiTree, spec: ElementSpec, what: string): number {
  let matches = tree.elements.filter((e) =>
    (spec.id === undefined || e.resourceId.endsWith(`:id/${spec.id}`))
    && (spec.text === undefined || e.text === spec.text)
    && (spec.desc === undefined || e.contentDesc === spec.desc)
    && (spec.rowOf === undefined || e.text === spec.rowOf)).map((e) => e.index);
  if (spec.rowOf !== undefined) {
    matches = matches.map((i) => [i, ...ancestorsOf(tree, i)].find((k) => tree.elements[k].clickable)).filter((i): i is number => i !== undefined);
  }
  if (spec.nth !== undefined) matches = matches.slice(spec.nth - 1, spec.nth);
  if (matches.length !== 1) throw new Error(`corpus: ${what} names ${matches.length} elements (${JSON.stringify(spec)})`);
  return matches[0];
}

/** The element a touch at the point reaches for this purpose (innermost that can take it). */
function reached(tree: UiTree, x: number, y: number, purpose: GroundingPurpose): number | undefined {
  const can = (i: number) => {
    const e = tree.elements[i];
    if (purpose === 'type') return isEditable(e);
    if (purpose === 'scroll') return e.scrollable;
    if (purpose === 'long_press') return e.longClickable || e.clickable;
    return e.clickable || e.checkable;
  };
  let best: number | undefined;
  for (const e of tree.elements) {
    if (containsPoint(e.bounds, x, y) && can(e.index) && (best === undefined || e.depth >= tree.elements[best].depth)) best = e.index;
  }
  return best;
}

export function judge(tree: UiTree, expect: Expectation, purpose: GroundingPurpose, result: GroundingResult, what: string): Verdict {
  if (expect === 'ambiguous' || expect === 'not_found') {
    if (result.status === 'found') return 'wrong';
    return result.status === expect ? 'right' : 'missed';
  }
  if (result.status !== 'found' || !result.point) return 'missed';
  const want = expectedElement(tree, expect, what);
  const { x, y } = result.point;
  const hit = reached(tree, x, y, purpose);
  if (hit === want) return 'right';
  // A plain text (or a container nothing inside takes) is right when the touch is on it.
  if (hit === undefined && containsPoint(tree.elements[want].bounds, x, y)) return 'right';
  if (result.element === want) return 'right';
  return 'wrong';
}

/** A short name for an element in failure lists. */
export function nameOf(tree: UiTree, index: number | undefined): string {
  if (index === undefined) return '-';
  const e = tree.elements[index];
  return `${e.className.split('.').pop()} "${ownLabel(e)}" ${e.resourceId.split('/').pop() ?? ''}`.trim();
}
