/**
 * Columnar series: the one shape from store to chart (uPlot's `[xs, ys]`). Dates are UTC epoch days,
 * ascending, unique; values are canonical units with NaN for "no value".
 */
import type { Observation } from '../model/observation.js';
import { epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';

export interface Series {
  readonly dates: Int32Array;
  readonly values: Float64Array;
}

export function seriesFrom(obs: readonly Observation[]): Series {
  const dates = new Int32Array(obs.length);
  const values = new Float64Array(obs.length);
  for (let i = 0; i < obs.length; i++) {
    const o = obs[i];
    if (o === undefined) continue;
    dates[i] = epochDay(o.date);
    values[i] = o.value;
  }
  return { dates, values };
}

export function seriesOf(dates: readonly number[], values: readonly number[]): Series {
  return { dates: Int32Array.from(dates), values: Float64Array.from(values) };
}

/**
 * First index i in [from, to) with x[i] ≥ v, or x[i] > v when `strict` (x ascending; `to` when none).
 * The one binary search behind as-of lookups, store windows and chart decimation.
 */
export function lowerIndex(x: ArrayLike<number>, v: number, strict = false, from = 0, to = x.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = x[mid] ?? 0;
    if (m < v || (strict && m === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last date ≤ day, or −1 (typed arrays or plain arrays of epoch days). */
export function indexAtOrBefore(s: { readonly dates: ArrayLike<number> }, day: number): number {
  return lowerIndex(s.dates, day, true) - 1;
}

export interface PointRef {
  readonly date: IsoDate;
  readonly value: number;
}

/**
 * The last finite observation on or before `day`, no older than `toleranceDays`
 * (domain.md §2.3 observation mode: tolerance 4 calendar days for daily series on a weekly grid).
 */
export function valueAsOf(s: Series, day: number, toleranceDays = Number.POSITIVE_INFINITY): PointRef | null {
  for (let i = indexAtOrBefore(s, day); i >= 0; i--) {
    const d = s.dates[i] ?? 0;
    if (day - d > toleranceDays) return null;
    const v = s.values[i] ?? Number.NaN;
    if (Number.isFinite(v)) return { date: fromEpochDay(d), value: v };
  }
  return null;
}

export function lastPoint(s: Series): PointRef | null {
  const n = s.dates.length;
  return n === 0 ? null : valueAsOf(s, s.dates[n - 1] ?? 0);
}

export function sliceSeries(s: Series, fromDay: number, toDay: number): Series {
  const a = lowerIndex(s.dates, fromDay);
  const b = lowerIndex(s.dates, toDay, true);
  return { dates: s.dates.slice(a, Math.max(a, b)), values: s.values.slice(a, Math.max(a, b)) };
}
