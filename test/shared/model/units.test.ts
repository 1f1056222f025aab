import { describe, expect, it } from 'vitest';
import { findSeries, guardViolation } from '../../../shared/catalog.js';
import { prepareBatch } from '../../../shared/model/observation.js';
import { conversionFor, toCanonical } from '../../../shared/model/units.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

const d = (s: string): IsoDate => s as IsoDate;
const def = (id: string) => {
  const s = findSeries(id);
  if (!s) throw new Error(id);
  return s;
};

describe('units (domain.md §5.1)', () => {
  it('TV-U1: 4,192,906 millions is 4,192.906 bn', () => {
    expect(toCanonical(4_192_906, conversionFor('usd_mn'))).toBe(4192.906);
    expect((toCanonical(4_192_906, conversionFor('usd_mn')) / 1000).toFixed(3)).toBe('4.193');
  });

  it('TV-U2: RRPONTSYD 2.0 bn and WLRRAOL 2,000 mn are both 2.0 bn', () => {
    expect(toCanonical(2.0, def('RRPONTSYD').conversion)).toBe(2);
    expect(toCanonical(2000, def('WLRRAOL').conversion)).toBe(2);
  });

  it('TV-U3: WALCL 6,580,000 millions → 6,580 bn, inside the guard', () => {
    const r = prepareBatch(def('WALCL'), [{ date: d('2025-12-31'), value: 6_580_000 }]);
    expect(r.ok && r.value.rows).toEqual([{ date: '2025-12-31', value: 6580 }]);
  });

  it('TV-U4: WALCL 6,580 declared millions → 6.58 bn fails the guard and the batch is rejected', () => {
    const r = prepareBatch(def('WALCL'), [
      { date: d('2025-12-24'), value: 6_581_000 },
      { date: d('2025-12-31'), value: 6_580 },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/WALCL 2025-12-31: 6.58 usd_bn is outside the possible range \[500, 15000\]/);
  });

  it('converts NY Fed dollars to billions exactly (50.35bn)', () => {
    expect(toCanonical(50_350_000_000, def('SRF_TOTAL').conversion)).toBe(50.35);
  });

  it('applies the §1.6 guards: reserves, RRP, TGA, GDP and rates', () => {
    expect(guardViolation(def('WRESBAL'), '2025-10-29', 2.848)).toMatch(/outside/);
    expect(guardViolation(def('WRESBAL'), '2006-03-08', 2.795)).toBeNull(); // real pre-2008 history
    expect(guardViolation(def('RRPONTSYD'), '2025-10-29', 3_500)).toMatch(/outside/);
    expect(guardViolation(def('TGA_DTS'), '2025-10-29', 925_876)).toMatch(/outside/);
    expect(guardViolation(def('GDP'), '2025-07-01', 31.098)).toMatch(/outside/);
    expect(guardViolation(def('SOFR'), '2025-10-31', 422)).toMatch(/outside/);
    expect(guardViolation(def('SOFR'), '2025-10-31', 4.22)).toBeNull();
  });

  it('keeps missing values out of the batch and refuses conflicting duplicates', () => {
    const r = prepareBatch(def('SOFR'), [
      { date: d('2026-06-19'), value: null },
      { date: d('2026-06-22'), value: 4.3 },
    ]);
    expect(r.ok && r.value).toEqual({ rows: [{ date: '2026-06-22', value: 4.3 }], missing: 1 });
    const dup = prepareBatch(def('SOFR'), [
      { date: d('2026-06-22'), value: 4.3 },
      { date: d('2026-06-22'), value: 4.31 },
    ]);
    expect(dup.ok).toBe(false);
  });
});
