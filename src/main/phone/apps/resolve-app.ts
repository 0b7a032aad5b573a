// "Which installed app does the model mean?": the exact package, the exact label, the alias
// table (微信 = WeChat = com.tencent.mm), a unique prefix or substring, then the nearest label by
// edit distance (typos, "Setting", "Wechat "). Pure: the installed list comes from app-catalog.
import { APP_ALIASES, type AppAlias } from './app-aliases';

export interface LaunchableApp {
  packageName: string;
  /** '' when the source gives no labels (`pm list packages`). */
  label: string;
}

export type ResolvedBy = 'package' | 'label' | 'alias' | 'prefix' | 'fuzzy';

export interface ResolvedApp { app: LaunchableApp; by: ResolvedBy }

/** Case, width, spaces and punctuation do not distinguish app names. */
export function normalizeAppName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

function aliasFor(query: string): AppAlias | undefined {
  return APP_ALIASES.find((a) => a.names.some((n) => normalizeAppName(n) === query));
}

/** The last package segment stands in for a label when there is none (com.tencent.mm -> mm). */
function nameOf(app: LaunchableApp): string {
  return normalizeAppName(app.label || (app.packageName.split('.').pop() ?? ''));
}

export function resolveApp(query: string, apps: readonly LaunchableApp[]): ResolvedApp | undefined {
  const raw = query.trim();
  if (!raw) return undefined;
  const byPackage = apps.find((a) => a.packageName === raw);
  if (byPackage) return { app: byPackage, by: 'package' };
  const q = normalizeAppName(raw);
  if (!q) return undefined;
  const byLabel = apps.find((a) => a.label && normalizeAppName(a.label) === q);
  if (byLabel) return { app: byLabel, by: 'label' };
  const alias = aliasFor(q);
  if (alias) {
    const names = new Set(alias.names.map(normalizeAppName));
    for (const pkg of alias.packages) {
      const app = apps.find((a) => a.packageName === pkg);
      if (app) return { app, by: 'alias' };
    }
    const app = apps.find((a) => a.label && names.has(normalizeAppName(a.label)));
    if (app) return { app, by: 'alias' };
  }
  const prefixed = apps.filter((a) => nameOf(a).startsWith(q) || (q.length >= 2 && nameOf(a).includes(q)));
  if (prefixed.length === 1) return { app: prefixed[0], by: 'prefix' };
  // Close enough: one edit per four characters, at least one (CJK names are short).
  const limit = Math.max(1, Math.floor(Array.from(q).length / 4));
  let best: { app: LaunchableApp; d: number } | undefined;
  let tie = false;
  for (const app of apps) {
    const d = editDistance(q, nameOf(app));
    if (d > limit) continue;
    if (!best || d < best.d) { best = { app, d }; tie = false; } else if (d === best.d) tie = true;
  }
  return best && !tie ? { app: best.app, by: 'fuzzy' } : undefined;
}

/** Labels to suggest when nothing matched ("did you mean"). */
export function closestLabels(query: string, apps: readonly LaunchableApp[], count = 3): string[] {
  const q = normalizeAppName(query);
  return apps
    .filter((a) => a.label)
    .map((a) => ({ label: a.label, d: editDistance(q, normalizeAppName(a.label)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((a) => a.label);
}
