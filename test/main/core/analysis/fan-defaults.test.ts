/**
 * Issue 14 §3 on the real snapshot: the projection context carries the fit's covariance of the latest
 * regime's (α, β, γ) and default sds from history as of the anchor, and the fan's crossing
 * distribution from a real past anchor brackets the deterministic crossing.
 */
import { describe, expect, it } from 'vitest';
import { fitFromStore } from '../../../../main/core/analysis/fit-from-store.js';
import { projectionContext, savedCurveCovariance } from '../../../../main/core/analysis/projection-context.js';
import { getColumns } from '../../../../main/core/db/repos/observations-repo.js';
import { getSetting, setSetting } from '../../../../main/core/db/repos/settings-repo.js';
import { fan, fanCrossingText } from '../../../../shared/compute/fan.js';
import { crossings, project } from '../../../../shared/compute/projection.js';
import { epochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const s = useSeededDb();

describe('the fan in the projection context', () => {
  it('carries the fit covariance of [α latest, β, γ] and sds from history', () => {
    const ctx = projectionContext(s.db());
    const f = fitFromStore(s.db());
    const np = f.parameterNames.length;
    expect(ctx.fan.curveParameterNames).toEqual([f.parameterNames[np - 3], 'beta', 'gamma']);
    expect(ctx.fan.curveParameterNames[0]).toBe(`alpha[${f.regimes[f.regimes.length - 1]?.key ?? ''}]`);
    const cov = f.covariance ?? [];
    expect(ctx.fan.curveCovariance).toEqual([np - 3, np - 2, np - 1].map((i) => [np - 3, np - 2, np - 1].map((j) => cov[i]?.[j])));
    // The snapshot to 2026-10: γ's sd ≈ 0.021, α and β ≈ 0.65–0.68 bp.
    expect(Math.sqrt(ctx.fan.curveCovariance?.[2]?.[2] ?? 0)).toBeCloseTo(0.0211, 3);
    const d = ctx.fan.defaults;
    expect(d.curveCovScale).toBe(1);
    expect(d.ngdpGrowthSdPctYr).toBeGreaterThan(1);
    expect(d.ngdpGrowthSdPctYr).toBeLessThan(4);
    expect(d.currencyGrowthSdPctYr).toBeGreaterThan(1);
    expect(d.currencyGrowthSdPctYr).toBeLessThan(5);
    // The TGA sd recomputed here from the stored Wednesdays of the two years to the anchor.
    const tga = getColumns(s.db(), 'WDTGAL');
    const wed = epochDay(ctx.anchor.wednesday);
    const xs = Array.from(tga.dates).flatMap((day, i) => (day <= wed && day > wed - 728 ? [tga.values[i] ?? Number.NaN] : []));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(d.tgaLevelSdBn).toBe(Math.round(Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))));
    expect(xs.length).toBeGreaterThanOrEqual(100);
    expect(ctx.fan.notes.join('\n')).toMatch(/NGDP growth sd .* trailing 3-year GDP growth rate over the 40 quarters/);
  });

  it('has no curve covariance for a fit saved before covariances were kept, and says so', () => {
    const raw = getSetting(s.db(), 'demand_curve.fit') ?? '{}';
    const saved = JSON.parse(raw) as Record<string, unknown>;
    expect(saved['curveCov']).toBeDefined();
    delete saved['curveCov'];
    setSetting(s.db(), 'demand_curve.fit', JSON.stringify(saved));
    expect(savedCurveCovariance(s.db())).toBeNull();
    const ctx = projectionContext(s.db());
    expect(ctx.fan.curveCovariance).toBeNull();
    expect(ctx.fan.notes.at(-1)).toMatch(/no curve covariance/);
    setSetting(s.db(), 'demand_curve.fit', raw);
    // A tampered matrix (not positive semi-definite) is refused the same way.
    setSetting(s.db(), 'demand_curve.fit', JSON.stringify({ ...saved, curveCov: [[1, 2, 0], [2, 1, 0], [0, 0, 1]] }));
    expect(savedCurveCovariance(s.db())).toBeNull();
    setSetting(s.db(), 'demand_curve.fit', raw);
    expect(savedCurveCovariance(s.db())).not.toBeNull();
  });

  it('from the 2024-06-26 anchor, the 10–90% range of the month reserves/GDP falls below 10% brackets the deterministic month', () => {
    const ctx = projectionContext(s.db(), { at: '2024-06-26' as IsoDate });
    expect(ctx.anchor.anchor.date).toBe('2024-05-31');
    // Treasury runoff at $25bn/month (the cap from June 2024) until the default QT end.
    const inputs = { ...ctx.inputs, capTsyBn: 25 };
    const det = crossings(project(ctx.anchor.anchor, inputs).reservesGdpPct, project(ctx.anchor.anchor, inputs).dates, 10);
    expect(det.statusAtStart).toBe('already above');
    expect(det.down).not.toBeNull();
    const f = fan({ anchor: ctx.anchor.anchor, inputs, curveCovariance: ctx.fan.curveCovariance, sds: ctx.fan.defaults, paths: 500, seed: 1 });
    expect(f.statusAtStart).toBe('already above');
    const [q10, , q50, , q90] = f.down.months;
    expect(q10?.t).not.toBeNull();
    expect(q10?.t ?? Infinity).toBeLessThanOrEqual(det.down?.t ?? -1);
    expect(q50?.t ?? Infinity).toBeLessThanOrEqual((det.down?.t ?? -1) + 3);
    // Some paths stay above 10% through 2029-05 (the 90% month is then "after" the horizon).
    if (q90?.t !== null) expect(q90?.t ?? -Infinity).toBeGreaterThanOrEqual(det.down?.t ?? Infinity);
    expect(f.down.neverShare).toBeGreaterThan(0);
    expect(f.down.neverShare).toBeLessThan(0.5);
    expect(fanCrossingText(f)).toMatch(/^reserves\/GDP falls below 10% — 50%: 202\d-\d{2}; 10–90%: 202\d-\d{2} … /);
  });

  it('from the latest anchor (below 10%), the distribution is of the month it reaches 10% again', () => {
    const ctx = projectionContext(s.db());
    const f = fan({ anchor: ctx.anchor.anchor, inputs: ctx.inputs, curveCovariance: ctx.fan.curveCovariance, sds: ctx.fan.defaults, paths: 500, seed: 1 });
    expect(f.statusAtStart).toBe('already below');
    expect(fanCrossingText(f)).toMatch(/^reserves\/GDP reaches 10%/);
    expect(f.up.neverShare).toBeGreaterThan(0);
  });
});
