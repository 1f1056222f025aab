/**
 * Calendar dates as `YYYY-MM-DD` strings. Observations are dated calendar days, not instants,
 * so all arithmetic goes through UTC day numbers and never through local time.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const MS_PER_DAY = 86_400_000;

/** The decimal digit at `i`, or NaN. (Top level, not a closure: bundlers wrap closures per call.) */
function digitAt(s: string, i: number): number {
  const v = s.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : Number.NaN;
}

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isIsoDate(s: string): s is IsoDate {
  // Character checks rather than a regex with captures: parsers call this once per row.
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
  const mo = digitAt(s, 5) * 10 + digitAt(s, 6);
  const d = digitAt(s, 8) * 10 + digitAt(s, 9);
  if (!(y >= 0) || !(mo >= 1 && mo <= 12) || !(d >= 1)) return false;
  return d <= daysInMonth(y, mo);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month1: number): number {
  if (month1 === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS[month1 - 1] ?? Number.NaN;
}

/**
 * Days since 1970-01-01 of year y, month m (1–12), day d, by Hinnant's days-from-civil arithmetic:
 * exactly Date.UTC(y, m − 1, d) / 86,400,000 for every real date, without a Date call (the projection
 * engine asks for one per projected month).
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Days since 1970-01-01 for an ISO date (UTC, so no time zone can shift it). Reads the digits directly
 * (days-from-civil, Hinnant's algorithm): bulk loads convert a million dates, and Date.parse with a
 * built string cost ~0.15 µs each. Anything not shaped `dddd-dd-dd` goes through Date.parse (NaN).
 */
export function epochDay(d: IsoDate): number {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return Math.round(Date.parse(`${d}T00:00:00Z`) / MS_PER_DAY);
  const y = digitAt(d, 0) * 1000 + digitAt(d, 1) * 100 + digitAt(d, 2) * 10 + digitAt(d, 3);
  const m = digitAt(d, 5) * 10 + digitAt(d, 6);
  const day = digitAt(d, 8) * 10 + digitAt(d, 9);
  if (!(y >= 0 && m >= 1 && m <= 12 && day >= 1 && day <= 31)) return Math.round(Date.parse(`${d}T00:00:00Z`) / MS_PER_DAY);
  return daysFromCivil(y, m, day);
}

/**
 * The epoch day of the `YYYY-MM-DD` at `s[i .. i + 10)`, or NaN when those ten characters are not a
 * real calendar date (exactly isIsoDate on that slice, then epochDay). For parsers reading a whole
 * file's text, so a row's date never becomes a string of its own.
 */
export function epochDayAt(s: string, i: number): number {
  if (i < 0 || i + 10 > s.length || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return Number.NaN;
  const y = digitAt(s, i) * 1000 + digitAt(s, i + 1) * 100 + digitAt(s, i + 2) * 10 + digitAt(s, i + 3);
  const m = digitAt(s, i + 5) * 10 + digitAt(s, i + 6);
  const day = digitAt(s, i + 8) * 10 + digitAt(s, i + 9);
  if (!(y >= 0) || !(m >= 1 && m <= 12) || !(day >= 1) || !(day <= daysInMonth(y, m))) return Number.NaN;
  return daysFromCivil(y, m, day);
}

const TWO = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Days since 1970-01-01 to YYYY-MM-DD by the civil-from-days arithmetic (the inverse of `epochDay`),
 * not through Date.toISOString: the freshness report and the back-test call it hundreds of thousands of
 * times, and the Date path made it the hottest function of the cold start (found: 60 ms of 130 in
 * `series:list`). Outside years 0000–9999 (and for non-finite input) the Date path keeps its exact
 * behaviour, including the RangeError.
 */
export function fromEpochDay(day: number): IsoDate {
  const z0 = Math.floor(day);
  if (!Number.isFinite(day) || z0 < -719_528 || z0 > 2_932_896) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${TWO[m] ?? ''}-${TWO[d] ?? ''}` as IsoDate;
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
