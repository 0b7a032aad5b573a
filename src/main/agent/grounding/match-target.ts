// The accessibility grounder's decision on one tree: every on-screen element is scored against
// the described target through its own words (text, description, hint, id) and its children's,
// moved to the element that can do what is asked (the nearest clickable ancestor for a tap, the
// field for typing, the scrolling container for a swipe), weighed by role, then decided:
// one clear winner, several equally good ("ambiguous": the planner should say which), or none.
// Ordinals and regions pick among equally good ones; nested matches (a row and its switch) are
// one candidate group, not an ambiguity.
import {
  ancestorsOf, center, containsBox, descendantTexts, elementRole, isEditable, isSystemUi, ownLabel, visibleBounds,
  type ElementRole, type ScreenSize, type UiBounds, type UiElement, type UiTree,
} from '../../../shared/ui-tree';
import { idWordsOf } from './normalize';
import { labelScore, labelText, type LabelText } from './label-score';
import type { TargetQuery } from './target-query';
import type { QueryRole } from './vocabulary';
import type { GroundingCandidate, GroundingPurpose, GroundingStatus } from './types';
import type { Point } from '../../../shared/agent/actions';
import type { TargetRegion } from '../../../shared/agent/intermediate';

export interface MatchOutcome {
  status: GroundingStatus;
  point?: Point;
  box?: UiBounds;
  element?: number;
  confidence: number;
  candidates: GroundingCandidate[];
  message?: string;
}

export interface MatchOptions {
  minConfidence?: number;
  /** Candidates reported (default 5). */
  keep?: number;
}

/** Weight of each of an element's words (visible text counts most: it is what the planner saw). */
const FIELD_WEIGHT = { text: 1, 'content-desc': 0.92, hint: 0.92, children: 0.9, 'resource-id': 0.8 } as const;
type Field = keyof typeof FIELD_WEIGHT;

/** Two candidates closer than this are equally good. */
const TIE = 0.06;
/** Among this band below the best, ordinals and regions choose. */
const BAND = 0.12;

interface Scored { element: number; score: number; matched: string }

