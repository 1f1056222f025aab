/**
 * The published scenario JSON Schema (issue 15 §7): the committed file is what the zod declaration
 * generates, it lists every engine input with the parser's bounds, and the app's own scenario files
 * (the defaults and every preset, serialized as an export writes them) validate against it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchemaPath, scenarioSchemaText } from '../../../../main/core/schema/scenario-schema-file.js';
import { DEFAULT_INPUTS, PRESETS } from '../../../../shared/compute/presets.js';
import { INTEGERS, NUMBERS } from '../../../../shared/model/scenario-schema.js';
import { parseScenarioFile, serializeScenarioFile } from '../../../../shared/model/scenario.js';

type Schema = { readonly [k: string]: unknown };
const schema = JSON.parse(readFileSync(scenarioSchemaPath(), 'utf8')) as Schema;
const asSchema = (v: unknown): Schema => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Schema) : {});
const inputsSchema = asSchema(asSchema(schema['properties'])['inputs']);
const inputProps = asSchema(inputsSchema['properties']);

/** The keywords the mini-validator below understands; the test fails if the schema ever uses another one. */
const KEYWORDS = new Set(['$schema', 'title', 'description', 'type', 'const', 'enum', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'prefixItems', 'minItems', 'maxItems']);
const SUBSCHEMA_MAPS = new Set(['properties']);
const SUBSCHEMAS = new Set(['additionalProperties', 'propertyNames', 'items']);

function keywordsIn(s: Schema, out: Set<string>): Set<string> {
  for (const [k, v] of Object.entries(s)) {
    out.add(k);
    if (SUBSCHEMA_MAPS.has(k)) for (const sub of Object.values(asSchema(v))) keywordsIn(asSchema(sub), out);
    if (SUBSCHEMAS.has(k) && typeof v === 'object') keywordsIn(asSchema(v), out);
    if (k === 'prefixItems' && Array.isArray(v)) for (const sub of v) keywordsIn(asSchema(sub), out);
  }
  return out;
}

/** First violation of `s` by `v` (draft 2020-12 semantics for the keywords in KEYWORDS), or null. */
function violation(s: Schema | boolean, v: unknown, at: string): string | null {
  if (s === false) return `${at}: not allowed`;
  if (s === true) return null;
  const t = s['type'];
  const isObj = typeof v === 'object' && v !== null && !Array.isArray(v);
  if (t === 'object' && !isObj) return `${at}: not an object`;
  if (t === 'array' && !Array.isArray(v)) return `${at}: not an array`;
  if (t === 'string' && typeof v !== 'string') return `${at}: not a string`;
  if (t === 'number' && typeof v !== 'number') return `${at}: not a number`;
  if (t === 'integer' && !Number.isInteger(v)) return `${at}: not an integer`;
  if ('const' in s && s['const'] !== v) return `${at}: not ${JSON.stringify(s['const'])}`;
  if (Array.isArray(s['enum']) && !s['enum'].includes(v)) return `${at}: not in enum`;
  if (typeof v === 'number') {
    if (typeof s['minimum'] === 'number' && v < s['minimum']) return `${at}: below minimum`;
    if (typeof s['maximum'] === 'number' && v > s['maximum']) return `${at}: above maximum`;
  }
  if (typeof v === 'string') {
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) return `${at}: does not match ${s['pattern']}`;
    if (typeof s['minLength'] === 'number' && [...v].length < s['minLength']) return `${at}: too short`;
    if (typeof s['maxLength'] === 'number' && [...v].length > s['maxLength']) return `${at}: too long`;
  }
  if (Array.isArray(v)) {
    if (typeof s['minItems'] === 'number' && v.length < s['minItems']) return `${at}: too few items`;
    if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) return `${at}: too many items`;
    const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : [];
    for (let i = 0; i < v.length; i++) {
      const sub = i < prefix.length ? asSchema(prefix[i]) : s['items'];
      if (sub === undefined) continue;
      const bad = violation(typeof sub === 'boolean' ? sub : asSchema(sub), v[i], `${at}[${i}]`);
      if (bad) return bad;
    }
  }
  if (isObj) {
    const o = v as Record<string, unknown>;
    const props = asSchema(s['properties']);
    for (const r of Array.isArray(s['required']) ? s['required'] : []) if (!(String(r) in o)) return `${at}.${String(r)}: required`;
    for (const [k, x] of Object.entries(o)) {
      if (s['propertyNames'] !== undefined) {
        const bad = violation(asSchema(s['propertyNames']), k, `${at} key ${k}`);
        if (bad) return bad;
      }
      const sub = Object.prototype.hasOwnProperty.call(props, k) ? asSchema(props[k]) : s['additionalProperties'];
      if (sub === undefined) continue;
      const bad = violation(typeof sub === 'boolean' ? sub : asSchema(sub), x, `${at}.${k}`);
      if (bad) return bad;
    }
  }
  return null;
}

