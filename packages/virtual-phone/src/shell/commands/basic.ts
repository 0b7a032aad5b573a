// Toybox-style basics: echo, true, false, sleep, date, cat, ls, rm, mkdir, touch, grep, id.
import { FsError, MemoryFs } from '../../fs/memory-fs';
import { readDenied, writeDenied } from '../../fs/shell-access';
import { sleep } from '../../latency';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import { echoEscapes } from '../builtins';

const echo: ShellCommand = ({ argv, stdout }) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  const joined = args.join(' ');
  const { text, stop } = escapes ? echoEscapes(joined) : { text: joined, stop: false };
  stdout.write(newline && !stop ? `${text}\n` : text);
  return 0;
};

const sleepCommand: ShellCommand = async ({ argv, stderr, signal }) => {
  const seconds = Number(argv[1]);
  if (!argv[1] || !Number.isFinite(seconds) || seconds < 0) {
    writeLine(stderr, `sleep: Bad number '${argv[1] ?? ''}'`);
    return 1;
  }
  await sleep(seconds * 1000, signal);
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

const date: ShellCommand = ({ argv, stdout }) => {
  const now = new Date();
  const format = argv.find((a) => a.startsWith('+'));
  if (format) {
    const out = format.slice(1).replace(/%([sYmdHMSN%])/g, (_, f: string) => {
      switch (f) {
        case 's': return String(Math.floor(now.getTime() / 1000));
        case 'Y': return String(now.getUTCFullYear());
        case 'm': return pad(now.getUTCMonth() + 1);
        case 'd': return pad(now.getUTCDate());
        case 'H': return pad(now.getUTCHours());
        case 'M': return pad(now.getUTCMinutes());
        case 'S': return pad(now.getUTCSeconds());
        case 'N': return String(now.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
        default: return '%';
      }
    });
    writeLine(stdout, out);
    return 0;
  }
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  writeLine(stdout, `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2, ' ')} ${time} UTC ${now.getUTCFullYear()}`);
  return 0;
};

/** A file's bytes for a reading tool, or an error line in toybox's words ("cat: X: ..."). */
export function readForTool(ctx: CommandContext, tool: string, file: string): Buffer | null {
  const path = ctx.path(file);
  const st = ctx.device.fs.stat(path);
  const denied = readDenied(path);
  if (!st) writeLine(ctx.stderr, `${tool}: ${file}: No such file or directory`);
  else if (denied && st.kind === 'file') writeLine(ctx.stderr, `${tool}: ${file}: Permission denied`);
  else if (st.kind === 'dir') writeLine(ctx.stderr, `${tool}: ${file}: Is a directory`);
  else return ctx.device.fs.readFile(path);
  return null;
}

/** The inputs of a filter tool: each FILE (or '-', stdin), or stdin when there are none. */
export async function toolInputs(ctx: CommandContext, tool: string, files: string[]): Promise<{ inputs: Array<{ name: string; data: Buffer }>; status: number }> {
  if (files.length === 0) return { inputs: [{ name: '-', data: await ctx.stdin.readAll() }], status: 0 };
  const inputs: Array<{ name: string; data: Buffer }> = [];
  let status = 0;
  for (const f of files) {
    const data = f === '-' ? await ctx.stdin.readAll() : readForTool(ctx, tool, f);
    if (data) inputs.push({ name: f, data });
    else status = 1;
  }
  return { inputs, status };
}

const cat: ShellCommand = async (ctx) => {
  const { inputs, status } = await toolInputs(ctx, 'cat', ctx.argv.slice(1).filter((a) => !/^-[uvteAs]+$/.test(a)));
  for (const i of inputs) ctx.stdout.write(i.data);
  return status;
};

function modeString(kind: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx';
  let s = kind === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) s += mode & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

function longLine(ctx: CommandContext, path: string, name: string): string {
  const st = ctx.device.fs.stat(ctx.path(path))!;
  const d = new Date(st.mtime * 1000);
  const when = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${modeString(st.kind, st.mode)} 1 shell shell ${String(st.size).padStart(8)} ${when} ${name}`;
}

const ls: ShellCommand = (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-') && a.length > 1).join('');
  const paths = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const long = flags.includes('l');
  const all = flags.includes('a');
  const targets = paths.length ? paths : ['.'];
  let status = 0;
  for (const p of targets) {
    const st = ctx.device.fs.stat(ctx.path(p));
    if (!st) {
      writeLine(ctx.stderr, `ls: ${p}: No such file or directory`);
      status = 1;
      continue;
    }
    if (st.kind === 'dir' && readDenied(ctx.path(p))) {
      writeLine(ctx.stderr, `ls: ${p}: Permission denied`);
      status = 1;
      continue;
    }
    if (targets.length > 1 && st.kind === 'dir' && !flags.includes('d')) writeLine(ctx.stdout, `${p}:`);
    if (st.kind === 'file' || flags.includes('d')) {
      writeLine(ctx.stdout, long ? longLine(ctx, p, p) : p);
      continue;
    }
    const names = [...(all ? ['.', '..'] : []), ...ctx.device.fs.list(ctx.path(p)).filter((n) => all || !n.startsWith('.'))];
    if (long) writeLine(ctx.stdout, `total ${names.length * 8}`);
    for (const name of names) {
      const full = MemoryFs.normalize(`${ctx.path(p)}/${name}`);
      writeLine(ctx.stdout, long ? longLine(ctx, full, name) : name);
    }
  }
  return status;
};

const rm: ShellCommand = (ctx) => {
  const { argv, stderr, device } = ctx;
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const recursive = /[rR]/.test(flags);
  const force = flags.includes('f');
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const st = device.fs.stat(ctx.path(p));
    if (!st) {
      if (!force) {
        writeLine(stderr, `rm: ${p}: No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (st.kind === 'dir' && !recursive) {
      writeLine(stderr, `rm: ${p}: is a directory`);
      status = 1;
      continue;
    }
    const denied = writeDenied(ctx.path(p));
    if (denied) {
      writeLine(stderr, `rm: ${p}: ${FsError.describe(denied)}`);
      status = 1;
      continue;
    }
    device.fs.remove(ctx.path(p), recursive);
  }
  return status;
};

const mkdir: ShellCommand = (ctx) => {
  const { argv, stderr, device } = ctx;
  const parents = argv.includes('-p');
  let status = 0;
  for (const raw of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const p = ctx.path(raw);
    const st = device.fs.stat(p);
    if (st) {
      if (!parents || st.kind !== 'dir') {
        writeLine(stderr, `mkdir: '${raw}': File exists`);
        status = 1;
      }
      continue;
    }
    const parent = device.fs.stat(MemoryFs.normalize(`${p}/..`));
    if (!parent && !parents) {
      writeLine(stderr, `mkdir: '${raw}': No such file or directory`);
      status = 1;
      continue;
    }
    const denied = writeDenied(p);
    if (denied) {
      writeLine(stderr, `mkdir: '${raw}': ${FsError.describe(denied)}`);
      status = 1;
      continue;
    }
    device.fs.mkdirp(p);
  }
  return status;
};

const touch: ShellCommand = (ctx) => {
  let status = 0;
  for (const raw of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const p = ctx.path(raw);
    const parent = ctx.device.fs.stat(MemoryFs.normalize(`${p}/..`));
    const denied = writeDenied(p);
    if (!parent || denied) {
      writeLine(ctx.stderr, `touch: '${raw}': ${parent ? FsError.describe(denied!) : 'No such file or directory'}`);
      status = 1;
      continue;
    }
    ctx.device.fs.writeFile(p, Buffer.alloc(0), { append: true });
  }
  return status;
};

const grep: ShellCommand = async (ctx) => {
  const { argv, stdout, stderr } = ctx;
  const args = argv.slice(1);
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const rest = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  if (rest.length === 0) {
    writeLine(stderr, 'usage: grep [-civFE] PATTERN [FILE...]');
    return 2;
  }
  const [pattern, ...files] = rest;
  // Basic regular expressions: \| \( \) \{ \} are the operators, bare ones are literal.
  const basic = !flags.includes('E') && argv[0] !== 'egrep';
  const ere = basic ? pattern.replace(/\\([|(){}+?])|([|(){}+?])/g, (_, op: string | undefined, lit: string | undefined) => (op ? op : `\\${lit}`)) : pattern;
  const source = flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : ere;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.includes('i') ? 'i' : '');
  } catch {
    writeLine(stderr, `grep: bad regex '${pattern}'`);
    return 2;
  }
  const { inputs, status } = await toolInputs(ctx, 'grep', files);
  let total = 0;
  const quiet = flags.includes('q');
  for (const input of inputs) {
    const lines = input.data.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const hits = lines.filter((l) => re.test(l) !== flags.includes('v'));
    total += hits.length;
    if (quiet) continue;
    const prefix = inputs.length > 1 || flags.includes('H') ? `${input.name}:` : '';
    if (flags.includes('c')) writeLine(stdout, `${prefix}${hits.length}`);
    else if (flags.includes('l')) { if (hits.length) writeLine(stdout, input.name); }
    else for (const l of hits) writeLine(stdout, `${prefix}${l}`);
  }
  if (status !== 0 && !flags.includes('s')) return 2;
  return total ? 0 : 1;
};

const id: ShellCommand = ({ stdout }) => {
  writeLine(stdout, 'uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),3001(net_bt_admin),3002(net_bt),3003(inet) context=u:r:shell:s0');
  return 0;
};

export const basicCommands: Record<string, ShellCommand> = {
  echo,
  true: () => 0,
  false: () => 1,
  sleep: sleepCommand,
  date,
  cat,
  ls,
  rm,
  mkdir,
  touch,
  grep,
  egrep: grep,
  id,
  whoami: ({ stdout }) => { writeLine(stdout, 'shell'); return 0; },
};
