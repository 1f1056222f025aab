/**
 * Issue 14 §6 on the real snapshot: Compare with scenarios anchored at 2025-11-26 (the source articles'
 * moment) and at the latest H.4.1 Wednesday. Levels are drawn from each one's own anchor on one date
 * axis; differences only from the later anchor; what happened after the past anchor drawn once; the
 * past scenario's errors at +1 … +9 months; each scenario's 10–90% fan on the same axis.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actualAt, actualsAfter } from '../../../../main/core/analysis/backtest-from-store.js';
import { projectionContext, type ProjectionContext } from '../../../../main/core/analysis/projection-context.js';
import { fan } from '../../../../shared/compute/fan.js';
import { PRESETS } from '../../../../shared/compute/presets.js';
import { MODEL_VERSION, project } from '../../../../shared/compute/projection.js';
import { epochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import { alignmentNote, compareErrorTable, fanSeries, monthEndDay, unionDays, type AnchorActuals } from '../../../../renderer/features/compare/compare-anchors.js';
import { milestoneTable, overlaySpec, smallSpecs, type Entry } from '../../../../renderer/features/compare/compare-model.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const seeded = useSeededDb();
const PAST_WED = '2025-11-26' as IsoDate;

let past: ProjectionContext;
let latest: ProjectionContext;
let pastActuals: AnchorActuals;

const entry = (c: ProjectionContext, preset: string, name: string): Entry => {
  const inputs = { ...c.inputs, ...(PRESETS.find((p) => p.name === preset)?.overrides ?? {}) };
  return { ref: name, kind: 'saved', name, inputs, anchorDate: c.anchor.anchor.date, dataAsOf: c.anchor.wednesday, curveLabel: c.curveLabel, modelVersion: MODEL_VERSION, path: project(c.anchor.anchor, inputs, c.bills), misnamed: null };
};

beforeAll(() => {
  const db = seeded.db();
  past = projectionContext(db, { at: PAST_WED });
  latest = projectionContext(db);
  pastActuals = { actuals: actualsAfter(db, PAST_WED, 120), atAnchor: actualAt(db, PAST_WED) };
});

describe('scenarios with different anchors on one date axis', () => {
  it('levels: each from its own anchor; differences and milestones from the later one', () => {
    const a = entry(past, 'Fed RMP', 'Fed at 2025-11-26');
    const b = entry(latest, 'Fed RMP', 'Fed at the latest');
    // The grid's t = 0 is the last month-end on or before the Wednesday.
    expect(a.anchorDate).toBe('2025-10-31');
    expect(epochDay(b.anchorDate)).toBeGreaterThan(epochDay(a.anchorDate));
    const actuals = new Map([[PAST_WED as string, pastActuals]]);
    const level = overlaySpec([a, b], 'reserves', 'level', { actuals });
    if (level === null) throw new Error('no spec');
    expect(level.x).toEqual(unionDays([a, b]));
    expect(level.x[0]).toBe(epochDay(a.anchorDate));
    const col = (id: string): readonly (number | null)[] => level.series.find((s) => s.id === id)?.values ?? [];
    // The past scenario starts at its anchor with the engine's own t = 0; the later one has nothing before its anchor.
    expect(col('S0')[0]).toBe(a.path.reserves[0]);
    const bStart = level.x.indexOf(epochDay(b.anchorDate));
    expect(bStart).toBeGreaterThan(0);
    expect(col('S1').slice(0, bStart).every((v) => v === null)).toBe(true);
    expect(col('S1')[bStart]).toBe(b.path.reserves[0]);
    // Differences need both: from the later anchor on (domain.md §4.6).
    const delta = overlaySpec([a, b], 'reserves', 'delta', { actuals });
    expect(delta?.x[0]).toBe(epochDay(b.anchorDate));
    expect(delta?.series.some((s) => s.id.startsWith('ACT'))).toBe(false);
    expect(level.footer.join('\n')).toContain(`Anchors differ (H.4.1 ${PAST_WED}, ${latest.anchor.wednesday})`);
    expect(alignmentNote([a, entry(past, 'No action', 'x')])).toBeNull();
    // Small multiples: levels on the same axis.
    expect(smallSpecs([a, b], 'reserves', 'shared')[0]?.x).toEqual(level.x);
    // Milestones still from the later anchor: the lowest reserves of the past scenario is not before it.
    const low = milestoneTable([a, b]).rows.find((r) => r.key === 'minReserves')?.cells[0] ?? '';
    const lowDate = /\((\d{4}-\d{2}-\d{2})/.exec(low)?.[1] ?? '';
    expect(low === '' || lowDate > b.anchorDate).toBe(true);
  });

  it('what happened after the past anchor is drawn once, on month-ends, from the anchor value', () => {
    const a = entry(past, 'Fed RMP', 'Fed at 2025-11-26');
    const g = entry(past, 'Goldman baseline', 'Goldman at 2025-11-26');
    const b = entry(latest, 'Fed RMP', 'Fed at the latest');
    const spec = overlaySpec([a, g, b], 'reservesGdpPct', 'level', { actuals: new Map([[PAST_WED as string, pastActuals]]) });
    const acts = spec?.series.filter((s) => s.id.startsWith('ACT')) ?? [];
    expect(acts.length).toBe(1);
    const x = spec?.x ?? [];
    const dec = pastActuals.actuals.find((m) => m.month === '2025-12');
    expect(dec?.reservesGdpPct).toBeGreaterThan(8);
    expect(acts[0]?.values[x.indexOf(monthEndDay('2025-12'))]).toBe(dec?.reservesGdpPct);
    expect(acts[0]?.values[x.indexOf(epochDay(a.anchorDate))]).toBe(pastActuals.atAnchor?.reservesGdpPct);
    expect(acts[0]?.label).toContain(PAST_WED);
  });
});

describe('projection errors of the past scenarios', () => {
  it('+1 … +9 months for the 2025-11-26 scenario only: projected − actual, with the naive error', () => {
    const a = entry(past, 'Fed RMP', 'Fed at 2025-11-26');
    const b = entry(latest, 'Fed RMP', 'Fed at the latest');
    const t = compareErrorTable([b, a], new Map([[PAST_WED as string, pastActuals]]));
    // The snapshot ends in 2026-10: +12 months (2026-11) has no actual yet.
    expect(t.horizons).toEqual([1, 3, 6, 9]);
    expect(t.rows.map((r) => `${r.entry}:${r.variable}`)).toEqual(['1:reservesBn', '1:reservesGdpPct', '1:spreadBp']);
    const i = a.path.dates.findIndex((d) => d.startsWith('2025-12'));
    const dec = pastActuals.actuals.find((m) => m.month === '2025-12');
    const err = (a.path.reserves[i] ?? Number.NaN) - (dec?.reservesBn ?? Number.NaN);
    const naive = (pastActuals.atAnchor?.reservesBn ?? Number.NaN) - (dec?.reservesBn ?? Number.NaN);
    const txt = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(0)}`;
    expect(Number.isFinite(err)).toBe(true);
    expect(t.rows[0]?.cells[0]?.text).toBe(`${txt(err)} (naive ${txt(naive)})`);
    // No past scenario: no table.
    expect(compareErrorTable([b], new Map()).rows).toEqual([]);
  });
});

describe('each scenario’s fan on the shared axis', () => {
  it('10–90% band edges per scenario, null before its anchor, equal at t = 0', () => {
    const a = entry(past, 'Fed RMP', 'Fed at 2025-11-26');
    const b = entry(latest, 'QE $100bn', 'QE at the latest');
    const fans = [a, b].map((e, k) => fan({ anchor: k === 0 ? past.anchor.anchor : latest.anchor.anchor, inputs: e.inputs, curveCovariance: (k === 0 ? past : latest).fan.curveCovariance, sds: (k === 0 ? past : latest).fan.defaults, paths: 100, seed: 1 }));
    const days = unionDays([a, b]);
    const { series, bands } = fanSeries([a, b], fans, 'reserves', 'usd_bn', days);
    expect(bands).toEqual([
      { upper: 'F0_P90', lower: 'F0_P10', fill: expect.any(String) },
      { upper: 'F1_P90', lower: 'F1_P10', fill: expect.any(String) },
    ]);
    const col = (id: string): readonly (number | null)[] => series.find((s) => s.id === id)?.values ?? [];
    const bStart = days.indexOf(epochDay(b.anchorDate));
    expect(col('F1_P10').slice(0, bStart).every((v) => v === null)).toBe(true);
    expect(col('F1_P10')[bStart]).toBe(col('F1_P90')[bStart]);
    const end = days.length - 1;
    expect((col('F1_P90')[end] ?? 0) - (col('F1_P10')[end] ?? 0)).toBeGreaterThan(100);
    for (let i = 0; i < days.length; i++) {
      const lo = col('F0_P10')[i];
      const hi = col('F0_P90')[i];
      if (lo !== null && lo !== undefined && hi !== null && hi !== undefined) expect(lo).toBeLessThanOrEqual(hi);
    }
    // Net liquidity has no fan.
    expect(fanSeries([a, b], fans, 'netLiquidity', 'usd_bn', days).series).toEqual([]);
    const spec = overlaySpec([a, b], 'reserves', 'level', { fans });
    expect(spec?.bands?.length).toBe(2);
    expect(overlaySpec([a, b], 'reserves', 'delta', { fans })?.bands).toBeUndefined();
  });
});
