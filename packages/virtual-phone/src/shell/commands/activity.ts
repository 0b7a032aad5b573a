// am, monkey, pm and `cmd package`: launching apps and asking about packages.
import { createHash } from 'node:crypto';
import type { InstalledApp } from '../../android/types';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';

/** `pkg/.Act` or `pkg/full.Class` -> full form; null if malformed. */
export function resolveComponent(spec: string): { packageName: string; className: string } | null {
  const slash = spec.indexOf('/');
  if (slash <= 0 || slash === spec.length - 1) return null;
  const packageName = spec.slice(0, slash);
  const cls = spec.slice(slash + 1);
  return { packageName, className: cls.startsWith('.') ? packageName + cls : cls };
}

/** `pkg/.Act` when the class lives in the package, as Android prints short component names. */
export function shortComponent(packageName: string, className: string): string {
  return `${packageName}/${className.startsWith(`${packageName}.`) ? className.slice(packageName.length) : className}`;
}

function findApp(ctx: CommandContext, packageName: string): InstalledApp | undefined {
  return ctx.device.android.installedApps().find((a) => a.packageName === packageName);
}

export function apkPath(app: InstalledApp): string {
  if (app.system) {
    const name = app.label.replace(/[^A-Za-z0-9]/g, '') || app.packageName.split('.').pop() || 'App';
    return `/system/priv-app/${name}/${name}.apk`;
  }
  const h = createHash('sha256').update(app.packageName).digest('base64url');
  return `/data/app/~~${h.slice(0, 22)}==/${app.packageName}-${h.slice(22, 44)}==/base.apk`;
}

function amStart(ctx: CommandContext, args: string[]): number {
  let component: string | null = null;
  let action: string | null = null;
  let wait = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') component = args[++i] ?? null;
    else if (a === '-a') action = args[++i] ?? null;
    else if (a === '-W') wait = true;
    else if (['-S', '-R', '-D', '-N', '--activity-clear-top', '--activity-new-task'].includes(a)) continue;
    else if (['-c', '-d', '-t', '-f', '--user', '--es', '--ei', '--ez'].includes(a)) i += a.startsWith('--e') ? 2 : 1;
    else if (!a.startsWith('-') && !component) component = a;
  }
  if (!component) {
    const intent = action ? `act=${action} ` : '';
    writeLine(ctx.stdout, `Starting: Intent { ${intent}}`);
    writeLine(ctx.stderr, 'Error: Activity not started, unable to resolve Intent { ' + intent + 'flg=0x10000000 }');
    return 1;
  }
  const resolved = resolveComponent(component);
  if (!resolved) {
    writeLine(ctx.stderr, `Error: Bad component name: ${component}`);
    return 1;
  }
  const full = `${resolved.packageName}/${resolved.className}`;
  const short = shortComponent(resolved.packageName, resolved.className);
  writeLine(ctx.stdout, `Starting: Intent { cmp=${short} }`);
  if (!ctx.device.android.startActivity(full)) {
    writeLine(ctx.stderr, 'Error type 3');
    writeLine(ctx.stderr, `Error: Activity class {${full}} does not exist.`);
    return 1;
  }
  ctx.device.log.add('input', `am start ${full}`, { component: full });
  if (wait) {
    writeLine(ctx.stdout, 'Status: ok');
    writeLine(ctx.stdout, 'LaunchState: COLD');
    writeLine(ctx.stdout, `Activity: ${short}`);
    writeLine(ctx.stdout, 'TotalTime: 312');
    writeLine(ctx.stdout, 'WaitTime: 318');
    writeLine(ctx.stdout, 'Complete');
  }
  return 0;
}

