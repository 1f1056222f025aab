/**
 * Alignment (domain.md §2.3): as-of joins onto a grid, resampling to weekly (Wednesday key, Thu..Wed),
 * monthly and quarterly with FRED's aggregation methods, and GDP interpolation. Every function says
 * which mode it implements; callers report it.
 */
import type { Frequency } from '../catalog.js';
import { daysInMonth, epochDay, fromEpochDay, weekday } from '../time/iso-date.js';
import type { Series } from './series.js';
import { indexAtOrBefore, lowerIndex } from './series.js';

export type Aggregation = 'avg' | 'sum' | 'eop';
export type TargetFrequency = 'W' | 'M' | 'Q';

/** The Wednesday that closes the H.4.1 week (Thursday..Wednesday) containing `day`. */
export function wednesdayKey(day: number): number {
  const wd = weekday(fromEpochDay(day));
  return day + ((3 - wd + 7) % 7);
}

/** FRED dates monthly and quarterly observations on the period's first day. */
export function periodKey(day: number, f: TargetFrequency): number {
  if (f === 'W') return wednesdayKey(day);
  const iso = fromEpochDay(day);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const m0 = f === 'M' ? m : m - ((m - 1) % 3);
  return epochDay(`${y}-${String(m0).padStart(2, '0')}-01` as Parameters<typeof epochDay>[0]);
}

/** Resamples to a lower frequency. NaN values are skipped; a period with no value is absent. */
export function resample(s: Series, f: TargetFrequency, how: Aggregation): Series {
  const keys: number[] = [];
  const vals: number[] = [];
  let curKey = Number.NaN;
  let sum = 0;
  let n = 0;
  let last = Number.NaN;
  const flush = (): void => {
    if (n === 0) return;
    keys.push(curKey);
    vals.push(how === 'avg' ? sum / n : how === 'sum' ? sum : last);
  };
  for (let i = 0; i < s.dates.length; i++) {
    const v = s.values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const k = periodKey(s.dates[i] ?? 0, f);
    if (k !== curKey) {
      flush();
      curKey = k;
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
    last = v;
  }
  flush();
  return { dates: Int32Array.from(keys), values: Float64Array.from(vals) };
}

/** The first day of the month `months` calendar months after the month of `day`. */
function monthStartAfter(day: number, months: number): number {
  const iso = fromEpochDay(day);
  const m0 = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  return epochDay(`${Math.floor(m0 / 12)}-${String((m0 % 12) + 1).padStart(2, '0')}-01` as Parameters<typeof epochDay>[0]);
}

/** The last day of the period `key` (a periodKey) stands for: the Wednesday itself, a month's or a quarter's last day. */
export function periodEnd(key: number, f: TargetFrequency): number {
  return f === 'W' ? key : monthStartAfter(key, f === 'M' ? 1 : 3) - 1;
}

/** How a series is observed, from its own dates. */
export interface Spacing {
  /** The typical days between its observations: the median gap over its last 60 finite values. */
  readonly days: number;
  /** Never observed on a Saturday or Sunday (a business-day series; checked when `days` is under a week). */
  readonly weekdaysOnly: boolean;
}

const SPACING_SAMPLE = 60;

/** The series' typical spacing (see Spacing); null with fewer than two finite values. */
export function typicalSpacing(s: Series): Spacing | null {
  const days: number[] = [];
  for (let i = s.dates.length - 1; i >= 0 && days.length <= SPACING_SAMPLE; i--) if (Number.isFinite(s.values[i] ?? Number.NaN)) days.push(s.dates[i] ?? 0);
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((d, i) => (days[i] ?? d) - d).sort((a, b) => a - b);
  const median = gaps[Math.floor((gaps.length - 1) / 2)] ?? 1;
  const weekdaysOnly = median < 7 && days.every((d) => {
    const wd = weekday(fromEpochDay(d));
    return wd !== 0 && wd !== 6;
  });
  return { days: Math.max(1, median), weekdaysOnly };
}

/**
 * The day a series observed as `sp` says is next expected after an observation on `day`: a business-day
 * series' next weekday; one month (or however many) later on the calendar for a series observed
 * monthly or less often (FRED dates those on the period's first day, and months are 28 to 31 days);
 * otherwise `day` plus the typical spacing.
 */
export function nextExpected(day: number, sp: Spacing): number {
  if (sp.days >= 28) {
    const months = Math.max(1, Math.round(sp.days / 30.44));
    const iso = fromEpochDay(day);
    const start = monthStartAfter(day, months);
    const s = fromEpochDay(start);
    return start - 1 + Math.min(Number(iso.slice(8, 10)), daysInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7))));
  }
  let next = day + sp.days;
  if (sp.weekdaysOnly) {
    for (let wd = weekday(fromEpochDay(next)); wd === 0 || wd === 6; wd = weekday(fromEpochDay(next))) next++;
  }
  return next;
}

