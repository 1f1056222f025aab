/**
 * Issue 10 §5 "a projection never prints NaN": what cannot be computed is refused with a message that
 * names the field and says why, before the engine runs (validateScenario) or after it (reserves below
 * zero, checkProjection).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, PRESETS } from '../../../shared/compute/presets.js';
import { project, ProjectionInputError, type Anchor, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { parseScenarioFile, parseScenarioOverrides, projectScenario, serializeScenarioFile, validateScenario } from '../../../shared/model/scenario.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

/** Close to the snapshot's anchor (2026-07-31), with bank assets known. */
const ANCHOR: Anchor = { date: '2026-07-31' as IsoDate, Tc: 3_980, Tb: 520, M: 2_000, OA: 300, C: 2_450, TGA: 800, RRP: 5, FRRP: 340, R0: 2_930, GDP0: 31_500, BA0: 25_000 };
const NO_BA: Anchor = { ...ANCHOR, BA0: Number.NaN };

const refused = (a: Anchor, i: ScenarioInputs): string => {
  const r = validateScenario(a, i);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};

describe('validateScenario accepts what the app offers', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('preset %s on the defaults', (_, p) => {
    const inputs: ScenarioInputs = { ...DEFAULT_INPUTS, ...p.overrides };
    expect(validateScenario(ANCHOR, inputs).ok).toBe(true);
    expect(validateScenario(NO_BA, inputs).ok).toBe(true);
    const run = projectScenario(ANCHOR, { ...inputs, horizonYears: 10 });
    expect(run.ok).toBe(true);
  });
});

describe('refused: the SRF ceiling at or below α', () => {
  it.each([-8, -7])('capBp %d with α = −7 (cap below and equal)', (capBp) => {
    const i: ScenarioInputs = { ...DEFAULT_INPUTS, srfMode: 'ceiling', corridor: { floorBp: -15, capBp, capAllowanceBp: 0 } };
    expect(refused(ANCHOR, i)).toMatch(new RegExp(`^inputs.srfMode "ceiling" needs the ceiling above the curve's abundant spread, but inputs.corridor.capBp = ${capBp} bp is at or below inputs.curve.alpha = -7 bp: the curve never comes down to the ceiling`));
    // The engine, given it anyway, lends nothing rather than printing NaN.
    const p = project(ANCHOR, i);
    expect(p.reserves.every(Number.isFinite)).toBe(true);
    expect(p.srf.every((v) => v === 0)).toBe(true);
  });

  it('a ceiling above α is accepted and holds the spread at the cap', () => {
    const r = projectScenario({ ...ANCHOR, R0: 1_200, Tb: 0 }, { ...DEFAULT_INPUTS, srfMode: 'ceiling', rmpSchedule: [] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.spreadBp[1]).toBeCloseTo(10, 9);
  });
});

describe('refused: a bank-assets curve with no bank assets', () => {
  const i: ScenarioInputs = { ...DEFAULT_INPUTS, curve: { ...DEFAULT_INPUTS.curve, basis: 'bank_assets', xRef: 12.5 } };
  it('names the field and the series', () => {
    expect(refused(NO_BA, i)).toMatch(/^inputs.curve.basis "bank_assets" needs bank assets \(TLAACBW027SBOG\) at the anchor 2026-07-31, and the store has none/);
    expect(validateScenario(ANCHOR, i).ok).toBe(true);
  });
  it('the engine throws instead of returning NaN', () => {
    expect(() => project(NO_BA, i)).toThrow(ProjectionInputError);
  });
});

describe('refused: a negative TGA', () => {
  it('a path plus the April bump', () => {
    const i: ScenarioInputs = { ...DEFAULT_INPUTS, tgaMode: 'path', tgaPathBn: [700, 600, 500, 400, 300, 200, 100], tgaAprilBumpBn: -150 };
    // Month 9 after 2026-07 is 2027-04; the path's last value (100) holds from month 7.
    expect(refused(ANCHOR, i)).toBe(
      'the TGA would be -50 $bn in 2027-04 (inputs.tgaPathBn[6] = 100 plus inputs.tgaAprilBumpBn = -150): a balance cannot be negative; raise the TGA or make the April bump smaller',
    );
    expect(validateScenario(ANCHOR, { ...i, tgaAprilBumpBn: -100 }).ok).toBe(true);
  });
  it('the anchor level held, plus the bump', () => {
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, tgaAprilBumpBn: -801 })).toMatch(/^the TGA would be -1 \$bn in 2027-04 \(the anchor's TGA 800 \$bn plus inputs.tgaAprilBumpBn = -801\)/);
  });
  it('a glide to a target, plus the bump', () => {
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, tgaMode: 'target', tgaTargetBn: 0, tgaGlideMonths: 12, tgaAprilBumpBn: -300 })).toMatch(/^the TGA would be -100 \$bn in 2027-04 \(the glide to inputs.tgaTargetBn = 0 plus/);
  });
  it('a negative path value or target is refused as a field', () => {
    expect(parseScenarioOverrides({ tgaPathBn: [100, -1] })).toEqual({ ok: false, error: 'inputs.tgaPathBn[1] = -1 is outside [0, 3000]' });
    expect(parseScenarioOverrides({ tgaTargetBn: -5 })).toEqual({ ok: false, error: 'inputs.tgaTargetBn = -5 is outside [0, 3000]' });
  });
});

