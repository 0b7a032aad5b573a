// The phone's launchable apps with their labels. Best source: the scrcpy server's
// `list_apps=true` (labels in the phone's language, no extra APK); without a server file,
// `pm list packages` gives package names only (the alias table still maps 微信 -> com.tencent.mm).
import type { LaunchableApp } from './resolve-app';

/**
 * scrcpy prints ` * Label<padding> package` (`*` system, `-` user app); a label longer than the
 * column is followed by the package alone on the next line.
 */
export function parseScrcpyAppList(output: string): LaunchableApp[] {
  const start = output.indexOf('List of apps:');
  if (start < 0) return [];
  const apps: LaunchableApp[] = [];
  let pendingLabel: string | undefined;
  for (const line of output.slice(start + 'List of apps:'.length).split(/\r?\n/)) {
    const entry = /^ [*-] (.+?)\s{2,}([\w.]+)\s*$/u.exec(line) ?? /^ [*-] (.+?) ([\w]+(?:\.[\w]+)+)\s*$/u.exec(line);
    if (entry) {
      apps.push({ label: entry[1].trim(), packageName: entry[2] });
      pendingLabel = undefined;
      continue;
    }
    const labelOnly = /^ [*-] (.+?)\s*$/u.exec(line);
    if (labelOnly) { pendingLabel = labelOnly[1]; continue; }
    const pkgOnly = /^\s+([\w]+(?:\.[\w]+)+)\s*$/.exec(line);
    if (pkgOnly && pendingLabel !== undefined) {
      apps.push({ label: pendingLabel, packageName: pkgOnly[1] });
      pendingLabel = undefined;
      continue;
    }
    if (line.startsWith('[server]')) break; // the next log line: the list is over
  }
  return apps;
}

/** `package:com.foo` lines (also `package:/path/base.apk=com.foo` with -f). */
export function parsePmPackages(output: string): LaunchableApp[] {
  const apps: LaunchableApp[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^package:(?:.*=)?([\w]+(?:\.[\w]+)+)\s*$/.exec(line.trim());
    if (m) apps.push({ packageName: m[1], label: '' });
  }
  return apps;
}
