/**
 * Business days and calendar markers (domain.md §6.5). The holiday table is data: `fedHolidays`
 * builds the Federal Reserve's holiday schedule by its published rules (a holiday on Sunday is
 * observed Monday; on Saturday the Banks stay open the Friday before), and callers may pass their own.
 */
import { addDays, daysInMonth, weekday, type IsoDate } from '../time/iso-date.js';

const iso = (y: number, m: number, d: number): IsoDate => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;

function nthWeekday(y: number, m: number, wd: number, n: number): IsoDate {
  const first = iso(y, m, 1);
  const offset = (wd - weekday(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function lastWeekday(y: number, m: number, wd: number): IsoDate {
  const last = iso(y, m, daysInMonth(y, m));
  return addDays(last, -((weekday(last) - wd + 7) % 7));
}

/** Observed Fed holidays in year y. */
export function fedHolidays(y: number): IsoDate[] {
  const fixed = (m: number, d: number): IsoDate | null => {
    const day = iso(y, m, d);
    const wd = weekday(day);
    if (wd === 0) return addDays(day, 1);
    if (wd === 6) return null;
    return day;
  };
  const list: (IsoDate | null)[] = [
    fixed(1, 1),
    nthWeekday(y, 1, 1, 3),
    nthWeekday(y, 2, 1, 3),
    lastWeekday(y, 5, 1),
    y >= 2022 ? fixed(6, 19) : null,
    fixed(7, 4),
    nthWeekday(y, 9, 1, 1),
    nthWeekday(y, 10, 1, 2),
    fixed(11, 11),
    nthWeekday(y, 11, 4, 4),
    fixed(12, 25),
  ];
  return list.filter((d): d is IsoDate => d !== null);
}

export class BusinessCalendar {
  private readonly holidays: Set<string>;

  constructor(holidays?: Iterable<string>) {
    if (holidays !== undefined) this.holidays = new Set(holidays);
    else {
      const s = new Set<string>();
      for (let y = 1990; y <= 2040; y++) for (const d of fedHolidays(y)) s.add(d);
      this.holidays = s;
    }
  }

  isHoliday(d: IsoDate): boolean {
    return this.holidays.has(d);
  }

  isBusinessDay(d: IsoDate): boolean {
    const wd = weekday(d);
    return wd !== 0 && wd !== 6 && !this.holidays.has(d);
  }

  /** `d` itself if it is a business day, otherwise the next one (the tax-date roll rule). */
  rollForward(d: IsoDate): IsoDate {
    let x = d;
    while (!this.isBusinessDay(x)) x = addDays(x, 1);
    return x;
  }

  addBusinessDays(d: IsoDate, n: number): IsoDate {
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let k = 0; k < Math.abs(n); ) {
      x = addDays(x, step);
      if (this.isBusinessDay(x)) k++;
    }
    return x;
  }

  lastBusinessDayOfMonth(y: number, m: number): IsoDate {
    let x = iso(y, m, daysInMonth(y, m));
    while (!this.isBusinessDay(x)) x = addDays(x, -1);
    return x;
  }

  /** The last business day of a quarter's final month, ±`width` business days. */
  quarterEndWindow(y: number, quarterEndMonth: number, width = 2): IsoDate[] {
    const end = this.lastBusinessDayOfMonth(y, quarterEndMonth);
    const out: IsoDate[] = [];
    for (let k = -width; k <= width; k++) out.push(k === 0 ? end : this.addBusinessDays(end, k));
    return out;
  }
}

export type MarkerKind = 'month_end' | 'quarter_end' | 'year_end' | 'tax_corporate' | 'tax_individual' | 'coupon_settlement' | 'fomc';

export interface Marker {
  readonly kind: MarkerKind;
  readonly date: IsoDate;
  readonly label: string;
}

/**
 * FOMC decision days (the second day of each scheduled meeting), from the Federal Reserve's
 * published calendars for 2024–2026.
 */
export const FOMC_DECISIONS: readonly IsoDate[] = (
  [
    '2024-01-31', '2024-03-20', '2024-05-01', '2024-06-12', '2024-07-31', '2024-09-18', '2024-11-07', '2024-12-18',
    '2025-01-29', '2025-03-19', '2025-05-07', '2025-06-18', '2025-07-30', '2025-09-17', '2025-10-29', '2025-12-10',
    '2026-01-28', '2026-03-18', '2026-04-29', '2026-06-17', '2026-07-29', '2026-09-16', '2026-10-28', '2026-12-09',
  ] as const
).map((d) => d as IsoDate);

/** Every marker in [from, to]. */
export function markersBetween(cal: BusinessCalendar, from: IsoDate, to: IsoDate, fomc: readonly IsoDate[] = FOMC_DECISIONS): Marker[] {
  const out: Marker[] = [];
  // Clamped to the years a chart can sensibly show: a stray far-future date (9999-12-29) must cost
  // nothing, not eight thousand years of month-ends.
  const y0 = Math.max(1900, Number(from.slice(0, 4)));
  const y1 = Math.min(2200, Number(to.slice(0, 4)));
  const push = (kind: MarkerKind, date: IsoDate, label: string): void => {
    if (date >= from && date <= to) out.push({ kind, date, label });
  };
  for (let y = y0 - 1; y <= y1 + 1; y++) {
    for (let m = 1; m <= 12; m++) {
      const me = cal.lastBusinessDayOfMonth(y, m);
      push('month_end', me, 'month-end');
      push('coupon_settlement', me, 'coupon settlement (month-end)');
      push('coupon_settlement', cal.rollForward(iso(y, m, 15)), 'coupon settlement (15th)');
      if (m % 3 === 0) for (const d of cal.quarterEndWindow(y, m)) push(m === 12 ? 'year_end' : 'quarter_end', d, m === 12 ? 'year-end window' : 'quarter-end window');
      if (m === 4 || m === 6 || m === 9 || m === 12) push('tax_corporate', cal.rollForward(iso(y, m, 15)), 'corporate tax date');
      if (m === 1 || m === 4 || m === 6 || m === 9) push('tax_individual', cal.rollForward(iso(y, m, 15)), 'individual tax date');
    }
  }
  for (const d of fomc) push('fomc', d, 'FOMC decision');
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function markersOn(cal: BusinessCalendar, d: IsoDate): Marker[] {
  return markersBetween(cal, d, d);
}

/** Markers that make pressure "calendar expected" (FOMC days do not). */
export const SEASONAL_KINDS: ReadonlySet<MarkerKind> = new Set(['month_end', 'quarter_end', 'year_end', 'tax_corporate', 'tax_individual', 'coupon_settlement']);
