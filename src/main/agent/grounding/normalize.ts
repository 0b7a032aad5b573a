// Text as the grounder compares it: full-width forms folded (ＷＬＡＮ -> wlan), case and accents
// dropped (Café -> cafe), punctuation turned into spaces except inside numbers ($18.00), and
// tokens that work for both scripts: words for Latin text, one token per character for CJK
// (Chinese has no spaces; "搜索" must find "搜索美食").

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;

export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    // Keep a dot or comma between digits (prices, versions); everything else that is not a letter,
    // a digit or a currency sign separates words.
    .replace(/(\d)[.,](?=\d)/g, '$1\uE000')
    .replace(/[^\p{L}\p{N}\s$¥€£%+#@\uE000]/gu, ' ')
    .replace(/\uE000/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tokens of normalized text: Latin words and single CJK characters. */
export function tokensOf(normalized: string): string[] {
  return normalized.replace(CJK_RUN, ' $1 ').split(' ').filter((t) => t !== '');
}

export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** Words ids are built from that say how a view is made, not what it is. */
const STRUCTURAL = new Set(['item', 'row', 'view', 'layout', 'container', 'wrapper', 'holder', 'frame', 'widget', 'cell', 'group', 'panel', 'root']);

/** Words of a resource id: `com.x:id/send_message_button` -> `send message button`, `contact_row` -> `contact`. */
export function idWords(resourceId: string): string {
  const slash = resourceId.lastIndexOf('/');
  const name = slash >= 0 ? resourceId.slice(slash + 1) : resourceId;
  const words = normalizeText(name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ')).split(' ');
  const meaningful = words.filter((w) => !STRUCTURAL.has(w));
  return (meaningful.length ? meaningful : words).join(' ');
}

export function idWordsOf(el: { resourceId: string }): string {
  return el.resourceId ? idWords(el.resourceId) : '';
}

/** Levenshtein distance, stopping early past `max` (small typos only). */
export function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}
