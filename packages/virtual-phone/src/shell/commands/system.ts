// System tools over the phone's state: ps, pidof, kill, logcat, uname, svc, content (the
// settings provider), stty, env, which, toybox, remount.
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import type { LogBuffer, LogEntry, LogLevel } from '../../android/logcat';
import type { ProcessInfo } from '../../android/process-table';

const COLUMNS: Record<string, { head: string; width: number; left?: boolean; value: (p: ProcessInfo) => string }> = {
  USER: { head: 'USER', width: 12, left: true, value: (p) => p.user },
  PID: { head: 'PID', width: 5, value: (p) => String(p.pid) },
  PPID: { head: 'PPID', width: 5, value: (p) => String(p.ppid) },
  VSZ: { head: 'VSZ', width: 9, value: (p) => String(p.vsz) },
  RSS: { head: 'RSS', width: 6, value: (p) => String(p.rss) },
  WCHAN: { head: 'WCHAN', width: 16, left: true, value: (p) => p.wchan },
  ADDR: { head: 'ADDR', width: 4, value: () => '0' },
  S: { head: 'S', width: 1, value: (p) => p.state },
  NAME: { head: 'NAME', width: 0, left: true, value: (p) => p.name },
  CMD: { head: 'CMD', width: 0, left: true, value: (p) => p.name },
  ARGS: { head: 'ARGS', width: 0, left: true, value: (p) => p.args },
  CMDLINE: { head: 'CMDLINE', width: 0, left: true, value: (p) => p.args },
};

const ps: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let all = false;
  let fields = ['USER', 'PID', 'PPID', 'VSZ', 'RSS', 'WCHAN', 'ADDR', 'S', 'NAME'];
  let pids: number[] | null = null;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-A' || a === '-e' || a === 'aux' || a === '-ef') all = true;
    else if (a === '-o') fields = (args[++i] ?? '').split(',').map((f) => f.toUpperCase());
    else if (a === '-p') { pids = (args[++i] ?? '').split(',').map(Number); all = true; }
    else if (a.startsWith('-')) {
      if (!/^-[AefwTtlZ]+$/.test(a)) { writeLine(ctx.stderr, `ps: Unknown option '${a.slice(1)}'`); return 1; }
      if (/[Ae]/.test(a)) all = true;
    } else names.push(a);
  }
  const unknown = fields.find((f) => !COLUMNS[f]);
  if (unknown) {
    writeLine(ctx.stderr, `ps: bad -o ${unknown}`);
    return 1;
  }
  let list = ctx.device.processes.list();
  if (pids) list = list.filter((p) => pids!.includes(p.pid));
  else if (names.length) list = list.filter((p) => names.includes(p.name));
  // Without -A, toybox ps shows this session's processes (same tty): the shell and its children.
  else if (!all) list = list.filter((p) => p.user === 'shell' && p.name !== 'adbd');
  const format = (col: (typeof COLUMNS)[string], value: string, last: boolean): string =>
    last ? value : col.left ? value.padEnd(col.width) : value.padStart(col.width);
  const row = (values: string[]): string => values.map((v, k) => format(COLUMNS[fields[k]], v, k === values.length - 1)).join(' ');
  writeLine(ctx.stdout, row(fields.map((f) => COLUMNS[f].head)));
  for (const p of list) writeLine(ctx.stdout, row(fields.map((f) => COLUMNS[f].value(p))));
  return list.length || !pids ? 0 : 1;
};

const pidof: ShellCommand = (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const single = ctx.argv.includes('-s');
  const found = ctx.device.processes.list().filter((p) => names.includes(p.name) || names.includes(p.args.split(' ')[0])).map((p) => p.pid).sort((a, b) => b - a);
  if (found.length === 0) return 1;
  writeLine(ctx.stdout, (single ? found.slice(0, 1) : found).join(' '));
  return 0;
};

const kill: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && a !== 'TERM' && a !== 'KILL');
  if (args.length === 0) {
    writeLine(ctx.stderr, 'kill: Needs 1 argument');
    return 1;
  }
  let status = 0;
  for (const a of args) {
    const pid = Number(a);
    const target = ctx.device.processes.list().find((p) => p.pid === pid);
    if (!Number.isInteger(pid) || !target) {
      writeLine(ctx.stderr, `kill: ${a}: No such process`);
      status = 1;
    } else if (target.user !== 'shell') {
      // The shell user may signal only its own processes.
      writeLine(ctx.stderr, `kill: ${a}: Operation not permitted`);
      status = 1;
    } else {
      ctx.device.processes.kill(pid);
    }
  }
  return status;
};

