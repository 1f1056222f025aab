import { describe, expect, it } from 'vitest';
import { bandRuns } from '../../../renderer/charts/bands-layer.js';

const DAY = 86_400;
// Month-ends as uPlot x values (seconds), 31 days apart: close enough to join at a 45-day limit.
const xs = Array.from({ length: 8 }, (_, i) => i * 31 * DAY);

describe('bandRuns: where a shaded range is one polygon', () => {
  it('one run over the points where both edges have values', () => {
    const hi = [null, null, 3, 4, 5, 6, null, null];
    const lo = [null, null, 1, 2, 3, 4, null, null];
    expect(bandRuns(xs, [hi, lo], 0, 7, 45 * DAY)).toEqual([[2, 5]]);
  });

  it('bridges a missing value between close points, as the lines do, but not a long gap', () => {
    const hi = [1, 2, null, 4, 5, 6, 7, 8];
    const lo = [0, 1, 1, 3, 4, 5, 6, 7];
    expect(bandRuns(xs, [hi, lo], 0, 7, 70 * DAY)).toEqual([[0, 7]]);
    // Index 1 to 3 is 62 days apart: over a 45-day limit the polygon breaks there.
    expect(bandRuns(xs, [hi, lo], 0, 7, 45 * DAY)).toEqual([
      [0, 1],
      [3, 7],
    ]);
  });

  it('a point needs both edges, and NaN or Infinity is no value', () => {
    const hi = [1, 2, 3, Number.NaN, 5, 6, 7, 8];
    const lo = [0, null, 1, 3, Number.POSITIVE_INFINITY, 5, 6, 7];
    expect(bandRuns(xs, [hi, lo], 0, 7, 45 * DAY)).toEqual([
      [0, 0],
      [2, 2],
      [5, 7],
    ]);
  });

  it('only the window asked for (clamped to the data)', () => {
    const hi = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(bandRuns(xs, [hi], 2, 4, 45 * DAY)).toEqual([[2, 4]]);
    expect(bandRuns(xs, [hi], -1, 99, 45 * DAY)).toEqual([[0, 7]]);
    expect(bandRuns(xs, [[null, null]], 0, 1, 45 * DAY)).toEqual([]);
  });
});
