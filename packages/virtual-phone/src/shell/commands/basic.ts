// Toybox-style basics: echo, true, false, sleep, date, cat, ls, rm, mkdir, touch, grep, id.
import { MemoryFs } from '../../fs/memory-fs';
import { sleep } from '../../latency';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';

const echo: ShellCommand = ({ argv, stdout }) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  stdout.write(newline ? `${text}\n` : text);
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

const cat: ShellCommand = ({ argv, stdin, stdout, stderr, device }) => {
  const files = argv.slice(1).filter((a) => a !== '-');
  if (files.length === 0) {
    stdout.write(stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const st = device.fs.stat(f);
    if (!st) {
      writeLine(stderr, `cat: ${f}: No such file or directory`);
      status = 1;
    } else if (st.kind === 'dir') {
      writeLine(stderr, `cat: ${f}: Is a directory`);
      status = 1;
    } else {
      stdout.write(device.fs.readFile(f));
    }
  }
  return status;
};

function modeString(kind: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx';
  let s = kind === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) s += mode & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

function longLine(ctx: CommandContext, path: string, name: string): string {
  const st = ctx.device.fs.stat(path)!;
  const d = new Date(st.mtime * 1000);
  const when = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${modeString(st.kind, st.mode)} 1 shell shell ${String(st.size).padStart(8)} ${when} ${name}`;
}

const ls: ShellCommand = (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-') && a.length > 1).join('');
  const paths = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const long = flags.includes('l');
  const all = flags.includes('a');
  const targets = paths.length ? paths : ['/'];
  let status = 0;
  for (const p of targets) {
    const st = ctx.device.fs.stat(p);
    if (!st) {
      writeLine(ctx.stderr, `ls: ${p}: No such file or directory`);
      status = 1;
      continue;
    }
    if (targets.length > 1 && st.kind === 'dir') writeLine(ctx.stdout, `${p}:`);
    if (st.kind === 'file') {
      writeLine(ctx.stdout, long ? longLine(ctx, p, p) : p);
      continue;
    }
    const names = [...(all ? ['.', '..'] : []), ...ctx.device.fs.list(p)];
    if (long) writeLine(ctx.stdout, `total ${names.length * 8}`);
    for (const name of names) {
      const full = name === '.' || name === '..' ? MemoryFs.normalize(`${p}/${name}`) : MemoryFs.normalize(`${p}/${name}`);
      writeLine(ctx.stdout, long ? longLine(ctx, full, name) : name);
    }
  }
  return status;
};

const rm: ShellCommand = ({ argv, stderr, device }) => {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const recursive = /[rR]/.test(flags);
  const force = flags.includes('f');
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const st = device.fs.stat(p);
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
    device.fs.remove(p, recursive);
  }
  return status;
};

const mkdir: ShellCommand = ({ argv, stderr, device }) => {
  const parents = argv.includes('-p');
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const st = device.fs.stat(p);
    if (st) {
      if (!parents) {
        writeLine(stderr, `mkdir: '${p}': File exists`);
        status = 1;
      }
      continue;
    }
    const parent = device.fs.stat(MemoryFs.normalize(`${p}/..`));
    if (!parent && !parents) {
      writeLine(stderr, `mkdir: '${p}': No such file or directory`);
      status = 1;
      continue;
    }
    device.fs.mkdirp(p);
  }
  return status;
};

const touch: ShellCommand = ({ argv, device }) => {
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (!device.fs.exists(p)) device.fs.writeFile(p, Buffer.alloc(0));
    else device.fs.writeFile(p, Buffer.alloc(0), { append: true });
  }
  return 0;
};

const grep: ShellCommand = ({ argv, stdin, stdout, stderr, device }) => {
  const args = argv.slice(1);
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const rest = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  if (rest.length === 0) {
    writeLine(stderr, 'usage: grep [-civFE] PATTERN [FILE...]');
    return 2;
  }
  const [pattern, ...files] = rest;
  const source = flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.includes('i') ? 'i' : '');
  } catch {
    writeLine(stderr, `grep: bad regex '${pattern}'`);
    return 2;
  }
  const text = files.length ? files.map((f) => (device.fs.stat(f)?.kind === 'file' ? device.fs.readFile(f).toString('utf8') : '')).join('') : stdin.toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const hits = lines.filter((l) => re.test(l) !== flags.includes('v'));
  if (flags.includes('c')) writeLine(stdout, String(hits.length));
  else for (const l of hits) writeLine(stdout, l);
  return hits.length ? 0 : 1;
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
  id,
  whoami: ({ stdout }) => { writeLine(stdout, 'shell'); return 0; },
};
