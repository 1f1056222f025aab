/**
 * Scenario files under attack (issue 5): 10,000 generated imports (synthetic, labelled) and a corpus of
 * hostile files. No uncaught exception, Object.prototype untouched, nothing non-finite accepted,
 * export → import identical for every valid scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES, parseScenarioFile, serializeScenarioFile, type ScenarioOverrides } from '../../../shared/model/scenario.js';

const protoKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const PROTO_BEFORE = protoKeys();

function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (typeof v === 'object' && v !== null) return Object.values(v).every(allFinite);
  return true;
}

/** JSON has no −0: generated doubles use +0 instead. */
const dbl = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const month = fc.tuple(fc.integer({ min: 2020, max: 2035 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const validOverrides: fc.Arbitrary<ScenarioOverrides> = fc.record(
  {
    horizonYears: fc.integer({ min: 1, max: 10 }),
    capTsyBn: dbl(0, 500),
    mbsReinvestShare: dbl(0, 1),
    mbsPaydownMode: fc.constantFrom('fixed' as const, 'proportional' as const),
    tgaMode: fc.constantFrom('hold' as const, 'target' as const, 'path' as const),
    tgaPathBn: fc.array(dbl(0, 3000), { maxLength: 24 }),
    rmpSchedule: fc.uniqueArray(month, { maxLength: 6 }).map((ms) => ms.sort().map((from, i) => ({ from, perMonthBn: (i * 17) % 150 }))),
    srfMode: fc.constantFrom('exogenous' as const, 'ceiling' as const),
    ngdpGrowthPctYr: dbl(-50, 50),
    curve: fc.record({ alpha: dbl(-500, 500), beta: dbl(0, 500), gamma: dbl(0.001, 10), xRef: fc.constant(10), basis: fc.constantFrom('gdp' as const, 'bank_assets' as const) }),
    netBillIssuanceBn: fc.dictionary(fc.integer({ min: 2025, max: 2035 }).map(String), dbl(-5000, 10000)),
  },
  { requiredKeys: [] },
);

const KEYS = ['horizonYears', 'capTsyBn', 'tgaMode', 'rmpSchedule', 'curve', '__proto__', 'constructor', 'prototype', 'netBillIssuanceBn', 'tgaPathBn', 'x'];
const hostileValue = fc.oneof(fc.jsonValue(), fc.constantFrom('1e999', '-1e999', 'NaN', 'Infinity', 'null', '[]', '{}'));
const hostileInputs = fc.dictionary(fc.constantFrom(...KEYS), hostileValue, { maxKeys: 6 });

describe('generated scenario imports', () => {
  it('10,000 files: valid ones round-trip exactly, the rest are refused with a message, nothing throws', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(validOverrides.map((o) => ({ kind: 'valid' as const, o })), hostileInputs.map((o) => ({ kind: 'hostile' as const, o }))), fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== "" && ![...s].some((ch) => ch.charCodeAt(0) < 32)), (x, name) => {
        const text = x.kind === 'valid' ? serializeScenarioFile(name, x.o) : JSON.stringify({ format: 'reservoir-scenario', version: 1, name, inputs: x.o }).replace(/"(1e999|-1e999)"/g, '$1');
        const r = parseScenarioFile(text);
        if (r.ok) {
          accepted++;
          expect(allFinite(r.value.overrides)).toBe(true);
          if (x.kind === 'valid') expect(r.value.overrides).toEqual(x.o);
          expect(serializeScenarioFile(r.value.name, r.value.overrides)).toBe(serializeScenarioFile(name.trim(), r.value.overrides));
        } else {
          refused++;
          expect(r.error).toMatch(/nothing was imported/);
          expect(x.kind).toBe('hostile');
        }
      }),
      { numRuns: 10_000, seed: 20261121 },
    );
    console.log(`scenario imports: 10000 generated, ${accepted} accepted (all finite, round-trip identical), ${refused} refused`);
    expect(protoKeys()).toEqual(PROTO_BEFORE);
  });
});

