// Word expansion as sh does it when a command runs: tilde, parameters (`$X`, `${X:-d}`,
// `${#X}`, `${X%pat}`...), `$(cmd)` and backquotes, `$((arith))`, then field splitting of what
// came from unquoted expansions, quote removal and pathname expansion (globbing).
import { evaluateArithmetic } from './arithmetic';
import { skipDollar, skipParens } from './lexer';
import { globMatch, globToRegExp } from './glob';

export interface ExpansionHost {
  /** A variable's value; undefined when unset. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** $?, $$, $!, $#, $0, $1.. ; undefined when not set. */
  special(name: string): string | undefined;
  positional(): string[];
  /** Runs `src` in a subshell and returns its standard output. */
  substitute(src: string): Promise<string>;
  /** Pathname expansion: the sorted paths matching an absolute or cwd-relative pattern. */
  glob(pattern: string): string[];
  /** Reports `${X:?msg}` and bad arithmetic; the command then fails. */
  fail(message: string): never;
}

interface Piece {
  text: string;
  quoted: boolean;
  /** From an unquoted expansion: subject to field splitting. */
  split: boolean;
}

type Pieces = Array<Piece | 'break'>;

/** Expands one word into fields (a word may become none, one or many). */
export async function expandWord(raw: string, host: ExpansionHost, options: { glob?: boolean } = {}): Promise<string[]> {
  const pieces = await expandPieces(raw, host, false);
  const fields = splitFields(pieces, host.getVar('IFS') ?? ' \t\n');
  if (options.glob === false) return fields.map((f) => f.text);
  const out: string[] = [];
  for (const f of fields) {
    if (f.pattern !== null) {
      const matches = host.glob(f.pattern);
      if (matches.length) { out.push(...matches); continue; }
    }
    out.push(f.text);
  }
  return out;
}

/** Expands a word to one string, without field splitting or globbing (assignments, redirect targets, case words). */
export async function expandString(raw: string, host: ExpansionHost): Promise<string> {
  const pieces = await expandPieces(raw, host, false);
  return pieces.map((p) => (p === 'break' ? ' ' : p.text)).join('');
}

/** Expands a here-document body: parameters and substitutions, no quote removal. */
export async function expandHeredoc(body: string, host: ExpansionHost): Promise<string> {
  const pieces = await expandPieces(body, host, true, true);
  return pieces.map((p) => (p === 'break' ? ' ' : p.text)).join('');
}

