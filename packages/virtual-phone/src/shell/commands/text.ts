// Toybox's text filters: wc, head, tail, sed (addresses, s///, p, d, q; -n -e -i -E), printf,
// sort, uniq, cut, tr, tee, xargs; reading files or stdin like toybox does.
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';
import { echoEscapes } from '../builtins';
import { readForTool, toolInputs } from './basic';
import { writeDenied } from '../../fs/shell-access';

function lines(data: Buffer): string[] {
  const l = data.toString('utf8').split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function countOption(ctx: CommandContext, tool: string, fallback: number): { n: number; files: string[]; bytes: boolean; fromStart: boolean } | null {
  const args = ctx.argv.slice(1);
  let n = fallback;
  let bytes = false;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^-([nc])(.*)$/.exec(a);
    if (m) {
      const value = m[2] || args[++i] || '';
      if (!/^[+-]?\d+$/.test(value)) {
        writeLine(ctx.stderr, `${tool}: -${m[1]} '${value}' not integer`);
        return null;
      }
      bytes = m[1] === 'c';
      fromStart = value.startsWith('+');
      n = Math.abs(Number(value));
    } else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-f' || a === '-q') continue;
    else files.push(a);
  }
  return { n, files, bytes, fromStart };
}

const head: ShellCommand = async (ctx) => {
  const o = countOption(ctx, 'head', 10);
  if (!o) return 1;
  const { inputs, status } = await toolInputs(ctx, 'head', o.files);
  for (const [k, i] of inputs.entries()) {
    if (inputs.length > 1) ctx.stdout.write(`${k ? '\n' : ''}==> ${i.name} <==\n`);
    if (o.bytes) { ctx.stdout.write(i.data.subarray(0, o.n)); continue; }
    const text = i.data.toString('utf8');
    let end = 0;
    for (let c = 0; c < o.n && end < text.length; c++) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
    }
    ctx.stdout.write(text.slice(0, end));
  }
  return status;
};

const tail: ShellCommand = async (ctx) => {
  const o = countOption(ctx, 'tail', 10);
  if (!o) return 1;
  const { inputs, status } = await toolInputs(ctx, 'tail', o.files);
  for (const [k, i] of inputs.entries()) {
    if (inputs.length > 1) ctx.stdout.write(`${k ? '\n' : ''}==> ${i.name} <==\n`);
    if (o.bytes) { ctx.stdout.write(o.fromStart ? i.data.subarray(Math.max(0, o.n - 1)) : i.data.subarray(Math.max(0, i.data.length - o.n))); continue; }
    const l = lines(i.data);
    const chosen = o.fromStart ? l.slice(Math.max(0, o.n - 1)) : l.slice(Math.max(0, l.length - o.n));
    for (const line of chosen) writeLine(ctx.stdout, line);
  }
  return status;
};

const wc: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => /^-[lwcm]+$/.test(a)).join('');
  const files = args.filter((a) => !/^-[lwcm]+$/.test(a));
  const show = flags ? { l: flags.includes('l'), w: flags.includes('w'), c: flags.includes('c') || flags.includes('m') } : { l: true, w: true, c: true };
  const { inputs, status } = await toolInputs(ctx, 'wc', files);
  const total = [0, 0, 0];
  const row = (counts: number[], name: string): string => {
    const cols = [show.l ? counts[0] : null, show.w ? counts[1] : null, show.c ? counts[2] : null].filter((c): c is number => c !== null);
    // toybox pads to 7 columns unless a single count is asked of stdin.
    const single = cols.length === 1 && name === '';
    return `${cols.map((c) => (single ? String(c) : String(c).padStart(7))).join(' ')}${name ? ` ${name}` : ''}`;
  };
  for (const i of inputs) {
    const text = i.data.toString('utf8');
    const counts = [(text.match(/\n/g) ?? []).length, text.split(/\s+/).filter(Boolean).length, flags.includes('m') ? [...text].length : i.data.length];
    counts.forEach((c, k) => { total[k] += c; });
    writeLine(ctx.stdout, row(counts, i.name === '-' ? '' : i.name));
  }
  if (inputs.length > 1) writeLine(ctx.stdout, row(total, 'total'));
  return status;
};

interface SedCommand {
  addr: Array<{ line?: number; last?: boolean; re?: RegExp }>;
  negate: boolean;
  op: 's' | 'p' | 'd' | 'q' | '=';
  re?: RegExp;
  replacement?: string;
  print?: boolean;
}