const LEVELS: LogLevel[] = ['V', 'D', 'I', 'W', 'E', 'F'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatEntry(e: LogEntry, format: string): string {
  const d = new Date(e.at);
  const time = `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  switch (format) {
    case 'brief': return `${e.level}/${e.tag}(${String(e.pid).padStart(5)}): ${e.message}`;
    case 'tag': return `${e.level}/${e.tag}: ${e.message}`;
    case 'process': return `${e.level}(${String(e.pid).padStart(5)}) ${e.message}  (${e.tag})`;
    case 'raw': return e.message;
    case 'time': return `${time} ${e.level}/${e.tag}(${String(e.pid).padStart(5)}): ${e.message}`;
    default: return `${time} ${String(e.pid).padStart(5)} ${String(e.tid).padStart(5)} ${e.level} ${e.tag.padEnd(8)}: ${e.message}`;
  }
}

const logcat: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let dump = false;
  let format = 'threadtime';
  let tail: number | null = null;
  let max = Infinity;
  let pid: number | null = null;
  let silentByDefault = false;
  const filters = new Map<string, LogLevel | 'S'>();
  const buffers = new Set<LogBuffer>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d') dump = true;
    else if (a === '-c') {
      ctx.device.logcat.clear(buffers.size ? buffers : undefined);
      return 0;
    } else if (a === '-v') format = args[++i] ?? 'threadtime';
    else if (a === '-t') { tail = Number(args[++i]); dump = true; }
    else if (a === '-T') tail = Number(args[++i]);
    else if (a === '-m') max = Number(args[++i]);
    else if (a.startsWith('--pid=')) pid = Number(a.slice(6));
    else if (a === '--pid') pid = Number(args[++i]);
    else if (a === '-b') for (const b of (args[++i] ?? '').split(',')) { if (b === 'all' || b === 'default') ['main', 'system', 'crash', 'events'].forEach((x) => buffers.add(x as LogBuffer)); else buffers.add(b as LogBuffer); }
    else if (a === '-s') silentByDefault = true;
    else if (a.startsWith('-')) {
      if (!['-B', '-D', '-S'].includes(a)) { writeLine(ctx.stderr, `logcat: unrecognized option '${a}'`); return 1; }
    } else {
      const [tag, level] = a.split(':');
      const l = (level ?? 'V').toUpperCase();
      if (![...LEVELS, 'S', '*'].includes(l)) { writeLine(ctx.stderr, `logcat: Invalid filter expression '${a}'`); return 1; }
      filters.set(tag, (l === '*' ? 'V' : l) as LogLevel | 'S');
      if (!level && silentByDefault) filters.set(tag, 'V');
    }
  }
  if (silentByDefault && !filters.has('*')) filters.set('*', 'S');
  const wantBuffers = buffers.size ? buffers : new Set<LogBuffer>(['main', 'system', 'crash']);
  const passes = (e: LogEntry): boolean => {
    if (!wantBuffers.has(e.buffer) || (pid !== null && e.pid !== pid)) return false;
    const rule = filters.get(e.tag) ?? filters.get('*') ?? 'V';
    return rule !== 'S' && LEVELS.indexOf(e.level) >= LEVELS.indexOf(rule);
  };
  let printed = 0;
  const print = (e: LogEntry): boolean => {
    if (!passes(e)) return true;
    writeLine(ctx.stdout, formatEntry(e, format));
    return ++printed < max;
  };
  let existing = ctx.device.logcat.entries().filter(passes);
  if (tail !== null) existing = existing.slice(-tail);
  const headers = !dump || existing.length > 0;
  let lastBuffer: LogBuffer | null = null;
  for (const e of existing) {
    if (headers && e.buffer !== lastBuffer) { writeLine(ctx.stdout, `--------- beginning of ${e.buffer}`); lastBuffer = e.buffer; }
    if (!print(e)) return 0;
  }
  if (dump) return 0;
  // Follow: keep printing until the host goes away (or -m entries were shown).
  await new Promise<void>((resolve) => {
    const stop = ctx.device.logcat.follow((e) => { if (!print(e)) { stop(); resolve(); } });
    ctx.signal.addEventListener('abort', () => { stop(); resolve(); }, { once: true });
  });
  return 0;
};

const KERNEL = { release: '5.15.137-android14-11-g5a1e5b8c9d7f-ab11583682', version: '#1 SMP PREEMPT Mon Feb 5 12:00:00 UTC 2024', machine: 'aarch64' };

const uname: ShellCommand = (ctx) => {
  const flags = ctx.argv.slice(1).join('').replace(/-/g, '') || 's';
  const bad = [...flags].find((f) => !'asnrvmpio'.includes(f));
  if (bad) {
    writeLine(ctx.stderr, `uname: Unknown option '${bad}'`);
    return 1;
  }
  const parts: Array<[string, string]> = [['s', 'Linux'], ['n', 'localhost'], ['r', KERNEL.release], ['v', KERNEL.version], ['m', KERNEL.machine], ['o', 'Toybox']];
  writeLine(ctx.stdout, parts.filter(([f]) => flags.includes('a') || flags.includes(f)).map(([, v]) => v).join(' '));
  return 0;
};

const SVC_USAGE: Record<string, string> = {
  wifi: 'Control the Wi-Fi manager\n\nusage: svc wifi [enable|disable]\n         Turn Wi-Fi on or off.\n',
  data: 'Control mobile data connectivity\n\nusage: svc data [enable|disable]\n         Turn mobile data on or off.\n',
  bluetooth: 'Control Bluetooth service\n\nusage: svc bluetooth [enable|disable]\n         Turn Bluetooth on or off.\n',
  power: 'Control the power manager\n\nusage: svc power stayon [true|false|usb|ac|wireless]\n         Set the \'keep awake while plugged in\' setting.\n       svc power reboot [reason]\n       svc power shutdown\n',
};

const svc: ShellCommand = (ctx) => {
  const [service, verb, arg] = ctx.argv.slice(1);
  const android = ctx.device.android;
  const toggle = (key: string): number => {
    if (verb !== 'enable' && verb !== 'disable') { ctx.stdout.write(SVC_USAGE[service!]); return 0; }
    android.putSetting('global', key, verb === 'enable' ? '1' : '0');
    ctx.device.log.add('input', `svc ${service} ${verb}`, { service, verb });
    return 0;
  };
  switch (service) {
    case 'wifi': return toggle('wifi_on');
    case 'bluetooth': return toggle('bluetooth_on');
    case 'data': return toggle('mobile_data');
    case 'power':
      if (verb === 'stayon') {
        const value = { true: '7', false: '0', usb: '2', ac: '1', wireless: '4' }[arg ?? ''];
        if (value === undefined) { ctx.stdout.write(SVC_USAGE.power); return 0; }
        android.putSetting('global', 'stay_on_while_plugged_in', value);
        return 0;
      }
      ctx.stdout.write(SVC_USAGE.power);
      return 0;
    default:
      writeLine(ctx.stdout, 'Available commands:');
      for (const [name, usage] of Object.entries(SVC_USAGE)) writeLine(ctx.stdout, `    ${name.padEnd(10)}${usage.split('\n')[0]}`);
      return service ? 1 : 0;
  }
};

type Namespace = 'global' | 'system' | 'secure';

/** `content query|insert|update|delete --uri content://settings/NS ...`: the settings provider. */
const content: ShellCommand = (ctx) => {
  const [verb, ...args] = ctx.argv.slice(1);
  let uri = '';
  let where: string | null = null;
  let projection: string[] | null = null;
  const binds = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--uri') uri = args[++i] ?? '';
    else if (a === '--where') where = args[++i] ?? '';
    else if (a === '--projection') projection = (args[++i] ?? '').split(':');
    else if (a === '--bind') {
      const m = /^([^:]+):[a-z]:(.*)$/s.exec(args[++i] ?? '');
      if (m) binds.set(m[1], m[2]);
    } else if (a === '--user' || a === '--sort' || a === '--arg' || a === '--extra') i++;
  }
  if (!verb || !uri) {
    writeLine(ctx.stderr, 'usage: adb shell content [subcommand] [options]');
    return 1;
  }
  const m = /^content:\/\/settings\/(global|system|secure)(?:\/([^/]+))?$/.exec(uri);
  if (!m) {
    writeLine(ctx.stderr, `Error while accessing provider:${uri.replace(/^content:\/\//, '').split('/')[0]}`);
    writeLine(ctx.stderr, `java.lang.IllegalArgumentException: Unknown URI ${uri}`);
    return 1;
  }
  const ns = m[1] as Namespace;
  const android = ctx.device.android;
  const whereName = where === null ? m[2] ?? null : /^\s*name\s*=\s*'([^']*)'\s*$/.exec(where)?.[1] ?? undefined;
  if (whereName === undefined) {
    writeLine(ctx.stderr, `Error while accessing provider:settings`);
    writeLine(ctx.stderr, `java.lang.IllegalArgumentException: Supported SQL:\n  uri content://some/table/some_row\n  uri content://some/table and "name = 'some_row'" selection`);
    return 1;
  }
  const rows = Object.entries(android.snapshot().settings).filter(([k]) => k.startsWith(`${ns}/`)).map(([k, value]) => ({ name: k.slice(ns.length + 1), value }));
  switch (verb) {
    case 'query': {
      const selected = whereName === null ? rows.sort((a, b) => a.name.localeCompare(b.name)) : rows.filter((r) => r.name === whereName);
      if (selected.length === 0) { writeLine(ctx.stdout, 'No result found.'); return 0; }
      const cols = projection ?? ['_id', 'name', 'value'];
      selected.forEach((r, k) => {
        const values: Record<string, string> = { _id: String(k + 1), name: r.name, value: r.value };
        writeLine(ctx.stdout, `Row: ${k} ${cols.map((c) => `${c}=${values[c] ?? 'NULL'}`).join(', ')}`);
      });
      return 0;
    }
    case 'insert': case 'update': {
      const name = binds.get('name') ?? whereName;
      const value = binds.get('value');
      if (!name || value === undefined) { writeLine(ctx.stderr, 'Error: --bind name:s:NAME and --bind value:TYPE:VALUE are required'); return 1; }
      android.putSetting(ns, name, value);
      ctx.device.log.add('input', `content ${verb} settings ${ns} ${name} ${value}`, { namespace: ns, key: name, value });
      return 0;
    }
    case 'delete':
      if (!whereName) { writeLine(ctx.stderr, 'Error: --where "name=\'NAME\'" is required'); return 1; }
      android.deleteSetting(ns, whereName);
      return 0;
    default:
      writeLine(ctx.stderr, `Unsupported operation: ${verb}`);
      return 1;
  }
};

