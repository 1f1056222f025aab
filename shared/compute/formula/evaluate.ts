/**
 * Evaluates a formula over columnar series with unit checking.
 * Units: `usd_bn` (money, incl. GDP SAAR), `percent` (rates), `bp` (spreads), `ratio`
 * (dimensionless), `number` (literals and z-scores). Adding $bn to percent is an error; money/money
 * is a ratio; `bp(a, b)` needs two rates.
 * Frequency alignment: a binary operation runs on the dates of the operand with more observations;
 * the other operand is joined as of each date (its last value on or before it, no older than
 * 4 days for daily, 8 for weekly and 100 for quarterly series). `asof(x)` carries x forward without
 * a limit. Window functions count observations of their argument: `ma(x, 10)` is a 10-observation mean.
 */
import { asOfJoin } from '../align.js';
import { bp as bpScalar } from '../bp.js';
import { rollingMean, rollingZScore } from '../rolling.js';
import type { Series } from '../series.js';
import { FormulaError, type Node } from './ast.js';

export type FormulaUnit = 'usd_bn' | 'percent' | 'bp' | 'ratio' | 'number';

export interface FormulaValue {
  readonly series: Series | null;
  /** A constant (a literal or arithmetic on literals) has no dates. */
  readonly scalar: number;
  readonly unit: FormulaUnit;
  /** Typical spacing in days, used for the as-of tolerance (1 daily, 7 weekly, 91 quarterly). */
  readonly spacingDays: number;
}

