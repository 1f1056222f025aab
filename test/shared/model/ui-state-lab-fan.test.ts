/** Issue 14 §3: the lab's fan settings in the saved UI state (`lab.fan`), read back strictly. */
import { describe, expect, it } from 'vitest';
import { FAN_SD_LIMITS } from '../../../shared/compute/fan.js';
import type { Json } from '../../../shared/parse/json.js';
import { parseUiPatch, parseUiValue, uiValueRefusal, type LabUi } from '../../../shared/model/ui-state.js';

const LAB: LabUi = { presetName: 'Fed RMP', inputs: { horizonYears: 5 }, steps: [{ id: 's1', from: '2025-12', perMonthBn: 40 }], curveLabel: 'fitted', showBand: true, scenarioName: '' };
const SDS = { curveCovScale: 2, ngdpGrowthSdPctYr: 1.5, currencyGrowthSdPctYr: 0.8, tgaLevelSdBn: 120 };
const parse = (v: unknown): ReturnType<typeof parseUiValue.lab> => parseUiValue.lab(JSON.parse(JSON.stringify(v)) as Json);

describe('lab.fan in the UI state', () => {
  it('reads state written before the fan was kept, and keeps the fan as written', () => {
    expect(parse(LAB)).toEqual({ ok: true, value: LAB });
    expect(parse({ ...LAB, fan: { on: true } })).toEqual({ ok: true, value: { ...LAB, fan: { on: true } } });
    expect(parse({ ...LAB, fan: { on: false, sds: SDS } })).toEqual({ ok: true, value: { ...LAB, fan: { on: false, sds: SDS } } });
    // With the solve box's state beside it: neither drops the other.
    const solve = { kind: 'reserves-gdp', value: 10, by: '2027-12-31' } as const;
    expect(parse({ ...LAB, solve, fan: { on: true, sds: SDS } })).toEqual({ ok: true, value: { ...LAB, solve, fan: { on: true, sds: SDS } } });
    // Each limit itself is taken (the lab's fields allow it), and zero (a fan collapsed on the path).
    const atLimit = { ...FAN_SD_LIMITS };
    expect(parse({ ...LAB, fan: { on: true, sds: atLimit } }).ok).toBe(true);
    expect(parse({ ...LAB, fan: { on: true, sds: { curveCovScale: 0, ngdpGrowthSdPctYr: 0, currencyGrowthSdPctYr: 0, tgaLevelSdBn: 0 } } }).ok).toBe(true);
    // What the page checks before an edit is what the store takes.
    expect(uiValueRefusal('lab', { ...LAB, fan: { on: true, sds: SDS } })).toBeNull();
    expect(parseUiPatch(JSON.parse(JSON.stringify({ lab: { ...LAB, fan: { on: true, sds: SDS } } })) as Json).ok).toBe(true);
  });

  it.each([
    ['a fan that is not an object', true, 'lab.fan must be an object'],
    ['a fan without its toggle', { sds: SDS }, 'lab.fan.on must be true or false'],
    ['a toggle that is not a boolean', { on: 'yes' }, 'lab.fan.on must be true or false'],
    ['an unknown fan field', { on: true, paths: 5000 }, 'lab.fan.paths is not a field'],
    ['sds that are not an object', { on: true, sds: [1, 2, 3, 4] }, 'lab.fan.sds must be an object'],
    ['an unknown sd', { on: true, sds: { ...SDS, gdpSd: 1 } }, 'lab.fan.sds.gdpSd is not a field'],
    ['a missing sd', { on: true, sds: { curveCovScale: 1, ngdpGrowthSdPctYr: 1, currencyGrowthSdPctYr: 1 } }, 'lab.fan.sds.tgaLevelSdBn must be a number from 0 to 1000'],
    ['a negative sd', { on: true, sds: { ...SDS, ngdpGrowthSdPctYr: -0.1 } }, 'lab.fan.sds.ngdpGrowthSdPctYr must be a number from 0 to 10'],
    ['an sd over its limit', { on: true, sds: { ...SDS, curveCovScale: 25.01 } }, 'lab.fan.sds.curveCovScale must be a number from 0 to 25'],
    ['an sd as text', { on: true, sds: { ...SDS, tgaLevelSdBn: '120' } }, 'lab.fan.sds.tgaLevelSdBn must be a number from 0 to 1000'],
    ['an sd that is null', { on: true, sds: { ...SDS, currencyGrowthSdPctYr: null } }, 'lab.fan.sds.currencyGrowthSdPctYr must be a number from 0 to 10'],
  ])('refuses %s', (_what, fan, message) => {
    expect(parse({ ...LAB, fan })).toEqual({ ok: false, error: message });
  });

  it('refuses a non-finite sd the page could hold (JSON turns it into null)', () => {
    expect(uiValueRefusal('lab', { ...LAB, fan: { on: true, sds: { ...SDS, tgaLevelSdBn: Number.NaN } } })).toBe('lab.fan.sds.tgaLevelSdBn must be a number from 0 to 1000');
  });
});
