/**
 * Rolling statistics over the last N observations including t (domain.md §6.3). `minPeriods`
 * defaults to N: a window with a NaN or too few points yields NaN.
 */
function windowOk(values: Float64Array, end: number, n: number, minPeriods: number): boolean {
  if (end + 1 < n && end + 1 < minPeriods) return false;
  let finite = 0;
  for (let i = Math.max(0, end - n + 1); i <= end; i++) if (Number.isFinite(values[i] ?? Number.NaN)) finite++;
  return finite >= minPeriods;
}

/**
 * One pass over a full window (minPeriods = n): running sums of the window, Welford-style mean and
 * squared deviations updated as a value enters and leaves, and a run-length of equal values so a
 * constant window has exactly zero spread (as pandas does), never rounding noise.
 */
function slidingMeanVar(values: Float64Array, n: number): { mean: Float64Array; sd: Float64Array } {
  const len = values.length;
  const mean = new Float64Array(len).fill(Number.NaN);
  const sd = new Float64Array(len).fill(Number.NaN);
  let count = 0;
  let m = 0;
  let ssd = 0;
  let nans = 0;
  let same = 0;
  let prev = Number.NaN;
  for (let t = 0; t < len; t++) {
    const x = values[t] ?? Number.NaN;
    if (Number.isFinite(x)) {
      count++;
      const d = x - m;
      m += d / count;
      ssd += d * (x - m);
    } else nans++;
    same = x === prev ? same + 1 : 1;
    prev = x;
    if (t >= n) {
      const y = values[t - n] ?? Number.NaN;
      if (Number.isFinite(y)) {
        count--;
        if (count === 0) {
          m = 0;
          ssd = 0;
        } else {
          const d = y - m;
          m -= d / count;
          ssd -= d * (y - m);
        }
      } else nans--;
    }
    if (t >= n - 1 && nans === 0 && count === n) {
      mean[t] = m;
      sd[t] = n > 1 ? (same >= n ? 0 : Math.sqrt(Math.max(0, ssd) / (n - 1))) : Number.NaN;
    }
  }
  return { mean, sd };
}

/** The mean of the finite values in the window of n ending at t (partial windows, as pandas min_periods). */
function windowMean(values: Float64Array, t: number, n: number): number {
  let sum = 0;
  let k = 0;
  for (let i = Math.max(0, t - n + 1); i <= t; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) {
      sum += v;
      k++;
    }
  }
  return sum / k;
}

export function rollingMean(values: Float64Array, n: number, minPeriods = n): Float64Array {
  if (minPeriods === n) return slidingMean(values, n);
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 0; t < values.length; t++) {
    if (!windowOk(values, t, n, minPeriods)) continue;
    out[t] = windowMean(values, t, n);
  }
  return out;
}

/** Exact windowed sums (no drift): the mean of each full window of n finite values. */
function slidingMean(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  let nans = 0;
  for (let t = 0; t < values.length; t++) {
    if (!Number.isFinite(values[t] ?? Number.NaN)) nans++;
    if (t >= n && !Number.isFinite(values[t - n] ?? Number.NaN)) nans--;
    if (t >= n - 1 && nans === 0) {
      let sum = 0;
      for (let i = t - n + 1; i <= t; i++) sum += values[i] ?? 0;
      out[t] = sum / n;
    }
  }
  return out;
}

/** Sample standard deviation (ddof = 1). */
export function rollingSd(values: Float64Array, n: number, minPeriods = n): Float64Array {
  if (minPeriods === n) return slidingMeanVar(values, n).sd;
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 0; t < values.length; t++) {
    if (!windowOk(values, t, n, Math.max(2, minPeriods))) continue;
    const mean = windowMean(values, t, n);
    let ss = 0;
    let k = 0;
    for (let i = Math.max(0, t - n + 1); i <= t; i++) {
      const v = values[i] ?? Number.NaN;
      if (Number.isFinite(v)) {
        ss += (v - mean) ** 2;
        k++;
      }
    }
    out[t] = Math.sqrt(ss / (k - 1));
  }
  return out;
}

/** z_t = (x_t − mean) / sd over the window including t; NaN when sd = 0. */
export function rollingZScore(values: Float64Array, n: number, minPeriods = n): Float64Array {
  const both = minPeriods === n ? slidingMeanVar(values, n) : null;
  const mean = both ? both.mean : rollingMean(values, n, minPeriods);
  const sd = both ? both.sd : rollingSd(values, n, minPeriods);
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const s = sd[t] ?? Number.NaN;
    out[t] = s > 0 ? ((values[t] ?? Number.NaN) - (mean[t] ?? Number.NaN)) / s : Number.NaN;
  }
  return out;
}

/** Share (0..100) of the window's values that are ≤ x_t. */
export function rollingPercentRank(values: Float64Array, n: number, minPeriods = n): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = 0; t < values.length; t++) {
    const x = values[t] ?? Number.NaN;
    if (!Number.isFinite(x) || !windowOk(values, t, n, minPeriods)) continue;
    let le = 0;
    let k = 0;
    for (let i = Math.max(0, t - n + 1); i <= t; i++) {
      const v = values[i] ?? Number.NaN;
      if (!Number.isFinite(v)) continue;
      k++;
      if (v <= x) le++;
    }
    out[t] = (100 * le) / k;
  }
  return out;
}

/** How many of the last N observations satisfy the predicate (NaN counts as false). */
export function countInWindow(values: Float64Array, n: number, predicate: (v: number) => boolean): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let t = n - 1; t < values.length; t++) {
    let c = 0;
    for (let i = t - n + 1; i <= t; i++) {
      const v = values[i] ?? Number.NaN;
      if (Number.isFinite(v) && predicate(v)) c++;
    }
    out[t] = c;
  }
  return out;
}
