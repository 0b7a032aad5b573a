// Splits a `shell:` command line the way mksh does for the subset clients send: quotes,
// backslashes, control operators and redirections. No globbing or $-expansion.

export type Token =
  | { type: 'word'; value: string }
  | { type: 'op'; value: '&&' | '||' | ';' | '|' | '&' }
  /** `N>file`, `N>>file`, `N>&M`; target is the following word (or the fd for >&). */
  | { type: 'redirect'; fd: number; op: '>' | '>>' | '>&' | '<'; dupTo?: number };

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const BREAK_CHARS = new Set([' ', '\t', '\n', ';', '&', '|', '>', '<']);

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '#') break; // comment to end of line (only at a word start, like sh)
    if (c === '&' && line[i + 1] === '&') { tokens.push({ type: 'op', value: '&&' }); i += 2; continue; }
    if (c === '|' && line[i + 1] === '|') { tokens.push({ type: 'op', value: '||' }); i += 2; continue; }
    if (c === ';' || c === '|' || c === '&') {
      if (c === '&' && line[i + 1] === '>') {
        // `&>file`: stdout to the file, then stderr to stdout.
        const target = readWord(line, i + 2 + countBlanks(line, i + 2));
        tokens.push({ type: 'redirect', fd: 1, op: '>' }, { type: 'word', value: target.value }, { type: 'redirect', fd: 2, op: '>&', dupTo: 1 });
        i = target.end;
        continue;
      }
      tokens.push({ type: 'op', value: c as ';' | '|' | '&' });
      i++;
      continue;
    }
    if (c === '>' || c === '<' || (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(line.slice(i)))) {
      i = readRedirect(line, i, tokens);
      continue;
    }
    const word = readWord(line, i);
    tokens.push({ type: 'word', value: word.value });
    i = word.end;
  }
  return tokens;
}

function countBlanks(line: string, at: number): number {
  let k = 0;
  while (line[at + k] === ' ' || line[at + k] === '\t') k++;
  return k;
}

function readRedirect(line: string, start: number, tokens: Token[]): number {
  let i = start;
  let digits = '';
  while (/[0-9]/.test(line[i])) digits += line[i++];
  const dir = line[i++];
  if (dir === '<') {
    tokens.push({ type: 'redirect', fd: digits ? Number(digits) : 0, op: '<' });
    return i;
  }
  const fd = digits ? Number(digits) : 1;
  if (line[i] === '>') {
    tokens.push({ type: 'redirect', fd, op: '>>' });
    return i + 1;
  }
  if (line[i] === '&') {
    i++;
    let to = '';
    while (/[0-9]/.test(line[i])) to += line[i++];
    if (!to) throw new ShellSyntaxError(`syntax error: bad fd after '>&'`);
    tokens.push({ type: 'redirect', fd, op: '>&', dupTo: Number(to) });
    return i;
  }
  tokens.push({ type: 'redirect', fd, op: '>' });
  return i;
}

function readWord(line: string, start: number): { value: string; end: number } {
  let i = start;
  let value = '';
  const n = line.length;
  while (i < n && !BREAK_CHARS.has(line[i]) && line[i] !== '\r') {
    const c = line[i];
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
      value += line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const d = line[i];
        if (d === '"') { closed = true; i++; break; }
        // Inside double quotes a backslash only escapes these characters.
        if (d === '\\' && i + 1 < n && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') value += line[i + 1];
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      if (!closed) throw new ShellSyntaxError('syntax error: unterminated quoted string');
    } else if (c === '\\') {
      if (i + 1 < n) {
        if (line[i + 1] !== '\n') value += line[i + 1];
        i += 2;
      } else {
        i++;
      }
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: i };
}