const am: ShellCommand = (ctx) => {
  const [sub, ...args] = ctx.argv.slice(1);
  switch (sub) {
    case 'start':
    case 'start-activity':
      return amStart(ctx, args);
    case 'force-stop':
    case 'kill': {
      const pkg = args.filter((a) => !a.startsWith('--user') && !/^\d+$/.test(a)).pop();
      if (!pkg) {
        writeLine(ctx.stderr, `Error: no package specified`);
        return 1;
      }
      ctx.device.android.forceStop(pkg);
      ctx.device.log.add('input', `am ${sub} ${pkg}`, { packageName: pkg });
      return 0;
    }
    case 'broadcast':
      return amBroadcast(ctx, args);
    default:
      writeLine(ctx.stderr, sub ? `Unknown command: ${sub}` : 'Activity manager (activity) commands:');
      return sub ? 255 : 0;
  }
};

/** `am broadcast`: no receiver on this phone handles app-defined actions (no ADB Keyboard), so result 0. */
function amBroadcast(ctx: CommandContext, args: string[]): number {
  let action: string | null = null;
  let component: string | null = null;
  let pkg: string | null = null;
  let extras = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-a') action = args[++i] ?? null;
    else if (a === '-n') component = args[++i] ?? null;
    else if (a === '-p') pkg = args[++i] ?? null;
    else if (/^--e[sizlfb]$|^--e$|^--esn$|^--eu$/.test(a)) { extras = true; i += a === '--esn' ? 1 : 2; }
    else if (a === '--user' || a === '-c' || a === '-d' || a === '-t' || a === '-f' || a === '--receiver-permission') i++;
  }
  const parts = [action ? `act=${action}` : null, 'flg=0x400000', component ? `cmp=${component}` : null, pkg ? `pkg=${pkg}` : null].filter(Boolean);
  writeLine(ctx.stdout, `Broadcasting: Intent { ${parts.join(' ')}${extras ? ' (has extras)' : ''} }`);
  writeLine(ctx.stdout, 'Broadcast completed: result=0');
  ctx.device.log.add('input', `am broadcast ${action ?? ''}`.trim(), { action, component, package: pkg });
  return 0;
}

function uninstall(ctx: CommandContext, args: string[]): number {
  const forUser = args.includes('--user');
  const pkg = args.filter((a, k) => !a.startsWith('-') && args[k - 1] !== '--user').pop() ?? '';
  const app = findApp(ctx, pkg);
  // A system app cannot be removed, only hidden for a user (--user 0); unknown packages fail the same way.
  if (!app || (app.system && !forUser) || !ctx.device.android.uninstall?.(pkg)) {
    writeLine(ctx.stdout, 'Failure [DELETE_FAILED_INTERNAL_ERROR]');
    return 1;
  }
  ctx.device.log.add('exec', `package uninstall ${pkg}`, { packageName: pkg });
  writeLine(ctx.stdout, 'Success');
  return 0;
}

const monkey: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  for (const a of args) writeLine(ctx.stdout, `  bash arg: ${a}`);
  const packages: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '-p') packages.push(args[++i]);
  const count = Number(args[args.length - 1]);
  const pkg = packages[0];
  if (!pkg || !Number.isFinite(count)) {
    writeLine(ctx.stderr, '** Error: Count not specified');
    return 1;
  }
  if (!findApp(ctx, pkg) || !ctx.device.android.launchPackage(pkg)) {
    writeLine(ctx.stdout, '** No activities found to run, monkey aborted.');
    return 252;
  }
  ctx.device.log.add('input', `monkey launch ${pkg}`, { packageName: pkg });
  writeLine(ctx.stdout, `Events injected: ${count}`);
  writeLine(ctx.stdout, '## Network stats: elapsed time=21ms (0ms mobile, 0ms wifi, 21ms not connected)');
  return 0;
};

