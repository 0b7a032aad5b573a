// A tolerant reader for the Python-call-like syntax models emit: `do(action="Tap", element=[1,2])`,
// `click(point='<point>1 2</point>')`. Real replies mix in full-width punctuation （），＝【】“”,
// single quotes, unescaped quotes inside strings, unquoted values (`finish(message=done)`),
// spaces inside coordinates and missing closing parentheses. Delimiters are recognised in both
// widths while string CONTENTS are kept verbatim (a Chinese comma typed by the model stays).

export type CallValue = string | number | CallValue[];
export interface ParsedCall { name: string; args: Record<string, CallValue>; /** positional args, rare */ positional: CallValue[] }

const OPEN_PAREN = new Set(['(', '（']);
const CLOSE_PAREN = new Set([')', '）']);
const COMMA = new Set([',', '，', '、']);
const EQUALS = new Set(['=', '＝', ':', '：']);
const OPEN_LIST = new Set(['[', '【', '［']);
const CLOSE_LIST = new Set([']', '】', '］']);
const DOUBLE_QUOTES = new Set(['"', '“', '”', '＂']);
const SINGLE_QUOTES = new Set(["'", '‘', '’', '＇']);

const NEXT_ARG = /^\s*[,，]\s*[A-Za-z_][\w]*\s*[=＝]/;
const CALL_END = /^\s*[)）]/;

/** Finds `name(` (either paren width) at `from` or later; returns the index of the name. */
export function findCallStart(text: string, names: readonly string[], from = 0): number {
  const re = new RegExp(`(?<![\\w])(?:${names.map(escapeRe).join('|')})\\s*[(（]`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

/** Parses one call starting at the beginning of `src` (leading spaces allowed). */
export function parseCall(src: string): ParsedCall {
  const p = new Reader(src);
  p.skipSpace();
  const name = p.readIdentifier();
  if (!name) throw new SyntaxError('expected a call name');
  p.skipSpace();
  if (!OPEN_PAREN.has(p.peek())) throw new SyntaxError(`expected "(" after ${name}`);
  p.next();
  const args: Record<string, CallValue> = {};
  const positional: CallValue[] = [];
  for (;;) {
    p.skipSpace();
    if (p.done() || CLOSE_PAREN.has(p.peek())) break; // a missing ")" is tolerated
    if (COMMA.has(p.peek())) { p.next(); continue; }
    const save = p.pos;
    const key = p.readIdentifier();
    p.skipSpace();
    if (key && EQUALS.has(p.peek())) {
      p.next();
      p.skipSpace();
      args[key] = p.readValue(true);
    } else {
      p.pos = save;
      positional.push(p.readValue(true));
    }
  }
  return { name, args, positional };
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}
  peek(): string { return this.s[this.pos] ?? ''; }
  next(): string { return this.s[this.pos++] ?? ''; }
  done(): boolean { return this.pos >= this.s.length; }
  rest(): string { return this.s.slice(this.pos); }
  skipSpace(): void { while (!this.done() && /\s/.test(this.peek())) this.pos++; }

  readIdentifier(): string {
    const m = /^[A-Za-z_][\w]*/.exec(this.rest());
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }

  readValue(topLevel: boolean): CallValue {
    const c = this.peek();
    if (DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c)) return this.readString(DOUBLE_QUOTES.has(c) ? DOUBLE_QUOTES : SINGLE_QUOTES, topLevel);
    if (OPEN_LIST.has(c)) return this.readList();
    const num = /^[+-]?\d+(?:\.\d+)?(?=\s*(?:[,，、)）\]】］]|$))/.exec(this.rest());
    if (num) { this.pos += num[0].length; return Number(num[0]); }
    return this.readBare(topLevel);
  }

  /**
   * A quoted string. At top level a quote only closes the string when what follows is the next
   * `key=`, the closing paren or the end: models often leave inner quotes unescaped.
   */
  readString(family: Set<string>, topLevel: boolean): string {
    this.next();
    let out = '';
    while (!this.done()) {
      const c = this.next();
      if (c === '\\' && !this.done()) {
        const e = this.next();
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        continue;
      }
      if (family.has(c)) {
        const after = this.rest();
        if (!topLevel || NEXT_ARG.test(after) || CALL_END.test(after) || /^\s*$/.test(after)) return out;
      }
      out += c;
    }
    return out; // unterminated: keep what we have
  }

  readList(): CallValue[] {
    this.next();
    const items: CallValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.done()) return items;
      const c = this.peek();
      if (CLOSE_LIST.has(c)) { this.next(); return items; }
      if (COMMA.has(c)) { this.next(); continue; }
      if (CLOSE_PAREN.has(c)) return items; // "[1,2)" : tolerate
      const before = this.pos;
      items.push(this.readValue(false));
      if (this.pos === before) this.next(); // never loop on an unexpected character
    }
  }

  /** An unquoted value: everything up to the next `, key=` or the last closing paren. */
  readBare(topLevel: boolean): string {
    const rest = this.rest();
    let end = rest.length;
    const next = /[,，]\s*[A-Za-z_]\w*\s*[=＝]/.exec(rest);
    if (next) end = next.index;
    if (topLevel) {
      const segment = rest.slice(0, end);
      const lastParen = Math.max(segment.lastIndexOf(')'), segment.lastIndexOf('）'));
      if (lastParen >= 0 && /^\s*$/.test(segment.slice(lastParen + 1))) end = lastParen;
    } else {
      const stop = /[,，、\]】］)）]/.exec(rest);
      end = stop ? stop.index : rest.length;
    }
    this.pos += end;
    return rest.slice(0, end).trim();
  }
}

/** Numbers from a value that should be a coordinate list: `[1,2]`, `"[1, 2]"`, `"1 2"`, `<point>1 2</point>`. */
export function numbersOf(value: CallValue | undefined): number[] {
  if (value === undefined) return [];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => numbersOf(v));
  return (value.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

export function stringOf(value: CallValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.map((v) => stringOf(v)).join(',');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