/** A pattern word (case arms, ${X#pat}): quoted characters match literally. */
export async function expandPattern(raw: string, host: ExpansionHost): Promise<string> {
  const pieces = await expandPieces(raw, host, false);
  return pieces.map((p) => (p === 'break' ? ' ' : p.quoted ? escapeGlob(p.text) : p.text)).join('');
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

async function expandPieces(raw: string, host: ExpansionHost, inDouble: boolean, heredoc = false): Promise<Pieces> {
  const out: Pieces = [];
  let lit = '';
  const flush = (): void => {
    if (lit) out.push({ text: lit, quoted: inDouble, split: false });
    lit = '';
  };
  let i = 0;
  if (!inDouble && raw.startsWith('~') && (raw.length === 1 || raw[1] === '/')) {
    out.push({ text: host.getVar('HOME') ?? '/', quoted: true, split: false });
    i = 1;
  }
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === undefined) { lit += '\\'; i++; continue; }
      if (next === '\n') { i += 2; continue; }
      if (inDouble && !'$`"\\'.includes(next)) { lit += `\\${next}`; i += 2; continue; }
      if (heredoc && next === '"') { lit += '\\"'; i += 2; continue; }
      flush();
      out.push({ text: next, quoted: true, split: false });
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) {
      const end = raw.indexOf("'", i + 1);
      flush();
      out.push({ text: raw.slice(i + 1, end), quoted: true, split: false });
      i = end + 1;
      continue;
    }
    if (c === '"' && !inDouble) {
      flush();
      const end = closingDoubleQuote(raw, i);
      const inner = await expandPieces(raw.slice(i + 1, end), host, true);
      // "" is an (empty) field of its own.
      out.push({ text: '', quoted: true, split: false }, ...inner);
      i = end + 1;
      continue;
    }
    if (c === '`') {
      flush();
      let j = i + 1;
      let src = '';
      while (j < raw.length && raw[j] !== '`') {
        if (raw[j] === '\\' && '$`\\'.includes(raw[j + 1] ?? '')) { src += raw[j + 1]; j += 2; continue; }
        src += raw[j++];
      }
      const text = (await host.substitute(src)).replace(/\n+$/, '');
      out.push({ text, quoted: inDouble, split: !inDouble });
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const next = raw[i + 1];
      if (next === '(' && raw[i + 2] === '(') {
        const end = skipParens(raw, i + 2);
        // $(( expr )): the expression ends with '))'.
        if (raw[end - 2] === ')') {
          flush();
          const expr = await expandString(`"${raw.slice(i + 3, end - 2).replace(/"/g, '\\"')}"`, host);
          let value: number;
          try {
            value = evaluateArithmetic(expr, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) });
          } catch (error) {
            host.fail((error as Error).message);
          }
          out.push({ text: String(value!), quoted: inDouble, split: !inDouble });
          i = end;
          continue;
        }
      }
      if (next === '(') {
        flush();
        const end = skipParens(raw, i + 2);
        const text = (await host.substitute(raw.slice(i + 2, end - 1))).replace(/\n+$/, '');
        out.push({ text, quoted: inDouble, split: !inDouble });
        i = end;
        continue;
      }
      if (next === '{') {
        flush();
        const end = skipDollar(raw, i);
        out.push(...await braceParameter(raw.slice(i + 2, end - 1), host, inDouble));
        i = end;
        continue;
      }
      const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?$!#@*-])/.exec(raw.slice(i + 1));
      if (name) {
        flush();
        out.push(...parameterPieces(name[1], host, inDouble));
        i += 1 + name[1].length;
        continue;
      }
      lit += '$';
      i++;
      continue;
    }
    lit += c;
    i++;
  }
  flush();
  return out;
}

function closingDoubleQuote(raw: string, at: number): number {
  let i = at + 1;
  while (i < raw.length && raw[i] !== '"') {
    if (raw[i] === '\\') i += 2;
    else if (raw[i] === '$') i = skipDollar(raw, i) === i + 1 ? i + 1 : skipDollar(raw, i);
    else if (raw[i] === '`') { i++; while (i < raw.length && raw[i] !== '`') i += raw[i] === '\\' ? 2 : 1; i++; }
    else i++;
  }
  return i;
}

function lookup(name: string, host: ExpansionHost): string | undefined {
  if (/^[A-Za-z_]/.test(name)) return host.getVar(name);
  return host.special(name);
}

function parameterPieces(name: string, host: ExpansionHost, inDouble: boolean): Pieces {
  if (name === '@' || name === '*') {
    const args = host.positional();
    if (name === '@' && inDouble) {
      const out: Pieces = [];
      args.forEach((a, k) => {
        if (k > 0) out.push('break');
        out.push({ text: a, quoted: true, split: false });
      });
      return out;
    }
    const ifs = host.getVar('IFS') ?? ' \t\n';
    return [{ text: args.join(inDouble ? ifs.slice(0, 1) : ' '), quoted: inDouble, split: !inDouble }];
  }
  return [{ text: lookup(name, host) ?? '', quoted: inDouble, split: !inDouble }];
}

