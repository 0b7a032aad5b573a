// Splits shell source into tokens the way mksh's lexer does for the POSIX subset: words are
// kept raw (quotes, `$(...)`, `${...}` and backquotes inside them intact) and expanded only when
// the command runs, so `$VAR` sees the value of that moment. Here-documents are read at the
// newline that follows their operator.

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '<<' | '<<-' | '&>';

export type Token =
  | { type: 'word'; raw: string }
  | { type: 'op'; op: '&&' | '||' | ';' | ';;' | '|' | '&' | '(' | ')' }
  | { type: 'newline' }
  | { type: 'redir'; fd: number | null; op: RedirOp; heredoc?: HereDoc }
  | { type: 'eof' };

export interface HereDoc {
  /** The body, filled in when the lexer reaches the end of the line. */
  body: string;
  /** Quoted delimiter: the body is taken literally (no expansion). */
  literal: boolean;
}

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Index just past the `)` that closes a `(` opened before `start` (quotes and nesting honoured). */
export function skipParens(src: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') { i += 2; continue; }
    if (c === "'") { i = closeSingle(src, i); continue; }
    if (c === '"') { i = closeDouble(src, i); continue; }
    if (c === '`') { i = closeBackquote(src, i); continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  throw new ShellSyntaxError("syntax error: ')' missing");
}

function closeSingle(src: string, at: number): number {
  const end = src.indexOf("'", at + 1);
  if (end < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
  return end + 1;
}

function closeBackquote(src: string, at: number): number {
  let i = at + 1;
  while (i < src.length && src[i] !== '`') i += src[i] === '\\' ? 2 : 1;
  if (i >= src.length) throw new ShellSyntaxError('syntax error: unterminated `...`');
  return i + 1;
}

function closeBrace(src: string, at: number): number {
  let i = at;
  while (i < src.length && src[i] !== '}') {
    if (src[i] === '\\') i += 2;
    else if (src[i] === "'") i = closeSingle(src, i);
    else if (src[i] === '"') i = closeDouble(src, i);
    else if (src[i] === '$') i = skipDollar(src, i);
    else i++;
  }
  if (i >= src.length) throw new ShellSyntaxError("syntax error: '${' unmatched");
  return i + 1;
}

function closeDouble(src: string, at: number): number {
  let i = at + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') return i + 1;
    if (c === '\\') i += 2;
    else if (c === '$') i = skipDollar(src, i);
    else if (c === '`') i = closeBackquote(src, i);
    else i++;
  }
  throw new ShellSyntaxError('syntax error: unterminated quoted string');
}

/** Index past a `$...` construct starting at `at` (src[at] === '$'). */
export function skipDollar(src: string, at: number): number {
  const next = src[at + 1];
  if (next === '(') return skipParens(src, at + 2);
  if (next === '{') return closeBrace(src, at + 2);
  return at + 1;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: Array<{ doc: HereDoc; delimiter: string; stripTabs: boolean }> = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '\n') {
      tokens.push({ type: 'newline' });
      i++;
      for (const h of pendingHeredocs.splice(0)) i = readHeredoc(src, i, h);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;') { tokens.push({ type: 'op', op: two }); i += 2; continue; }
    if (two === '&>') { tokens.push({ type: 'redir', fd: 1, op: '&>' }); i += 2; continue; }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') { tokens.push({ type: 'op', op: c }); i++; continue; }
    const digits = /^\d*/.exec(src.slice(i))![0];
    const afterDigits = src[i + digits.length];
    if (afterDigits === '<' || afterDigits === '>') {
      const fd = digits ? Number(digits) : null;
      let j = i + digits.length;
      const three = src.slice(j, j + 3);
      let op: RedirOp;
      if (three === '<<-') op = '<<-';
      else if (['>>', '>|', '<>', '>&', '<&', '<<'].includes(src.slice(j, j + 2))) op = src.slice(j, j + 2) as RedirOp;
      else op = src[j] as RedirOp;
      j += op.length;
      const token: Token = { type: 'redir', fd, op };
      tokens.push(token);
      i = j;
      if (op === '<<' || op === '<<-') {
        while (src[i] === ' ' || src[i] === '\t') i++;
        const word = readWord(src, i);
        i = word.end;
        const literal = /['"\\]/.test(word.raw);
        const delimiter = word.raw.replace(/['"\\]/g, '');
        const doc: HereDoc = { body: '', literal };
        token.heredoc = doc;
        pendingHeredocs.push({ doc, delimiter, stripTabs: op === '<<-' });
      }
      continue;
    }
    const word = readWord(src, i);
    tokens.push({ type: 'word', raw: word.raw });
    i = word.end;
  }
  // A here-document on the last line ends at the end of the source.
  for (const h of pendingHeredocs) readHeredoc(src, n, h);
  tokens.push({ type: 'eof' });
  return tokens;
}

function readHeredoc(src: string, start: number, h: { doc: HereDoc; delimiter: string; stripTabs: boolean }): number {
  let i = start;
  const lines: string[] = [];
  while (i < src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    let line = src.slice(i, end);
    i = nl < 0 ? src.length : nl + 1;
    if (h.stripTabs) line = line.replace(/^\t+/, '');
    if (line === h.delimiter) {
      h.doc.body = lines.map((l) => `${l}\n`).join('');
      return i;
    }
    lines.push(line);
  }
  h.doc.body = lines.map((l) => `${l}\n`).join('');
  return i;
}

function readWord(src: string, start: number): { raw: string; end: number } {
  let i = start;
  while (i < src.length && !META.has(src[i])) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === "'") i = closeSingle(src, i);
    else if (c === '"') i = closeDouble(src, i);
    else if (c === '`') i = closeBackquote(src, i);
    else if (c === '$') i = skipDollar(src, i);
    else i++;
  }
  return { raw: src.slice(start, Math.min(i, src.length)), end: Math.min(i, src.length) };
}
