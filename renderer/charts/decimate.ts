/**
 * Pixel-width decimation (M4: Jugel et al., "M4: A Visualization-Oriented Time Series Data
 * Aggregation", VLDB 2014). For each pixel column and each series, the first, last, smallest and
 * largest points are kept: a line drawn through them lights exactly the pixels the full series would,
 * so a million points draw as a few thousand. Pure: no DOM, no uPlot.
 */

import { lowerIndex } from '../../shared/compute/series.js';

export type Column = ArrayLike<number | null>;

/**
 * The indices of [lo, hi) to draw so that each of `buckets` equal-width columns between x[lo] and
 * x[hi − 1] keeps, per series, its first, last, minimum and maximum finite points (plus the bucket's
 * first and last index, which carry the x extent). Ascending, unique.
 *
 * Bucket edges are found by binary search; each series is then scanned per bucket on its own (a
 * tight loop over one array), which is what keeps a million points near 5 ms.
 */
export function m4Indices(x: ArrayLike<number>, cols: readonly Column[], lo: number, hi: number, buckets: number): Int32Array {
  if (hi <= lo) return new Int32Array(0);
  const out = new Int32Array(Math.min(hi - lo, buckets * (2 + 4 * cols.length)));
  let n = 0;
  const x0 = x[lo] ?? 0;
  const span = (x[hi - 1] ?? 0) - x0;
  const picks: number[] = [];
  let a = lo;
  for (let b = 0; b < buckets && a < hi; b++) {
    // [a, e): the points whose x falls in column b (the last column takes the rest).
    const e = b === buckets - 1 || span <= 0 ? hi : lowerIndex(x, x0 + (span * (b + 1)) / buckets, false, a, hi);
    if (e === a) continue;
    picks.length = 0;
    picks.push(a, e - 1);
    for (const c of cols) scanBucket(c, a, e, picks);
    picks.sort((p, q) => p - q);
    let prev = -1;
    for (const i of picks) {
      if (i !== prev) out[n++] = i;
      prev = i;
    }
    a = e;
  }
  return out.slice(0, n);
}

/**
 * Appends the first, last, min and max finite points of c[a, e) to `picks`. A small function of its
 * own so the engine optimises it after a few calls instead of interpreting one long loop nest.
 */
function scanBucket(c: Column, a: number, e: number, picks: number[]): void {
  let first = -1;
  let last = -1;
  let iMin = -1;
  let iMax = -1;
  let vMin = 0;
  let vMax = 0;
  for (let i = a; i < e; i++) {
    const v = c[i];
    // Finite numbers only (null, NaN and ±Infinity are gaps).
    if (typeof v !== 'number' || v - v !== 0) continue;
    if (first < 0) {
      first = i;
      iMin = iMax = i;
      vMin = vMax = v;
    } else if (v < vMin) {
      vMin = v;
      iMin = i;
    } else if (v > vMax) {
      vMax = v;
      iMax = i;
    }
    last = i;
  }
  if (first >= 0) picks.push(first, last, iMin, iMax);
}

/** Sorted union of two ascending index lists. */
export function mergeIndices(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const va = i < a.length ? (a[i] ?? 0) : Number.POSITIVE_INFINITY;
    const vb = j < b.length ? (b[j] ?? 0) : Number.POSITIVE_INFINITY;
    const v = Math.min(va, vb);
    if (va === v) i++;
    if (vb === v) j++;
    out[k++] = v;
  }
  return out.subarray(0, k);
}

/** Whether decimating pays: more points than M4 could keep for this width. */
export function worthDecimating(points: number, seriesCount: number, buckets: number): boolean {
  return points > 4 * Math.max(1, seriesCount) * buckets;
}

/**
 * What to draw for the visible window [from, to] (x units) at `buckets` pixel columns: the whole
 * range at pixel resolution (so resetting the zoom finds the real ends) merged with the window at
 * pixel resolution (plus one point either side, so lines run to the edges). Null: draw everything.
 */
export function visibleIndices(x: ArrayLike<number>, cols: readonly Column[], buckets: number, window: { from: number; to: number } | null): Int32Array | null {
  const n = x.length;
  if (!worthDecimating(n, cols.length, buckets)) return null;
  const whole = m4Indices(x, cols, 0, n, buckets);
  if (window === null) return whole;
  const lo = Math.max(0, lowerIndex(x, window.from) - 1);
  const hi = Math.min(n, lowerIndex(x, window.to, true) + 1);
  if (lo === 0 && hi === n) return whole;
  if (!worthDecimating(hi - lo, cols.length, buckets)) {
    const all = new Int32Array(hi - lo);
    for (let i = 0; i < all.length; i++) all[i] = lo + i;
    return mergeIndices(whole, all);
  }
  return mergeIndices(whole, m4Indices(x, cols, lo, hi, buckets));
}
