/**
 * Issue 10 §5: no NaN or Infinity anywhere in a projection. 20,000 generated scenarios (synthetic,
 * labelled as such): a preset as the base, every input drawn over its full accepted range (fast-check
 * favours the ends of each range), on anchors from the snapshot-like level to the largest accepted
 * figures, with and without bank assets. Only scenarios that `validateScenario` accepts count toward
 * the 20,000; a second property feeds the engine the combinations validation refuses (a ceiling at or
 * below α) and checks its own guard.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, PRESETS } from '../../../shared/compute/presets.js';
import { project, type Anchor, type ProjectionPath, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { checkProjection, parseScenarioOverrides, validateScenario, type ScenarioOverrides } from '../../../shared/model/scenario.js';
import type { Json } from '../../../shared/parse/json.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

const dbl = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const sorted = (min: number, max: number): fc.Arbitrary<[number, number]> => fc.tuple(dbl(min, max), dbl(min, max)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
const month = fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }));
const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = fc.tuple(month, fc.integer({ min: 1, max: 28 })).map(([[y, m], d]) => `${y}-${pad(m)}-${pad(d)}` as IsoDate);

const SNAPSHOT_LIKE: Anchor = { date: '2026-07-31' as IsoDate, Tc: 3_980, Tb: 520, M: 2_000, OA: 300, C: 2_450, TGA: 800, RRP: 5, FRRP: 340, R0: 2_930, GDP0: 31_500, BA0: 25_000 };
const stock = fc.oneof(dbl(0, 10_000), dbl(0, 1e7));
const denominator = fc.oneof(dbl(1, 100_000), dbl(1, 1e7));
const anchorArb: fc.Arbitrary<Anchor> = fc.oneof(
  fc.constant(SNAPSHOT_LIKE),
  fc.constant({ ...SNAPSHOT_LIKE, BA0: Number.NaN }),
  fc.record({
    date: fc.tuple(fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}-28` as IsoDate),
    Tc: stock,
    Tb: stock,
    M: stock,
    OA: stock,
    C: stock,
    TGA: stock,
    RRP: stock,
    FRRP: stock,
    R0: stock,
    GDP0: denominator,
    BA0: fc.oneof(fc.constant(Number.NaN), denominator),
  }),
);

/** Every input, each over the range scenario.ts accepts. */
const overridesArb = (srfMode: fc.Arbitrary<'exogenous' | 'ceiling'>): fc.Arbitrary<ScenarioOverrides> =>
  fc
    .record({
      horizonYears: fc.integer({ min: 1, max: 10 }),
      qtEndDate: isoDate,
      capTsyBn: dbl(0, 500),
      capMbsBn: dbl(0, 500),
      mbsPaydownMode: fc.constantFrom('fixed' as const, 'proportional' as const),
      mbsPaydownFixedBn: dbl(0, 500),
      mbsPaydownRatePctYr: dbl(0, 100),
      mbsReinvestShare: dbl(0, 1),
      rmpSchedule: fc.uniqueArray(month.map(([y, m]) => `${y}-${pad(m)}`), { maxLength: 8 }).chain((ms) => fc.tuple(...ms.sort().map((from) => dbl(0, 1000).map((perMonthBn) => ({ from, perMonthBn }))))),
      tgaMode: fc.constantFrom('hold' as const, 'target' as const, 'path' as const),
      tgaTargetBn: dbl(0, 3000),
      tgaGlideMonths: fc.integer({ min: 1, max: 120 }),
      tgaPathBn: fc.array(dbl(0, 3000), { maxLength: 120 }),
      tgaAprilBumpBn: dbl(-1000, 1000),
      onrrpFloorBn: dbl(0, 3000),
      onrrpDecay: dbl(0, 1),
      currencyGrowthPctYr: dbl(-50, 50),
      ngdpGrowthPctYr: dbl(-50, 50),
      bankAssetsGrowthPctYr: dbl(-50, 50),
      srfMode,
      srfUsageBn: dbl(0, 3000),
      onlDriftBn: dbl(-1000, 1000),
      netBillIssuanceBn: fc.dictionary(fc.integer({ min: 1990, max: 2100 }).map(String), dbl(-5000, 10000), { maxKeys: 4 }),
      alphaCap: sorted(-500, 500),
      curve: fc.record({ beta: dbl(0, 500), gamma: dbl(0.001, 10), xRef: dbl(0, 100), basis: fc.constantFrom('gdp' as const, 'bank_assets' as const) }),
      floorCap: fc.tuple(dbl(-500, 500), dbl(0, 500)),
      iorbPct: dbl(-1, 25),
      ampleThresholdGdpPct: dbl(0, 100),
      ampleThresholdBaPct: dbl(0, 100),
      regimeThetas: sorted(0, 100),
    })
    .map(({ alphaCap: [alpha, capBp], curve, floorCap: [floor, capAllowanceBp], ...rest }) => ({
      ...rest,
      // α below the cap, the floor at or below the ceiling: the orderings validation requires.
      curve: { alpha: alpha === capBp ? Math.max(-500, alpha - 1) : alpha, ...curve },
      corridor: { floorBp: Math.min(floor, capBp + capAllowanceBp), capBp, capAllowanceBp },
    }));

