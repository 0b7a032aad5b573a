// settings get|put|delete|list and ime list|set|enable.
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import { DEFAULT_IME } from './dumpsys';

type Namespace = 'global' | 'system' | 'secure';
const NAMESPACES = new Set<Namespace>(['global', 'system', 'secure']);

const SETTINGS_USAGE = `usage:  settings [--user <USER_ID> | current] get namespace key
        settings [--user <USER_ID> | current] put namespace key value
        settings [--user <USER_ID> | current] delete namespace key
        settings [--user <USER_ID> | current] list namespace

'namespace' is one of {system, secure, global}, case-insensitive`;

const settings: ShellCommand = (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === '--user') args = args.slice(2);
  const [verb, nsRaw, key, ...valueParts] = args;
  const ns = nsRaw?.toLowerCase() as Namespace;
  if (!verb || !NAMESPACES.has(ns)) {
    writeLine(ctx.stderr, SETTINGS_USAGE);
    return 255;
  }
  const android = ctx.device.android;
  switch (verb) {
    case 'get':
      if (!key) break;
      writeLine(ctx.stdout, android.getSetting(ns, key) ?? 'null');
      return 0;
    case 'put':
      if (!key || valueParts.length === 0) break;
      android.putSetting(ns, key, valueParts[0]);
      ctx.device.log.add('input', `settings put ${ns} ${key} ${valueParts[0]}`, { namespace: ns, key, value: valueParts[0] });
      return 0;
    case 'delete':
      if (!key) break;
      writeLine(ctx.stdout, `Deleted ${android.deleteSetting(ns, key) ? 1 : 0} rows`);
      ctx.device.log.add('input', `settings delete ${ns} ${key}`, { namespace: ns, key });
      return 0;
    case 'list': {
      const all = android.snapshot().settings;
      for (const [k, v] of Object.entries(all).sort()) if (k.startsWith(`${ns}/`)) writeLine(ctx.stdout, `${k.slice(ns.length + 1)}=${v}`);
      return 0;
    }
  }
  writeLine(ctx.stderr, SETTINGS_USAGE);
  return 255;
};

function enabledImes(ctx: CommandContext): string[] {
  const extra = ctx.device.android.getSetting('secure', 'enabled_input_methods');
  const list = extra ? extra.split(':').filter(Boolean) : [];
  return list.includes(DEFAULT_IME) ? list : [DEFAULT_IME, ...list];
}

const ime: ShellCommand = (ctx) => {
  const [verb, ...args] = ctx.argv.slice(1);
  const android = ctx.device.android;
  switch (verb) {
    case 'list': {
      const short = args.includes('-s');
      for (const id of enabledImes(ctx)) {
        if (short) writeLine(ctx.stdout, id);
        else {
          writeLine(ctx.stdout, `${id}:`);
          writeLine(ctx.stdout, `  mId=${id} mSettingsActivity=null`);
        }
      }
      return 0;
    }
    case 'set': {
      const id = args.filter((a) => !a.startsWith('--user')).pop() ?? '';
      if (!enabledImes(ctx).includes(id)) {
        writeLine(ctx.stderr, `Unknown input method ${id} cannot be selected for user #0`);
        return 255;
      }
      android.putSetting('secure', 'default_input_method', id);
      ctx.device.log.add('input', `ime set ${id}`, { id });
      writeLine(ctx.stdout, `Input method ${id} selected for user #0`);
      return 0;
    }
    case 'enable': {
      // Only installed IMEs can be enabled; this phone ships just the stock keyboard.
      const id = args.filter((a) => !a.startsWith('--user')).pop() ?? '';
      if (!enabledImes(ctx).includes(id)) {
        writeLine(ctx.stderr, `Unknown input method ${id} cannot be enabled for user #0`);
        return 255;
      }
      writeLine(ctx.stdout, `Input method ${id}: already enabled for user #0`);
      return 0;
    }
    case 'reset':
      android.putSetting('secure', 'default_input_method', DEFAULT_IME);
      writeLine(ctx.stdout, `Reset current and enabled IMEs for user #0`);
      writeLine(ctx.stdout, `  Selected: ${DEFAULT_IME}`);
      return 0;
    default:
      writeLine(ctx.stderr, 'ime <command>:');
      writeLine(ctx.stderr, '  list [-a] [-s]');
      writeLine(ctx.stderr, '  set [--user <USER_ID>] <ID>');
      return verb ? 255 : 0;
  }
};

export const settingsCommands: Record<string, ShellCommand> = { settings, ime };
