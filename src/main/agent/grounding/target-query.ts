// A description as the planner wrote it ("the second contact", "右上角的购物车按钮", "the 'Submit
// order' button at the bottom") becomes what the grounder looks for: the words of the element,
// the role, the ordinal and the region. What the hint says explicitly wins over what the words
// imply; quoted words are the element's own words, the rest only describes it.
import type { TargetHint, TargetRegion } from '../../../shared/agent/intermediate';
import { normalizeText } from './normalize';
import { conceptTokens, takeRole, type QueryRole } from './vocabulary';

export interface TargetQuery {
  /** The description as given. */
  raw: string;
  /** Normalized words that should be on the element ('' when only a role was named). */
  words: string;
  /** `words` with concept tokens (WLAN and Wi-Fi both become §wifi), and each token's word-level parts. */
  tokens: string[];
  parts: string[][];
  /** Words in quotes: the element must say them. */
  quoted?: string;
  role?: QueryRole;
  ordinal?: number;
  region?: TargetRegion;
  /** "a contact", "一个联系人": any one of a set was asked for, which one is for the planner to say. */
  indefinite?: boolean;
}

const EN_ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
  sixth: 6, '6th': 6, seventh: 7, '7th': 7, eighth: 8, '8th': 8, ninth: 9, '9th': 9, tenth: 10, '10th': 10,
};
const ZH_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ORDINAL_WORD = Object.keys(EN_ORDINALS).join('|');

export function parseTarget(description: string, hint: TargetHint = {}): TargetQuery {
  const quoted = quotedPart(description);
  let text = normalizeText(description);
  const indefinite = /^(?:an?|any|some)\s/.test(text) || /^(?:一个|某个|任意一个|随便一个)/.test(text);
  const ordinal = takeOrdinal(text);
  text = ordinal.rest;
  const region = takeRegion(text);
  text = region.rest;
  text = stripFillers(text);
  const role = takeRole(text);
  text = role.rest;
  // Quoted words are the element's own; everything else said around them only described it.
  const words = quoted !== undefined ? normalizeText(quoted) : text;
  const query: TargetQuery = { raw: description, words, ...conceptTokens(words) };
  if (quoted !== undefined) query.quoted = normalizeText(quoted);
  const r = hint.role ?? role.role;
  if (r) query.role = r;
  const o = hint.ordinal ?? ordinal.ordinal;
  if (o !== undefined) query.ordinal = o;
  const g = hint.region ?? region.region;
  if (g) query.region = g;
  if (indefinite) query.indefinite = true;
  return query;
}

function quotedPart(s: string): string | undefined {
  const m = /"([^"]+)"|“([^”]+)”|「([^」]+)」|‘([^’]+)’|'([^']{2,})'(?![a-z])/.exec(s);
  if (!m) return undefined;
  const inner = m.slice(1).find((g) => g !== undefined)!.trim();
  // Quoting the whole description says nothing more than the description.
  return inner && inner.length < s.trim().length - 2 ? inner : undefined;
}

function takeOrdinal(text: string): { rest: string; ordinal?: number } {
  const en = new RegExp(`(^|\\s)(?:the\\s+)?(?:(second|2nd|third|3rd)\\s+(?:to\\s+)?last|next\\s+to\\s+last|penultimate|last|(${ORDINAL_WORD})(?:\\s+(?:one|from\\s+the\\s+(top|bottom|left|right|end)))?|(?:number|no|#)\\s*(\\d{1,2}))(?=\\s|$)`);
  const m = en.exec(text);
  if (m) {
    let ordinal: number;
    if (m[2]) ordinal = -EN_ORDINALS[m[2]];
    else if (/next\s+to\s+last|penultimate/.test(m[0])) ordinal = -2;
    else if (/last/.test(m[0]) && !m[3]) ordinal = -1;
    else if (m[3]) ordinal = (m[4] === 'bottom' || m[4] === 'end' || m[4] === 'right' ? -1 : 1) * EN_ORDINALS[m[3]];
    else ordinal = Number(m[5]);
    return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.trim(), ordinal };
  }
  const zh = /(倒数)?第\s*([一二两三四五六七八九十]|\d{1,2})\s*(?:个|项|条|位|行|张|款|道)?|最后(?:一)?(?:个|项|条|位|行)?/.exec(text);
  if (zh) {
    const n = zh[2] ? (ZH_NUMBERS[zh[2]] ?? Number(zh[2])) : 1;
    const ordinal = zh[0].startsWith('最后') ? -1 : zh[1] ? -n : n;
    return { rest: `${text.slice(0, zh.index)} ${text.slice(zh.index + zh[0].length)}`.replace(/^\s*的/, '').trim(), ordinal };
  }
  return { rest: text };
}