class SedError extends Error {}

/** Converts a POSIX basic (or, with -E, extended) regex to a JavaScript one. */
function sedRegex(src: string, extended: boolean, flags: string): RegExp {
  const js = extended ? src : src.replace(/\\([|(){}+?])|([|(){}+?])/g, (_, op: string | undefined, lit: string | undefined) => (op ? op : `\\${lit}`));
  try {
    return new RegExp(js, flags);
  } catch {
    throw new SedError(`bad regex '${src}'`);
  }
}

function readDelimited(script: string, at: number, delim: string): { text: string; end: number } {
  let text = '';
  let i = at;
  while (i < script.length && script[i] !== delim) {
    if (script[i] === '\\' && script[i + 1] === delim) { text += delim; i += 2; continue; }
    if (script[i] === '\\' && i + 1 < script.length) { text += script.slice(i, i + 2); i += 2; continue; }
    text += script[i++];
  }
  if (i >= script.length) throw new SedError(`unterminated '${delim}'`);
  return { text, end: i + 1 };
}

function parseSed(script: string, extended: boolean): SedCommand[] {
  const out: SedCommand[] = [];
  let i = 0;
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    const addr: SedCommand['addr'] = [];
    for (let k = 0; k < 2; k++) {
      const num = /^\d+/.exec(script.slice(i));
      if (num) { addr.push({ line: Number(num[0]) }); i += num[0].length; }
      else if (script[i] === '$') { addr.push({ last: true }); i++; }
      else if (script[i] === '/') { const r = readDelimited(script, i + 1, '/'); addr.push({ re: sedRegex(r.text, extended, '') }); i = r.end; }
      else break;
      if (script[i] === ',' && k === 0) { i++; continue; }
      break;
    }
    while (script[i] === ' ') i++;
    let negate = false;
    if (script[i] === '!') { negate = true; i++; }
    const op = script[i++];
    if (op === 's') {
      const delim = script[i++];
      const pattern = readDelimited(script, i, delim);
      const rep = readDelimited(script, pattern.end, delim);
      i = rep.end;
      const flags = /^[gpiI0-9]*/.exec(script.slice(i))![0];
      i += flags.length;
      out.push({ addr, negate, op: 's', re: sedRegex(pattern.text, extended, (flags.includes('g') ? 'g' : '') + (/[iI]/.test(flags) ? 'i' : '')), replacement: rep.text, print: flags.includes('p') });
    } else if (op === 'p' || op === 'd' || op === 'q' || op === '=') {
      out.push({ addr, negate, op });
    } else {
      throw new SedError(`Unknown command '${op ?? ''}'`);
    }
  }
  return out;
}

/** sed's replacement: & is the match, \1..\9 the groups, \n a newline. */
function expandReplacement(rep: string, match: string, groups: string[]): string {
  return rep.replace(/\\([0-9n&\\])|&/g, (all, c: string | undefined) => {
    if (all === '&') return match;
    if (c === 'n') return '\n';
    if (c === '&' || c === '\\') return c;
    return groups[Number(c) - 1] ?? '';
  });
}

function runSed(commands: SedCommand[], input: string[], quiet: boolean): { out: string; quit: boolean } {
  let out = '';
  const ranges = new Map<SedCommand, boolean>();
  const matches = (a: SedCommand['addr'][number], line: string, n: number, last: boolean): boolean =>
    a.line !== undefined ? a.line === n : a.last ? last : a.re!.test(line);
  for (let k = 0; k < input.length; k++) {
    let line = input[k];
    const n = k + 1;
    const last = k === input.length - 1;
    let deleted = false;
    let quit = false;
    for (const c of commands) {
      let selected: boolean;
      if (c.addr.length === 0) selected = true;
      else if (c.addr.length === 1) selected = matches(c.addr[0], line, n, last);
      else {
        const active = ranges.get(c) ?? false;
        if (!active) {
          selected = matches(c.addr[0], line, n, last);
          if (selected && !(c.addr[1].line !== undefined && c.addr[1].line <= n)) ranges.set(c, true);
        } else {
          selected = true;
          if (matches(c.addr[1], line, n, last)) ranges.set(c, false);
        }
      }
      if (selected === c.negate) continue;
      if (c.op === 'p') out += `${line}\n`;
      else if (c.op === '=') out += `${n}\n`;
      else if (c.op === 'd') { deleted = true; break; }
      else if (c.op === 'q') { quit = true; break; }
      else {
        let replaced = false;
        line = line.replace(c.re!, (m: string, ...rest: unknown[]) => {
          replaced = true;
          const groups = rest.slice(0, -2).map((g) => (g === undefined ? '' : String(g)));
          return expandReplacement(c.replacement!, m, groups);
        });
        c.re!.lastIndex = 0;
        if (replaced && c.print) out += `${line}\n`;
      }
    }
    if (!deleted && !quiet) out += `${line}\n`;
    if (quit) return { out, quit: true };
  }
  return { out, quit: false };
}

