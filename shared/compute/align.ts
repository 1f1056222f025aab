/**
 * Alignment (domain.md §2.3): as-of joins onto a grid, resampling to weekly (Wednesday key, Thu..Wed),
 * monthly and quarterly with FRED's aggregation methods, and GDP interpolation. Every function says
 * which mode it implements; callers report it.
 */
import { daysInMonth, epochDay, fromEpochDay, weekday } from '../time/iso-date.js';
import type { Series } from './series.js';
import { indexAtOrBefore } from './series.js';

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

/**
 * Observation-mode as-of join: for each grid day, the last finite value on or before it, no older
 * than `toleranceDays`; NaN otherwise.
 */
export function asOfJoin(grid: Int32Array, s: Series, toleranceDays: number): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  for (let g = 0; g < grid.length; g++) {
    const day = grid[g] ?? 0;
    for (let i = indexAtOrBefore(s, day); i >= 0; i--) {
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
