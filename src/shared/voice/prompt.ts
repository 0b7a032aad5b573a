// whisper's initial prompt is capped at half the text context (224 tokens); app names average
// 2-3 tokens each plus the separator, so a character budget keeps well inside it.
const DEFAULT_MAX_CHARS = 400;

/**
 * A decoder prompt that makes the phone's app names likely spellings ("WeChat", "Alipay"
 * rather than "we chat", "Ali pay"). Names are deduplicated case-insensitively and kept in the
 * given order (callers put the most relevant first), cut at the budget on a whole name.
 */
export function buildInitialPrompt(appNames: readonly string[], options: { prefix?: string; maxChars?: number } = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const seen = new Set<string>();
  const names: string[] = [];
  let length = options.prefix?.length ?? 0;
  for (const raw of appNames) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = name.toLowerCase();
    if (!name || seen.has(key)) continue;
    const added = name.length + (names.length ? 2 : 0);
    if (length + added > maxChars) break;
    seen.add(key);
    names.push(name);
    length += added;
  }
  if (!names.length) return options.prefix ?? '';
  return `${options.prefix ?? ''}${names.join(', ')}.`;
}