async function braceParameter(body: string, host: ExpansionHost, inDouble: boolean): Promise<Pieces> {
  const piece = (text: string): Pieces => [{ text, quoted: inDouble, split: !inDouble }];
  if (body.startsWith('#') && body.length > 1) {
    const name = body.slice(1);
    if (name === '@' || name === '*') return piece(String(host.positional().length));
    return piece(String([...(lookup(name, host) ?? '')].length));
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#@*-])(.*)$/s.exec(body);
  if (!m) host.fail(`\${${body}}: bad substitution`);
  const [, name, rest] = m!;
  if (rest === '') return name === '@' || name === '*' ? parameterPieces(name, host, inDouble) : piece(lookup(name, host) ?? '');
  const value = lookup(name, host);
  const op = /^(:?[-=+?]|##?|%%?|\/\/?)/.exec(rest);
  if (!op) host.fail(`\${${body}}: bad substitution`);
  const arg = rest.slice(op![1].length);
  const word = (): Promise<string> => expandString(inDouble ? `"${arg}"` : arg, host);
  switch (op![1]) {
    case '-': case ':-':
      return (value === undefined || (op![1] === ':-' && value === '')) ? piece(await word()) : piece(value);
    case '=': case ':=':
      if (value === undefined || (op![1] === ':=' && value === '')) {
        const v = await word();
        host.setVar(name, v);
        return piece(v);
      }
      return piece(value);
    case '+': case ':+':
      return (value === undefined || (op![1] === ':+' && value === '')) ? piece('') : piece(await word());
    case '?': case ':?':
      if (value === undefined || (op![1] === ':?' && value === '')) host.fail(`${name}: ${arg ? await word() : 'parameter null or not set'}`);
      return piece(value!);
    case '#': case '##': case '%': case '%%': {
      const pattern = await expandPattern(arg, host);
      return piece(trimPattern(value ?? '', pattern, op![1]));
    }
    default: {
      // ${X/pat/rep} and ${X//pat/rep} (mksh extensions)
      const slash = arg.indexOf('/');
      const pattern = await expandPattern(slash < 0 ? arg : arg.slice(0, slash), host);
      const replacement = slash < 0 ? '' : await expandString(arg.slice(slash + 1), host);
      const re = new RegExp(globToRegExp(pattern, false).source.slice(1, -1), op![1] === '//' ? 'g' : '');
      return piece((value ?? '').replace(re, () => replacement));
    }
  }
}

function trimPattern(value: string, pattern: string, op: string): string {
  const chars = [...value];
  if (op === '#' || op === '##') {
    const order = op === '#' ? chars.map((_, k) => k + 1) : chars.map((_, k) => chars.length - k);
    for (const k of [0, ...order]) if (globMatch(pattern, chars.slice(0, k).join(''))) return chars.slice(k).join('');
    return value;
  }
  const order = op === '%' ? chars.map((_, k) => chars.length - k - 1) : chars.map((_, k) => k);
  for (const k of [chars.length, ...order]) if (globMatch(pattern, chars.slice(k).join(''))) return chars.slice(0, k).join('');
  return value;
}

interface Field {
  text: string;
  /** The field as a glob pattern (quoted characters escaped), or null when it has no unquoted wildcard. */
  pattern: string | null;
}

function splitFields(pieces: Pieces, ifs: string): Field[] {
  const fields: Field[] = [];
  let text = '';
  let pattern = '';
  let wild = false;
  let started = false;
  const end = (): void => {
    if (started) fields.push({ text, pattern: wild ? pattern : null });
    text = '';
    pattern = '';
    wild = false;
    started = false;
  };
  const add = (chunk: string, quoted: boolean): void => {
    text += chunk;
    pattern += quoted ? escapeGlob(chunk) : chunk;
    if (!quoted && /[*?[]/.test(chunk)) wild = true;
    started = true;
  };
  for (const p of pieces) {
    if (p === 'break') { end(); continue; }
    if (!p.split) {
      if (p.quoted) started = true;
      add(p.text, p.quoted);
      continue;
    }
    let chunk = '';
    for (const ch of p.text) {
      if (ifs.includes(ch)) {
        if (chunk) add(chunk, false);
        chunk = '';
        end();
      } else {
        chunk += ch;
      }
    }
    if (chunk) add(chunk, false);
  }
  end();
  return fields;
}