/** A last period left out by resampleComplete: its key (as resample dates it), its last day, and the series' last observation. */
export interface IncompletePeriod {
  readonly period: number;
  readonly periodEnd: number;
  readonly lastObservation: number;
}

/**
 * `resample`, less a last period the data does not cover to its end (as FRED aggregates: complete
 * periods only). That period is incomplete when the series' next observation, expected from its last
 * one and its own typical spacing (nextExpected), would still fall inside it: a week's values in an
 * October sum (WRESBAL on 2026-10-07, next expected 10-14) are not October's total; a Friday's
 * values close a month that ends on a Sunday for a business-day series; a March observation (dated
 * 03-01) closes the first quarter for a monthly one. Only the last period can be cut short by the data
 * ending; earlier periods and `resample` itself are unchanged.
 */
export function resampleComplete(s: Series, f: TargetFrequency, how: Aggregation): { readonly series: Series; readonly dropped: IncompletePeriod | null } {
  const out = resample(s, f, how);
  const n = out.dates.length;
  let last = -1;
  for (let i = s.dates.length - 1; i >= 0 && last < 0; i--) if (Number.isFinite(s.values[i] ?? Number.NaN)) last = i;
  const sp = typicalSpacing(s);
  if (n === 0 || last < 0 || sp === null) return { series: out, dropped: null };
  const lastDay = s.dates[last] ?? 0;
  const period = periodKey(lastDay, f);
  const end = periodEnd(period, f);
  if (out.dates[n - 1] !== period || nextExpected(lastDay, sp) > end) return { series: out, dropped: null };
  return { series: { dates: out.dates.slice(0, n - 1), values: out.values.slice(0, n - 1) }, dropped: { period, periodEnd: end, lastObservation: lastDay } };
}

/**
 * Observation-mode as-of join: for each day of an ascending grid, the last finite value on or before
 * it, no older than `toleranceDays`; NaN otherwise. One pass over grid and series together.
 */
export function asOfJoin(grid: Int32Array, s: Series, toleranceDays: number): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  const n = s.dates.length;
  let j = -1;
  for (let g = 0; g < grid.length; g++) {
    const day = grid[g] ?? 0;
    while (j + 1 < n && (s.dates[j + 1] ?? 0) <= day) j++;
    for (let i = j; i >= 0; i--) {
      if (day - (s.dates[i] ?? 0) > toleranceDays) break;
      const v = s.values[i] ?? Number.NaN;
      if (Number.isFinite(v)) {
        out[g] = v;
        break;
      }
    }
  }
  return out;
}

export type GdpInterpolation = 'step' | 'loglinear';

function quarterMidpoint(startDay: number): number {
  const iso = fromEpochDay(startDay);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  let len = 0;
  for (let k = 0; k < 3; k++) len += daysInMonth(y + Math.floor((m - 1 + k) / 12), ((m - 1 + k) % 12) + 1);
  return startDay + len / 2;
}