const sed: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let quiet = false;
  let inPlace = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (/^-[niEr]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (a.includes('i')) inPlace = true;
      if (a.includes('E') || a.includes('r')) extended = true;
    } else if (scripts.length === 0 && !a.startsWith('-')) scripts.push(a);
    else files.push(a);
  }
  if (scripts.length === 0) {
    writeLine(ctx.stderr, 'sed: no script');
    return 1;
  }
  let commands: SedCommand[];
  try {
    commands = parseSed(scripts.join('\n'), extended);
  } catch (error) {
    writeLine(ctx.stderr, `sed: -e expression #1: ${(error as Error).message}`);
    return 1;
  }
  if (inPlace) {
    let status = 0;
    for (const f of files) {
      const data = readForTool(ctx, 'sed', f);
      if (!data) { status = 1; continue; }
      const denied = writeDenied(ctx.path(f));
      if (denied) { writeLine(ctx.stderr, `sed: ${f}: Permission denied`); status = 1; continue; }
      ctx.device.fs.writeFile(ctx.path(f), Buffer.from(runSed(commands, lines(data), quiet).out, 'utf8'));
    }
    return status;
  }
  const { inputs, status } = await toolInputs(ctx, 'sed', files);
  const all = inputs.flatMap((i) => lines(i.data));
  ctx.stdout.write(runSed(commands, all, quiet).out);
  return status;
};

/** printf FORMAT [ARG...]: %s %d %i %x %X %o %c %f %%, widths, and backslash escapes; the format repeats while arguments remain. */
const printf: ShellCommand = (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) {
    writeLine(ctx.stderr, 'printf: Needs 1 argument');
    return 1;
  }
  let status = 0;
  let k = 0;
  let out = '';
  do {
    const used = k;
    out += echoEscapes(format).text.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiouxXcfeg%b])/g, (_all, flags: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[k++] ?? '';
      let s: string;
      if (conv === 's') s = prec !== undefined ? arg.slice(0, Number(prec)) : arg;
      else if (conv === 'b') s = echoEscapes(arg).text;
      else if (conv === 'c') s = arg.slice(0, 1);
      else {
        const n = arg === '' ? 0 : Number(arg.startsWith("'") || arg.startsWith('"') ? arg.codePointAt(1) : arg);
        if (!Number.isFinite(n)) { writeLine(ctx.stderr, `printf: invalid number '${arg}'`); status = 1; }
        const v = Number.isFinite(n) ? n : 0;
        if (conv === 'f' || conv === 'e' || conv === 'g') s = conv === 'e' ? v.toExponential(prec !== undefined ? Number(prec) : 6) : v.toFixed(prec !== undefined ? Number(prec) : 6);
        else {
          const int = Math.trunc(v);
          s = conv === 'x' ? (int >>> 0).toString(16) : conv === 'X' ? (int >>> 0).toString(16).toUpperCase() : conv === 'o' ? (int >>> 0).toString(8) : String(int);
          if (flags.includes('+') && int >= 0 && (conv === 'd' || conv === 'i')) s = `+${s}`;
        }
      }
      const w = Number(width || 0);
      if (s.length >= w) return s;
      return flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
    });
    if (k === used) break;
  } while (k < args.length);
  ctx.stdout.write(out);
  return status;
};

const sort: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => /^-[rnu]+$/.test(a)).join('');
  const { inputs, status } = await toolInputs(ctx, 'sort', args.filter((a) => !/^-[rnu]+$/.test(a)));
  let all = inputs.flatMap((i) => lines(i.data));
  all.sort(flags.includes('n') ? (a, b) => (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes('r')) all.reverse();
  if (flags.includes('u')) all = all.filter((l, k) => k === 0 || l !== all[k - 1]);
  for (const l of all) writeLine(ctx.stdout, l);
  return status;
};

