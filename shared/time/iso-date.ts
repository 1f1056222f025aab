/**
 * Calendar dates as `YYYY-MM-DD` strings. Observations are dated calendar days, not instants,
 * so all arithmetic goes through UTC day numbers and never through local time.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isIsoDate(s: string): s is IsoDate {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month1: number): number {
  if (month1 === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS[month1 - 1] ?? Number.NaN;
}

/** Days since 1970-01-01 for an ISO date (UTC, so no time zone can shift it). */
export function epochDay(d: IsoDate): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / MS_PER_DAY);
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(epochDay(d) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDay(b) - epochDay(a);
}

/** The ISO date of an epoch-milliseconds instant, in UTC. */
export function isoDateOfInstant(epochMs: number): IsoDate {
  return new Date(epochMs).toISOString().slice(0, 10) as IsoDate;
}

export function asIsoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return s;
}