/**
 * Quarterly GDP (dated on the quarter's first day) on any day: `step` = the quarter containing the
 * day; `loglinear` = log-linear between quarter midpoints, flat after the last midpoint.
 */
export function gdpOn(gdp: Series, day: number, mode: GdpInterpolation): number {
  const i = indexAtOrBefore(gdp, day);
  if (i < 0) return Number.NaN;
  if (mode === 'step') return gdp.values[i] ?? Number.NaN;
  const mid = quarterMidpoint(gdp.dates[i] ?? 0);
  const j = day >= mid ? i : i - 1;
  if (j < 0) return gdp.values[0] ?? Number.NaN;
  if (j + 1 >= gdp.dates.length) return gdp.values[j] ?? Number.NaN;
  const m0 = quarterMidpoint(gdp.dates[j] ?? 0);
  const m1 = quarterMidpoint(gdp.dates[j + 1] ?? 0);
  const g0 = gdp.values[j] ?? Number.NaN;
  const g1 = gdp.values[j + 1] ?? Number.NaN;
  const w = (day - m0) / (m1 - m0);
  return Math.exp(Math.log(g0) + w * (Math.log(g1) - Math.log(g0)));
}

/**
 * How old an operand's last observation may be when it is taken as of a later date, by the operand's
 * own frequency: daily 4 calendar days (domain.md §2.3: a weekend plus a holiday), weekly 8 (one
 * Wednesday plus a day's delay), monthly 35 (one month plus a few days), quarterly 100 (one quarter
 * plus a few days). Older than that, the operand is missing on that date.
 */
export const STALENESS_DAYS: Readonly<Record<Frequency, number>> = { D: 4, W: 8, M: 35, Q: 100 };

const FREQUENCY_RANK: Readonly<Record<Frequency, number>> = { Q: 1, M: 2, W: 3, D: 4 };

/** True when `a` is observed more often than `b`. */
export function isHigherFrequency(a: Frequency, b: Frequency): boolean {
  return FREQUENCY_RANK[a] > FREQUENCY_RANK[b];
}

/**
 * Real-time availability of an operand's observations (domain.md §2.3 real-time mode): the day each
 * one was first published. On a date the operand takes the latest observation already published, until
 * the next one is; the last one holds for the operand's staleness limit after its publication, or
 * until `nextDay`, when the publication of the period after it is known (the store lacks that value).
 */
export interface Availability {
  /** Epoch day each observation was first published; same length as the series. */
  readonly days: Int32Array;
  readonly nextDay?: number;
}

/**
 * One operand of an element-wise expression: a series with its frequency and how it is taken as of a
 * date: its last finite value on or before the date no older than `toleranceDays` (observation mode;
 * Infinity for `asof(x)`), or, on a grid of a higher frequency than its own, by `availability`.
 */
export interface Operand {
  readonly series: Series;
  readonly frequency: Frequency;
  readonly toleranceDays: number;
  readonly availability?: Availability;
  /** Published for every calendar day (FRED's 7-day series): adds no dates beside a business-day series. */
  readonly everyDay?: boolean;
}

/**
 * The dates an expression lives on: the union of the observation dates (finite values) of its
 * highest-frequency operands, and that frequency. The same set of operands gives the same grid
 * whatever the order or bracketing they were written in.
 */
