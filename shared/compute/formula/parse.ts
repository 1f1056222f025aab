/**
 * A hand-written recursive-descent parser (no eval) for formulas such as
 * `WALCL - WDTGAL - WLRRAOL`, `bp(SOFR, IORB)`, `ma(bp(SOFR, RRPONTSYAWARD), 10)`, `100 * WRESBAL / GDP`.
 *   expr := term (('+' | '-') term)*      term := unary (('*' | '/') unary)*
 *   unary := '-' unary | atom             atom := NUMBER | ID | ID '(' expr (',' expr)* ')' | '(' expr ')'
 */
import { FormulaError, type Node } from './ast.js';

type Tok = { kind: 'num' | 'id' | 'op' | 'end'; text: string; start: number; end: number };

const MAX_LENGTH = 2000;
const MAX_DEPTH = 64;

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      toks.push({ kind: 'num', text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      toks.push({ kind: 'id', text: id[0], start: i, end: i + id[0].length });
      i += id[0].length;
      continue;
    }
    if ('+-*/(),'.includes(c)) {
      toks.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    throw new FormulaError(`unexpected character ${JSON.stringify(c)}`, i, i + 1);
  }
  toks.push({ kind: 'end', text: '', start: src.length, end: src.length });
  return toks;
}

export function parseFormula(src: string): Node {
  if (src.length > MAX_LENGTH) throw new FormulaError(`a formula may have at most ${MAX_LENGTH} characters`, MAX_LENGTH, src.length);
  const toks = lex(src);
  let p = 0;
  const peek = (): Tok => toks[p] ?? { kind: 'end', text: '', start: src.length, end: src.length };
  const next = (): Tok => {
    const t = peek();
    p++;
    return t;
  };
  const expectOp = (op: string, what: string): Tok => {
    const t = peek();
    if (t.kind !== 'op' || t.text !== op) throw new FormulaError(`expected "${op}" ${what}, found ${t.kind === 'end' ? 'the end of the formula' : JSON.stringify(t.text)}`, t.start, Math.max(t.end, t.start + 1));
    return next();
  };

  const expr = (depth: number): Node => {
    if (depth > MAX_DEPTH) throw new FormulaError(`the formula nests deeper than ${MAX_DEPTH} levels`, peek().start, peek().end);
    let left = term(depth);
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      next();
      const right = term(depth);
      left = { kind: 'bin', op: t.text, left, right, start: left.start, end: right.end };
    }
  };
  const term = (depth: number): Node => {
    let left = unary(depth);
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      next();
      const right = unary(depth);
      left = { kind: 'bin', op: t.text, left, right, start: left.start, end: right.end };
    }
  };
  const unary = (depth: number): Node => {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      next();
      if (depth > MAX_DEPTH) throw new FormulaError(`the formula nests deeper than ${MAX_DEPTH} levels`, t.start, t.end);
      const arg = unary(depth + 1);
      return { kind: 'neg', arg, start: t.start, end: arg.end };
    }
    return atom(depth);
  };
  const atom = (depth: number): Node => {
    const t = next();
    if (t.kind === 'num') {
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new FormulaError(`the number ${t.text} is too large`, t.start, t.end);
      return { kind: 'num', value, text: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'id') {
      const after = peek();
      if (after.kind === 'op' && after.text === '(') {
        next();
        const args: Node[] = [];
        if (!(peek().kind === 'op' && peek().text === ')')) {
          args.push(expr(depth + 1));
          while (peek().kind === 'op' && peek().text === ',') {
            next();
            args.push(expr(depth + 1));
          }
        }
        const close = expectOp(')', `to close ${t.text}(`);
        return { kind: 'call', fn: t.text.toLowerCase(), args, start: t.start, end: close.end };
      }
      return { kind: 'ref', id: t.text.toUpperCase(), start: t.start, end: t.end };
    }
    if (t.kind === 'op' && t.text === '(') {
      const inner = expr(depth + 1);
      const close = expectOp(')', 'to close "("');
      return { ...inner, start: t.start, end: close.end };
    }
    if (t.kind === 'end') throw new FormulaError(src.trim() === '' ? 'the formula is empty' : 'the formula ends too early: a value is missing', t.start, t.start + 1);
    throw new FormulaError(`unexpected ${JSON.stringify(t.text)}: expected a number, a series id or "("`, t.start, t.end);
  };

  const root = expr(0);
  const rest = peek();
  if (rest.kind !== 'end') throw new FormulaError(`unexpected ${JSON.stringify(rest.text)} after a complete formula`, rest.start, rest.end);
  return root;
}

const PREC: Record<'+' | '-' | '*' | '/', number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** Canonical text: minimal parentheses, single spaces around + − × ÷, upper-case ids. */
export function printFormula(n: Node): string {
  const go = (x: Node, parentPrec: number, rightSide: boolean): string => {
    switch (x.kind) {
      case 'num':
        return x.text;
      case 'ref':
        return x.id;
      case 'neg': {
        const s = `-${go(x.arg, 3, false)}`;
        return parentPrec > 2 ? `(${s})` : s;
      }
      case 'call':
        return `${x.fn}(${x.args.map((a) => go(a, 0, false)).join(', ')})`;
      case 'bin': {
        const prec = PREC[x.op];
        const s = `${go(x.left, prec, false)} ${x.op} ${go(x.right, prec, true)}`;
        return prec < parentPrec || (rightSide && prec === parentPrec) ? `(${s})` : s;
      }
      default: {
        const never: never = x;
        return String(never);
      }
    }
  };
  return go(n, 0, false);
}