export function matchTarget(tree: UiTree, query: TargetQuery, purpose: GroundingPurpose, screen: ScreenSize, options: MatchOptions = {}): MatchOutcome {
  const minConfidence = options.minConfidence ?? 0.5;
  const visible = new Map<number, UiBounds>();
  for (const el of tree.elements) {
    const b = visibleBounds(el, screen);
    if (b) visible.set(el.index, b);
  }
  const scored = new Map<number, Scored>();
  const offer = (element: number, score: number, matched: string) => {
    const cur = scored.get(element);
    if (!cur || score > cur.score) scored.set(element, { element, score, matched });
  };

  if (query.words === '' && query.role) {
    // "The second switch": every element of that role is a candidate (of a close role when none is).
    const role = query.role;
    // The system bars are not what a description of the screen points at (press(back) is).
    const fit = (i: number) => (actionableFor(tree.elements[i], purpose) && !isSystemUi(tree.elements[i]) ? roleFits(role, elementRole(tree, tree.elements[i])) : 0);
    const exact = [...visible.keys()].filter((i) => fit(i) === 1);
    for (const i of exact.length ? exact : [...visible.keys()].filter((k) => fit(k) >= 0.9)) offer(i, 0.8 * fit(i) * penalties(tree.elements[i]), 'role');
  } else {
    for (const i of visible.keys()) {
      const el = tree.elements[i];
      const best = bestField(query, el);
      if (best.score <= 0) continue;
      const target = resolveActionable(tree, i, purpose, visible);
      const moved = target.index !== i ? 0.97 : 1;
      const score = best.score * target.factor * moved;
      offer(target.index, score * roleFactor(tree, query, target.index) * penalties(tree.elements[target.index]), best.field);
      // "Alarm switch": the words name a row, the role a control inside it.
      if (query.role && roleFactor(tree, query, target.index) < 0.9) {
        for (const d of descendantsOf(tree, target.index)) {
          if (visible.has(d) && actionableFor(tree.elements[d], purpose) && roleFactor(tree, query, d) === 1) offer(d, score * 0.9 * penalties(tree.elements[d]), `${best.field} of its row`);
        }
      }
    }
    // Whole-element words: "contact 李娜" is on a row as its id words plus its child's text.
    for (const i of visible.keys()) {
      const el = tree.elements[i];
      if (!actionableFor(el, purpose)) continue;
      const words = [ownLabel(el), ...descendantTexts(tree, i, 6), idWordsOf(el)].filter((w) => w !== '').join(' ');
      const s = unionScore(query, labelText(words));
      if (s > 0) offer(i, s * FIELD_WEIGHT.children * roleFactor(tree, query, i) * penalties(el), 'children');
    }
  }

  let ranked = [...scored.values()].filter((s) => s.score > 0.2).sort((a, b) => b.score - a.score || readingOrder(visible, a.element, b.element));
  // A named role is a constraint when something of that role matches at all ("search box": the field, not the title).
  if (query.role && ranked.some((s) => s.score >= 0.4 && roleFactor(tree, query, s.element) >= 0.9)) {
    ranked = ranked.filter((s) => roleFactor(tree, query, s.element) >= 0.9);
  }
  const groups = groupNested(tree, ranked, visible, purpose);
  const candidates = groups.slice(0, options.keep ?? 5).map((g) => candidateOf(tree, g[0], visible));
  if (groups.length === 0) {
    return { status: 'not_found', confidence: 0, candidates, message: `Nothing on this screen matches "${query.raw}".` };
  }

  let pool = groups;
  let regionMissed = false;
  if (query.region) {
    const inside = pool.filter((g) => inRegion(visible.get(g[0].element)!, query.region!, screen));
    if (inside.length > 0) pool = inside; else regionMissed = true;
  }
  const best = pool[0][0].score;
  const band = pool.filter((g) => g[0].score >= best - BAND && g[0].score >= 0.45);

  if (query.ordinal !== undefined) {
    // An ordinal counts through a set of alike elements (rows of a list, switches of a screen):
    // the best such set, even if a lone element matched the words better.
    const family = bestFamily(tree, pool.filter((g) => g[0].score >= best - 0.45));
    const ordered = (family ?? band).sort((a, b) => readingOrder(visible, a[0].element, b[0].element));
    const n = query.ordinal > 0 ? query.ordinal - 1 : ordered.length + query.ordinal;
    if (n < 0 || n >= ordered.length) {
      return {
        status: 'not_found', confidence: best, candidates,
        message: `Only ${ordered.length} element${ordered.length === 1 ? '' : 's'} match "${query.raw}", so there is no number ${query.ordinal}.`,
      };
    }
    return found(tree, ordered[n][0], ordered[n][0].score * 0.97, candidates, visible, minConfidence, query);
  }
  if (query.region && (band.length > 1 || regionMissed)) {
    // "The one at the top": of equally good matches, the one furthest that way (also when none
    // is in that part of the screen: "the switch at the bottom" of three switches at the top).
    const pick = [...band].sort((a, b) => extremeOrder(query.region!, visible.get(a[0].element)!, visible.get(b[0].element)!))[0];
    return found(tree, pick[0], pick[0].score * (regionMissed ? 0.85 : 0.95), candidates, visible, minConfidence, query);
  }

  if (query.indefinite) {
    const family = bestFamily(tree, pool);
    if (family) {
      return {
        status: 'ambiguous', confidence: family[0][0].score, candidates,
        message: `"${query.raw}" could be any of ${family.length}: ${family.slice(0, 4).map((g) => describe(tree, g[0], visible)).join('; ')}. Say which one.`,
      };
    }
  }
  const first = pool[0][0];
  const second = pool[1]?.[0];
  if (second && second.score >= first.score - TIE && second.score >= 0.45) {
    const list = pool.slice(0, 4).map((g) => describe(tree, g[0], visible)).join('; ');
    return {
      status: 'ambiguous', confidence: first.score, candidates,
      message: `${pool.filter((g) => g[0].score >= first.score - TIE).length} elements match "${query.raw}" equally well: ${list}. Say which one (an ordinal, a region, a role or more of its words).`,
    };
  }
  const margin = second ? first.score - second.score : 1;
  return found(tree, first, first.score * Math.min(1, 0.75 + 2.5 * margin), candidates, visible, minConfidence, query);
}

function found(tree: UiTree, s: Scored, confidence: number, candidates: GroundingCandidate[], visible: Map<number, UiBounds>, min: number, query: TargetQuery): MatchOutcome {
  const box = visible.get(s.element)!;
  if (confidence < min) {
    return {
      status: 'not_found', confidence, candidates,
      message: `Nothing on this screen matches "${query.raw}" well; the closest is ${describe(tree, s, visible)}.`,
    };
  }
  return { status: 'found', point: center(box), box, element: s.element, confidence: round(confidence), candidates };
}