export function alignmentGrid(operands: readonly Operand[]): { grid: Int32Array; frequency: Frequency | null } {
  let top: Frequency | null = null;
  for (const o of operands) if (top === null || isHigherFrequency(o.frequency, top)) top = o.frequency;
  if (top === null) return { grid: new Int32Array(0), frequency: null };
  // Among the highest-frequency operands, business-day series set the dates when there are any: a
  // 7-day series (IORB, the target range) is then only taken as of them, so no weekend rows appear.
  const all = operands.filter((o) => o.frequency === top);
  const business = all.filter((o) => o.everyDay !== true);
  const on = business.length > 0 ? business : all;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const o of on) {
    const n = o.series.dates.length;
    if (n === 0) continue;
    lo = Math.min(lo, o.series.dates[0] ?? 0);
    hi = Math.max(hi, o.series.dates[n - 1] ?? 0);
  }
  if (lo > hi) return { grid: new Int32Array(0), frequency: top };
  // Epoch days sit in a bounded range, so a bitmap over it unions k series in one linear pass.
  const mark = new Uint8Array(hi - lo + 1);
  let count = 0;
  for (const o of on) {
    const { dates, values } = o.series;
    for (let i = 0; i < dates.length; i++) {
      if (!Number.isFinite(values[i] ?? Number.NaN)) continue;
      const k = (dates[i] ?? 0) - lo;
      if (mark[k] === 0) {
        mark[k] = 1;
        count++;
      }
    }
  }
  const grid = new Int32Array(count);
  for (let k = 0, g = 0; k < mark.length; k++) if (mark[k] === 1) grid[g++] = k + lo;
  return { grid, frequency: top };
}

/** Real-time as-of join: on each grid day, the latest observation already published (see Availability). */
function availableOnGrid(grid: Int32Array, s: Series, av: Availability, toleranceDays: number): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  // Keep finite observations only; a suffix minimum of the publication days makes "the latest
  // observation published by day d" a binary search, even if a later period came out first.
  const idx: number[] = [];
  for (let i = 0; i < s.dates.length; i++) if (Number.isFinite(s.values[i] ?? Number.NaN)) idx.push(i);
  const m = idx.length;
  if (m === 0) return out;
  const pub = new Float64Array(m);
  let min = Number.POSITIVE_INFINITY;
  for (let k = m - 1; k >= 0; k--) {
    min = Math.min(min, av.days[idx[k] ?? 0] ?? Number.POSITIVE_INFINITY);
    pub[k] = min;
  }
  const lastPub = av.days[idx[m - 1] ?? 0] ?? Number.POSITIVE_INFINITY;
  // The newest stored quarter stays the latest known until the next one's real release when that is
  // known; otherwise for two quarterly limits after its own release (one release may be missing from
  // the store while the freshness banner says GDP is behind), as the indicator report takes it — so
  // the Monitor's reserves/GDP tile, its chart and `indicators` agree on the same dates.
  const lastUntil = Math.min(lastPub + 2 * toleranceDays, av.nextDay === undefined ? Number.POSITIVE_INFINITY : av.nextDay - 1);
  for (let g = 0; g < grid.length; g++) {
    const day = grid[g] ?? 0;
    const k = lowerIndex(pub, day, true) - 1;
    if (k < 0) continue;
    if (k === m - 1 && day > lastUntil) continue;
    out[g] = s.values[idx[k] ?? 0] ?? Number.NaN;
  }
  return out;
}

/**
 * One operand on a grid of frequency `gridFrequency`: by availability when the operand has a release
 * calendar and the grid is of a higher frequency than its own; otherwise as of each date within its
 * tolerance. Depends only on the operand and the grid, never on the other operands.
 */
export function alignOperand(grid: Int32Array, gridFrequency: Frequency, o: Operand): Float64Array {
  if (o.availability !== undefined && isHigherFrequency(gridFrequency, o.frequency)) return availableOnGrid(grid, o.series, o.availability, o.toleranceDays);
  return asOfJoin(grid, o.series, o.toleranceDays);
}

/** Every operand on the common grid (alignmentGrid), one column per operand. */
export function alignOperands(operands: readonly Operand[]): { grid: Int32Array; frequency: Frequency | null; columns: Float64Array[] } {
  const { grid, frequency } = alignmentGrid(operands);
  if (frequency === null) return { grid, frequency, columns: [] };
  return { grid, frequency, columns: operands.map((o) => alignOperand(grid, frequency, o)) };
}