/** Some inputs, not all: the rest come from the preset. */
const partial = (o: ScenarioOverrides, keep: readonly boolean[]): ScenarioOverrides => Object.fromEntries(Object.entries(o).filter((_, i) => keep[i % keep.length] !== false)) as ScenarioOverrides;

const ARRAYS = ['soma', 'tb', 'tc', 'm', 'assets', 'reserves', 'reservesGdpPct', 'reservesBaPct', 'currency', 'tga', 'rrp', 'netLiquidity', 'srf', 'spreadBp', 'slopeBpPerPp', 'effrImpliedPct', 'billsShare', 'gdp', 'qtFraction'] as const;

/** The first non-finite output, or null. R/BA is NaN by contract when the anchor has no bank assets, and then must be NaN throughout. */
function firstNonFinite(p: ProjectionPath, baKnown: boolean): string | null {
  for (const k of ARRAYS) {
    const a = p[k];
    if (a.length !== p.dates.length) return `${k}: ${a.length} values for ${p.dates.length} months`;
    for (let t = 0; t < a.length; t++) {
      const v = a[t] ?? Number.NaN;
      if (k === 'reservesBaPct' && !baKnown ? !Number.isNaN(v) : !Number.isFinite(v)) return `${k}[${t}] = ${v}`;
    }
  }
  if (!p.regime.every((r) => r === 'abundant' || r === 'ample' || r === 'scarce')) return 'regime';
  if (!Number.isFinite(p.plugOnl)) return 'plugOnl';
  for (const y of p.billPurchasesByYear) if (!Number.isFinite(y.fedBn) || (y.privateBn !== null && !Number.isFinite(y.privateBn))) return `bill purchases ${y.year}`;
  return null;
}

describe('projection fuzz (synthetic scenarios)', () => {
  it('20,000 valid extreme scenarios: every output finite', () => {
    let negativeReserves = 0;
    let ceiling = 0;
    let baBasis = 0;
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS), anchorArb, overridesArb(fc.constantFrom('exogenous' as const, 'ceiling' as const)), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (preset, anchor, all, keep) => {
        const o = partial(all, keep);
        // Every generated override passes the file's field rules, so it could come from an imported file.
        const f = parseScenarioOverrides(JSON.parse(JSON.stringify(o)) as Json);
        if (!f.ok) expect(f.error).toBe('');
        const inputs: ScenarioInputs = { ...DEFAULT_INPUTS, ...preset.overrides, ...o };
        const v = validateScenario(anchor, inputs);
        // Only the combinations that depend on the anchor are left to refuse (no bank assets, a TGA the bump takes below zero).
        fc.pre(v.ok);
        const p = project(anchor, inputs);
        // expect() only on failure: 20,000 matcher calls would be most of the run time.
        const bad = firstNonFinite(p, !Number.isNaN(anchor.BA0));
        if (bad !== null) expect(bad).toBeNull();
        if (!checkProjection(p).ok) negativeReserves++;
        if (inputs.srfMode === 'ceiling') ceiling++;
        if (inputs.curve.basis === 'bank_assets') baBasis++;
      }),
      { numRuns: 20_000, seed: 20261010 },
    );
    console.log(`projection fuzz: 20000 valid scenarios, all outputs finite; ${ceiling} with the SRF at the ceiling, ${baBasis} on the bank-assets basis, ${negativeReserves} refused afterwards for negative reserves`);
  });

  it('2,000 ceilings at or below α (refused by validation): the engine still lends nothing rather than NaN', () => {
    fc.assert(
      fc.property(anchorArb, overridesArb(fc.constant('ceiling' as const)), fc.double({ min: 0, max: 500, noNaN: true }), (anchor, o, above) => {
        const corridor = o.corridor ?? DEFAULT_INPUTS.corridor;
        const curve = { ...(o.curve ?? DEFAULT_INPUTS.curve), alpha: Math.min(500, corridor.capBp + above), basis: 'gdp' as const };
        const inputs: ScenarioInputs = { ...DEFAULT_INPUTS, ...o, curve };
        expect(validateScenario(anchor, inputs)).toMatchObject({ ok: false, error: expect.stringMatching(/^inputs.srfMode "ceiling" needs the ceiling above/) });
        const p = project(anchor, inputs);
        expect(firstNonFinite(p, !Number.isNaN(anchor.BA0))).toBeNull();
        expect(p.srf.every((s) => s === 0)).toBe(true);
      }),
      { numRuns: 2_000, seed: 20261011 },
    );
  });
});