const EN_REGION = /(?:^|\s)(?:(?:at|on|in|near|to)\s+)?(?:the\s+)?(?:very\s+)?(top|upper|bottom|lower)?[\s-]*(left|right)?\s*(?:hand\s+)?(?:corner|side|edge|part|area)?(?:\s+of\s+the\s+(?:screen|page))?(?=\s|$)/g;
const ZH_REGIONS: Array<[RegExp, TargetRegion]> = [
  [/左上(?:角|方)?/, 'top-left'], [/右上(?:角|方)?/, 'top-right'], [/左下(?:角|方)?/, 'bottom-left'], [/右下(?:角|方)?/, 'bottom-right'],
  [/(?:屏幕)?(?:顶部|顶端|最上(?:面|方|边)?|上方|上面|上边)/, 'top'], [/(?:屏幕)?(?:底部|底端|最下(?:面|方|边)?|下方|下面|下边)/, 'bottom'],
  [/(?:左边|左侧|左面)/, 'left'], [/(?:右边|右侧|右面)/, 'right'], [/(?:正中间|中间|中央|正中)/, 'center'],
];

function takeRegion(text: string): { rest: string; region?: TargetRegion } {
  // English: only phrases that cannot be the element's own words ("at the top", "top-right corner", "on the left").
  for (const m of text.matchAll(EN_REGION)) {
    const [whole, vertical, horizontal] = m;
    if (!vertical && !horizontal) continue;
    const framed = /\b(at|on|in|near|to)\b/.test(whole) || /corner|side|edge|screen|page/.test(whole) || (vertical && horizontal);
    if (!framed) continue;
    const v = vertical === 'upper' ? 'top' : vertical === 'lower' ? 'bottom' : vertical;
    const region = (v && horizontal ? `${v}-${horizontal}` : v ?? horizontal) as TargetRegion;
    return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + whole.length)}`.replace(/\s+/g, ' ').trim(), region };
  }
  // A leading "top"/"bottom left" before more words reads as a place: "top switch", "bottom left button".
  const lead = /^(top|upper|bottom|lower)?[\s-]*(left|right)?\s+(?=\S)/.exec(text);
  if (lead && (lead[1] || lead[2]) && text.slice(lead[0].length).trim() !== '') {
    const v = lead[1] === 'upper' ? 'top' : lead[1] === 'lower' ? 'bottom' : lead[1];
    return { rest: text.slice(lead[0].length).trim(), region: (v && lead[2] ? `${v}-${lead[2]}` : v ?? lead[2]) as TargetRegion };
  }
  if (/\b(?:in\s+the\s+)?(?:middle|center|centre)\s+of\s+the\s+screen\b/.test(text)) {
    return { rest: text.replace(/\b(?:in\s+the\s+)?(?:middle|center|centre)\s+of\s+the\s+screen\b/, ' ').replace(/\s+/g, ' ').trim(), region: 'center' };
  }
  for (const [re, region] of ZH_REGIONS) {
    const m = new RegExp(`(?:在|位于)?${re.source}(?:的)?`).exec(text);
    if (m) return { rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(), region };
  }
  return { rest: text };
}

function stripFillers(text: string): string {
  return text
    .replace(/^(?:please\s+)?(?:tap|click|press|select|choose|hit|touch)(?:\s+on)?\s+/, '')
    .replace(/^(?:请)?(?:点击|点一下|点按|轻触|选择|按下|点)/, '')
    .replace(/(^|\s)(?:the|a|an|that|which|with|says|saying|labeled|labelled|called|named|marked|text|one|for|of|at|and|is)(?=\s|$)/g, ' ')
    .replace(/(?:那个|这个|一个|和|跟|与)/g, ' ')
    .replace(/的/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
