/**
 * Evaluates a formula over columnar series with unit checking.
 * Units: `usd_bn` (money, incl. GDP SAAR), `percent` (rates), `bp` (spreads), `ratio`
 * (dimensionless), `number` (literals and z-scores), `index` (a level without a currency) and
 * `usd_price` (a price in dollars). Adding $bn to percent is an error; money/money is a ratio;
 * `bp(a, b)` needs two rates.
 *
 * Alignment, one rule for the whole expression (so it means the same however it is bracketed or
 * ordered): the result lives on the union of the observation dates of its highest-frequency operands
 * (an operand is a series id, or the result of a window function or asof()); every operand is taken
 * as of each of those dates, no older than its own frequency's limit (daily 4 days, weekly 8, monthly
 * 35, quarterly 100; STALENESS_DAYS); a date where any operand is missing is missing. An operand with
 * a release calendar (GDP) on a grid of a higher frequency is taken as known on each date: the latest
 * observation already published, until the next one is (a window of such a series alone, ma(GDP, 4),
 * stays so). `asof(x)` carries x forward without a limit.
 * Window functions (ma, lag, diff, pct, z) run on their argument's own dates first (by the same rule)
 * and count its observations: `ma(x, 10)` is a 10-observation mean; the result is a new operand at
 * its argument's frequency.
 *
 * Sums and products are flattened and their terms combined in one canonical order, so `a - b - c`,
 * `a - (b + c)` and `-c + a - b` give the same floating-point numbers, not merely close ones.
 */
import type { Frequency } from '../../catalog.js';
import { alignOperands, STALENESS_DAYS, type Availability, type Operand } from '../align.js';
import { bp as bpScalar } from '../bp.js';
import { rollingMean, rollingZScore } from '../rolling.js';
import type { Series } from '../series.js';
import { FormulaError, type Node } from './ast.js';

export type FormulaUnit = 'usd_bn' | 'percent' | 'bp' | 'ratio' | 'number' | 'index' | 'usd_price';

export interface FormulaValue {
  /** Only the dates with a value; null for a constant. */
  readonly series: Series | null;
  /** A constant (a literal or arithmetic on literals) has no dates. */
  readonly scalar: number;
  readonly unit: FormulaUnit;
  /** The frequency the result lives at (that of its highest-frequency operand); null for a constant. */
  readonly frequency: Frequency | null;
  /**
   * Dates left out because the arithmetic gave no finite number although every operand had a value
   * there (division by zero, 0/0, overflow), counted over the formula and the arguments of its
   * windows; missing operands are not counted. Only evaluateFormula's result carries it.
   */
  readonly nonFinite?: number;
}

export interface ResolvedSeries {
  readonly series: Series;
  readonly unit: FormulaUnit;
  readonly frequency: Frequency;
  /** When each observation was first published, for series taken "as known then" (GDP). */
  readonly availability?: Availability;
  /** Published for every calendar day (FRED's 7-day series): adds no dates beside a business-day series. */
  readonly everyDay?: boolean;
}

export interface FormulaEnv {
  resolve(id: string): ResolvedSeries | undefined;
  /**
   * Why an id `resolve` does not know is unknown, when the environment can say more than "unknown
   * series" (a series the user added and then removed from the catalog); undefined otherwise.
   */
  unknown?(id: string): string | undefined;
}

export const FUNCTIONS: Readonly<Record<string, string>> = {
  bp: 'bp(a, b): spread in basis points, 100·(a − b); a and b are rates in percent',
  ma: 'ma(x, n): mean of the last n observations',
  lag: 'lag(x, n): the value n observations earlier',
  diff: 'diff(x[, n]): x − lag(x, n), n = 1 by default',
  pct: 'pct(x[, n]): percent change over n observations',
  z: 'z(x, n): rolling z-score over n observations (sample sd)',
  asof: 'asof(x): carry x forward to any later date without a staleness limit',
  abs: 'abs(x)',
  min: 'min(a, b)',
  max: 'max(a, b)',
};

