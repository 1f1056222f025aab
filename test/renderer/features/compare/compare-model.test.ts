/** Compare's rules (issue 12): differences by metric kind, the arrival selection, milestones after the anchor, one y-scale. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, PRESETS } from '../../../../shared/compute/presets.js';
import { project, type Anchor, type ScenarioInputs } from '../../../../shared/compute/projection.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { signedFixed, valueFor } from '../../../../renderer/format.js';
import { effectiveMode, footerLines, milestoneTable, misnamedNote, modesFor, overlaySpec, resolveSelection, smallSpecs, type Entry } from '../../../../renderer/features/compare/compare-model.js';

// The anchors of test/shared/compute/projection.test.ts: one while QT still ran, one after it ended.
const PAST: Anchor = { date: '2025-06-30' as IsoDate, Tc: 4200, Tb: 195, M: 2150, OA: 300, C: 2350, TGA: 364, RRP: 10, FRRP: 340, R0: 3300, GDP0: 31_000, BA0: Number.NaN };
const LATER: Anchor = { date: '2025-12-31' as IsoDate, Tc: 3995, Tb: 235, M: 2060, OA: 290, C: 2410, TGA: 850, RRP: 10, FRRP: 340, R0: 2900, GDP0: 31_000, BA0: Number.NaN };

const inputsOf = (name: string): ScenarioInputs => ({ ...DEFAULT_INPUTS, ...(PRESETS.find((p) => p.name === name)?.overrides ?? {}) });
const entry = (name: string, anchor: Anchor, inputs = inputsOf(name)): Entry => ({ ref: name, kind: 'preset', name, inputs, anchorDate: anchor.date, dataAsOf: anchor.date, curveLabel: 'illustrative', modelVersion: 1, path: project(anchor, inputs), misnamed: null });

describe('differences by metric kind', () => {
  it('offers % only for money and ratios; a spread is a difference in bp', () => {
    expect(modesFor('reserves')).toEqual(['level', 'delta', 'pct']);
    expect(modesFor('reservesGdpPct')).toEqual(['level', 'delta', 'pct']);
    expect(modesFor('spreadBp')).toEqual(['level', 'delta']);
    expect(effectiveMode('pct', 'spreadBp')).toBe('delta');
  });
  it('labels differences in $bn, pp and bp', () => {
    const es = [entry('Fed RMP', LATER), entry('QE $100bn', LATER)];
    const units = (m: 'reserves' | 'reservesGdpPct' | 'spreadBp') => overlaySpec(es, m, 'delta');
    expect(units('reserves')?.unitLabel).toBe('$bn vs baseline');
    expect(units('reserves')?.series[1]?.unit).toBe('$bn change');
    expect(units('reservesGdpPct')?.unitLabel).toBe('pp vs baseline');
    expect(units('reservesGdpPct')?.title).toContain('percentage points');
    expect(units('spreadBp')?.unitLabel).toBe('bp vs baseline');
    // A stored "%" on a spread is drawn as the difference, never as a percentage of a number near zero.
    expect(overlaySpec(es, 'spreadBp', 'pct')?.unitLabel).toBe('bp vs baseline');
  });
});

describe('the selection on arrival', () => {
  const presets = PRESETS.map((p) => p.name);
  it('shows the presets, the first as baseline, when nothing is saved or chosen', () => {
    expect(resolveSelection(undefined, [], presets)).toEqual({ baseline: 'Fed RMP', shown: presets.slice(0, 5), arrival: true });
  });
  it('shows the saved scenarios when there are some, and keeps a choice that still exists', () => {
    expect(resolveSelection(undefined, [7, 9], presets)).toMatchObject({ baseline: 7, shown: [7, 9], arrival: true });
    expect(resolveSelection({ baseline: 'QE $60bn', picked: [9, 'No action'], mode: 'level', metric: 'reserves' }, [7, 9], presets)).toEqual({ baseline: 'QE $60bn', shown: ['QE $60bn', 'No action', 9], arrival: false });
    // Old state whose scenarios are all gone: the arrival selection again, not an empty page.
    expect(resolveSelection({ baseline: 3, picked: [3, 4], mode: 'level', metric: 'reserves' }, [], presets).arrival).toBe(true);
  });
});

describe('milestones', () => {
  it('lowest reserves and highest spread are taken after the anchor and differ with the RMP path', () => {
    for (const anchor of [PAST, LATER]) {
      const t = milestoneTable([entry('Fed RMP', anchor), entry('QE $100bn', anchor)]);
      for (const key of ['minReserves', 'peakSpread']) {
        const row = t.rows.find((r) => r.key === key);
        // Present only when it tells the two apart.
        if (row) expect(row.cells[0]).not.toBe(row.cells[1]);
        else expect(t.same.map((s) => s.label)).toContain(key === 'minReserves' ? 'Lowest reserves after the anchor' : 'Highest implied EFFR − IORB after the anchor');
      }
      for (const r of t.rows) for (const c of r.cells) expect(c).not.toContain(`(${anchor.date}`);
    }
  });
  it('drops a row that is equal in every scenario shown', () => {
    const same = milestoneTable([entry('QE $60bn', LATER), entry('QE $60bn', LATER)]);
    expect(same.rows).toEqual([]);
    expect(same.same.length).toBe(5);
  });
  it('private bill absorption per year: issuance − Fed purchases, with where the issuance comes from (issue 14 §5)', () => {
    const t = milestoneTable([entry('Goldman baseline', LATER), entry('Fed RMP', LATER)]);
    const row = t.rows.find((r) => r.key === 'privateBills');
    // The Goldman preset carries the articles' 2026 issuance: 870 − (20 + 20)·12 = 390 (TV-A3).
    expect(row?.cells[0]).toMatch(/^2026: \$390bn \(issuance \$870bn assumed\); 2027: — \(no net issuance assumption/);
    // No store here, so no default from history: said, not shown as a number.
    expect(row?.cells[1]).toMatch(/^2026: — \(no net issuance assumption and no 12 months of MSPD history to default from\)/);
  });
});

describe('small multiples', () => {
  it('share one y-scale by default (every panel holds every value), or each its own', () => {
    const es = [entry('Fed RMP', LATER), entry('No action', LATER), entry('QE $100bn', LATER)];
    const shared = smallSpecs(es, 'reserves', 'shared');
    const values = (s: (typeof shared)[number]) => s.series.flatMap((x) => x.values.filter((v): v is number => v !== null));
    const ranges = shared.map((s) => [Math.min(...values(s)), Math.max(...values(s))]);
    expect(new Set(ranges.map((r) => r.join())).size).toBe(1);
    // The others are band edges: out of the legend and readout, named in the CSV.
    expect(shared[0]?.series.filter((x) => x.style === 'band-edge').map((x) => x.label)).toEqual(['No action (grey, for scale)', 'QE $100bn (grey, for scale)']);
    const own = smallSpecs(es, 'reserves', 'own');
    expect(own.every((s) => s.series.length === 1)).toBe(true);
  });
});

describe('names that hide their inputs', () => {
  it('flags an old default name (“Fed RMP 22:03:42”) on a $100bn path, not a preset saved as it is', () => {
    const fed = inputsOf('Fed RMP');
    expect(misnamedNote('Fed RMP 22:03:42', { ...fed, rmpSchedule: [{ from: '2026-09', perMonthBn: 100 }] })).toBe('not the Fed RMP preset: RMP $100bn/mo from 2026-09');
    expect(misnamedNote('Fed RMP 22:03:42', fed)).toBeNull();
    expect(misnamedNote('My own path', { ...fed, rmpSchedule: [] })).toBeNull();
  });
});

describe('footers', () => {
  it('say what sets each scenario apart, then what all share, with the anchor and data', () => {
    const lines = footerLines([entry('Fed RMP', LATER), entry('QE $100bn', LATER)]);
    expect(lines[0]).toBe('Fed RMP: RMP $40bn/mo from 2025-12 then $20bn from 2026-05');
    expect(lines[1]).toBe('QE $100bn: RMP $100bn/mo from 2026-01');
    expect(lines[2]).toMatch(/^Common to all: MBS paydown 8\.65%\/yr; .*anchor 2025-12-31; data as of 2025-12-31; curve illustrative; model v1$/);
    expect(footerLines([entry('No action', LATER)])[0]).toMatch(/^No action: no RMP; .*anchor 2025-12-31/);
  });
  it('differences read signed, in their own unit', () => {
    expect(valueFor('pp', 0.4249)).toBe('+0.42 pp');
    expect(valueFor('pp', -0.001)).toBe('0.00 pp');
    expect(valueFor('$bn change', -12.3)).toBe('−$12bn');
    expect(valueFor('% change', 1.234)).toBe('+1.23%');
    expect(signedFixed(-1.306, 2, '%')).toBe('−1.31%');
  });
});
