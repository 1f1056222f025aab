/** Back-test statistics on a hand-checkable synthetic vector (labelled synthetic: not market data). */
import { describe, expect, it } from 'vitest';
import { errorStats, horizonErrors } from '../../../shared/compute/backtest.js';

describe('backtest statistics (synthetic)', () => {
  it('errors 1, −1, 3: mean 1, MAE 5/3, RMSE √(11/3)', () => {
    const s = errorStats([1, -1, 3]);
    expect(s.meanError).toBeCloseTo(1, 12);
    expect(s.meanAbsError).toBeCloseTo(5 / 3, 12);
    expect(s.rmse).toBeCloseTo(Math.sqrt(11 / 3), 12);
  });
  it('matches horizons by calendar month and gives the naive error from the anchor value', () => {
    const e = horizonErrors({ anchorMonth: '2025-11', atAnchor: { reservesBn: 100 }, projected: { reservesBn: new Map([['2025-12', 110]]) }, actual: { reservesBn: new Map([['2025-12', 105]]) } }, [1, 3]);
    expect(e).toEqual([{ variable: 'reservesBn', horizonMonths: 1, month: '2025-12', projected: 110, actual: 105, error: 5, naiveError: -5 }]);
  });
});
