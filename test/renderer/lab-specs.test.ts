/**
 * The lab's chart specs (renderer/features/scenarios/lab-specs.ts) with the history ∪ projection
 * axis built once per anchor and horizon (a slider tick reuses it): every series equals the plain
 * union-and-lookup it replaced, recomputed here per call, for anchors inside and after a history,
 * several horizons on one history, and repeated calls. Synthetic weekly history, labelled as such.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS } from '../../shared/compute/presets.js';
import { project, type Anchor, type ProjectionPath } from '../../shared/compute/projection.js';
import { epochDay, type IsoDate } from '../../shared/time/iso-date.js';
import { labSpecs, type History } from '../../renderer/features/scenarios/lab-specs.js';
import { withFan } from '../../renderer/features/scenarios/fan-specs.js';
import type { FanResult } from '../../shared/compute/fan.js';

/** Synthetic: weekly Wednesdays from 2022-01-05 to 2026-07-29, values made up. */
function syntheticHistory(): History {
  const dates: number[] = [];
  for (let d = epochDay('2022-01-05' as IsoDate); d <= epochDay('2026-07-29' as IsoDate); d += 7) dates.push(d);
  return { dates, reserves: dates.map((_, i) => 3000 + i), ratio: dates.map((_, i) => 10 + i / 100), nl: dates.map((_, i) => (i % 17 === 0 ? null : 6000 - i)) };
}

/** The union as labSpecs built it before: per call, days looked up in a map. */
function plainUnion(h: History, p: ProjectionPath, proj: Float64Array, hist: 'reserves' | 'ratio' | 'nl' | null): { x: number[]; h: (number | null)[]; p: (number | null)[] } {
  const pd = p.dates.map((d) => epochDay(d));
  const x = [...new Set([...h.dates, ...pd])].sort((a, b) => a - b);
  const hIdx = new Map(h.dates.map((d, i) => [d, i]));
  const pIdx = new Map(pd.map((d, i) => [d, i]));
  return {
    x,
    h: x.map((d) => (hist === null || !hIdx.has(d) ? null : (h[hist][hIdx.get(d) ?? -1] ?? null))),
    p: x.map((d) => (pIdx.has(d) ? (proj[pIdx.get(d) ?? -1] ?? null) : null)),
  };
}

const anchorAt = (date: string): Anchor => ({ date: date as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: 24_500 });

describe('lab chart specs', () => {
  const h = syntheticHistory();
  for (const [date, years] of [['2026-07-31', 10], ['2026-07-31', 3], ['2024-05-31', 2], ['2024-05-31', 10], ['2026-07-31', 10]] as const) {
    it(`anchor ${date}, ${years} years: every line equals the plain union of history and projection`, () => {
      const p = project(anchorAt(date), { ...DEFAULT_INPUTS, horizonYears: years });
      const specs = labSpecs(h, p, 'test', 10, { floorBp: -15, capBp: 10 });
      const res = specs.find((s) => s.key === 'lab-reserves');
      const ratio = specs.find((s) => s.key === 'lab-ratio');
      const nl = specs.find((s) => s.key === 'lab-nl');
      const r = plainUnion(h, p, p.reserves, 'reserves');
      expect(res?.x).toEqual(r.x);
      expect(res?.series.find((s) => s.id === 'WRESBAL')?.values).toEqual(r.h);
      expect(res?.series.find((s) => s.id === 'R_PROJ')?.values).toEqual(r.p);
      const q = plainUnion(h, p, p.reservesGdpPct, 'ratio');
      expect(ratio?.series.find((s) => s.id === 'RGDP')?.values).toEqual(q.h);
      expect(ratio?.series.find((s) => s.id === 'RGDP_PROJ')?.values).toEqual(q.p);
      const n = plainUnion(h, p, p.netLiquidity, 'nl');
      expect(nl?.series.find((s) => s.id === 'NL')?.values).toEqual(n.h);
      expect(nl?.series.find((s) => s.id === 'NL_PROJ')?.values).toEqual(n.p);
      const anchorDay = epochDay(p.dates[0] ?? ('' as IsoDate));
      const spread = specs.find((s) => s.key === 'lab-spread');
      const sp = plainUnion(h, p, p.spreadBp, null);
      expect(spread?.x).toEqual(sp.x.filter((d) => d >= anchorDay));
      expect(spread?.series.find((s) => s.id === 'S_PROJ')?.values).toEqual(sp.p.filter((_, i) => (sp.x[i] ?? 0) >= anchorDay));
    });
  }

  it('the fan lines, reused across ticks, equal the plain day-by-day lookup', () => {
    const p = project(anchorAt('2026-07-31'), { ...DEFAULT_INPUTS, horizonYears: 5 });
    // Synthetic fan: made-up quantiles on the projection's months.
    const band = (k: number): Float64Array[] => [0, 1, 2, 3, 4].map((q) => Float64Array.from(p.dates, (_, t) => k + q * 10 + t));
    const f: FanResult = { dates: p.dates, paths: 500, seed: 1, thresholdPct: 10, statusAtStart: 'already below', reserves: band(3000), reservesGdpPct: band(9), spreadBp: band(-5), down: { share: 0, p10: null, p50: null, p90: null }, up: { share: 0, p10: null, p50: null, p90: null } } as unknown as FanResult;
    const first = withFan(labSpecs(h, p, 'a', 10, { floorBp: -15, capBp: 10 }), f, 'fan');
    const second = withFan(labSpecs(h, project(anchorAt('2026-07-31'), { ...DEFAULT_INPUTS, horizonYears: 5, onrrpFloorBn: 50 }), 'b', 10, { floorBp: -15, capBp: 10 }), f, 'fan');
    for (const specs of [first, second])
      for (const [key, pick] of [['lab-reserves', f.reserves], ['lab-ratio', f.reservesGdpPct], ['lab-spread', f.spreadBp]] as const) {
        const s = specs.find((x) => x.key === key);
        if (s === undefined) throw new Error(key);
        const byDay = new Map(f.dates.map((d, t) => [epochDay(d), t]));
        ['FAN_P10', 'FAN_P25', 'FAN_P50', 'FAN_P75', 'FAN_P90'].forEach((id, q) => {
          const plain = s.x.map((d) => (byDay.has(d) ? (pick[q]?.[byDay.get(d) ?? -1] ?? null) : null));
          expect(s.series.find((x) => x.id === id)?.values).toEqual(plain);
        });
        expect(s.bands?.length).toBe(2);
      }
  });
});