describe('refused: fractional counts', () => {
  it.each([
    ['horizonYears', 2.5],
    ['tgaGlideMonths', 2.5],
  ] as const)('%s = %d', (key, v) => {
    expect(parseScenarioOverrides({ [key]: v })).toEqual({ ok: false, error: `inputs.${key} = ${v} must be a whole number` });
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, [key]: v })).toBe(`inputs.${key} = ${v} must be a whole number`);
    const f = parseScenarioFile(serializeScenarioFile('x', { [key]: v }));
    expect(f).toEqual({ ok: false, error: `inputs.${key} = ${v} must be a whole number; nothing was imported` });
  });
  it('whole numbers are still accepted', () => {
    expect(parseScenarioOverrides({ horizonYears: 3, tgaGlideMonths: 6 })).toEqual({ ok: true, value: { horizonYears: 3, tgaGlideMonths: 6 } });
  });
});

describe('refused: negative balances at the anchor and in the run', () => {
  it.each([
    ['TGA', /^the anchor's TGA \(WDTGAL\) = -1 \$bn is negative: a balance cannot be negative$/],
    ['R0', /^the anchor's reserves \(WRBWFRBL\) = -1 \$bn is negative/],
    ['C', /^the anchor's currency \(WCURCIR\) = -1 \$bn is negative/],
    ['RRP', /^the anchor's ON RRP \(WLRRAOL\) = -1 \$bn is negative/],
    ['Tb', /^the anchor's Treasury bills \(WSHOBL\) = -1 \$bn is negative/],
  ] as const)('anchor %s = −1', (k, msg) => {
    expect(refused({ ...ANCHOR, [k]: -1 }, DEFAULT_INPUTS)).toMatch(msg);
  });
  it('a non-finite or zero denominator', () => {
    expect(refused({ ...ANCHOR, GDP0: 0 }, DEFAULT_INPUTS)).toMatch(/^the anchor's GDP = 0 \$bn must be from 1/);
    expect(refused({ ...ANCHOR, BA0: 0 }, DEFAULT_INPUTS)).toMatch(/^the anchor's bank assets = 0 \$bn must be from 1/);
    expect(refused({ ...ANCHOR, Tc: Number.NaN }, DEFAULT_INPUTS)).toMatch(/^the anchor's Treasury coupons \(TREAST − WSHOBL\) is not a number/);
  });
  it('reserves driven below zero', () => {
    const r = projectScenario(ANCHOR, { ...DEFAULT_INPUTS, horizonYears: 10, rmpSchedule: [], tgaMode: 'target', tgaTargetBn: 3000, currencyGrowthPctYr: 20 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^reserves would be -\d[\d.]* \$bn in \d{4}-\d\d: the scenario drains more than the balance sheet supplies, and a balance cannot be negative/);
  });
  it('Treasury runoff stops when the coupons are gone (the stock never goes negative)', () => {
    const p = project({ ...ANCHOR, Tc: 100 }, { ...DEFAULT_INPUTS, qtEndDate: '2040-01-01' as IsoDate, capTsyBn: 60, horizonYears: 1 });
    expect(Math.min(...p.tc)).toBe(0);
    expect(p.billsShare.every(Number.isFinite)).toBe(true);
  });
});

describe('refused: contradictory settings', () => {
  it('a corridor whose floor is above its ceiling', () => {
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, corridor: { floorBp: 20, capBp: 10, capAllowanceBp: 5 } })).toBe('inputs.corridor.floorBp = 20 bp is above the ceiling capBp + capAllowanceBp = 15 bp: the corridor is empty');
  });
  it('regime thresholds that decrease', () => {
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, regimeThetas: [3, 2] })).toMatch(/^inputs.regimeThetas \[3, 2\] must not decrease/);
  });
  it('an out-of-range curve from the store is refused like a file', () => {
    expect(refused(ANCHOR, { ...DEFAULT_INPUTS, curve: { ...DEFAULT_INPUTS.curve, gamma: 0 } })).toBe('inputs.curve.gamma = 0 is outside [0.001, 10]');
  });
});
