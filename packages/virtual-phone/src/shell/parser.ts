// Builds the command tree from tokens: lists, and-or chains, pipelines, simple commands and the
// compound commands a one-line `adb shell` script uses (if, for, while/until, case, { }, ( ),
// functions). Reserved words count only where a command starts, as in sh.
import { ShellSyntaxError, tokenize, type HereDoc, type RedirOp, type Token } from './lexer';

export interface Redirect {
  fd: number | null;
  op: RedirOp;
  /** Raw word (expanded at run time); for here-documents, the delimiter. */
  target: string;
  heredoc?: HereDoc;
}

export type Command =
  | { kind: 'simple'; assigns: Array<{ name: string; raw: string }>; words: string[]; redirects: Redirect[] }
  | { kind: 'if'; branches: Array<{ cond: Script; body: Script }>; otherwise: Script | null; redirects: Redirect[] }
  | { kind: 'for'; name: string; words: string[] | null; body: Script; redirects: Redirect[] }
  | { kind: 'loop'; until: boolean; cond: Script; body: Script; redirects: Redirect[] }
  | { kind: 'case'; word: string; arms: Array<{ patterns: string[]; body: Script }>; redirects: Redirect[] }
  | { kind: 'group'; subshell: boolean; body: Script; redirects: Redirect[] }
  | { kind: 'function'; name: string; body: Command };

export interface Pipeline {
  bang: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  background: boolean;
}

