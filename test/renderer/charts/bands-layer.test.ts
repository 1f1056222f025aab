import { describe, expect, it } from 'vitest';
import { bandRuns, outerWindow } from '../../../renderer/charts/bands-layer.js';

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

describe('outerWindow: a range runs to the plot edge as its lines do', () => {
  // A daily grid with weekend rows where only other series have values (the Monitor's corridor chart).
  const p99 = [4.1, 4.2, null, null, 4.3, 4.4, null, null, 4.5];
  const p1 = [3.9, 4.0, null, null, 4.1, 4.2, null, null, 4.3];

  it('widens a window that starts or ends on rows without the band to the nearest rows with it', () => {
    // Found by the new-user check: zoomed to a window starting on a Saturday, the band began at Monday.
    expect(outerWindow([p99, p1], 2, 3, p99.length)).toEqual([1, 4]);
    expect(outerWindow([p99, p1], 6, 7, p99.length)).toEqual([5, 8]);
  });

  it('keeps a window whose ends have values, and stops at the data', () => {
    expect(outerWindow([p99, p1], 1, 5, p99.length)).toEqual([1, 5]);
    expect(outerWindow([[null, null, 1, null]], 0, 3, 4)).toEqual([0, 3]);
    expect(outerWindow([p99], -3, 40, p99.length)).toEqual([0, 8]);
  });
});
