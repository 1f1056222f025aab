import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormulaError, type Node } from '../../../shared/compute/formula/ast.js';
import { evaluateFormula, type FormulaEnv, type FormulaUnit } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula, printFormula } from '../../../shared/compute/formula/parse.js';
import { seriesFrom, type Series } from '../../../shared/compute/series.js';
import { findSeries, type Frequency } from '../../../shared/catalog.js';
import { prepareBatch } from '../../../shared/model/observation.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { readData } from '../../support/fixtures.js';

/** Real series from shared/data/fred, in canonical units. */
function real(id: string): Series {
  const def = findSeries(id);
  const parsed = parseFredCsv(readData(`fred/${id}.csv`));
  if (!def || !parsed.ok) throw new Error(id);
  const prepared = prepareBatch(def, parsed.value.observations);
  if (!prepared.ok) throw new Error(prepared.error);
  return seriesFrom(prepared.value.rows);
}

const UNITS: Record<string, [FormulaUnit, Frequency]> = { WALCL: ['usd_bn', 'W'], WDTGAL: ['usd_bn', 'W'], WRESBAL: ['usd_bn', 'W'], SOFR: ['percent', 'D'], IORB: ['percent', 'D'], RRPONTSYD: ['usd_bn', 'D'] };
const cache = new Map<string, Series>();
const env: FormulaEnv = {
  resolve: (id) => {
    const u = UNITS[id];
    if (!u) return undefined;
    let s = cache.get(id);
    if (!s) {
      s = real(id);
      cache.set(id, s);
    }
    return { series: s, unit: u[0], frequency: u[1] };
  },
};

const at = (s: Series | null, day: string): number | undefined => {
  if (!s) return undefined;
  const d = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  const i = s.dates.indexOf(d);
  return i < 0 ? undefined : s.values[i];
};

describe('formula language', () => {
  it('parses and prints the examples in canonical form', () => {
    expect(printFormula(parseFormula('WALCL - WDTGAL - WLRRAOL'))).toBe('WALCL - WDTGAL - WLRRAOL');
    expect(printFormula(parseFormula('bp( sofr ,IORB)'))).toBe('bp(SOFR, IORB)');
    expect(printFormula(parseFormula('ma(bp(SOFR, RRPONTSYAWARD), 10)'))).toBe('ma(bp(SOFR, RRPONTSYAWARD), 10)');
    expect(printFormula(parseFormula('100 * WRESBAL / GDP'))).toBe('100 * WRESBAL / GDP');
    expect(printFormula(parseFormula('WALCL - (WDTGAL - WLRRAOL)'))).toBe('WALCL - (WDTGAL - WLRRAOL)');
    expect(printFormula(parseFormula('(WALCL - WDTGAL) - WLRRAOL'))).toBe('WALCL - WDTGAL - WLRRAOL');
  });

  it.each([
    ['WALCL -', /ends too early/, 7],
    ['bp(SOFR IORB)', /expected "\)" to close bp\(, found "IORB"/, 8],
    ['WALCL $ 2', /unexpected character "\$"/, 6],
    ['', /empty/, 0],
    ['(WALCL', /expected "\)" to close "\("/, 6],
    ['WALCL WDTGAL', /unexpected "WDTGAL" after a complete formula/, 6],
  ])('syntax error in %j is reported at its position', (src, msg, col) => {
    try {
      parseFormula(src);
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(FormulaError);
      expect((e as FormulaError).message).toMatch(msg);
      expect((e as FormulaError).start).toBe(col);
    }
  });

  it('evaluates on real data: WALCL − WDTGAL in $bn (2025-10-29)', () => {
    const v = evaluateFormula(parseFormula('WALCL - WDTGAL'), env);
    expect(v.unit).toBe('usd_bn');
    expect(at(v.series, '2025-10-29')).toBeCloseTo(6587.034 - 983.859, 9);
  });

  it('evaluates bp(SOFR, IORB) = +32 bp on 2025-10-31 and a 10-day moving average', () => {
    const v = evaluateFormula(parseFormula('bp(SOFR, IORB)'), env);
    expect(v.unit).toBe('bp');
    expect(at(v.series, '2025-10-31')).toBe(32);
    const ma = evaluateFormula(parseFormula('ma(bp(SOFR, IORB), 10)'), env);
    expect(ma.unit).toBe('bp');
    expect(Number.isFinite(at(ma.series, '2025-10-31') ?? Number.NaN)).toBe(true);
  });

  it('derives units: money/money is a ratio; a daily series joins a weekly one as of each Wednesday', () => {
    expect(evaluateFormula(parseFormula('100 * WRESBAL / WALCL'), env).unit).toBe('ratio');
    const mixed = evaluateFormula(parseFormula('WALCL - WDTGAL - RRPONTSYD'), env);
    // Daily RRPONTSYD is the highest frequency: the result is on its dates, WALCL and WDTGAL joined as of (≤ 8 days).
    expect(at(mixed.series, '2025-10-31')).toBeCloseTo(6587.034 - 983.859 - 51.802, 9);
  });

  it.each([
    ['WALCL + SOFR', /cannot add % to \$bn/],
    ['WALCL * WDTGAL', /cannot multiply \$bn by \$bn/],
    ['bp(WALCL, IORB)', /bp needs rates in percent, got \$bn/],
    ['NOPE - WALCL', /unknown series NOPE/],
    ['frob(WALCL)', /unknown function frob\(\)/],
    ['ma(SOFR, 0)', /window must be a whole number/],
    ['ma(SOFR)', /ma takes 2 arguments, got 1/],
  ])('refuses %j with a precise message', (src, msg) => {
    expect(() => evaluateFormula(parseFormula(src), env)).toThrow(msg);
  });

  const ids = fc.constantFrom('WALCL', 'WDTGAL', 'SOFR', 'IORB', 'X_1');
  const node: fc.Arbitrary<Node> = fc.letrec<{ n: Node }>((tie) => ({
    n: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: 1000 }).map((v): Node => ({ kind: 'num', value: v, text: String(v), start: 0, end: 0 })),
      ids.map((id): Node => ({ kind: 'ref', id, start: 0, end: 0 })),
      tie('n').map((arg): Node => ({ kind: 'neg', arg, start: 0, end: 0 })),
      fc.tuple(fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>, tie('n'), tie('n')).map(([op, left, right]): Node => ({ kind: 'bin', op, left, right, start: 0, end: 0 })),
      fc.tuple(fc.constantFrom('bp', 'ma', 'max'), fc.array(tie('n'), { minLength: 1, maxLength: 3 })).map(([fn, args]): Node => ({ kind: 'call', fn, args, start: 0, end: 0 })),
    ),
  })).n;

  it('property (generated formulas): parse → print → parse → print is stable', () => {
    fc.assert(
      fc.property(node, (n) => {
        const once = printFormula(n);
        const twice = printFormula(parseFormula(once));
        expect(twice).toBe(once);
        expect(printFormula(parseFormula(twice))).toBe(twice);
      }),
      { numRuns: 500 },
    );
  });

  it('property (random text): parsing and evaluating never throw anything but a FormulaError', () => {
    const chars = fc.constantFrom(...'WALCL SOFR IORB bp ma z lag diff pct asof ( ) , + - * / 1 2 . e 9 $ _ '.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), (src) => {
        try {
          evaluateFormula(parseFormula(src), env);
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
