/** Issue 12: a saved scenario's default name says what its inputs are, not which preset they started from. */
import type { IsoDate } from '../../../shared/time/iso-date.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, PRESETS } from '../../../shared/compute/presets.js';
import type { ScenarioInputs } from '../../../shared/compute/projection.js';
import { nameProblem } from '../../../shared/model/names.js';
import { defaultScenarioName, inputChanges, inputsText, rmpWords, uniqueScenarioName } from '../../../shared/model/scenario-label.js';
import { parseUiValue } from '../../../shared/model/ui-state.js';

const preset = (name: string): { name: string; inputs: ScenarioInputs } => {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return { name: p.name, inputs: { ...DEFAULT_INPUTS, ...p.overrides } };
};
const fed = preset('Fed RMP');

describe('default scenario names', () => {
  it('gives the preset name only to the preset’s own inputs', () => {
    expect(defaultScenarioName(fed.inputs, fed)).toBe('Fed RMP');
    // Key order and a copy do not count as a change.
    expect(defaultScenarioName(JSON.parse(JSON.stringify(fed.inputs)) as ScenarioInputs, fed)).toBe('Fed RMP');
  });

  it('says a past anchor after the name, not instead of it', () => {
    // Found: a Goldman scenario saved from 2025-11-26 was named "anchor 2025-11-26".
    expect(defaultScenarioName({ ...fed.inputs, anchorWednesday: '2025-11-26' as IsoDate }, fed)).toBe('Fed RMP, anchor 2025-11-26');
    expect(defaultScenarioName({ ...fed.inputs, capTsyBn: 10, anchorWednesday: '2025-11-26' as IsoDate }, fed)).toMatch(/^Treasury .*, anchor 2025-11-26$|, anchor 2025-11-26$/);
  });

  it('names an edited path after what was changed (the found “Fed RMP 22:03:42” for a $100bn path)', () => {
    const edited: ScenarioInputs = { ...fed.inputs, rmpSchedule: [{ from: '2026-09', perMonthBn: 100 }], tgaMode: 'target', tgaTargetBn: 850 };
    expect(defaultScenarioName(edited, fed)).toBe('RMP $100bn/mo from 2026-09, TGA $850bn');
    expect(defaultScenarioName({ ...fed.inputs, rmpSchedule: [] }, fed)).toBe('no RMP');
  });

  it('does not count an input that is not in effect (the fixed MBS pace under proportional paydown)', () => {
    expect(fed.inputs.mbsPaydownMode).toBe('proportional');
    expect(defaultScenarioName({ ...fed.inputs, mbsPaydownFixedBn: 33 }, fed)).toBe('Fed RMP');
    expect(defaultScenarioName({ ...fed.inputs, mbsPaydownMode: 'fixed', mbsPaydownFixedBn: 33 }, fed)).toBe('MBS paydown $33bn/mo');
  });

  it('falls back to “Custom (from …)” for many changes or inputs without short words', () => {
    const many: ScenarioInputs = { ...fed.inputs, capTsyBn: 9, capMbsBn: 9, onrrpFloorBn: 50, ngdpGrowthPctYr: 3 };
    expect(defaultScenarioName(many, fed)).toBe('Custom (from Fed RMP)');
    expect(defaultScenarioName({ ...fed.inputs, netBillIssuanceBn: { '2026': 900 } }, fed)).toBe('Custom (from Fed RMP)');
    expect(inputChanges({ ...fed.inputs, netBillIssuanceBn: { '2026': 900 } }, fed.inputs)).toEqual({ words: [], unnamed: true });
  });

  it('always gives a name the name rule accepts, made unique with a counter', () => {
    const long: ScenarioInputs = { ...fed.inputs, rmpSchedule: [{ from: '2026-09', perMonthBn: 100.25 }, { from: '2027-01', perMonthBn: 60.5 }], tgaMode: 'target', tgaTargetBn: 1234.5, tgaGlideMonths: 12 };
    for (const i of [fed.inputs, long, { ...fed.inputs, curve: { ...fed.inputs.curve, alpha: -5.5 } }]) {
      const n = defaultScenarioName(i, fed);
      expect(nameProblem(uniqueScenarioName(n, new Set([n, `${n} (2)`])))).toBeNull();
    }
    expect(uniqueScenarioName('Fed RMP', new Set(['Fed RMP', 'Fed RMP (2)']))).toBe('Fed RMP (3)');
    expect(uniqueScenarioName('Fed RMP', new Set())).toBe('Fed RMP');
  });

  it('says a schedule in a few words', () => {
    expect(rmpWords([])).toBe('no RMP');
    expect(rmpWords([{ from: '2025-12', perMonthBn: 40 }, { from: '2026-05', perMonthBn: 20 }])).toBe('RMP $40bn/mo from 2025-12 then $20bn from 2026-05');
    expect(rmpWords([{ from: '2026-01', perMonthBn: 20 }, { from: '2026-05', perMonthBn: 100 }, { from: '2027-01', perMonthBn: 60 }])).toBe('RMP in 3 steps of $20–100bn/mo from 2026-01');
  });

  it('the footer text states the inputs that drive the path', () => {
    const t = inputsText(preset('QE $100bn').inputs);
    expect(t).toContain('RMP $100bn/mo from 2026-01');
    expect(t).toContain('QT ends 2025-12-01');
    expect(t).toContain('TGA held');
    expect(t).toMatch(/curve α −7, β 4, γ 0\.35 on GDP/);
    expect(t).not.toContain('QE $100bn');
  });
});

describe('Compare UI state', () => {
  it('reads state written before presets were selectable, and the new references', () => {
    expect(parseUiValue.compare({ baseline: 3, picked: [1, 2], mode: 'pct', metric: 'spreadBp' })).toEqual({ ok: true, value: { baseline: 3, picked: [1, 2], mode: 'pct', metric: 'spreadBp' } });
    expect(parseUiValue.compare({ baseline: 'Fed RMP', picked: ['Fed RMP', 4], mode: 'delta', metric: 'reserves', scale: 'own' })).toEqual({ ok: true, value: { baseline: 'Fed RMP', picked: ['Fed RMP', 4], mode: 'delta', metric: 'reserves', scale: 'own' } });
  });
  it.each([
    ['a scale that is not one', { baseline: null, picked: [], mode: 'level', metric: 'reserves', scale: 'log' }],
    ['an empty preset name', { baseline: '', picked: [], mode: 'level', metric: 'reserves' }],
    ['a control character in a preset name', { baseline: null, picked: ['Fed\u0000'], mode: 'level', metric: 'reserves' }],
    ['a repeated reference', { baseline: null, picked: ['QE $60bn', 'QE $60bn'], mode: 'level', metric: 'reserves' }],
    ['a fractional id', { baseline: 1.5, picked: [], mode: 'level', metric: 'reserves' }],
  ])('refuses %s', (_w, v) => {
    expect(parseUiValue.compare(v).ok).toBe(false);
  });
});
