/** cholesky (shared/compute/linalg.ts): the factor the fan draws the curve parameters with. */
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../../shared/compute/linalg.js';

describe('cholesky', () => {
  it('factors the snapshot fit covariance of [α, β, γ]: L·Lᵀ gives it back, L lower-triangular', () => {
    const a = [
      [0.4631377700340455, -0.4178056409124452, 0.01299875067818077],
      [-0.4178056409124452, 0.4167116676428706, -0.013081520222045477],
      [0.01299875067818077, -0.013081520222045477, 0.0004443054898348348],
    ];
    const l = cholesky(a);
    expect(l).not.toBeNull();
    if (l === null) return;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        if (j > i) expect(l[i]?.[j]).toBe(0);
        let s = 0;
        for (let k = 0; k < 3; k++) s += (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
        expect(s).toBeCloseTo(a[i]?.[j] ?? Number.NaN, 14);
      }
    expect(l[0]?.[0]).toBeCloseTo(Math.sqrt(0.4631377700340455), 14);
  });

  it('gives a zero column for a semi-definite direction and null for an indefinite or non-finite matrix', () => {
    expect(cholesky([[4, 2], [2, 1]])).toEqual([[2, 0], [1, 0]]);
    expect(cholesky([[1, 2], [2, 1]])).toBeNull();
    expect(cholesky([[1, Number.NaN], [Number.NaN, 1]])).toBeNull();
    expect(cholesky([[1, 0]])).toBeNull();
  });
});