function bestField(query: TargetQuery, el: UiElement): { score: number; field: Field } {
  let best: { score: number; field: Field } = { score: 0, field: 'text' };
  const fields: Array<[Field, string]> = [['text', ownText(el)], ['content-desc', el.contentDesc], ['hint', el.hint], ['resource-id', idWordsOf(el)]];
  for (const [field, raw] of fields) {
    if (!raw) continue;
    const s = labelScore(query, labelText(raw)) * FIELD_WEIGHT[field];
    if (s > best.score) best = { score: s, field };
  }
  return best;
}

/** A switch's "ON"/"OFF" text is its state, not its name. */
function ownText(el: UiElement): string {
  return el.checkable && ownLabel(el) !== el.text.trim() ? '' : el.text;
}

/** All of the target's words somewhere on the element (and few others) - or nothing. */
function unionScore(query: TargetQuery, words: LabelText): number {
  if (query.tokens.length < 2) return 0;
  const s = labelScore({ ...query, quoted: undefined }, words);
  return s >= 0.62 ? s : 0;
}

function actionableFor(el: UiElement, purpose: GroundingPurpose): boolean {
  switch (purpose) {
    case 'type': return isEditable(el);
    case 'scroll': return el.scrollable;
    case 'locate': return true;
    case 'long_press': return el.longClickable || el.clickable;
    default: return el.clickable || el.checkable;
  }
}

/** The element that does what is asked for a matched label, and how good a stand-in it is. */
function resolveActionable(tree: UiTree, index: number, purpose: GroundingPurpose, visible: Map<number, UiBounds>): { index: number; factor: number } {
  if (purpose === 'locate') return { index, factor: 1 };
  const chain = [index, ...ancestorsOf(tree, index)].filter((i) => visible.has(i));
  const hit = chain.find((i) => actionableFor(tree.elements[i], purpose));
  if (hit !== undefined) return { index: hit, factor: 1 };
  if (purpose === 'type') {
    // A label next to a field is not the field; a clickable row may still focus one.
    const clickable = chain.find((i) => tree.elements[i].clickable);
    return clickable !== undefined ? { index: clickable, factor: 0.8 } : { index, factor: 0.6 };
  }
  if (purpose === 'scroll') return { index, factor: 0.75 };
  // Plain text can be tapped; Android delivers it to whatever is under it.
  return { index, factor: 0.9 };
}

const COMPATIBLE: Array<[ElementRole, ElementRole]> = [['button', 'icon'], ['item', 'button'], ['switch', 'item'], ['tab', 'button'], ['item', 'text'], ['button', 'text']];

function roleFits(wanted: QueryRole, actual: ElementRole): number {
  if (wanted === actual) return 1;
  if (wanted === 'app') return actual === 'button' || actual === 'icon' || actual === 'item' ? 1 : 0.7;
  return COMPATIBLE.some(([a, b]) => (a === wanted && b === actual) || (b === wanted && a === actual)) ? 0.9 : 0.7;
}

function roleFactor(tree: UiTree, query: TargetQuery, index: number): number {
  return query.role ? roleFits(query.role, elementRole(tree, tree.elements[index])) : 1;
}

function penalties(el: UiElement): number {
  let f = 1;
  if (!el.enabled) f *= 0.92;
  if (isSystemUi(el)) f *= 0.9;
  return f;
}

/**
 * Groups of alike elements (same id, else same class and role) among the good candidates: the
 * best-scoring family with at least two members, or undefined.
 */
function bestFamily(tree: UiTree, groups: Scored[][]): Scored[][] | undefined {
  const families = new Map<string, Scored[][]>();
  for (const g of groups) {
    if (g[0].score < 0.45) continue;
    const el = tree.elements[g[0].element];
    const key = el.resourceId || `${el.className}|${elementRole(tree, el)}`;
    families.set(key, [...(families.get(key) ?? []), g]);
  }
  let best: Scored[][] | undefined;
  for (const f of families.values()) {
    if (f.length >= 2 && (!best || f[0][0].score > best[0][0].score)) best = f;
  }
  return best && [...best];
}

/**
 * Best first; a candidate joins a better one's group when it is nested in it (a row and its
 * switch), drawn inside it, or says the same as it close by while one of them is only a label
 * (the text "Brightness level" beside the slider named so): the control then represents the group.
 */