async function installFromStream(ctx: CommandContext, args: string[]): Promise<number> {
  const sizeAt = args.indexOf('-S');
  const size = sizeAt >= 0 ? Number(args[sizeAt + 1]) : NaN;
  if (!Number.isFinite(size) || size <= 0) {
    writeLine(ctx.stderr, 'Error: APK content must be streamed with -S SIZE');
    return 1;
  }
  let apk: Buffer;
  try {
    apk = await ctx.stdin.read(size);
  } catch {
    writeLine(ctx.stdout, 'Failure [INSTALL_FAILED_INVALID_APK: Failed to write all bytes of the APK]');
    return 1;
  }
  // The session's staged file: PackageInstallerSession parses it (ApkLiteParseUtils) before anything else.
  const staged = `/data/app/vmdl${1_000_000_000 + Math.floor(Math.random() * 999_999_999)}.tmp/base.apk`;
  const entries = zipEntryNames(apk);
  if (entries === null) {
    writeLine(ctx.stdout, `Failure [INSTALL_PARSE_FAILED_NOT_APK: Failed to parse ${staged}: Failed to load asset path ${staged}]`);
    return 1;
  }
  if (!entries.includes('AndroidManifest.xml')) {
    writeLine(ctx.stdout, `Failure [INSTALL_PARSE_FAILED_UNEXPECTED_EXCEPTION: Failed to parse ${staged}]`);
    return 1;
  }
  const path = `/data/local/tmp/installed-${Date.now()}.apk`;
  ctx.device.fs.writeFile(path, apk);
  ctx.device.log.add('exec', `package install ${size} bytes`, { size, path });
  writeLine(ctx.stdout, 'Success');
  return 0;
}

/** Entry names from a zip's central directory, or null when the bytes are not a zip archive. */
export function zipEntryNames(zip: Buffer): string[] | null {
  const min = Math.max(0, zip.length - 65_557);
  let eocd = -1;
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = zip.readUInt16LE(p + 28);
    names.push(zip.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return names;
}

function listPackages(ctx: CommandContext, args: string[]): number {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const filter = args.find((a) => !a.startsWith('-'));
  let apps = ctx.device.android.installedApps();
  if (flags.includes('3')) apps = apps.filter((a) => !a.system);
  if (flags.includes('s')) apps = apps.filter((a) => a.system);
  if (filter) apps = apps.filter((a) => a.packageName.includes(filter));
  for (const app of apps) {
    const path = flags.includes('f') ? `${apkPath(app)}=` : '';
    writeLine(ctx.stdout, `package:${path}${app.packageName}`);
  }
  return 0;
}

async function packageManager(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      if (rest[0] === 'packages') return listPackages(ctx, rest.slice(1));
      writeLine(ctx.stderr, `Error: unknown list type '${rest[0] ?? ''}'`);
      return 1;
    case 'path': {
      const app = findApp(ctx, rest.filter((a) => !a.startsWith('-')).pop() ?? '');
      if (!app) return 1;
      writeLine(ctx.stdout, `package:${apkPath(app)}`);
      return 0;
    }
    case 'clear': {
      const pkg = rest.filter((a) => !a.startsWith('-')).pop() ?? '';
      if (!findApp(ctx, pkg)) {
        writeLine(ctx.stdout, 'Failed');
        return 1;
      }
      ctx.device.android.forceStop(pkg);
      writeLine(ctx.stdout, 'Success');
      return 0;
    }
    case 'install':
      return installFromStream(ctx, rest);
    case 'uninstall':
      return uninstall(ctx, rest);
    case 'grant':
    case 'revoke':
      return 0;
    default:
      writeLine(ctx.stderr, sub ? `Unknown command: ${sub}` : 'Package manager (package) commands:');
      return sub ? 255 : 0;
  }
}

const cmd: ShellCommand = async (ctx) => {
  const [service, ...args] = ctx.argv.slice(1);
  if (service === 'package') return packageManager(ctx, args);
  if (service === 'activity') return am({ ...ctx, argv: ['am', ...args] });
  if (service === 'window') return 255;
  writeLine(ctx.stderr, `cmd: Can't find service: ${service ?? ''}`);
  return 20;
};

export const activityCommands: Record<string, ShellCommand> = {
  am,
  monkey,
  pm: (ctx) => packageManager(ctx, ctx.argv.slice(1)),
  cmd,
};
