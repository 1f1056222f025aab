/**
 * Issue 10 §2: a formula means the same thing however it is bracketed or ordered. Every series here
 * is real: the committed snapshot (resources/snapshot/series/*.csv, canonical units, GDP with its
 * bundled first-release dates) and, for the monthly operand, FRED M2SL from shared/data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSeries } from '../../../shared/catalog.js';
import { alignmentGrid, STALENESS_DAYS } from '../../../shared/compute/align.js';
import { catalogFormulaEnv } from '../../../shared/compute/formula/catalog-env.js';
import { evaluateFormula, type FormulaEnv, type FormulaValue } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import { indexAtOrBefore, type Series } from '../../../shared/compute/series.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { gdpAvailability, gdpReleaseCalendarFrom } from '../../../main/core/analysis/gdp-releases.js';
import { GDP_RELEASES_FILE, parseGdpReleaseDates } from '../../../main/core/snapshot/gdp-release-dates.js';
import { dataFile, REPO_ROOT } from '../../support/paths.js';

const cache = new Map<string, Series | undefined>();
function csvSeries(file: string): Series {
  const parsed = parseFredCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const obs = parsed.value.observations.filter((o) => o.value !== null);
  return { dates: Int32Array.from(obs.map((o) => epochDay(o.date))), values: Float64Array.from(obs.map((o) => o.value ?? Number.NaN)) };
}
/** A snapshot series in canonical units, or undefined when the snapshot does not have it. */
function snap(id: string): Series | undefined {
  if (!cache.has(id)) {
    const file = path.join(REPO_ROOT, 'resources', 'snapshot', 'series', `${id}.csv`);
    cache.set(id, existsSync(file) ? csvSeries(file) : undefined);
  }
  return cache.get(id);
}
// GDP carries BEA's first-release dates (the bundled file), as the store's environment gives it.
const releases = parseGdpReleaseDates(readFileSync(path.join(REPO_ROOT, 'resources', 'snapshot', GDP_RELEASES_FILE), 'utf8'));
if (!releases.ok) throw new Error(releases.error);
const calendar = gdpReleaseCalendarFrom(releases.value, GDP_RELEASES_FILE);
const env: FormulaEnv = catalogFormulaEnv(snap, (id, s) => (id === 'GDP' ? gdpAvailability(s, calendar) : undefined));

const ev = (src: string, e: FormulaEnv = env): FormulaValue => evaluateFormula(parseFormula(src), e);
const d = (iso: string): number => epochDay(iso as IsoDate);
const valueOn = (v: FormulaValue, iso: string): number | undefined => {
  const s = v.series;
  if (s === null) return undefined;
  const i = s.dates.indexOf(d(iso));
  return i < 0 ? undefined : s.values[i];
};
/** The last observation of a snapshot series on or before a day, no older than `tol` days. */
const asOf = (id: string, iso: string, tol: number): number | undefined => {
  const s = snap(id);
  if (s === undefined) return undefined;
  const i = indexAtOrBefore(s, d(iso));
  return i >= 0 && d(iso) - (s.dates[i] ?? 0) <= tol ? s.values[i] : undefined;
};

function expectSame(a: FormulaValue, b: FormulaValue, what: string): void {
  expect(a.unit, what).toBe(b.unit);
  expect(a.frequency, what).toBe(b.frequency);
  if (a.series === null || b.series === null) {
    expect(a.series, what).toBe(b.series);
    expect(Object.is(a.scalar, b.scalar) || Math.abs(a.scalar - b.scalar) <= 1e-12 * Math.max(1, Math.abs(a.scalar)), what).toBe(true);
    return;
  }
  expect(Array.from(a.series.dates), what).toEqual(Array.from(b.series.dates));
  for (let i = 0; i < a.series.values.length; i++) {
    const x: number = a.series.values[i] ?? Number.NaN;
    const y: number = b.series.values[i] ?? Number.NaN;
    if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x))) expect.fail(`${what}: ${fromEpochDay(a.series.dates[i] ?? 0)} ${x} vs ${y}`);
  }
}