function groupNested(tree: UiTree, ranked: Scored[], visible: Map<number, UiBounds>, purpose: GroundingPurpose): Scored[][] {
  const groups: Scored[][] = [];
  for (const s of ranked) {
    const g = groups.find((grp) => grp.some((m) => nested(tree, m.element, s.element, visible) || labelOf(tree, m.element, s.element, purpose)));
    if (!g) { groups.push([s]); continue; }
    if (!actionableFor(tree.elements[g[0].element], purpose) && actionableFor(tree.elements[s.element], purpose)) {
      g.unshift({ ...s, score: g[0].score });
    } else g.push(s);
  }
  return groups;
}

function nested(tree: UiTree, a: number, b: number, visible: Map<number, UiBounds>): boolean {
  if (ancestorsOf(tree, a).includes(b) || ancestorsOf(tree, b).includes(a)) return true;
  // Siblings drawn one inside the other (a label over its button) are one thing to a person.
  const ba = visible.get(a)!;
  const bb = visible.get(b)!;
  return containsBox(ba, bb) || containsBox(bb, ba);
}

/** One is a plain label of the other: the same words, one not actionable, a close common parent. */
function labelOf(tree: UiTree, a: number, b: number, purpose: GroundingPurpose): boolean {
  const ea = tree.elements[a];
  const eb = tree.elements[b];
  if (actionableFor(ea, purpose) === actionableFor(eb, purpose)) return false;
  const la = ownLabel(ea).toLowerCase();
  if (la === '' || la !== ownLabel(eb).toLowerCase()) return false;
  const up = (i: number) => [i, ...ancestorsOf(tree, i)].slice(0, 3);
  const near = up(b);
  return up(a).some((x) => near.includes(x));
}

function descendantsOf(tree: UiTree, index: number): number[] {
  const out: number[] = [];
  const walk = (i: number) => { for (const c of tree.elements[i].children) { out.push(c); walk(c); } };
  walk(index);
  return out;
}

function readingOrder(visible: Map<number, UiBounds>, a: number, b: number): number {
  const ba = visible.get(a)!;
  const bb = visible.get(b)!;
  const ca = (ba[1] + ba[3]) / 2;
  const cb = (bb[1] + bb[3]) / 2;
  const rowTolerance = Math.min(ba[3] - ba[1], bb[3] - bb[1]) / 2;
  if (Math.abs(ca - cb) > rowTolerance) return ca - cb;
  return (ba[0] + ba[2]) / 2 - (bb[0] + bb[2]) / 2;
}

function inRegion(box: UiBounds, region: TargetRegion, screen: ScreenSize): boolean {
  const { x, y } = center(box);
  const top = y < screen.height * 0.4;
  const bottom = y > screen.height * 0.6;
  const left = x < screen.width * 0.45;
  const right = x > screen.width * 0.55;
  switch (region) {
    case 'top': return top;
    case 'bottom': return bottom;
    case 'left': return left;
    case 'right': return right;
    case 'top-left': return top && left;
    case 'top-right': return top && right;
    case 'bottom-left': return bottom && left;
    case 'bottom-right': return bottom && right;
    case 'center': return Math.abs(x - screen.width / 2) < screen.width * 0.25 && Math.abs(y - screen.height / 2) < screen.height * 0.25;
  }
}

function extremeOrder(region: TargetRegion, a: UiBounds, b: UiBounds): number {
  const ca = center(a);
  const cb = center(b);
  const v = region.startsWith('top') ? ca.y - cb.y : region.startsWith('bottom') ? cb.y - ca.y : 0;
  const h = region.endsWith('left') ? ca.x - cb.x : region.endsWith('right') ? cb.x - ca.x : 0;
  return v + h;
}

function candidateOf(tree: UiTree, s: Scored, visible: Map<number, UiBounds>): GroundingCandidate {
  const el = tree.elements[s.element];
  return {
    box: visible.get(s.element)!, score: round(s.score), label: labelWords(tree, s.element), role: elementRole(tree, el),
    element: s.element, matched: s.matched,
  };
}

function labelWords(tree: UiTree, index: number): string {
  const el = tree.elements[index];
  return ownLabel(el) || descendantTexts(tree, index, 3).join(' / ') || idWordsOf(el);
}

function describe(tree: UiTree, s: Scored, visible: Map<number, UiBounds>): string {
  const { x, y } = center(visible.get(s.element)!);
  return `${elementRole(tree, tree.elements[s.element])} "${labelWords(tree, s.element)}" at (${x}, ${y})`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
