/**
 * The projection engine's speed shortcuts change no bit (issue 12, speed): the slope is the spread's
 * exponential reused, the regime label skips the hysteresis evaluation when the plain label did not
 * change, and the QT fraction's month start comes from days-from-civil instead of Date.UTC. Each is
 * checked here against the plain definition it replaces, on generated scenarios (synthetic, labelled
 * as such) and on every month start from 1900 to 2200.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slopeAt } from '../../../shared/compute/demand-curve.js';
import { DEFAULT_INPUTS, PRESETS } from '../../../shared/compute/presets.js';
import { project, qtFraction, type Anchor, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { regimeWithHysteresis } from '../../../shared/compute/regime-label.js';
import { daysFromCivil, daysInMonth, type IsoDate } from '../../../shared/time/iso-date.js';

const A0: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: 24_500 };

describe('projection fast paths', () => {
  it('daysFromCivil is Date.UTC for every month start and end, 1900–2200', () => {
    for (let y = 1900; y <= 2200; y++)
      for (let m = 1; m <= 12; m++) {
        expect(daysFromCivil(y, m, 1) * 86_400_000).toBe(Date.UTC(y, m - 1, 1));
        expect(daysFromCivil(y, m, daysInMonth(y, m)) * 86_400_000).toBe(Date.UTC(y, m - 1, daysInMonth(y, m)));
      }
  });

  it('the QT fraction equals its Date.UTC definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (qy, qm, qd, y, m) => {
        const qtEnd = `${qy}-${String(qm).padStart(2, '0')}-${String(qd).padStart(2, '0')}` as IsoDate;
        const plain = Math.min(1, Math.max(0, (Date.parse(`${qtEnd}T00:00:00Z`) - Date.UTC(y, m - 1, 1)) / 86_400_000 / daysInMonth(y, m)));
        expect(qtFraction(qtEnd, y, m)).toBe(plain);
      }),
      { numRuns: 5_000 },
    );
  });

  it('slope and regime label are bit for bit what slopeAt and regimeWithHysteresis give, month by month', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS), fc.double({ min: -10, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.integer({ min: 0, max: 150 }), fc.double({ min: 0, max: 10, noNaN: true }), (preset, alpha, gamma, rmp, ngdp) => {
        const full: ScenarioInputs = { ...DEFAULT_INPUTS, ...preset.overrides, horizonYears: 10, ngdpGrowthPctYr: ngdp, rmpSchedule: [{ from: '2026-01', perMonthBn: rmp }], curve: { ...DEFAULT_INPUTS.curve, alpha, gamma } };
        const p = project(A0, full);
        let prev: ReturnType<typeof regimeWithHysteresis> | null = null;
        for (let t = 0; t < p.reserves.length; t++) {
          const x = full.curve.basis === 'gdp' ? (p.reservesGdpPct[t] ?? Number.NaN) : (p.reservesBaPct[t] ?? Number.NaN);
          expect(p.slopeBpPerPp[t]).toBe(slopeAt(full.curve, x));
          prev = regimeWithHysteresis(prev, full.curve, x, full.regimeThetas);
          expect(p.regime[t]).toBe(prev);
        }
      }),
      { numRuns: 300 },
    );
  });
});