describe('resources/scenario.schema.json', () => {
  it('is what `npm run schema` generates from the zod declaration (run it after changing the inputs)', () => {
    expect(readFileSync(scenarioSchemaPath(), 'utf8')).toBe(scenarioSchemaText());
  });

  it('uses only keywords the check below understands', () => {
    expect([...keywordsIn(schema, new Set())].filter((k) => !KEYWORDS.has(k))).toEqual([]);
  });

  it('lists every engine input, refuses others, with the parser bounds on every number', () => {
    expect(Object.keys(inputProps).sort()).toEqual(Object.keys(DEFAULT_INPUTS).concat('anchorWednesday').sort());
    expect(inputsSchema['additionalProperties']).toBe(false);
    const numbers = Object.entries(NUMBERS);
    expect(numbers.length).toBe(19);
    for (const [k, [lo, hi]] of numbers) {
      expect(inputProps[k], k).toEqual({ type: INTEGERS.has(k as never) ? 'integer' : 'number', minimum: lo, maximum: hi });
    }
    expect(asSchema(inputProps['tgaPathBn'])['maxItems']).toBe(120);
    expect(asSchema(inputProps['rmpSchedule'])['maxItems']).toBe(240);
  });

  it('accepts the files the app writes: the defaults and every preset', () => {
    const files = [['defaults', DEFAULT_INPUTS] as const, ...PRESETS.map((p) => [p.name, p.overrides] as const)];
    expect(files.length).toBeGreaterThan(3);
    for (const [name, inputs] of files) {
      const text = serializeScenarioFile(name, inputs, { exportedAt: '2026-01-01T00:00:00Z' });
      expect(parseScenarioFile(text).ok, name).toBe(true);
      expect(violation(schema, JSON.parse(text) as unknown, '$'), name).toBeNull();
    }
  });

  it.each([
    ['{"horizonYears": 11}', '$.inputs.horizonYears: above maximum'],
    ['{"horizonYears": 2.5}', '$.inputs.horizonYears: not an integer'],
    ['{"launchMissiles": true}', '$.inputs.launchMissiles: not allowed'],
    ['{"tgaMode": "drain"}', '$.inputs.tgaMode: not in enum'],
    ['{"curve": {"alpha": 1, "beta": 1, "gamma": 0, "xRef": 1, "basis": "gdp"}}', '$.inputs.curve.gamma: below minimum'],
    ['{"netBillIssuanceBn": {"next year": 5}}', '$.inputs.netBillIssuanceBn key next year: does not match ^\\d{4}$'],
    ['{"regimeThetas": [1]}', '$.inputs.regimeThetas: too few items'],
  ])('refuses what the importer refuses: %s', (inputs, why) => {
    const text = `{"format":"reservoir-scenario","version":1,"name":"x","inputs":${inputs}}`;
    expect(parseScenarioFile(text).ok).toBe(false);
    expect(violation(schema, JSON.parse(text) as unknown, '$')).toBe(why);
  });
});