/** The alignment rule in words, for the Workspace help and the command line (the module comment says why). */
export const ALIGNMENT_RULE =
  'A formula lives on the dates of its highest-frequency series (the union of their observation dates; FRED\'s 7-day series such as IORB and the target range add no weekend dates beside a business-day series). Every other series is taken as of each date, no older than its own frequency allows: daily 4 days, weekly 8, monthly 35, quarterly 100; a date where any series is missing is left out. GDP on a daily or weekly formula is taken as known then: the latest quarter BEA had published by that date, until the next one was (the newest stored quarter holds for 200 days after its release while the next is not stored) (asof(GDP) instead takes the quarter containing the date, latest vintage). asof(x) carries x forward with no limit. ma, lag, diff, pct and z count observations of their argument on its own dates. Brackets and order do not change the result: a - b - c, a - (b + c) and -c + a - b are the same series.';

const UNIT_LABEL: Record<FormulaUnit, string> = { usd_bn: '$bn', percent: '%', bp: 'bp', ratio: 'a ratio', number: 'a number', index: 'an index', usd_price: 'a USD price' };

/** Element-wise code over the operands of one scope. Sums and products hold their parts in canonical order. */
type Code =
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'leaf'; readonly i: number }
  | { readonly k: 'sum'; readonly terms: readonly { readonly neg: boolean; readonly c: Code }[] }
  | { readonly k: 'prod'; readonly num: readonly Keyed[]; readonly den: readonly Keyed[] }
  | { readonly k: 'call'; readonly f: (xs: readonly number[]) => number; readonly args: readonly Code[] };

/** A code with a canonical text key: equal keys mean equal values, and keys fix the order of terms. */
interface Keyed {
  readonly c: Code;
  readonly key: string;
}

interface Term extends Keyed {
  readonly neg: boolean;
}

/** A compiled (sub)expression: a sum of signed terms (one term when it is not a sum). */
interface Built {
  readonly unit: FormulaUnit;
  readonly terms: readonly Term[];
  /** No operand below it: a literal or arithmetic on literals. */
  readonly constant: boolean;
}

/** The operands of one element-wise expression, deduplicated by key. */
class Scope {
  readonly operands: Operand[] = [];
  private readonly byKey = new Map<string, number>();
  leaf(key: string, make: () => Operand): Keyed {
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.operands.length;
      this.operands.push(make());
      this.byKey.set(key, i);
    }
    return { c: { k: 'leaf', i }, key };
  }
  get(key: string): Keyed | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : { c: { k: 'leaf', i }, key };
  }
}

const byKey = (a: Keyed, b: Keyed): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byTerm = (a: Term, b: Term): number => byKey(a, b) || Number(a.neg) - Number(b.neg);

/** The built expression as one code: a lone positive term is itself, anything else a sorted sum. */
function keyed(b: Built): Keyed {
  const only = b.terms[0];
  if (b.terms.length === 1 && only !== undefined && !only.neg) return { c: only.c, key: only.key };
  const terms = [...b.terms].sort(byTerm);
  return { c: { k: 'sum', terms: terms.map((t) => ({ neg: t.neg, c: t.c })) }, key: `(${terms.map((t) => `${t.neg ? '-' : '+'}${t.key}`).join('')})` };
}

const single = (unit: FormulaUnit, t: Keyed, constant: boolean, neg = false): Built => ({ unit, terms: [{ ...t, neg }], constant });

interface Factors {
  readonly neg: boolean;
  readonly num: readonly Keyed[];
  readonly den: readonly Keyed[];
}

/** A built expression as a signed product of factors (a sum of several terms is one factor). */
function factors(b: Built): Factors {
  const only = b.terms[0];
  if (b.terms.length === 1 && only !== undefined) {
    if (only.c.k === 'prod') return { neg: only.neg, num: only.c.num, den: only.c.den };
    return { neg: only.neg, num: [{ c: only.c, key: only.key }], den: [] };
  }
  return { neg: false, num: [keyed(b)], den: [] };
}

