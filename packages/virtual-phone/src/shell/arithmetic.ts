// `$(( ... ))`: mksh arithmetic on 32-bit signed integers (it wraps, like mksh's mksh_ari_t),
// with C operators, assignments to variables and unset names reading as 0.

export class ArithmeticError extends Error {}

export interface ArithmeticVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

const i32 = (n: number): number => n | 0;

function lex(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z]+|[0-9]+)/.exec(expr.slice(i));
    if (num) {
      const s = num[1];
      let v: number;
      if (/^0[xX]/.test(s)) v = Number.parseInt(s.slice(2), 16);
      else if (s.includes('#')) {
        const [base, digits] = s.split('#');
        v = Number.parseInt(digits, Number(base));
      } else if (s.length > 1 && s.startsWith('0')) v = Number.parseInt(s, 8);
      else v = Number(s);
      if (!Number.isFinite(v)) throw new ArithmeticError(`${s}: bad number`);
      out.push({ t: 'num', v: i32(v) });
      i += s.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (name) { out.push({ t: 'name', v: name[0] }); i += name[0].length; continue; }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) throw new ArithmeticError(`${expr.slice(i)}: unexpected '${c}'`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

export function evaluateArithmetic(expr: string, vars: ArithmeticVars): number {
  if (expr.trim() === '') return 0;
  const toks = lex(expr);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => { const t = peek(); return t?.t === 'op' && t.v === v; };
  const fail = (): never => {
    const t = peek();
    throw new ArithmeticError(`${expr.trim()}: ${t ? `unexpected '${t.v}'` : 'unexpected end of expression'}`);
  };

  const readVar = (name: string): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(raw)) return i32(Number(raw));
    return evaluateArithmetic(raw, vars);
  };

  const comma = (): number => {
    let v = assignment();
    while (isOp(',')) { pos++; v = assignment(); }
    return v;
  };

  const assignment = (): number => {
    const t = peek();
    const after = toks[pos + 1];
    if (t?.t === 'name' && after?.t === 'op' && /^(=|[-+*/%&^|]=|<<=|>>=)$/.test(after.v)) {
      pos += 2;
      const rhs = assignment();
      const op = after.v.slice(0, -1);
      const value = op === '' ? rhs : binary(op, readVar(t.v), rhs);
      vars.set(t.v, String(value));
      return value;
    }
    return conditional();
  };

  const conditional = (): number => {
    const c = binaryLevel(1);
    if (!isOp('?')) return c;
    pos++;
    const a = assignment();
    if (!isOp(':')) fail();
    pos++;
    const b = assignment();
    return c !== 0 ? a : b;
  };

  const binary = (op: string, a: number, b: number): number => {
    switch (op) {
      case '||': return a !== 0 || b !== 0 ? 1 : 0;
      case '&&': return a !== 0 && b !== 0 ? 1 : 0;
      case '|': return i32(a | b);
      case '^': return i32(a ^ b);
      case '&': return i32(a & b);
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '<<': return i32(a << (b & 31));
      case '>>': return i32(a >> (b & 31));
      case '+': return i32(a + b);
      case '-': return i32(a - b);
      case '*': return Math.imul(a, b);
      case '/': case '%':
        if (b === 0) throw new ArithmeticError(`${expr.trim()}: zero divisor`);
        return op === '/' ? i32(Math.trunc(a / b)) : i32(a % b);
      case '**': return i32(a ** b);
    }
    throw new ArithmeticError(`${expr.trim()}: unexpected '${op}'`);
  };

  const binaryLevel = (min: number): number => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.t !== 'op') break;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < min) break;
      pos++;
      // ** is right-associative; the rest go left to right.
      const right = binaryLevel(t.v === '**' ? prec : prec + 1);
      left = binary(t.v, left, right);
    }
    return left;
  };

  const unary = (): number => {
    const t = peek();
    if (t?.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        pos++;
        const n = peek();
        if (n?.t !== 'name') fail();
        pos++;
        const value = i32(readVar((n as { v: string }).v) + (t.v === '++' ? 1 : -1));
        vars.set((n as { v: string }).v, String(value));
        return value;
      }
      if (['+', '-', '!', '~'].includes(t.v)) {
        pos++;
        const v = unary();
        return t.v === '-' ? i32(-v) : t.v === '!' ? (v === 0 ? 1 : 0) : t.v === '~' ? ~v : v;
      }
    }
    return postfix();
  };

  const postfix = (): number => {
    const t = peek();
    if (!t) return fail();
    if (t.t === 'num') { pos++; return t.v; }
    if (t.t === 'name') {
      pos++;
      const value = readVar(t.v);
      if (isOp('++') || isOp('--')) {
        const inc = (peek() as { v: string }).v === '++' ? 1 : -1;
        pos++;
        vars.set(t.v, String(i32(value + inc)));
      }
      return value;
    }
    if (t.v === '(') {
      pos++;
      const v = comma();
      if (!isOp(')')) fail();
      pos++;
      return v;
    }
    return fail();
  };

  const result = comma();
  if (pos < toks.length) fail();
  return result;
}