const stty: ShellCommand = (ctx) => {
  if (!ctx.terminal) {
    writeLine(ctx.stderr, 'stty: not a tty');
    return 1;
  }
  const args = ctx.argv.slice(1);
  if (args[0] === 'size') writeLine(ctx.stdout, `${ctx.terminal.rows} ${ctx.terminal.cols}`);
  else if (args.length === 0) writeLine(ctx.stdout, `speed 38400 baud; rows ${ctx.terminal.rows}; columns ${ctx.terminal.cols}; line = 0;`);
  return 0;
};

const env: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const extra: string[] = [];
  while (args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) extra.push(args.shift()!);
  if (args.length === 0) {
    const all = { ...ctx.env, ...Object.fromEntries(extra.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])) };
    for (const [k, v] of Object.entries(all)) writeLine(ctx.stdout, `${k}=${v}`);
    return 0;
  }
  const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
  return ctx.runScript([...extra.map((e) => `export ${quote(e)};`), ...args.map(quote)].join(' '));
};

function makeWhich(table: () => ReadonlySet<string>): ShellCommand {
  return (ctx) => {
    let status = 0;
    for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
      if (table().has(name)) writeLine(ctx.stdout, `/system/bin/${name}`);
      else status = 1;
    }
    return status;
  };
}

export function systemCommands(names: () => ReadonlySet<string>, run: (name: string) => ShellCommand | undefined): Record<string, ShellCommand> {
  return {
    ps, pidof, kill, logcat, uname, svc, content, stty, env,
    which: makeWhich(names),
    toybox: (ctx: CommandContext) => {
      const [name, ...rest] = ctx.argv.slice(1);
      const impl = name ? run(name) : undefined;
      if (!impl) {
        writeLine(ctx.stderr, name ? `toybox: Unknown command ${name}` : 'usage: toybox [--long | --help | --version | [COMMAND] [ARGUMENTS...]]');
        return 1;
      }
      return impl({ ...ctx, argv: [name!, ...rest] });
    },
    remount: (ctx) => {
      // fs_mgr's remount on a user build: adbd runs as shell.
      writeLine(ctx.stderr, 'Not running as root. Try "adb root" first.');
      return 1;
    },
  };
}