describe('formula alignment: one rule, however the formula is written', () => {
  it('issue 10 §2: WALCL - TGA_DTS - RRPONTSYD = WALCL - (TGA_DTS + RRPONTSYD) on every date, daily (2026-08-03 included)', () => {
    const a = ev('WALCL - TGA_DTS - RRPONTSYD');
    const b = ev('WALCL - (TGA_DTS + RRPONTSYD)');
    const c = ev('-RRPONTSYD + WALCL - TGA_DTS');
    expectSame(a, b, 'a-b-c vs a-(b+c)');
    expectSame(a, c, 'a-b-c vs -c+a-b');
    expect(a.frequency).toBe('D');
    // Monday 2026-08-03: WALCL of Wednesday 07-29 (5 days old, ≤ 8), that day's TGA and ON RRP.
    const expected = (asOf('WALCL', '2026-08-03', 8) ?? Number.NaN) - (asOf('TGA_DTS', '2026-08-03', 0) ?? Number.NaN) - (asOf('RRPONTSYD', '2026-08-03', 0) ?? Number.NaN);
    expect(valueOn(a, '2026-08-03')).toBeCloseTo(expected, 9);
    expect(valueOn(a, '2026-08-03')).toBe(valueOn(b, '2026-08-03'));
  });

  it('the dates are the union of the highest-frequency operands’ dates; lower-frequency ones are taken as of each date within their limit', () => {
    const v = ev('WALCL - TGA_DTS - RRPONTSYD');
    const tga = snap('TGA_DTS');
    const rrp = snap('RRPONTSYD');
    const walcl = snap('WALCL');
    if (v.series === null || tga === undefined || rrp === undefined || walcl === undefined) throw new Error('snapshot series missing');
    const union = new Set([...tga.dates, ...rrp.dates]);
    for (const day of v.series.dates) expect(union.has(day)).toBe(true);
    // Every date of the grid where all three are within their limits is in the result, and no other.
    const { grid } = alignmentGrid([tga, rrp].map((series) => ({ series, frequency: 'D' as const, toleranceDays: 4 })));
    const want = [...grid].filter((g) => [asOf('WALCL', fromEpochDay(g), STALENESS_DAYS.W), asOf('TGA_DTS', fromEpochDay(g), STALENESS_DAYS.D), asOf('RRPONTSYD', fromEpochDay(g), STALENESS_DAYS.D)].every((x) => x !== undefined));
    expect(Array.from(v.series.dates)).toEqual(want);
    // After WALCL's last Wednesday + 8 days nothing is left, whatever the daily series have.
    const lastWalcl = walcl.dates[walcl.dates.length - 1] ?? 0;
    expect(v.series.dates[v.series.dates.length - 1] ?? 0).toBeLessThanOrEqual(lastWalcl + 8);
  });

  it('a monthly operand (M2SL, real FRED data) meets a weekly one as of each Wednesday, no older than 35 days; asof() lifts the limit', () => {
    const m2 = csvSeries(dataFile('derived/sivamsapingali__Codex_Macro-Monitor/M2SL.csv'));
    const e: FormulaEnv = { resolve: (id) => (id === 'M2SL' ? { series: m2, unit: 'usd_bn', frequency: 'M' } : env.resolve(id)) };
    const v = ev('WRESBAL / M2SL', e);
    expect(v.frequency).toBe('W');
    expect(v.unit).toBe('ratio');
    // M2SL's last month is 2025-11-01: usable through 2025-12-06, so the last Wednesday is 2025-12-03.
    const last = fromEpochDay(v.series?.dates[(v.series.dates.length ?? 1) - 1] ?? 0);
    expect(last).toBe('2025-12-03');
    expect(valueOn(v, '2025-11-12')).toBeCloseTo((asOf('WRESBAL', '2025-11-12', 0) ?? Number.NaN) / 22322.4, 12);
    const free = ev('WRESBAL / asof(M2SL)', e);
    expect(free.series?.dates[free.series.dates.length - 1]).toBe(snap('WRESBAL')?.dates.at(-1));
  });

  it('window functions run on their argument’s own dates first: ma(WALCL, 4) − TGA_DTS takes the 4-week mean as of each day', () => {
    const v = ev('ma(WALCL, 4) - TGA_DTS');
    const w = snap('WALCL');
    if (w === undefined) throw new Error('WALCL');
    const i = indexAtOrBefore(w, d('2026-08-03'));
    const ma4 = ((w.values[i] ?? 0) + (w.values[i - 1] ?? 0) + (w.values[i - 2] ?? 0) + (w.values[i - 3] ?? 0)) / 4;
    expect(valueOn(v, '2026-08-03')).toBeCloseTo(ma4 - (asOf('TGA_DTS', '2026-08-03', 0) ?? Number.NaN), 9);
    expectSame(v, ev('-TGA_DTS + ma(WALCL, 4)'), 'window operand commuted');
    expectSame(ev('ma(WALCL - WDTGAL - WLRRAOL, 4)'), ev('ma(WALCL - (WDTGAL + WLRRAOL), 4)'), 'inside a window');
  });

  it('products and quotients re-associated: A·B/C written six ways is one series', () => {
    const forms = ['WRESBAL * (RRPONTSYD / WALCL)', 'WRESBAL / WALCL * RRPONTSYD', 'RRPONTSYD / WALCL * WRESBAL', '(RRPONTSYD / WALCL) * WRESBAL', 'WRESBAL / (WALCL / RRPONTSYD)', 'RRPONTSYD * (WRESBAL / WALCL)'];
    const first = ev(forms[0] ?? '');
    for (const f of forms.slice(1)) expectSame(first, ev(f), f);
  });

  // Real catalog series by unit, each present in the committed snapshot.
  const MONEY = ['WALCL', 'WDTGAL', 'WRESBAL', 'WTREGEN', 'WCURCIR', 'TREAST', 'WSHOMCB', 'WRBWFRBL', 'TGA_DTS', 'RRPONTSYD', 'RPONTTLD', 'GDP', 'M2SL'].filter((id) => findSeries(id) !== undefined && snap(id) !== undefined);
  const RATES = ['SOFR', 'IORB', 'EFFR', 'TGCR', 'DFEDTARU', 'DFEDTARL', 'RRPONTSYAWARD', 'OBFR'].filter((id) => findSeries(id) !== undefined && snap(id) !== undefined);

  type Atom =
    | { readonly k: 'ref'; readonly id: string }
    | { readonly k: 'scale'; readonly id: string; readonly c: number; readonly div: boolean }
    | { readonly k: 'win'; readonly fn: 'ma' | 'lag' | 'diff'; readonly n: number; readonly inner: readonly Signed[] }
    | { readonly k: 'bp'; readonly a: string; readonly b: string };
  interface Signed {
    readonly neg: boolean;
    readonly atom: Atom;
  }

  /** A small PRNG driven by fast-check's seed, so each rendering picks its own bracketing and order. */
  const rng = (seed: number): (() => number) => {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  function renderAtom(a: Atom, r: () => number): string {
    switch (a.k) {
      case 'ref':
        return a.id;
      case 'scale':
        return a.div ? `${a.id} / ${a.c}` : r() < 0.5 ? `${a.c} * ${a.id}` : `${a.id} * ${a.c}`;
      case 'win':
        return `${a.fn}(${render(a.inner, r)}, ${a.n})`;
      case 'bp':
        return `bp(${a.a}, ${a.b})`;
      default: {
        const never: never = a;
        return String(never);
      }
    }
  }

  /** Σ ±atom as text: shuffled, split at a random point, the right part added or subtracted in brackets. */
  function render(terms: readonly Signed[], r: () => number): string {
    const t = [...terms];
    for (let i = t.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [t[i], t[j]] = [t[j] as Signed, t[i] as Signed];
    }
    const go = (xs: readonly Signed[]): string => {
      const [only] = xs;
      if (xs.length === 1 && only !== undefined) return only.neg ? `-(${renderAtom(only.atom, r)})` : renderAtom(only.atom, r);
      const cut = 1 + Math.floor(r() * (xs.length - 1));
      const left = go(xs.slice(0, cut));
      const right = xs.slice(cut);
      return r() < 0.5 ? `${left} + (${go(right)})` : `${left} - (${go(right.map((x) => ({ ...x, neg: !x.neg })))})`;
    };
    return go(t);
  }

  const signed = (atom: fc.Arbitrary<Atom>): fc.Arbitrary<Signed> => fc.record({ neg: fc.boolean(), atom });
  const moneyRef = fc.constantFrom(...MONEY);
  const moneyLeaf: fc.Arbitrary<Atom> = fc.oneof(
    moneyRef.map((id): Atom => ({ k: 'ref', id })),
    fc.record({ id: moneyRef, c: fc.constantFrom(2, 0.5, 3, 1000), div: fc.boolean() }).map((x): Atom => ({ k: 'scale', ...x })),
  );
  const moneyAtom: fc.Arbitrary<Atom> = fc.oneof(
    { weight: 3, arbitrary: moneyLeaf },
    { weight: 1, arbitrary: fc.record({ fn: fc.constantFrom('ma' as const, 'lag' as const, 'diff' as const), n: fc.integer({ min: 1, max: 5 }), inner: fc.array(signed(moneyLeaf), { minLength: 1, maxLength: 3 }) }).map((x): Atom => ({ k: 'win', ...x })) },
  );
  const rateRef = fc.constantFrom(...RATES);
  const bpAtom: fc.Arbitrary<Atom> = fc.record({ a: rateRef, b: rateRef }).map((x): Atom => ({ k: 'bp', ...x }));
  const spreadAtom: fc.Arbitrary<Atom> = fc.oneof(
    { weight: 3, arbitrary: bpAtom },
    { weight: 1, arbitrary: fc.record({ fn: fc.constant('ma' as const), n: fc.integer({ min: 1, max: 10 }), inner: fc.array(signed(bpAtom), { minLength: 1, maxLength: 3 }) }).map((x): Atom => ({ k: 'win', ...x })) },
  );

  it.each([
    ['$bn series (daily, weekly, monthly, quarterly GDP as known then)', moneyAtom],
    ['spreads of rates in bp', spreadAtom],
  ])('property (real snapshot series, %s): re-associated and commuted sums give identical dates and values (1e-12)', (_label, atom) => {
    fc.assert(
      fc.property(fc.array(signed(atom), { minLength: 2, maxLength: 6 }), fc.integer(), fc.integer(), (terms, s1, s2) => {
        const a = render(terms, rng(s1));
        const b = render(terms, rng(s2));
        expectSame(ev(a), ev(b), `${a}  vs  ${b}`);
      }),
      { numRuns: 150 },
    );
  });
});
