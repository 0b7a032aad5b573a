// How well one piece of an element's words matches the described target, 0..1: the same words
// score 1, the same thing said another way (WLAN for Wi-Fi) 0.96, then shares of the target's
// words found on the element and of the element's words the target used; small typos count as
// most of a word. Quoted targets must appear as they were quoted.
import { editDistanceWithin, hasCjk, normalizeText } from './normalize';
import type { TargetQuery } from './target-query';
import { CONCEPT_MARK, conceptTokens, sameToken } from './vocabulary';

export interface LabelText {
  /** Normalized text. */
  norm: string;
  /** Tokens with concepts, and each token's word-level parts. */
  tokens: string[];
  parts: string[][];
}

export function labelText(raw: string): LabelText {
  const norm = normalizeText(raw);
  return { norm, ...conceptTokens(norm) };
}

export function labelScore(query: TargetQuery, label: LabelText): number {
  if (label.norm === '' || query.words === '') return 0;
  if (query.quoted !== undefined) return quotedScore(query.quoted, label.norm);
  if (label.norm === query.words) return 1;
  const { covered, coverage } = overlap(query, label);
  if (covered === 0) return 0;
  const labelCoverage = overlap(label, query).coverage;
  if (coverage === 1 && labelCoverage === 1) return query.tokens.length === label.tokens.length ? 0.96 : 0.9;
  let score = 0.62 * coverage + 0.28 * labelCoverage;
  if (coverage === 1 && startsWithWords(label.norm, query.words)) score += 0.05;
  return Math.min(0.92, score);
}

/**
 * Share of `a`'s tokens found in `b`: as a token (1), as part of one of b's phrases ("cart" in
 * "add to cart": 0.85), as all of its own parts ("create contact" in "add contact": 0.9), as a
 * typo of a long word (0.8).
 */
function overlap(a: { tokens: string[]; parts: string[][] }, b: { tokens: string[]; parts: string[][] }): { covered: number; coverage: number } {
  if (a.tokens.length === 0) return { covered: 0, coverage: 0 };
  const whole = (t: string) => b.tokens.some((u) => sameToken(t, u));
  const inParts = (t: string) => b.parts.some((p) => p.length > 1 && p.some((u) => sameToken(t, u)));
  const anywhere = (t: string) => whole(t) || inParts(t);
  let covered = 0;
  a.tokens.forEach((t, i) => {
    if (whole(t)) covered += 1;
    else if (a.parts[i].length > 1 && a.parts[i].every(anywhere)) covered += 0.9;
    else if (inParts(t)) covered += 0.85;
    else if (t.length >= 5 && t[0] !== CONCEPT_MARK && b.tokens.some((u) => u.length >= 4 && u[0] !== CONCEPT_MARK && editDistanceWithin(t, u, 1))) covered += 0.8;
  });
  return { covered, coverage: covered / a.tokens.length };
}

function startsWithWords(label: string, words: string): boolean {
  if (!label.startsWith(words)) return false;
  return hasCjk(words) || label.length === words.length || label[words.length] === ' ';
}

function quotedScore(quoted: string, label: string): number {
  if (label === quoted) return 1;
  const at = label.indexOf(quoted);
  if (at < 0) return 0;
  if (hasCjk(quoted)) return 0.88;
  const before = at === 0 || label[at - 1] === ' ';
  const after = at + quoted.length === label.length || label[at + quoted.length] === ' ';
  return before && after ? 0.88 : 0;
}