function product(unit: FormulaUnit, f: Factors, constant: boolean): Built {
  const num = [...f.num].sort(byKey);
  const den = [...f.den].sort(byKey);
  const c: Code = { k: 'prod', num, den };
  return single(unit, { c, key: `[${num.map((x) => x.key).join('*')}/${den.map((x) => x.key).join('*')}]` }, constant, f.neg);
}

function addUnit(op: '+' | '-', a: Built, b: Built, n: Node): FormulaUnit {
  if (a.unit === b.unit) return a.unit;
  if (a.unit === 'number' && a.constant) return b.unit;
  if (b.unit === 'number' && b.constant) return a.unit;
  throw new FormulaError(`cannot ${op === '+' ? 'add' : 'subtract'} ${UNIT_LABEL[b.unit]} ${op === '+' ? 'to' : 'from'} ${UNIT_LABEL[a.unit]}`, n.start, n.end);
}

function mulUnit(a: FormulaUnit, b: FormulaUnit, n: Node): FormulaUnit {
  if (a === 'number' || a === 'ratio') return b === 'number' && a === 'ratio' ? 'ratio' : b;
  if (b === 'number' || b === 'ratio') return a;
  throw new FormulaError(`cannot multiply ${UNIT_LABEL[a]} by ${UNIT_LABEL[b]}`, n.start, n.end);
}

function divUnit(a: FormulaUnit, b: FormulaUnit, n: Node): FormulaUnit {
  if (a === b) return a === 'number' ? 'number' : 'ratio';
  if (b === 'number' || b === 'ratio') return a;
  if (a === 'number') throw new FormulaError(`dividing a number by ${UNIT_LABEL[b]} has no meaningful unit`, n.start, n.end);
  throw new FormulaError(`cannot divide ${UNIT_LABEL[a]} by ${UNIT_LABEL[b]}`, n.start, n.end);
}

function intArg(n: Node | undefined, fn: string, call: Node, fallback?: number): number {
  if (n === undefined) {
    if (fallback !== undefined) return fallback;
    throw new FormulaError(`${fn} needs a window length`, call.start, call.end);
  }
  if (n.kind !== 'num' || !Number.isInteger(n.value) || n.value < 1 || n.value > 10_000) throw new FormulaError(`${fn}: the window must be a whole number from 1 to 10000`, n.start, n.end);
  return n.value;
}

function shift(values: Float64Array, k: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = k; i < values.length; i++) out[i] = values[i - k] ?? Number.NaN;
  return out;
}

type Column = Float64Array | number;

/** Runs element-wise code over aligned operand columns (or over no columns: a constant). */
function run(c: Code, cols: readonly Float64Array[], n: number): Column {
  const at = (x: Column, i: number): number => (typeof x === 'number' ? x : (x[i] ?? Number.NaN));
  const map = (parts: readonly Column[], f: (i: number) => number): Column => {
    if (parts.every((p) => typeof p === 'number')) return f(0);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(i);
    return out;
  };
  switch (c.k) {
    case 'const':
      return c.v;
    case 'leaf':
      return cols[c.i] ?? Number.NaN;
    case 'sum': {
      const parts = c.terms.map((t) => run(t.c, cols, n));
      return map(parts, (i) => {
        let acc = 0;
        c.terms.forEach((t, j) => {
          const v = at(parts[j] ?? Number.NaN, i);
          acc = j === 0 ? (t.neg ? -v : v) : t.neg ? acc - v : acc + v;
        });
        return acc;
      });
    }
    case 'prod': {
      const num = c.num.map((x) => run(x.c, cols, n));
      const den = c.den.map((x) => run(x.c, cols, n));
      return map([...num, ...den], (i) => {
        let p = at(num[0] ?? Number.NaN, i);
        for (let j = 1; j < num.length; j++) p *= at(num[j] ?? Number.NaN, i);
        if (den.length === 0) return p;
        let q = at(den[0] ?? Number.NaN, i);
        for (let j = 1; j < den.length; j++) q *= at(den[j] ?? Number.NaN, i);
        return p / q;
      });
    }
    case 'call': {
      const args = c.args.map((x) => run(x, cols, n));
      return map(args, (i) => c.f(args.map((a) => at(a, i))));
    }
    default: {
      const never: never = c;
      throw new Error(`unknown code ${JSON.stringify(never)}`);
    }
  }
}

