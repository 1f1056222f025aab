/**
 * Issue 12: a Workspace panel's chart from its evaluated series — two axes with their units, rebase to
 * 100 at the first value in the visible window, log scale only above zero, reference lines, and
 * FRED's `sum` aggregation. Hand-made series with hand-computed expectations.
 */
import { describe, expect, it } from 'vitest';
import type { PanelUi } from '../../../shared/model/ui-state.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { panelChart, type EvaluatedSeries } from '../../../renderer/features/workspace/panel-chart.js';

const day = (s: string): number => epochDay(s as IsoDate);
const weds = ['2025-11-05', '2025-11-12', '2025-11-19', '2025-11-26'].map(day);
const reserves: EvaluatedSeries = { key: 'WRESBAL', formula: 'WRESBAL', unit: 'usd_bn', dates: weds, values: [2850, 2880, 2901, 2870] };
const tga: EvaluatedSeries = { key: 'WDTGAL', formula: 'WDTGAL', unit: 'usd_bn', dates: weds, values: [900, 950, 860, 880] };
const spread: EvaluatedSeries = { key: 'bp(SOFR, IORB)', formula: 'bp(SOFR, IORB)', unit: 'bp', dates: weds, values: [-3, 2, 5, 1] };
const base: PanelUi = { id: 'p1', formula: 'WRESBAL, WDTGAL', draft: 'WRESBAL, WDTGAL', units: 'lin', step: false, freq: 'native' };

