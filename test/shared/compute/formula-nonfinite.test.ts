/**
 * `nonFinite` of a formula's value: the dates its arithmetic gave no finite number on although every
 * operand had a value there (division by zero, overflow), so the Workspace can say so instead of
 * "no data". Missing operands are not counted, and the values themselves are as before.
 */
import { describe, expect, it } from 'vitest';
import { evaluateFormula, type FormulaEnv } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import { seriesOf } from '../../../shared/compute/series.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const day = (s: string): number => epochDay(s as IsoDate);
const weds = ['2026-09-09', '2026-09-16', '2026-09-23', '2026-09-30', '2026-10-07'].map(day);
const env: FormulaEnv = {
  resolve: (id) => {
    if (id === 'WRESBAL') return { series: seriesOf(weds, [2900, 3000, 2950, 3000, 3030]), unit: 'usd_bn', frequency: 'W' };
    // Two dates only, one of them not among WRESBAL's.
    if (id === 'WDTGAL') return { series: seriesOf([weds[1] ?? 0, day('2026-11-04')], [800, 850]), unit: 'usd_bn', frequency: 'W' };
    return undefined;
  },
};
const ev = (src: string): ReturnType<typeof evaluateFormula> => evaluateFormula(parseFormula(src), env);

describe('formula nonFinite', () => {
  it('WRESBAL / 0 and 1e308 * WRESBAL * 10: no dates, every one of them counted', () => {
    for (const src of ['WRESBAL / 0', '1e308 * WRESBAL * 10', '(WRESBAL - WRESBAL) / (WRESBAL - WRESBAL)']) {
      const v = ev(src);
      expect(v.series?.dates.length, src).toBe(0);
      expect(v.nonFinite, src).toBe(5);
    }
  });

  it('some dates: the finite ones are kept, the others counted', () => {
    const v = ev('WRESBAL / (WRESBAL - 3000)');
    expect(Array.from(v.series?.dates ?? [])).toEqual([weds[0], weds[2], weds[4]]);
    expect(v.nonFinite).toBe(2);
  });

  it('inside a window, and a window dividing by zero (pct from 0), count too', () => {
    expect(ev('ma(WRESBAL / 0, 2)').nonFinite).toBe(5);
    expect(ev('pct(WRESBAL - 2900)').nonFinite).toBe(1);
  });

  it('a date where an operand is missing is not counted; plain formulas count nothing', () => {
    // WDTGAL is there on 09-16 and, as of it (8 days' staleness), on 09-23; missing elsewhere.
    const v = ev('WRESBAL - WDTGAL');
    expect(Array.from(v.series?.dates ?? [])).toEqual([weds[1], weds[2]]);
    expect(v.nonFinite).toBe(0);
    expect(ev('WRESBAL').nonFinite).toBe(0);
    expect(ev('ma(WRESBAL, 3)').nonFinite).toBe(0);
  });
});