/** Keeps the dates with a finite value: "missing" means absent. */
function compact(dates: Int32Array, values: Float64Array): Series {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] ?? Number.NaN)) m++;
  if (m === values.length) return { dates, values };
  const d = new Int32Array(m);
  const v = new Float64Array(m);
  for (let i = 0, j = 0; i < values.length; i++) {
    const x = values[i] ?? Number.NaN;
    if (!Number.isFinite(x)) continue;
    d[j] = dates[i] ?? 0;
    v[j++] = x;
  }
  return { dates: d, values: v };
}

/** Counts what compact() will leave out for want of a finite result, not for want of an operand (FormulaValue.nonFinite). */
interface Tally {
  n: number;
}

/** Evaluates a scope: one grid for all its operands, every operand aligned once, then element-wise. */
function evaluateScope(scope: Scope, b: Built, tally?: Tally): FormulaValue {
  const code = keyed(b).c;
  if (b.constant || scope.operands.length === 0) return { series: null, scalar: run(code, [], 0) as number, unit: b.unit, frequency: null };
  const { grid, frequency, columns } = alignOperands(scope.operands);
  const out = run(code, columns, grid.length);
  const values = typeof out === 'number' ? new Float64Array(grid.length).fill(out) : out;
  if (tally !== undefined) {
    for (let i = 0; i < values.length; i++) {
      if (Number.isFinite(values[i] ?? Number.NaN)) continue;
      if (columns.every((c) => Number.isFinite(c[i] ?? Number.NaN))) tally.n++;
    }
  }
  return { series: compact(grid, values), scalar: Number.NaN, unit: b.unit, frequency };
}

type Window = (x: Float64Array) => Float64Array;

/**
 * A window of one series with a release calendar (ma(GDP, 4), pct(GDP, 4)) stays "as known then": its
 * value dated q uses q and earlier observations only, so it was known when q was published. Windows
 * over several operands fall back to observation mode.
 */
function carriedAvailability(operands: readonly Operand[], out: Series): Availability | undefined {
  const [only] = operands;
  if (operands.length !== 1 || only?.availability === undefined) return undefined;
  const { dates } = only.series;
  const src = only.availability;
  const days = new Int32Array(out.dates.length);
  for (let i = 0, j = 0; i < out.dates.length; i++) {
    while (j < dates.length && (dates[j] ?? 0) < (out.dates[i] ?? 0)) j++;
    days[i] = src.days[j] ?? 0;
  }
  return src.nextDay === undefined ? { days } : { days, nextDay: src.nextDay };
}

/** How a series id becomes an operand: its own frequency's staleness limit, and its release calendar if any. */
export function operandOf(r: ResolvedSeries): Operand {
  return {
    series: r.series,
    frequency: r.frequency,
    toleranceDays: STALENESS_DAYS[r.frequency],
    ...(r.availability === undefined ? {} : { availability: r.availability }),
    ...(r.everyDay === true ? { everyDay: true } : {}),
  };
}

