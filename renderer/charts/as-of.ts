/**
 * A chart series' value "as of" a day, and where its line breaks: both follow the series' own
 * frequency. A weekly series read on a Tuesday shows the Wednesday before (with that date); beyond its
 * staleness limit it shows nothing, so a projection month never shows the last history week as if current
 * (found: hovering 2027-03-31 in the lab showed the history's 2026-08-19 value).
 */
import { STALENESS_DAYS } from '../../shared/compute/align.js';

export type ChartFrequency = 'D' | 'W' | 'M' | 'Q';

/** How old a value may be and still be read as of a later day: the formula alignment rule's table. */
export const READOUT_LIMIT_DAYS: Readonly<Record<ChartFrequency, number>> = STALENESS_DAYS;

/**
 * A line breaks where two consecutive observations are further apart than this: a few periods of its
 * frequency (a long weekend or a holiday week never breaks a daily line; a missing year does).
 */
export const GAP_BREAK_DAYS: Readonly<Record<ChartFrequency, number>> = { D: 10, W: 22, M: 95, Q: 200 };

// Per column: a chart asks for it when it is built and again for its readout limits.
const inferred = new WeakMap<readonly (number | null)[], ChartFrequency>();

/** The frequency of a column on a shared date grid, from the median spacing of its own observations. */
export function inferFrequency(x: readonly number[], values: readonly (number | null)[]): ChartFrequency {
  const known = inferred.get(values);
  if (known !== undefined) return known;
  const f = inferFrom(x, values);
  inferred.set(values, f);
  return f;
}

function inferFrom(x: readonly number[], values: readonly (number | null)[]): ChartFrequency {
  const gaps: number[] = [];
  let prev = -1;
  for (let i = 0; i < x.length && gaps.length < 400; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const d = x[i] ?? 0;
    if (prev >= 0) gaps.push(d - prev);
    prev = d;
  }
  if (gaps.length === 0) return 'D';
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 1;
  return median <= 3 ? 'D' : median <= 10 ? 'W' : median <= 45 ? 'M' : 'Q';
}

/** Index of the last x ≤ day (−1 when none): x ascending. */
export function lastIndexAtOrBefore(x: readonly number[], day: number): number {
  let lo = 0;
  let hi = x.length - 1;
  let out = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] ?? 0) <= day) {
      out = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return out;
}

export interface AsOf {
  readonly day: number;
  readonly value: number;
}

/** The last finite value on or before `day` whose own date is at most `limitDays` older (null otherwise). */
export function valueAsOf(x: readonly number[], values: readonly (number | null)[], day: number, limitDays: number): AsOf | null {
  for (let i = lastIndexAtOrBefore(x, day); i >= 0; i--) {
    const d = x[i] ?? 0;
    if (day - d > limitDays) return null;
    const v = values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return { day: d, value: v };
  }
  return null;
}
