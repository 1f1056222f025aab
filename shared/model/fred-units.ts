/**
 * FRED's words for a series' units, frequency and seasonal adjustment, mapped to ours for a series a
 * user adds by id (issue 12). Units must be explicit: only the few FRED unit strings whose meaning is
 * certain are mapped; anything else is refused with the reason, never guessed. A value's unit is in
 * its type (design.md §4), so "Millions of Dollars" becomes `usd_mn`, stored as $bn with the ÷ 1,000
 * scale recorded beside the series, exactly like the built-in H.4.1 lines.
 * Pure: the renderer shows the same mapping while the user fills in the form.
 */
import type { Basis, Frequency } from '../catalog.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { NativeUnit } from './units.js';

/** The native units a user series may have (money in $bn or $mn, a rate in percent, an index). */
export type UserNativeUnit = Extract<NativeUnit, 'usd_mn' | 'usd_bn' | 'usd_bn_saar' | 'percent' | 'index'>;

/** The unit strings offered when the user enters them (the keyless case): FRED's own spellings. */
export const FRED_UNIT_CHOICES: readonly string[] = ['Billions of Dollars', 'Millions of Dollars', 'Percent', 'Index'];
export const FRED_FREQUENCY_CHOICES: readonly string[] = ['Daily', 'Daily, 7-Day', 'Weekly, As of Wednesday', 'Weekly, Ending Wednesday', 'Weekly', 'Monthly', 'Quarterly'];
export const FRED_SEASONAL_CHOICES: readonly string[] = ['Not Seasonally Adjusted', 'Seasonally Adjusted', 'Seasonally Adjusted Annual Rate'];

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

const isAnnualRate = (sa: string): boolean => /annual rate/.test(norm(sa));

/**
 * FRED units (+ seasonal adjustment, which says whether a money level is an annual rate) → ours.
 * Worked examples: "Billions of Dollars" + "Seasonally Adjusted Annual Rate" (GDP) → usd_bn_saar;
 * "Millions of Dollars" (WALCL) → usd_mn; "Index 2015=100" → index; "Percent Change" → refused.
 */
export function mapFredUnits(units: string, seasonalAdjustment: string): Result<UserNativeUnit> {
  const u = norm(units);
  const money = /^(billions|millions) of (u\.s\. )?dollars$/.exec(u);
  if (money) {
    if (money[1] === 'billions') return ok(isAnnualRate(seasonalAdjustment) ? 'usd_bn_saar' : 'usd_bn');
    if (isAnnualRate(seasonalAdjustment)) return err(`"${units.trim()}" at an annual rate has no unit here yet (only billions at an annual rate do); nothing was added`);
    return ok('usd_mn');
  }
  if (u === 'percent') return ok('percent');
  if (u === 'index' || /^index\b/.test(u)) return ok('index');
  if (/chained/.test(u)) return err(`"${units.trim()}" are real (inflation-adjusted) dollars, not the nominal dollars every money series here is stored in; nothing was added`);
  if (/^percent/.test(u)) return err(`"${units.trim()}" is not a rate in percent (only FRED's plain "Percent" is); nothing was added`);
  return err(`FRED's units "${units.trim()}" have no match here (Billions of Dollars, Millions of Dollars, Percent or Index); nothing was added`);
}

export interface FrequencyMapping {
  readonly frequency: Frequency;
  readonly basis: Basis;
  /** FRED's "Daily, 7-Day": a value on every calendar day (see SeriesDef.everyDay). */
  readonly everyDay: boolean;
}

/**
 * FRED frequency words → our frequency and basis. H.4.1 weeklies say which they are: "Weekly, As of
 * Wednesday" is a Wednesday level, "Weekly, Ending Wednesday" a week average (FRED's WCURCIR,
 * WRESBAL); other weeks are plain `weekly`. Annual, semiannual and biweekly are refused.
 */
export function mapFredFrequency(frequency: string): Result<FrequencyMapping> {
  const f = norm(frequency);
  if (f === 'd' || f.startsWith('daily')) return ok({ frequency: 'D', basis: 'daily', everyDay: /7-day/.test(f) });
  if (f === 'w' || f.startsWith('weekly')) {
    const basis: Basis = /as of wednesday/.test(f) ? 'wed_level' : /ending wednesday/.test(f) ? 'week_avg' : 'weekly';
    return ok({ frequency: 'W', basis, everyDay: false });
  }
  if (f === 'm' || f.startsWith('monthly')) return ok({ frequency: 'M', basis: 'monthly', everyDay: false });
  if (f === 'q' || f.startsWith('quarterly')) return ok({ frequency: 'Q', basis: 'quarterly', everyDay: false });
  return err(`FRED's frequency "${frequency.trim()}" is not one Reservoir stores (daily, weekly, monthly or quarterly); nothing was added`);
}
