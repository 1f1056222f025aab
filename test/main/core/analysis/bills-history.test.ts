/**
 * Issue 14 §5 on the real snapshot: every projected year gets a private bill absorption (net issuance
 * defaulted from history where the scenario has no assumption), and the anchor's year is the months
 * already in the data plus the projected months, never a part-year of Fed purchases against a full
 * year of issuance. Expected figures are recomputed here from the bills report (MSPD, NY Fed
 * operations) and from the path's own bills stock (ΔTb = Fed bill purchases, §4.4 step 5).
 */
import { describe, expect, it } from 'vitest';
import { projectionContext } from '../../../../main/core/analysis/projection-context.js';
import { billsReport } from '../../../../main/core/analysis/rmp-bills-report.js';
import { findPreset } from '../../../../shared/compute/presets.js';
import { project, type ProjectionPath, type ScenarioInputs } from '../../../../shared/compute/projection.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const seeded = useSeededDb();

const run = (presetName: string, at?: IsoDate): { p: ProjectionPath; anchorDate: IsoDate; inputs: ScenarioInputs } => {
  const c = projectionContext(seeded.db(), at === undefined ? undefined : { at });
  const inputs: ScenarioInputs = { ...c.inputs, ...(findPreset(presetName)?.overrides ?? {}) };
  return { p: project(c.anchor.anchor, inputs, c.bills), anchorDate: c.anchor.anchor.date, inputs };
};

/** Σ ΔTb over the path's months in a calendar year: the engine's Fed bill purchases, read off the stock. */
const fedFromStock = (p: ProjectionPath, year: number): number => {
  let s = 0;
  for (let t = 1; t < p.dates.length; t++) if ((p.dates[t] ?? '').startsWith(String(year))) s += (p.tb[t] ?? 0) - (p.tb[t - 1] ?? 0);
  return s;
};

const months = () => {
  const r = billsReport(seeded.db());
  if (!r.ok) throw new Error(r.error);
  return r.value.months;
};
const sumNet = (from: string, to: string): number => months().filter((m) => m.month >= from && m.month <= to).reduce((s, m) => s + (m.netIssuanceBn ?? Number.NaN), 0);
const sumFed = (from: string, to: string): number => months().filter((m) => m.month >= from && m.month <= to).reduce((s, m) => s + (m.fedBn ?? Number.NaN), 0);