const uniq: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const count = args.includes('-c');
  const { inputs, status } = await toolInputs(ctx, 'uniq', args.filter((a) => !a.startsWith('-')).slice(0, 1));
  const all = inputs.flatMap((i) => lines(i.data));
  for (let k = 0; k < all.length;) {
    let j = k;
    while (j < all.length && all[j] === all[k]) j++;
    writeLine(ctx.stdout, count ? `${String(j - k).padStart(7)} ${all[k]}` : all[k]);
    k = j;
  }
  return status;
};

const cut: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let delim = '\t';
  let fields: string | null = null;
  let chars: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-d')) delim = a.length > 2 ? a.slice(2) : args[++i] ?? '\t';
    else if (a.startsWith('-f')) fields = a.length > 2 ? a.slice(2) : args[++i] ?? '';
    else if (a.startsWith('-c')) chars = a.length > 2 ? a.slice(2) : args[++i] ?? '';
    else files.push(a);
  }
  const spec = fields ?? chars;
  if (spec === null) {
    writeLine(ctx.stderr, 'cut: Needs -fcb');
    return 1;
  }
  const wanted = (n: number): boolean => spec.split(',').some((part) => {
    const [a, b] = part.split('-');
    if (!part.includes('-')) return Number(a) === n;
    return n >= (a ? Number(a) : 1) && n <= (b ? Number(b) : Infinity);
  });
  const { inputs, status } = await toolInputs(ctx, 'cut', files);
  for (const l of inputs.flatMap((i) => lines(i.data))) {
    if (chars !== null) writeLine(ctx.stdout, [...l].filter((_, k) => wanted(k + 1)).join(''));
    else if (!l.includes(delim)) writeLine(ctx.stdout, l);
    else writeLine(ctx.stdout, l.split(delim).filter((_, k) => wanted(k + 1)).join(delim));
  }
  return status;
};

function trSet(spec: string): string[] {
  const out: string[] = [];
  const s = echoEscapes(spec).text.replace(/\[:(\w+):\]/g, (_, cls: string) => ({ upper: 'A-Z', lower: 'a-z', digit: '0-9', space: ' \t\n\r\f\v', alpha: 'a-zA-Z', alnum: 'a-zA-Z0-9' } as Record<string, string>)[cls] ?? '');
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined) {
      for (let c = chars[i].codePointAt(0)!; c <= chars[i + 2].codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
      i += 2;
    } else out.push(chars[i]);
  }
  return out;
}

const tr: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const del = args[0] === '-d';
  const sets = args.filter((a) => !/^-[ds]$/.test(a));
  if (sets.length < (del ? 1 : 2)) {
    writeLine(ctx.stderr, `tr: Needs ${del ? 1 : 2} argument${del ? '' : 's'}`);
    return 1;
  }
  const from = trSet(sets[0]);
  const to = del ? [] : trSet(sets[1]);
  const text = (await ctx.stdin.readAll()).toString('utf8');
  let out = '';
  for (const ch of text) {
    const k = from.indexOf(ch);
    if (k < 0) out += ch;
    else if (!del) out += to[Math.min(k, to.length - 1)] ?? '';
  }
  ctx.stdout.write(out);
  return 0;
};

const tee: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const append = args.includes('-a');
  const data = await ctx.stdin.readAll();
  ctx.stdout.write(data);
  let status = 0;
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    if (writeDenied(ctx.path(f))) { writeLine(ctx.stderr, `tee: ${f}: Permission denied`); status = 1; continue; }
    ctx.device.fs.writeFile(ctx.path(f), data, { append });
  }
  return status;
};

/** xargs [CMD ARGS]: runs CMD with the whitespace-separated words of stdin appended (echo by default). */
const xargs: ShellCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let perCall = Infinity;
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    if (a === '-n') perCall = Number(args.shift());
    else if (a.startsWith('-n')) perCall = Number(a.slice(2));
  }
  const words = (await ctx.stdin.readAll()).toString('utf8').split(/\s+/).filter(Boolean);
  const base = args.length ? args : ['echo'];
  const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
  let status = 0;
  for (let k = 0; k < Math.max(1, words.length); k += Number.isFinite(perCall) ? perCall : Math.max(1, words.length)) {
    const chunk = words.slice(k, Number.isFinite(perCall) ? k + perCall : undefined);
    const r = await ctx.runScript([...base, ...chunk].map(quote).join(' '));
    if (r !== 0) status = 123;
    if (words.length === 0) break;
  }
  return status;
};

export const textCommands: Record<string, ShellCommand> = { head, tail, wc, sed, printf, sort, uniq, cut, tr, tee, xargs };
