import { describe, expect, it } from 'vitest';
import { parseScenarioOverrides } from '../../../shared/model/scenario.js';
import { parseJsonText } from '../../../shared/parse/json.js';

const parse = (text: string) => {
  const j = parseJsonText(text);
  if (!j.ok) throw new Error(j.error);
  return parseScenarioOverrides(j.value);
};

describe('scenario overrides', () => {
  it('accepts a valid file', () => {
    const r = parse('{"horizonYears": 10, "rmpSchedule": [{"from": "2026-01", "perMonthBn": 20}], "tgaMode": "target", "tgaTargetBn": 850}');
    expect(r).toEqual({ ok: true, value: { horizonYears: 10, rmpSchedule: [{ from: '2026-01', perMonthBn: 20 }], tgaMode: 'target', tgaTargetBn: 850 } });
  });

  it.each([
    ['{"horizonYears": 11}', /inputs.horizonYears = 11 is outside \[1, 10\]/],
    ['{"horizonYears": "5"}', /must be a finite number/],
    ['{"capTsyBn": 1e999}', /must be a finite number/],
    ['{"rmpSchedule": [{"from": "2026-13", "perMonthBn": 20}]}', /from must be a month/],
    ['{"rmpSchedule": [{"from": "2026-02", "perMonthBn": 20}, {"from": "2026-01", "perMonthBn": 10}]}', /increasing month order/],
    ['{"tgaMode": "drain"}', /must be "hold", "target" or "path"/],
    ['{"__proto__": {"polluted": true}}', /inputs.__proto__ is not a scenario input/],
    ['{"constructor": {"prototype": {"polluted": true}}}', /inputs.constructor is not a scenario input/],
    ['[]', /must be a JSON object/],
  ])('refuses %s', (text, msg) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
