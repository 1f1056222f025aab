/**
 * The zod declaration (scenario-schema.ts) against the hand-written parser it replaced
 * (scenario-overrides-oracle.ts): 20,000 generated input objects (synthetic, labelled), mostly near the
 * edges of each rule, must give the same result — the same accepted object in the same key order, or
 * the same message, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS } from '../../../shared/compute/presets.js';
import type { Json } from '../../../shared/parse/json.js';
import { parseScenarioOverrides } from '../../../shared/model/scenario.js';
import { NUMBERS } from '../../../shared/model/scenario-schema.js';
import { legacyParseScenarioOverrides } from './scenario-overrides-oracle.js';

const edgeNumber = (lo: number, hi: number): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.double({ min: lo, max: hi, noNaN: true }),
    fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
    fc.constantFrom(lo, hi, lo - 1, hi + 1, lo - 0.5, hi + 0.5, 2.5, 1e300, -1e300, 2 ** 53, 0),
    fc.constantFrom<Json>('5', null, true, [], {}, [1]),
  );
const badOrAny: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(null, 'x', 7, [], {}, true), fc.jsonValue() as fc.Arbitrary<Json>);
const month = fc.oneof(
  fc.tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.constantFrom<Json>('2026-1', 5, null, '2026-01-01'),
);
const step: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ from: month, perMonthBn: edgeNumber(0, 1000) }) },
  { weight: 1, arbitrary: fc.record({ from: month, perMonthBn: edgeNumber(0, 1000), extra: badOrAny }) },
  { weight: 1, arbitrary: fc.record({ perMonthBn: edgeNumber(0, 1000) }) },
  { weight: 1, arbitrary: badOrAny },
);
const sortedSteps = fc.uniqueArray(fc.tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`), { maxLength: 5 }).map((ms) => ms.sort().map((from) => ({ from, perMonthBn: 10 })));
const year = fc.oneof(fc.integer({ min: 2020, max: 2035 }).map(String), fc.constantFrom('next year', '20250', '__proto__', 'constructor'));

const FIELD: Record<string, fc.Arbitrary<Json>> = {
  ...Object.fromEntries(Object.entries(NUMBERS).map(([k, [lo, hi]]) => [k, edgeNumber(lo, hi)])),
  anchorWednesday: fc.oneof(fc.constantFrom<Json>('2026-07-29', '2026-07-30', '2026-02-30', '2026-7-29', 20260729, null), badOrAny),
  qtEndDate: fc.oneof(fc.constantFrom<Json>('2025-12-01', '2025-02-29', '2024-02-29', '2025-13-01', 'soon'), badOrAny),
  mbsPaydownMode: fc.constantFrom<Json>('fixed', 'proportional', 'Fixed', null, 1),
  tgaMode: fc.constantFrom<Json>('hold', 'target', 'path', 'drain', null),
  srfMode: fc.constantFrom<Json>('exogenous', 'ceiling', 'none', []),
  tgaPathBn: fc.oneof(fc.array(edgeNumber(0, 3000), { maxLength: 6 }), fc.array(fc.constant(1), { minLength: 119, maxLength: 122 }), badOrAny),
  rmpSchedule: fc.oneof(sortedSteps, fc.array(step, { maxLength: 6 }), fc.array(fc.constant({ from: '2026-01', perMonthBn: 1 }), { minLength: 241, maxLength: 242 }), badOrAny),
  netBillIssuanceBn: fc.oneof(fc.dictionary(year, edgeNumber(-5000, 10000), { maxKeys: 4 }), badOrAny),
  curve: fc.oneof(
    fc.record({ alpha: edgeNumber(-500, 500), beta: edgeNumber(0, 500), gamma: edgeNumber(0.001, 10), xRef: edgeNumber(0, 100), basis: fc.constantFrom<Json>('gdp', 'bank_assets', 'gnp', null) }, { requiredKeys: ['alpha', 'basis'] }),
    badOrAny,
  ),
  corridor: fc.oneof(fc.record({ floorBp: edgeNumber(-500, 500), capBp: edgeNumber(-500, 500), capAllowanceBp: edgeNumber(0, 500), note: badOrAny }, { requiredKeys: ['capBp'] }), badOrAny),
  regimeThetas: fc.oneof(fc.tuple(edgeNumber(0, 100), edgeNumber(0, 100)), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 3 }), badOrAny),
};
const KEYS = [...Object.keys(FIELD), '__proto__', 'constructor', 'toString', 'launchMissiles'];
const fieldOf = (k: string): fc.Arbitrary<Json> => (Object.prototype.hasOwnProperty.call(FIELD, k) ? (FIELD[k] ?? badOrAny) : badOrAny);
const entry = fc.constantFrom(...KEYS).chain((k) => fieldOf(k).map((v) => [k, v] as const));
const inputs: fc.Arbitrary<Json> = fc.array(entry, { maxLength: 6 }).map((es) => {
  // Own properties in generated order, `__proto__` included (as JSON.parse makes them).
  const o: Record<string, Json> = {};
  for (const [k, v] of es) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
  return o;
});

const same = (body: Json): void => {
  const now = parseScenarioOverrides(body);
  const before = legacyParseScenarioOverrides(body);
  expect(JSON.stringify(now)).toBe(JSON.stringify(before));
  expect(now).toEqual(before);
};

describe('the zod scenario declaration matches the hand-written parser', () => {
  it('20,000 generated input objects: same value (same key order) or same message', () => {
    let refused = 0;
    fc.assert(
      fc.property(inputs, (body) => {
        same(body);
        if (!legacyParseScenarioOverrides(body).ok) refused++;
      }),
      { numRuns: 20_000, seed: 20260715 },
    );
    // Both kinds are exercised: a generator that only ever produced one outcome would prove little.
    expect(refused).toBeGreaterThan(5000);
    expect(refused).toBeLessThan(19_000);
  });

  it('the full default inputs, and each default field broken one at a time', () => {
    same(DEFAULT_INPUTS as unknown as Json);
    // In memory (validateScenario) a key can be present and undefined: refused, as before, even the optional anchorWednesday.
    for (const k of ['anchorWednesday', 'horizonYears', 'curve']) same({ ...DEFAULT_INPUTS, [k]: undefined } as unknown as Json);
    expect(parseScenarioOverrides({ anchorWednesday: undefined } as unknown as Json)).toEqual({ ok: false, error: 'inputs.anchorWednesday must be an H.4.1 Wednesday (YYYY-MM-DD)' });
    for (const k of Object.keys(DEFAULT_INPUTS)) for (const bad of [null, 'x', -1e9, 1e9, 2.5, [], {}] as Json[]) same({ ...(DEFAULT_INPUTS as unknown as Record<string, Json>), [k]: bad });
  });

  it.each<[string, Json, string]>([
    ['a fractional count', { horizonYears: 2.5 }, 'inputs.horizonYears = 2.5 must be a whole number'],
    ['a count past 2^53', { tgaGlideMonths: 1e300 }, 'inputs.tgaGlideMonths = 1e+300 is outside [1, 120]'],
    ['a step that is not an object', { rmpSchedule: [{ from: '2026-01', perMonthBn: 1 }, 3] }, 'inputs.rmpSchedule[1].from must be a month (YYYY-MM)'],
    ['order broken before a bad step', { rmpSchedule: [{ from: '2026-02', perMonthBn: 1 }, { from: '2026-01', perMonthBn: 1 }, { from: 'x', perMonthBn: 1 }] }, 'inputs.rmpSchedule must be in increasing month order'],
    ['a bad step before the order breaks', { rmpSchedule: [{ from: '2026-02', perMonthBn: -1 }, { from: '2026-01', perMonthBn: 1 }] }, 'inputs.rmpSchedule[0].perMonthBn = -1 is outside [0, 1000]'],
    ['an issuance year key', { netBillIssuanceBn: { 2026: 5, soon: 1 } }, 'inputs.netBillIssuanceBn keys must be years'],
    ['an issuance value', { netBillIssuanceBn: { 2026: 1e5 } }, 'inputs.netBillIssuanceBn.2026 = 100000 is outside [-5000, 10000]'],
    ['the first fault in file order', { tgaMode: 'drain', horizonYears: 11 }, 'inputs.tgaMode must be "hold", "target" or "path"'],
    ['curve fields before the basis', { curve: { basis: 'gnp', gamma: 0 } }, 'inputs.curve.alpha must be a finite number'],
    ['a Thursday', { anchorWednesday: '2026-07-30' }, 'inputs.anchorWednesday must be an H.4.1 Wednesday (YYYY-MM-DD)'],
  ])('%s', (_n, body, message) => {
    expect(parseScenarioOverrides(body)).toEqual({ ok: false, error: message });
    expect(legacyParseScenarioOverrides(body)).toEqual({ ok: false, error: message });
  });
});
