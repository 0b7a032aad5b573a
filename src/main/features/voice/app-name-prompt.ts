// Which of the phone's app names go into whisper's initial prompt, most likely first: the
// apps the user installed, then the common system apps people name (Settings, Messages,
// Camera: the alias table), then the rest. Each app contributes its label and, when the alias
// table knows the package, the name people use for it in the phone's language (微信 on a zh-CN
// phone whose label is "WeChat"; the only name of an app listed without labels). Pure.
import { buildInitialPrompt } from '../../../shared/voice/prompt';
import { APP_ALIASES, type AppAlias } from '../../phone/apps/app-aliases';
import type { LaunchableApp } from '../../phone/apps/resolve-app';

export interface AppNamePromptOptions {
  /** Packages the user installed (`pm list packages -3`); unknown: every app counts alike. */
  userPackages?: ReadonlySet<string>;
  /** The phone's locale (persist.sys.locale, e.g. "zh-CN"); picks the alias names' language. */
  locale?: string;
  /** Character budget of the whole prompt (default: buildInitialPrompt's, well under 224 tokens). */
  maxChars?: number;
}

const HAN = /\p{Script=Han}/u;

const aliasByPackage = new Map<string, AppAlias>();
for (const alias of APP_ALIASES) for (const pkg of alias.packages) if (!aliasByPackage.has(pkg)) aliasByPackage.set(pkg, alias);

/** The alias table's first name in the phone's script: Chinese for zh-*, Latin otherwise. */
function localeAlias(alias: AppAlias, chinese: boolean): string | undefined {
  return alias.names.find((n) => HAN.test(n) === chinese);
}

/** The names to put in the prompt, most likely first, deduplicated (not yet capped). */
export function appNamesForPrompt(apps: readonly LaunchableApp[], options: AppNamePromptOptions = {}): string[] {
  const chinese = /^zh\b/i.test(options.locale ?? '');
  const tierOf = (app: LaunchableApp): number => {
    if (!options.userPackages || options.userPackages.has(app.packageName)) return 0;
    return aliasByPackage.has(app.packageName) ? 1 : 2;
  };
  // A stable sort keeps the catalog's order within a tier.
  const ranked = apps.map((app, index) => ({ app, index, tier: tierOf(app) }))
    .sort((a, b) => a.tier - b.tier || a.index - b.index);
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string | undefined) => {
    const trimmed = name?.replace(/\s+/g, ' ').trim();
    if (!trimmed || seen.has(trimmed.toLowerCase())) return;
    seen.add(trimmed.toLowerCase());
    names.push(trimmed);
  };
  for (const { app } of ranked) {
    add(app.label);
    const alias = aliasByPackage.get(app.packageName);
    if (alias) add(localeAlias(alias, chinese));
  }
  return names;
}

/** whisper's initial prompt for a phone with these apps ('' when none has a usable name). */
export function appNamePrompt(apps: readonly LaunchableApp[], options: AppNamePromptOptions = {}): string {
  return buildInitialPrompt(appNamesForPrompt(apps, options), { maxChars: options.maxChars });
}