export type Script = AndOr[];

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', '!']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseScript(src: string): Script {
  return new Parser(tokenize(src)).script();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token { return this.tokens[this.pos]; }
  private next(): Token { return this.tokens[this.pos++]; }

  private isWord(value?: string): boolean {
    const t = this.peek();
    return t.type === 'word' && (value === undefined || t.raw === value);
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.op === op;
  }

  private unexpected(): ShellSyntaxError {
    const t = this.peek();
    const what = t.type === 'eof' ? 'unexpected end of file' : t.type === 'newline' ? "'newline' unexpected" : `'${t.type === 'word' ? t.raw : t.type === 'op' ? t.op : t.op}' unexpected`;
    return new ShellSyntaxError(`syntax error: ${what}`);
  }

  private expectWord(value: string): void {
    if (!this.isWord(value)) throw this.unexpected();
    this.pos++;
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.pos++;
  }

  script(): Script {
    const list = this.list(new Set());
    if (this.peek().type !== 'eof') throw this.unexpected();
    return list;
  }

  /** A list up to (not including) one of the reserved words in `end`, a `)` or `;;`. */
  private list(end: Set<string>): Script {
    const items: Script = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.type === 'eof' || (t.type === 'word' && end.has(t.raw)) || (t.type === 'op' && (t.op === ')' || t.op === ';;'))) break;
      const item = this.andOr();
      items.push(item);
      const sep = this.peek();
      if (sep.type === 'op' && (sep.op === ';' || sep.op === '&')) {
        item.background = sep.op === '&';
        this.pos++;
      } else if (sep.type === 'newline') {
        this.pos++;
      } else {
        break;
      }
    }
    return items;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.pos++;
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.isWord('!')) { bang = true; this.pos++; }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { bang, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (t.type === 'op' && t.op === '(') {
      this.pos++;
      const body = this.list(new Set());
      if (!this.isOp(')')) throw this.unexpected();
      this.pos++;
      return { kind: 'group', subshell: true, body, redirects: this.redirects() };
    }
    if (t.type === 'word') {
      switch (t.raw) {
        case 'if': return this.ifCommand();
        case 'for': return this.forCommand();
        case 'while': case 'until': return this.loop(t.raw === 'until');
        case 'case': return this.caseCommand();
        case '{': {
          this.pos++;
          const body = this.list(new Set(['}']));
          this.expectWord('}');
          return { kind: 'group', subshell: false, body, redirects: this.redirects() };
        }
      }
      // name() compound-command
      const after = this.tokens[this.pos + 1];
      const close = this.tokens[this.pos + 2];
      if (NAME.test(t.raw) && after?.type === 'op' && after.op === '(' && close?.type === 'op' && close.op === ')') {
        this.pos += 3;
        this.skipNewlines();
        return { kind: 'function', name: t.raw, body: this.command() };
      }
    }
    return this.simple();
  }

  private simple(): Command {
    const assigns: Array<{ name: string; raw: string }> = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'word') {
        const m = words.length === 0 ? ASSIGNMENT.exec(t.raw) : null;
        if (m) assigns.push({ name: m[1], raw: t.raw.slice(m[0].length) });
        else if (words.length === 0 && RESERVED.has(t.raw) && t.raw !== '{' && t.raw !== '!') break;
        else words.push(t.raw);
        this.pos++;
      } else if (t.type === 'redir') {
        redirects.push(this.redirect());
      } else {
        break;
      }
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) throw this.unexpected();
    return { kind: 'simple', assigns, words, redirects };
  }

  private redirect(): Redirect {
    const t = this.next() as Extract<Token, { type: 'redir' }>;
    if (t.heredoc) return { fd: t.fd, op: t.op, target: '', heredoc: t.heredoc };
    const target = this.peek();
    if (target.type !== 'word') throw new ShellSyntaxError('syntax error: redirection without a file');
    this.pos++;
    return { fd: t.fd, op: t.op, target: target.raw };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.peek().type === 'redir') out.push(this.redirect());
    return out;
  }

  private ifCommand(): Command {
    this.expectWord('if');
    const branches: Array<{ cond: Script; body: Script }> = [];
    let otherwise: Script | null = null;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.expectWord('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ cond, body });
      if (this.isWord('elif')) { this.pos++; continue; }
      if (this.isWord('else')) {
        this.pos++;
        otherwise = this.list(new Set(['fi']));
      }
      this.expectWord('fi');
      break;
    }
    return { kind: 'if', branches, otherwise, redirects: this.redirects() };
  }

  private forCommand(): Command {
    this.expectWord('for');
    const name = this.next();
    if (name.type !== 'word' || !NAME.test(name.raw)) throw new ShellSyntaxError(`syntax error: for: bad identifier`);
    let words: string[] | null = null;
    this.skipNewlines();
    if (this.isWord('in')) {
      this.pos++;
      words = [];
      while (this.peek().type === 'word') words.push((this.next() as { raw: string }).raw);
    }
    if (this.isOp(';')) this.pos++;
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    return { kind: 'for', name: name.raw, words, body, redirects: this.redirects() };
  }

  private loop(until: boolean): Command {
    this.pos++;
    const cond = this.list(new Set(['do']));
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    return { kind: 'loop', until, cond, body, redirects: this.redirects() };
  }

  private caseCommand(): Command {
    this.expectWord('case');
    const word = this.next();
    if (word.type !== 'word') throw this.unexpected();
    this.skipNewlines();
    this.expectWord('in');
    const arms: Array<{ patterns: string[]; body: Script }> = [];
    for (;;) {
      this.skipNewlines();
      if (this.isWord('esac')) break;
      if (this.isOp('(')) this.pos++;
      const patterns: string[] = [];
      for (;;) {
        const p = this.next();
        if (p.type !== 'word') throw this.unexpected();
        patterns.push(p.raw);
        if (this.isOp('|')) { this.pos++; continue; }
        break;
      }
      if (!this.isOp(')')) throw this.unexpected();
      this.pos++;
      const body = this.list(new Set(['esac']));
      arms.push({ patterns, body });
      if (this.isOp(';;')) { this.pos++; continue; }
      this.skipNewlines();
      if (!this.isWord('esac')) throw this.unexpected();
    }
    this.expectWord('esac');
    return { kind: 'case', word: word.raw, arms, redirects: this.redirects() };
  }
}