describe('private bill absorption per calendar year (issue 14 §5)', () => {
  it('latest anchor, Fed RMP: every projected year has a private figure, defaulted from the latest 12 months of MSPD', () => {
    const { p, anchorDate } = run('Fed RMP');
    expect(anchorDate).toBe('2026-07-31');
    const rows = p.billPurchasesByYear;
    expect(rows.map((b) => b.year)).toEqual([2026, 2027, 2028, 2029, 2030, 2031]);
    // Net issuance Aug 2025 … Jul 2026 = $992.8bn: the default for a year without an assumption.
    const t12 = sumNet('2025-08', '2026-07');
    expect(t12).toBeCloseTo(992.8, 1);
    for (const b of rows) {
      expect(b.privateBn, `${b.year}`).not.toBeNull();
      expect(b.issuance).toBe('default');
      if (b.issuanceMonths === 12) expect(b.netIssuanceBn ?? Number.NaN).toBeCloseTo(t12, 3);
      expect(b.fedProjectedBn).toBeCloseTo(fedFromStock(p, b.year), 6);
    }
    // The horizon ends in 2031-07: Jan–Jul of Fed purchases against Jan–Jul of issuance (2026's months).
    const last = rows.at(-1);
    expect(last).toMatchObject({ year: 2031, projectedMonths: 7, issuanceMonths: 7 });
    expect(last?.netIssuanceBn ?? Number.NaN).toBeCloseTo(sumNet('2026-01', '2026-07'), 3);
  });

  it('latest anchor: 2026 = Jan–Jul actual (NY Fed operations, $286.1bn) + Aug–Dec projected', () => {
    const { p } = run('Fed RMP');
    const y = p.billPurchasesByYear[0];
    expect(y).toMatchObject({ year: 2026, actualMonths: 7, projectedMonths: 5, issuedSoFarMonths: 7 });
    expect(y?.fedActualBn ?? Number.NaN).toBeCloseTo(sumFed('2026-01', '2026-07'), 3);
    expect(y?.fedActualBn ?? Number.NaN).toBeCloseTo(286.1, 1);
    expect(y?.issuedSoFarBn ?? Number.NaN).toBeCloseTo(441.7, 1);
    // Aug–Dec under the Fed RMP preset: $168.6bn (RMP $20bn/month + MBS principal reinvested).
    expect(y?.fedProjectedBn ?? Number.NaN).toBeCloseTo(168.6, 1);
    expect(y?.fedBn ?? Number.NaN).toBeCloseTo((y?.fedActualBn ?? 0) + fedFromStock(p, 2026), 6);
    expect(y?.privateBn ?? Number.NaN).toBeCloseTo(992.8 - 454.7, 0);
  });

  it('Goldman baseline: 2026 private = its $870bn − Fed 2026 purchases (actual + projected)', () => {
    const latest = run('Goldman baseline');
    const y = latest.p.billPurchasesByYear[0];
    expect(y).toMatchObject({ year: 2026, netIssuanceBn: 870, issuance: 'assumption' });
    expect(y?.fedBn ?? Number.NaN).toBeCloseTo(sumFed('2026-01', '2026-07') + 5 * 40, 6);
    expect(y?.privateBn ?? Number.NaN).toBeCloseTo(870 - (y?.fedBn ?? 0), 9);
    expect(y?.privateBn ?? Number.NaN).toBeCloseTo(383.9, 1);
    // From 2025-11-26 (the articles' moment) 2026 is all projected: the articles' 870 − 480 = 390.
    const past = run('Goldman baseline', '2025-11-26' as IsoDate);
    expect(past.p.billPurchasesByYear.find((b) => b.year === 2026)).toMatchObject({ fedBn: 480, privateBn: 390, actualMonths: 0 });
  });

  it('anchor 2025-11-26: 2025 = Jan–Oct actual (no bill purchases before QT ended) + Nov–Dec projected; the default sees no later data', () => {
    const { p, anchorDate } = run('Fed RMP', '2025-11-26' as IsoDate);
    expect(anchorDate).toBe('2025-10-31');
    const y = p.billPurchasesByYear[0];
    expect(y).toMatchObject({ year: 2025, actualMonths: 10, projectedMonths: 2, fedActualBn: 0, issuance: 'default' });
    // Net issuance Nov 2024 … Oct 2025 ($406.8bn), not the later months the store also holds.
    expect(y?.netIssuanceBn ?? Number.NaN).toBeCloseTo(sumNet('2024-11', '2025-10'), 3);
    expect(y?.netIssuanceBn ?? Number.NaN).toBeCloseTo(406.8, 1);
    expect(y?.issuedSoFarBn ?? Number.NaN).toBeCloseTo(sumNet('2025-01', '2025-10'), 3);
    // December only (QT ends 2025-12-01): RMP $40bn + the month's MBS principal.
    expect(y?.fedBn ?? Number.NaN).toBeCloseTo(fedFromStock(p, 2025), 6);
    expect(y?.fedBn ?? Number.NaN).toBeCloseTo(54.7, 1);
    expect(y?.privateBn ?? Number.NaN).toBeCloseTo(406.8 - 54.7, 1);
    for (const b of p.billPurchasesByYear) expect(b.privateBn, `${b.year}`).not.toBeNull();
  });

  it('changes no other output: the path with the history equals the path without it', () => {
    const c = projectionContext(seeded.db());
    const a = project(c.anchor.anchor, c.inputs, c.bills);
    const b = project(c.anchor.anchor, c.inputs);
    for (const k of ['reserves', 'tb', 'spreadBp', 'reservesGdpPct'] as const) expect(Buffer.from(a[k].buffer).equals(Buffer.from(b[k].buffer))).toBe(true);
    expect(a.billPurchasesByYear.map((x) => x.fedProjectedBn)).toEqual(b.billPurchasesByYear.map((x) => x.fedProjectedBn));
    // Without the history the anchor year has no actual months to add: no private figure, and why.
    expect(b.billPurchasesByYear[0]).toMatchObject({ year: 2026, privateBn: null, why: 'Fed bill purchases for 2026-01…2026-07 are not in the data' });
  });
});
