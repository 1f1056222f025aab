import { describe, expect, it } from 'vitest';
import { FAN_MAX_DUTY, FAN_MIN_GAP_MS, nextStartAt } from '../../../../renderer/features/scenarios/use-fan.js';

describe('nextStartAt: how often the lab recomputes its fan while a slider moves', () => {
  it('a fast fan waits the minimum gap after the last one started', () => {
    expect(nextStartAt(1000, 12)).toBe(1000 + FAN_MIN_GAP_MS);
  });

  it('a slow fan keeps the worker busy at most a third of the time', () => {
    expect(FAN_MAX_DUTY).toBeCloseTo(1 / 3);
    expect(nextStartAt(1000, 80)).toBeCloseTo(1000 + 240);
  });

  it('a request after a quiet spell starts at once (the first fan ever, too)', () => {
    expect(nextStartAt(Number.NEGATIVE_INFINITY, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(nextStartAt(0, 15)).toBeLessThan(5000);
  });
});