export function evaluateFormula(node: Node, env: FormulaEnv): FormulaValue {
  const resolved = new Map<string, ResolvedSeries>();
  const tally: Tally = { n: 0 };

  /** A window function or asof(): the argument evaluated on its own dates, then an operand of the outer scope. */
  const windowed = (scope: Scope, call: Node & { kind: 'call' }, key: (argKey: string) => string, unit: (u: FormulaUnit) => FormulaUnit, f: Window | 'asof'): Built => {
    const a0 = call.args[0];
    if (a0 === undefined) throw new FormulaError(`${call.fn} needs an argument`, call.start, call.end);
    const inner = new Scope();
    const arg = compile(a0, inner);
    const k = key(keyed(arg).key);
    const u = unit(arg.unit);
    if (arg.constant) {
      const v = evaluateScope(inner, arg).scalar;
      const x = f === 'asof' ? v : (f(Float64Array.of(v))[0] ?? Number.NaN);
      return single(u, { c: { k: 'const', v: x }, key: `#${x}` }, true);
    }
    // The same window of the same argument twice is one operand, computed once.
    const seen = scope.get(k);
    if (seen !== undefined) return single(u, seen, false);
    const v = evaluateScope(inner, arg, tally);
    const s = v.series ?? { dates: new Int32Array(0), values: new Float64Array(0) };
    const freq = v.frequency ?? 'D';
    // A window over 7-day series only lives on every calendar day too, and is marked so.
    const top = inner.operands.filter((o) => o.frequency === freq);
    const everyDay = top.length > 0 && top.every((o) => o.everyDay === true) ? { everyDay: true } : {};
    const leaf = scope.leaf(k, (): Operand => {
      if (f === 'asof') return { series: s, frequency: freq, toleranceDays: Number.POSITIVE_INFINITY, ...everyDay };
      const w = f(s.values);
      // A window's leading values are NaN by design (too few observations yet); ±Infinity is a division by zero.
      for (let i = 0; i < w.length; i++) if (Math.abs(w[i] ?? 0) === Number.POSITIVE_INFINITY) tally.n++;
      const out = compact(s.dates, w);
      const av = carriedAvailability(inner.operands, out);
      return { series: out, frequency: freq, toleranceDays: STALENESS_DAYS[freq], ...(av === undefined ? {} : { availability: av }), ...everyDay };
    });
    return single(u, leaf, false);
  };

  const compile = (n: Node, scope: Scope): Built => {
    switch (n.kind) {
      case 'num':
        return single('number', { c: { k: 'const', v: n.value }, key: `#${n.value}` }, true);
      case 'ref': {
        let r = resolved.get(n.id);
        if (r === undefined) {
          r = env.resolve(n.id);
          if (r === undefined) throw new FormulaError(env.unknown?.(n.id) ?? `unknown series ${n.id}`, n.start, n.end);
          resolved.set(n.id, r);
        }
        const rs = r;
        return single(rs.unit, scope.leaf(n.id, () => operandOf(rs)), false);
      }
      case 'neg': {
        const a = compile(n.arg, scope);
        return { ...a, terms: a.terms.map((t) => ({ ...t, neg: !t.neg })) };
      }
      case 'bin': {
        const a = compile(n.left, scope);
        const b = compile(n.right, scope);
        const constant = a.constant && b.constant;
        switch (n.op) {
          case '+':
            return { unit: addUnit('+', a, b, n), terms: [...a.terms, ...b.terms], constant };
          case '-':
            return { unit: addUnit('-', a, b, n), terms: [...a.terms, ...b.terms.map((t) => ({ ...t, neg: !t.neg }))], constant };
          case '*': {
            const fa = factors(a);
            const fb = factors(b);
            return product(mulUnit(a.unit, b.unit, n), { neg: fa.neg !== fb.neg, num: [...fa.num, ...fb.num], den: [...fa.den, ...fb.den] }, constant);
          }
          case '/': {
            const fa = factors(a);
            const fb = factors(b);
            return product(divUnit(a.unit, b.unit, n), { neg: fa.neg !== fb.neg, num: [...fa.num, ...fb.den], den: [...fa.den, ...fb.num] }, constant);
          }
          default: {
            const never: never = n.op;
            throw new FormulaError(`unknown operator ${String(never)}`, n.start, n.end);
          }
        }
      }
      case 'call': {
        const argc = (min: number, max: number): void => {
          if (n.args.length < min || n.args.length > max) {
            throw new FormulaError(`${n.fn} takes ${min === max ? min : `${min} or ${max}`} argument${max === 1 ? '' : 's'}, got ${n.args.length}`, n.start, n.end);
          }
        };
        const elementwise = (fn: string, f: (xs: readonly number[]) => number, args: readonly Built[], unit: FormulaUnit, commutative: boolean): Built => {
          const ks = args.map(keyed);
          const ordered = commutative ? [...ks].sort(byKey) : ks;
          return single(unit, { c: { k: 'call', f, args: ordered.map((x) => x.c) }, key: `${fn}(${ordered.map((x) => x.key).join(',')})` }, args.every((x) => x.constant));
        };
        switch (n.fn) {
          case 'bp': {
            argc(2, 2);
            const args = n.args.map((x) => compile(x, scope));
            args.forEach((v, i) => {
              const arg = n.args[i];
              if (v.unit !== 'percent' && !(v.unit === 'number' && v.constant)) throw new FormulaError(`bp needs rates in percent, got ${UNIT_LABEL[v.unit]}`, arg?.start ?? n.start, arg?.end ?? n.end);
            });
            return elementwise('bp', (xs) => bpScalar(xs[0] ?? Number.NaN, xs[1] ?? Number.NaN), args, 'bp', false);
          }
          case 'ma': {
            argc(2, 2);
            const w = intArg(n.args[1], 'ma', n);
            return windowed(scope, n, (k) => `ma(${k},${w})`, (u) => u, (x) => rollingMean(x, w));
          }
          case 'z': {
            argc(2, 2);
            const w = intArg(n.args[1], 'z', n);
            if (w < 2) throw new FormulaError('z: the window must be at least 2', n.start, n.end);
            return windowed(scope, n, (k) => `z(${k},${w})`, () => 'number', (x) => rollingZScore(x, w));
          }
          case 'lag': {
            argc(2, 2);
            const k = intArg(n.args[1], 'lag', n);
            return windowed(scope, n, (a) => `lag(${a},${k})`, (u) => u, (x) => shift(x, k));
          }
          case 'diff': {
            argc(1, 2);
            const k = intArg(n.args[1], 'diff', n, 1);
            return windowed(scope, n, (a) => `diff(${a},${k})`, (u) => u, (x) => {
              const s = shift(x, k);
              return x.map((v, i) => v - (s[i] ?? Number.NaN));
            });
          }
          case 'pct': {
            argc(1, 2);
            const k = intArg(n.args[1], 'pct', n, 1);
            return windowed(scope, n, (a) => `pct(${a},${k})`, () => 'percent', (x) => {
              const s = shift(x, k);
              return x.map((v, i) => 100 * (v / (s[i] ?? Number.NaN) - 1));
            });
          }
          case 'asof': {
            argc(1, 1);
            return windowed(scope, n, (a) => `asof(${a})`, (u) => u, 'asof');
          }
          case 'abs': {
            argc(1, 1);
            const a = compile(n.args[0] as Node, scope);
            return elementwise('abs', (xs) => Math.abs(xs[0] ?? Number.NaN), [a], a.unit, false);
          }
          case 'min':
          case 'max': {
            argc(2, 2);
            const a = compile(n.args[0] as Node, scope);
            const b = compile(n.args[1] as Node, scope);
            const unit = addUnit('+', a, b, n);
            const f = n.fn === 'min' ? Math.min : Math.max;
            return elementwise(n.fn, (xs) => f(xs[0] ?? Number.NaN, xs[1] ?? Number.NaN), [a, b], unit, true);
          }
          default:
            throw new FormulaError(`unknown function ${n.fn}(); functions: ${Object.keys(FUNCTIONS).join(', ')}`, n.start, n.start + n.fn.length);
        }
      }
      default: {
        const never: never = n;
        throw new FormulaError(`unknown node ${JSON.stringify(never)}`, 0, 0);
      }
    }
  };

  const top = new Scope();
  const built = compile(node, top);
  return { ...evaluateScope(top, built, tally), nonFinite: tally.n };
}
