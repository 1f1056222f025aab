/**
 * Real-time mode (domain.md §2.2–2.3): each observation carries `available_at`, the instant it was
 * published; a value at instant τ is the latest observation with available_at ≤ τ.
 * Release times are the documented schedules; where the domain marks them "verify", they are
 * approximations and labelled so.
 */
import type { Basis, Frequency } from '../catalog.js';
import { addDays, epochDay, fromEpochDay, weekday, type IsoDate } from '../time/iso-date.js';
import type { BusinessCalendar } from './calendar.js';
import type { Series } from './series.js';

/** Minutes east of UTC for US Eastern time on a date (DST: 2nd Sunday of March to 1st Sunday of November). */
export function easternOffsetMinutes(d: IsoDate): number {
  const y = Number(d.slice(0, 4));
  const firstMar = epochDay(`${y}-03-01` as IsoDate);
  const dstStart = firstMar + ((7 - weekday(fromEpochDay(firstMar))) % 7) + 7;
  const firstNov = epochDay(`${y}-11-01` as IsoDate);
  const dstEnd = firstNov + ((7 - weekday(fromEpochDay(firstNov))) % 7);
  const day = epochDay(d);
  return day >= dstStart && day < dstEnd ? -240 : -300;
}

/** Epoch ms of a wall-clock time in New York on a date. */
export function easternInstant(d: IsoDate, hour: number, minute: number): number {
  return epochDay(d) * 86_400_000 + (hour * 60 + minute - easternOffsetMinutes(d)) * 60_000;
}

export type ReleaseRule = 'h41' | 'next_business_day_morning' | 'dts' | 'same_day_afternoon' | 'gdp_advance';

export function releaseRuleFor(seriesId: string, basis: Basis, frequency: Frequency): ReleaseRule {
  if (frequency === 'W' && (basis === 'wed_level' || basis === 'week_avg')) return 'h41';
  if (frequency === 'Q') return 'gdp_advance';
  if (seriesId === 'TGA_DTS') return 'dts';
  if (/^(RRPONT|RPONT|SRF_|ONRRP_)/.test(seriesId)) return 'same_day_afternoon';
  return 'next_business_day_morning';
}

/** When an observation dated `d` became public. */
export function availableAt(rule: ReleaseRule, d: IsoDate, cal: BusinessCalendar): number {
  switch (rule) {
    case 'h41':
      // Thursday 4:30 p.m. ET for the week ended the Wednesday before [S3].
      return easternInstant(addDays(d, 1), 16, 30);
    case 'dts':
      // The DTS for a day is published around 4:00 p.m. ET the next business day [S9].
      return easternInstant(cal.addBusinessDays(d, 1), 16, 0);
    case 'same_day_afternoon':
      // ON RRP and SRF results: FRED posts around 4:30 p.m. ET the same day [S9].
      return easternInstant(d, 16, 30);
    case 'next_business_day_morning':
      // SOFR/EFFR-type reference rates: next business day, 8:00 a.m. ET (verify).
      return easternInstant(cal.addBusinessDays(d, 1), 8, 0);
    case 'gdp_advance': {
      // Advance estimate about a month after quarter-end: modelled as the last day of the month after the
      // quarter, 8:30 a.m. ET. An approximation only: shutdowns delayed several releases by months, so
      // main/core/analysis/gdp-releases.ts uses BEA's real first-release dates wherever they are known.
      const y = Number(d.slice(0, 4));
      const m = Number(d.slice(5, 7));
      const endMonth = m + 3;
      const yy = y + Math.floor(endMonth / 12);
      const mm = (endMonth % 12) + 1;
      const firstOfNext = `${yy}-${String(mm).padStart(2, '0')}-01` as IsoDate;
      return easternInstant(addDays(firstOfNext, -1), 8, 30);
    }
    default: {
      const never: never = rule;
      throw new Error(String(never));
    }
  }
}

/** Real-time as-of: the latest observation published at or before `instantMs`. */
export function realtimeIndex(s: Series, instantMs: number, rule: ReleaseRule, cal: BusinessCalendar): number {
  for (let i = s.dates.length - 1; i >= 0; i--) {
    if (!Number.isFinite(s.values[i] ?? Number.NaN)) continue;
    if (availableAt(rule, fromEpochDay(s.dates[i] ?? 0), cal) <= instantMs) return i;
  }
  return -1;
}