describe('panelChart', () => {
  it('one axis by default; a series set to the right gets a second axis, each labelled with its unit', () => {
    const one = panelChart(base, [reserves, tga], null, 0);
    expect(one.axes).toBe(1);
    expect(one.spec.series.map((s) => s.axis ?? 'left')).toEqual(['left', 'left']);
    expect(one.spec.unitLabel).toBe('$bn');
    const two = panelChart({ ...base, formula: 'WRESBAL, bp(SOFR, IORB)', right: ['bp(SOFR, IORB)'] }, [reserves, spread], null, 0);
    expect(two.axes).toBe(2);
    expect(two.spec.series.map((s) => [s.label, s.axis])).toEqual([['WRESBAL', undefined], ['bp(SOFR, IORB) (rhs)', 'right']]);
    expect(two.spec.axisLabels).toEqual({ left: '$bn', right: 'bp' });
    expect(two.spec.unitLabel).toBe('$bn · rhs bp');
    expect(two.notes).toEqual([]);
  });

  it('says when one axis mixes units, and draws everything on the left when nothing is left there', () => {
    expect(panelChart({ ...base, formula: 'WRESBAL, bp(SOFR, IORB)' }, [reserves, spread], null, 0).notes.join(' ')).toMatch(/left axis mixes \$bn and bp/);
    const allRight = panelChart({ ...base, right: ['WRESBAL', 'WDTGAL'] }, [reserves, tga], null, 0);
    expect(allRight.axes).toBe(1);
    expect(allRight.notes.join(' ')).toMatch(/drawn on the left/);
  });

  it('rebases each series to 100 at its first value in the window', () => {
    const all = panelChart({ ...base, rebase: true }, [reserves, tga], null, 0);
    expect(all.rebased).toBe(true);
    expect(all.spec.series[0]?.values).toEqual([100, (2880 / 2850) * 100, (2901 / 2850) * 100, (2870 / 2850) * 100]);
    expect(all.spec.series[1]?.unit).toBe('index');
    // The window starts on 2025-11-10: the first value in it is 2025-11-12's.
    const w = panelChart({ ...base, rebase: true }, [reserves, tga], { from: day('2025-11-10'), to: day('2025-11-30') }, 0);
    expect(w.bases).toEqual([
      { key: 'WRESBAL', day: day('2025-11-12'), value: 2880 },
      { key: 'WDTGAL', day: day('2025-11-12'), value: 950 },
    ]);
    expect(w.spec.series[0]?.values[1]).toBe(100);
    expect(w.spec.series[1]?.values[1]).toBe(100);
    expect(w.spec.series[1]?.values[2]).toBeCloseTo((860 / 950) * 100, 12);
  });

  it('refuses to rebase from a value at or below zero, and says why', () => {
    const r = panelChart({ ...base, formula: 'WRESBAL, bp(SOFR, IORB)', rebase: true }, [reserves, spread], null, 0);
    expect(r.rebased).toBe(false);
    expect(r.spec.series[1]?.values).toEqual([-3, 2, 5, 1]);
    expect(r.notes.join(' ')).toMatch(/Not rebased: bp\(SOFR, IORB\) starts the window at −3 bp/);
  });

  it('log scale only when every value is above zero; otherwise off, with the lowest value named', () => {
    expect(panelChart({ ...base, log: true }, [reserves, tga], null, 0)).toMatchObject({ log: true, spec: { log: true } });
    const r = panelChart({ ...base, formula: 'WRESBAL, bp(SOFR, IORB)', log: true }, [reserves, spread], null, 0);
    expect(r.log).toBe(false);
    expect(r.spec.log).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/Log scale off: bp\(SOFR, IORB\) goes down to −3 bp \(2025-11-05\)/);
  });

  it('passes reference lines to the chart on their axis, and gives the chart a new key when its shape changes', () => {
    const p: PanelUi = { ...base, right: ['WDTGAL'], refLines: [{ id: 'r1', value: 2900, label: 'ample', axis: 'left' }, { id: 'r2', value: 850, label: 'TGA 850', axis: 'right' }] };
    const c = panelChart(p, [reserves, tga], null, 0);
    expect(c.spec.refLines).toEqual([{ value: 2900, label: 'ample', axis: 'left' }, { value: 850, label: 'TGA 850', axis: 'right' }]);
    expect(panelChart(p, [reserves, tga], null, 0).spec.key).toBe(c.spec.key);
    expect(panelChart({ ...p, refLines: [] }, [reserves, tga], null, 0).spec.key).not.toBe(c.spec.key);
    expect(panelChart({ ...p, log: true }, [reserves, tga], null, 0).spec.key).not.toBe(c.spec.key);
  });

  it('M:sum: monthly totals of a daily series, dated on the 1st; the month the data stops in is left out, and said', () => {
    const srf: EvaluatedSeries = { key: 'RPONTTLD', formula: 'RPONTTLD', unit: 'usd_bn', dates: ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02'].map(day), values: [25.95, 3, 74.6, 22.8] };
    const c = panelChart({ ...base, formula: 'RPONTTLD', freq: 'M:sum' }, [srf], null, 0);
    // January has one day (2026-01-02) of the 21 business days it will have: not a January total.
    expect(c.spec.x).toEqual([day('2025-12-01')]);
    expect(c.spec.series[0]?.values[0]).toBeCloseTo(25.95 + 3 + 74.6, 12);
    expect(c.spec.title).toBe('RPONTTLD (monthly, sum)');
    expect(c.notes).toEqual(["The incomplete last month is left out: 2026-01 for RPONTTLD (its data ends 2026-01-02). FRED's own aggregation also reports complete periods only."]);
    expect(c.spec.footer?.join(' ')).toMatch(/monthly, sum \(incomplete last period left out\)/);
  });

  it('sums and averages leave out an incomplete last week, month or quarter; end of period keeps it (the latest value)', () => {
    // WRESBAL-like: Wednesdays from 2026-07-01 to 2026-10-07 at $3,000bn.
    const ds = Array.from({ length: 15 }, (_, i) => day('2026-07-01') + 7 * i);
    const res: EvaluatedSeries = { key: 'WRESBAL', formula: 'WRESBAL', unit: 'usd_bn', dates: ds, values: ds.map(() => 3000) };
    const sum = panelChart({ ...base, formula: 'WRESBAL', freq: 'M:sum' }, [res], null, 0);
    expect(sum.spec.x).toEqual(['2026-07-01', '2026-08-01', '2026-09-01'].map(day));
    expect(sum.spec.series[0]?.values).toEqual([15_000, 12_000, 15_000]);
    expect(sum.notes.join(' ')).toMatch(/^The incomplete last month is left out: 2026-10 for WRESBAL \(its data ends 2026-10-07\)/);
    const avg = panelChart({ ...base, formula: 'WRESBAL', freq: 'Q:avg' }, [res], null, 0);
    expect(avg.spec.x).toEqual([day('2026-07-01')]);
    expect(avg.notes.join(' ')).toMatch(/last quarter is left out: 2026 Q4 for WRESBAL/);
    const eop = panelChart({ ...base, formula: 'WRESBAL', freq: 'M:eop' }, [res], null, 0);
    expect(eop.spec.x.at(-1)).toBe(day('2026-10-01'));
    expect(eop.notes).toEqual([]);
    // A whole last period: nothing left out, nothing said.
    const whole = panelChart({ ...base, formula: 'WRESBAL', freq: 'W:sum' }, [res], null, 0);
    expect(whole.spec.x.at(-1)).toBe(day('2026-10-07'));
    expect(whole.notes).toEqual([]);
  });

  it('a series with no finite value (WRESBAL / 0) is not drawn: its own error instead, the others drawn', () => {
    const none: EvaluatedSeries = { key: 'WRESBAL / 0', formula: 'WRESBAL / 0', unit: 'usd_bn', dates: [], values: [], nonFinite: 1200 };
    const alone = panelChart({ ...base, formula: 'WRESBAL / 0' }, [none], null, 0);
    expect(alone.unplottable).toEqual([{ key: 'WRESBAL / 0', error: 'WRESBAL / 0 gives no finite values (division by zero or overflow) on any date.' }]);
    expect(alone.spec.series).toEqual([]);
    const two = panelChart({ ...base, formula: 'WRESBAL / 0, WDTGAL' }, [none, tga], null, 0);
    expect(two.plotted).toEqual(['WDTGAL']);
    expect(two.spec.series.map((s) => s.id)).toEqual(['WDTGAL']);
    expect(two.spec.series[0]?.values).toEqual([900, 950, 860, 880]);
    expect(two.unplottable.map((u) => u.key)).toEqual(['WRESBAL / 0']);
    // Overflow in the aggregation: 1e308-sized values summed over a month are Infinity.
    const huge: EvaluatedSeries = { key: '1e308 * WRESBAL', formula: '1e308 * WRESBAL', unit: 'usd_bn', dates: weds, values: weds.map(() => 1.5e308) };
    const over = panelChart({ ...base, formula: '1e308 * WRESBAL', freq: 'W:sum' }, [huge], null, 0);
    expect(over.unplottable).toEqual([]);
    expect(panelChart({ ...base, formula: '1e308 * WRESBAL', freq: 'M:sum' }, [huge], null, 0).unplottable[0]?.error).toBe('1e308 * WRESBAL gives no finite values (division by zero or overflow) on any date after monthly, sum.');
    // A series that is not in the store (no values, nothing non-finite) stays for the chart to say so.
    expect(panelChart(base, [{ ...reserves, dates: [], values: [] }], null, 0).unplottable).toEqual([]);
  });

  it('a series with some non-finite dates is drawn on the rest, and the panel says how many dates were left out', () => {
    const some: EvaluatedSeries = { ...reserves, key: 'WRESBAL / (WRESBAL - 2880)', formula: 'WRESBAL / (WRESBAL - 2880)', unit: 'ratio', nonFinite: 1 };
    const c = panelChart({ ...base, formula: some.key }, [some], null, 0);
    expect(c.unplottable).toEqual([]);
    expect(c.spec.series[0]?.values).toHaveLength(4);
    expect(c.notes).toEqual(['WRESBAL / (WRESBAL - 2880): 1 date left out, where it gives no finite value (division by zero or overflow).']);
  });

  it('keeps the colour a catalog id has in every view, and gives formulas other colours', () => {
    const c = panelChart({ ...base, formula: 'WRESBAL, WDTGAL, bp(SOFR, IORB)' }, [reserves, tga, spread], null, 0);
    const colours = c.spec.series.map((s) => s.color);
    expect(colours.slice(0, 2)).toEqual(['#0072B2', '#E69F00']);
    expect(new Set(colours).size).toBe(3);
  });
});