const big = '{"format":"reservoir-scenario","version":1,"name":"big","inputs":{"tgaPathBn":[' + '1,'.repeat(600_000) + '1]}}';
const deep = `{"format":"reservoir-scenario","version":1,"name":"deep","inputs":{"curve":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
const wrap = (inputs: string, extra = ''): string => `{"format":"reservoir-scenario","version":1,"name":"h"${extra},"inputs":${inputs}}`;

export const HOSTILE: readonly [string, string, RegExp][] = [
  ['huge (over 1 MB)', big, /over 1000000 bytes/],
  ['deeply nested', deep, /inputs.curve.alpha must be a finite number|must be an object/],
  ['__proto__ key', wrap('{"__proto__": {"polluted": 1}}'), /__proto__ is not a scenario input/],
  ['constructor key', wrap('{"constructor": {"prototype": {"polluted": 1}}}'), /constructor is not a scenario input/],
  ['prototype key', wrap('{"prototype": 1}'), /prototype is not a scenario input/],
  ['__proto__ at top level', '{"__proto__": {"format": "reservoir-scenario"}, "version": 1, "name": "x", "inputs": {}}', /"format" must be/],
  ['1e999', wrap('{"capTsyBn": 1e999}'), /finite number/],
  ['-1e999', wrap('{"ngdpGrowthPctYr": -1e999}'), /finite number/],
  ['NaN as a string', wrap('{"capTsyBn": "NaN"}'), /finite number/],
  ['Infinity as a string', wrap('{"capTsyBn": "Infinity"}'), /finite number/],
  ['NaN bare (not JSON)', wrap('{"capTsyBn": NaN}'), /does not parse/],
  ['out of range', wrap('{"horizonYears": 11}'), /outside \[1, 10\]/],
  ['negative cap', wrap('{"capMbsBn": -5}'), /outside/],
  ['wrong type: string number', wrap('{"horizonYears": "5"}'), /finite number/],
  ['wrong type: array for object', wrap('{"curve": []}'), /must be an object/],
  ['wrong type: inputs is an array', wrap('[]'), /must be a JSON object/],
  ['inputs null', wrap('null'), /must be a JSON object/],
  ['wrong version', '{"format":"reservoir-scenario","version":2,"name":"x","inputs":{}}', /version 2 is not supported/],
  ['version as string', '{"format":"reservoir-scenario","version":"1","name":"x","inputs":{}}', /version "1" is not supported/],
  ['missing version', '{"format":"reservoir-scenario","name":"x","inputs":{}}', /version null is not supported/],
  ['wrong format', '{"format":"something-else","version":1,"name":"x","inputs":{}}', /"format" must be/],
  ['not JSON', 'this is not json', /does not parse/],
  ['truncated JSON', wrap('{"capTsyBn": 5').slice(0, -2), /does not parse/],
  ['empty file', '', /does not parse/],
  ['a JSON array', '[1,2,3]', /"format" must be/],
  ['name empty', '{"format":"reservoir-scenario","version":1,"name":"   ","inputs":{}}', /name must be 1 to 80/],
  ['name too long', `{"format":"reservoir-scenario","version":1,"name":"${'x'.repeat(81)}","inputs":{}}`, /name must be 1 to 80/],
  ['name with control characters', '{"format":"reservoir-scenario","version":1,"name":"a\\u0000b","inputs":{}}', /control characters/],
  ['unknown input', wrap('{"launchMissiles": true}'), /not a scenario input/],
  ['bad enum', wrap('{"tgaMode": "drain"}'), /"hold", "target" or "path"/],
  ['bad month in schedule', wrap('{"rmpSchedule": [{"from": "2026-00", "perMonthBn": 1}]}'), /must be a month/],
  ['schedule out of order', wrap('{"rmpSchedule": [{"from": "2026-05", "perMonthBn": 1}, {"from": "2026-01", "perMonthBn": 1}]}'), /increasing month order/],
  ['too long a TGA path', wrap(`{"tgaPathBn": [${'1,'.repeat(130)}1]}`), /at most 120/],
  ['issuance keyed by non-year', wrap('{"netBillIssuanceBn": {"next year": 5}}'), /keys must be years/],
  ['bad date', wrap('{"qtEndDate": "2025-02-30"}'), /must be a date/],
];

describe('hostile scenario files', () => {
  it(`has at least 30 (${HOSTILE.length})`, () => expect(HOSTILE.length).toBeGreaterThanOrEqual(30));
  it.each(HOSTILE)('%s is refused with a message', (_n, text, msg) => {
    const r = parseScenarioFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(msg);
      expect(r.error).toMatch(/nothing was imported/);
    }
    expect(protoKeys()).toEqual(PROTO_BEFORE);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('the size limit is checked before parsing', () => {
    expect(big.length).toBeGreaterThan(MAX_SCENARIO_BYTES);
  });
});