export interface FormulaEnv {
  resolve(id: string): { series: Series; unit: FormulaUnit; spacingDays: number } | undefined;
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

const UNIT_LABEL: Record<FormulaUnit, string> = { usd_bn: '$bn', percent: '%', bp: 'bp', ratio: 'a ratio', number: 'a number' };

function toleranceFor(spacingDays: number): number {
  if (spacingDays >= ASOF_SPACING) return Number.POSITIVE_INFINITY;
  return spacingDays <= 1 ? 4 : spacingDays <= 7 ? 8 : 100;
}

/** Marks a value wrapped in asof(): joined without a staleness limit. */
const ASOF_SPACING = 1e9;

function mapValues(v: FormulaValue, f: (x: Float64Array) => Float64Array, unit: FormulaUnit): FormulaValue {
  if (v.series === null) return { ...v, scalar: f(Float64Array.of(v.scalar))[0] ?? Number.NaN, unit };
  return { series: { dates: v.series.dates, values: f(v.series.values) }, scalar: Number.NaN, unit, spacingDays: v.spacingDays };
}

function combine(a: FormulaValue, b: FormulaValue, f: (x: number, y: number) => number, unit: FormulaUnit): FormulaValue {
  if (a.series === null && b.series === null) return { series: null, scalar: f(a.scalar, b.scalar), unit, spacingDays: 0 };
  if (a.series === null || b.series === null) {
    const s = (a.series ?? b.series) as Series;
    const out = new Float64Array(s.values.length);
    for (let i = 0; i < out.length; i++) out[i] = a.series === null ? f(a.scalar, s.values[i] ?? Number.NaN) : f(s.values[i] ?? Number.NaN, b.scalar);
    return { series: { dates: s.dates, values: out }, scalar: Number.NaN, unit, spacingDays: (a.series ? a : b).spacingDays };
  }
  const aDense = a.series.dates.length >= b.series.dates.length;
  const grid = aDense ? a.series : b.series;
  const other = aDense ? b : a;
  const joined = asOfJoin(grid.dates, other.series ?? grid, toleranceFor(other.spacingDays));
  const out = new Float64Array(grid.values.length);
  for (let i = 0; i < out.length; i++) {
    const g = grid.values[i] ?? Number.NaN;
    const o = joined[i] ?? Number.NaN;
    out[i] = aDense ? f(g, o) : f(o, g);
  }
  return { series: { dates: grid.dates, values: out }, scalar: Number.NaN, unit, spacingDays: aDense ? a.spacingDays : b.spacingDays };
}

function addUnit(op: '+' | '-', a: FormulaValue, b: FormulaValue, n: Node): FormulaUnit {
  if (a.unit === b.unit) return a.unit;
  if (a.unit === 'number' && a.series === null) return b.unit;
  if (b.unit === 'number' && b.series === null) return a.unit;
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

export function evaluateFormula(node: Node, env: FormulaEnv): FormulaValue {
  const ev = (n: Node): FormulaValue => {
    switch (n.kind) {
      case 'num':
        return { series: null, scalar: n.value, unit: 'number', spacingDays: 0 };
      case 'ref': {
        const r = env.resolve(n.id);
        if (r === undefined) throw new FormulaError(`unknown series ${n.id}`, n.start, n.end);
        return { series: r.series, scalar: Number.NaN, unit: r.unit, spacingDays: r.spacingDays };
      }
      case 'neg': {
        const a = ev(n.arg);
        return mapValues(a, (x) => x.map((v) => -v), a.unit);
      }
      case 'bin': {
        const a = ev(n.left);
        const b = ev(n.right);
        switch (n.op) {
          case '+':
            return combine(a, b, (x, y) => x + y, addUnit('+', a, b, n));
          case '-':
            return combine(a, b, (x, y) => x - y, addUnit('-', a, b, n));
          case '*':
            return combine(a, b, (x, y) => x * y, mulUnit(a.unit, b.unit, n));
          case '/':
            return combine(a, b, (x, y) => x / y, divUnit(a.unit, b.unit, n));
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
        const first = (): FormulaValue => {
          const a0 = n.args[0];
          if (a0 === undefined) throw new FormulaError(`${n.fn} needs an argument`, n.start, n.end);
          return ev(a0);
        };
        switch (n.fn) {
          case 'bp': {
            argc(2, 2);
            const a = first();
            const b = ev(n.args[1] as Node);
            for (const [v, arg] of [[a, n.args[0]], [b, n.args[1]]] as const) {
              if (v.unit !== 'percent' && !(v.unit === 'number' && v.series === null)) throw new FormulaError(`bp needs rates in percent, got ${UNIT_LABEL[v.unit]}`, arg?.start ?? n.start, arg?.end ?? n.end);
            }
            return combine(a, b, (x, y) => bpScalar(x, y), 'bp');
          }
          case 'ma': {
            argc(2, 2);
            const w = intArg(n.args[1], 'ma', n);
            const a = first();
            return mapValues(a, (x) => rollingMean(x, w), a.unit);
          }
          case 'z': {
            argc(2, 2);
            const w = intArg(n.args[1], 'z', n);
            if (w < 2) throw new FormulaError('z: the window must be at least 2', n.start, n.end);
            return mapValues(first(), (x) => rollingZScore(x, w), 'number');
          }
          case 'lag': {
            argc(2, 2);
            const k = intArg(n.args[1], 'lag', n);
            const a = first();
            return mapValues(a, (x) => shift(x, k), a.unit);
          }
          case 'diff': {
            argc(1, 2);
            const k = intArg(n.args[1], 'diff', n, 1);
            const a = first();
            return mapValues(a, (x) => x.map((v, i) => v - (shift(x, k)[i] ?? Number.NaN)), a.unit);
          }
          case 'pct': {
            argc(1, 2);
            const k = intArg(n.args[1], 'pct', n, 1);
            return mapValues(first(), (x) => {
              const s = shift(x, k);
              return x.map((v, i) => 100 * (v / (s[i] ?? Number.NaN) - 1));
            }, 'percent');
          }
          case 'asof': {
            argc(1, 1);
            const a = first();
            return { ...a, spacingDays: ASOF_SPACING };
          }
          case 'abs': {
            argc(1, 1);
            const a = first();
            return mapValues(a, (x) => x.map(Math.abs), a.unit);
          }
          case 'min':
          case 'max': {
            argc(2, 2);
            const a = first();
            const b = ev(n.args[1] as Node);
            const unit = addUnit('+', a, b, n);
            return combine(a, b, n.fn === 'min' ? Math.min : Math.max, unit);
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
  return ev(node);
}
