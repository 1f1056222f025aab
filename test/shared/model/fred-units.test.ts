/** FRED's unit and frequency words → ours (issue 12): explicit mappings only; anything else refused with the reason. */
import { describe, expect, it } from 'vitest';
import { mapFredFrequency, mapFredUnits } from '../../../shared/model/fred-units.js';
import { conversionFor, toCanonical } from '../../../shared/model/units.js';

const NSA = 'Not Seasonally Adjusted';

describe('mapFredUnits', () => {
  it.each([
    ['Billions of Dollars', NSA, 'usd_bn'],
    ['Billions of U.S. Dollars', 'Seasonally Adjusted', 'usd_bn'],
    // GDP: FRED says the annual rate in the seasonal adjustment, not the units.
    ['Billions of Dollars', 'Seasonally Adjusted Annual Rate', 'usd_bn_saar'],
    ['Millions of Dollars', NSA, 'usd_mn'],
    ['  millions of   dollars ', NSA, 'usd_mn'],
    ['Percent', NSA, 'percent'],
    ['Index', NSA, 'index'],
    ['Index 2015=100', 'Seasonally Adjusted', 'index'],
    ['Index Jan 2006=100', NSA, 'index'],
  ])('%s (%s) → %s', (units, sa, want) => {
    expect(mapFredUnits(units, sa)).toEqual({ ok: true, value: want });
  });

  it('Millions of Dollars are stored in $bn with the ÷ 1,000 scale recorded', () => {
    const c = conversionFor('usd_mn');
    expect(c).toEqual({ native: 'usd_mn', canonical: 'usd_bn', scale: 0.001, label: '÷ 1,000 (USD millions → USD billions)' });
    // WALCL 2025-10-29 as FRED publishes it (millions): 6,587,034 → $6,587.034bn.
    expect(toCanonical(6_587_034, c)).toBe(6587.034);
  });

  it.each([
    ['Percent Change', NSA, /"Percent Change" is not a rate in percent/],
    ['Percent of GDP', NSA, /"Percent of GDP" is not a rate in percent/],
    ['Billions of Chained 2017 Dollars', 'Seasonally Adjusted Annual Rate', /real \(inflation-adjusted\) dollars/],
    ['Millions of Dollars', 'Seasonally Adjusted Annual Rate', /at an annual rate has no unit here yet/],
    ['Thousands of Persons', 'Seasonally Adjusted', /FRED's units "Thousands of Persons" have no match here/],
    ['Dollars per Barrel', NSA, /have no match here/],
    ['', NSA, /have no match here/],
  ])('%s is refused', (units, sa, why) => {
    const r = mapFredUnits(units, sa);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
});

describe('mapFredFrequency', () => {
  it.each([
    ['Daily', { frequency: 'D', basis: 'daily', everyDay: false }],
    ['Daily, 7-Day', { frequency: 'D', basis: 'daily', everyDay: true }],
    ['Daily, Close', { frequency: 'D', basis: 'daily', everyDay: false }],
    ['Weekly, As of Wednesday', { frequency: 'W', basis: 'wed_level', everyDay: false }],
    ['Weekly, Ending Wednesday', { frequency: 'W', basis: 'week_avg', everyDay: false }],
    ['Weekly, Ending Monday', { frequency: 'W', basis: 'weekly', everyDay: false }],
    ['Monthly', { frequency: 'M', basis: 'monthly', everyDay: false }],
    ['Quarterly', { frequency: 'Q', basis: 'quarterly', everyDay: false }],
  ])('%s', (f, want) => {
    expect(mapFredFrequency(f)).toEqual({ ok: true, value: want });
  });
  it.each(['Annual', 'Semiannual', 'Biweekly, Ending Wednesday', ''])('%s is refused', (f) => {
    expect(mapFredFrequency(f).ok).toBe(false);
  });
});
