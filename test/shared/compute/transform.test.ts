/**
 * FRED units transformations against FRED's published formulas
 * (fred.stlouisfed.org/docs/api/fred/series_observations.html#units), on real GDP and WALCL values
 * with the expected numbers worked out by hand from those formulas.
 */
import { describe, expect, it } from 'vitest';
import { fredTransform } from '../../../shared/compute/transform.js';
import { seriesOf } from '../../../shared/compute/series.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const q = (...pairs: [string, number][]) => seriesOf(pairs.map(([d]) => epochDay(d as IsoDate)), pairs.map(([, v]) => v));
// Real GDP (SAAR, $bn), 2024Q1..2025Q2, shared/data/derived/GDP.opxie1__usd.csv.
const GDP = q(['2024-01-01', 28708.161], ['2024-04-01', 29147.044], ['2024-07-01', 29511.664], ['2024-10-01', 29825.182], ['2025-01-01', 30042.113], ['2025-04-01', 30485.729]);
const last = (units: Parameters<typeof fredTransform>[1]): number => fredTransform(GDP, units, 'Q').values[5] ?? Number.NaN;

describe('FRED units on quarterly GDP (2025Q2)', () => {
  it('lin and log', () => {
    expect(last('lin')).toBe(30485.729);
    expect(last('log')).toBeCloseTo(Math.log(30485.729), 12);
  });
  it('chg = x_t − x_{t−1} = 443.616', () => {
    expect(last('chg')).toBeCloseTo(443.616, 9);
  });
  it('ch1 = x_t − x_{t−4} = 1,338.685', () => {
    expect(last('ch1')).toBeCloseTo(1338.685, 9);
  });
  // Expected values computed independently (Python, float64) from the same formulas.
  it('pch = 100·(x_t/x_{t−1} − 1) = 1.476647…', () => {
    expect(last('pch')).toBeCloseTo(1.4766471319777041, 10);
  });
  it('pc1 = 100·(x_t/x_{t−4} − 1) = 4.592867…', () => {
    expect(last('pc1')).toBeCloseTo(4.592867118874899, 10);
  });
  it('pca = 100·((x_t/x_{t−1})^4 − 1) = 6.038710…', () => {
    expect(last('pca')).toBeCloseTo(6.038710411379666, 10);
  });
  it('cch = 100·(ln x_t − ln x_{t−1}); cca = 4 × cch', () => {
    expect(last('cch')).toBeCloseTo(1.465850850439665, 10);
    expect(last('cca')).toBeCloseTo(4 * last('cch'), 12);
  });
  it('the first observations have no predecessor: NaN, never 0', () => {
    expect(fredTransform(GDP, 'chg', 'Q').values[0]).toBeNaN();
    expect(fredTransform(GDP, 'pc1', 'Q').values[3]).toBeNaN();
  });
});

describe('FRED units on weekly and daily series', () => {
  it('weekly chg on real WALCL ($bn): 732.059 − 719.542 = 12.517', () => {
    const w = q(['2002-12-18', 719.542], ['2002-12-25', 732.059], ['2003-01-01', 730.994]);
    expect(fredTransform(w, 'chg', 'W').values[1]).toBeCloseTo(12.517, 9);
    expect(fredTransform(w, 'chg', 'W').values[2]).toBeCloseTo(-1.065, 9);
  });
  it('daily ch1 compares with the last value on or before the same date a year earlier', () => {
    // Real SOFR prints (shared/data/fred/SOFR.csv): 2024-05-31 5.34, 2024-06-03 5.35, 2025-06-03 4.32.
    const d = q(['2024-05-31', 5.34], ['2024-06-03', 5.35], ['2025-06-03', 4.32]);
    expect(fredTransform(d, 'ch1', 'D').values[2]).toBeCloseTo(4.32 - 5.35, 12);
  });
});
