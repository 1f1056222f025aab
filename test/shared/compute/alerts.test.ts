/** Alert conditions (issue 13 §7): above / below / crosses, runs and triggers, "only if not calendar-expected". */
import { describe, expect, it } from 'vitest';
import { ALERT_PRESETS, calendarExpected, crosses, evaluateAlert, meets, type AlertDef } from '../../../shared/compute/alerts.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';

const day = (d: string): number => epochDay(d as IsoDate);
const series = (pts: readonly (readonly [string, number])[]) => ({ dates: Int32Array.from(pts.map(([d]) => day(d))), values: Float64Array.from(pts.map(([, v]) => v)) });
const def = (over: Partial<AlertDef>): AlertDef => ({ id: 't', name: 't', formula: 'X', op: 'above', threshold: 0, skipCalendarExpected: false, enabled: true, ...over });
const never = (): boolean => false;

describe('conditions', () => {
  it('above is strict, at_or_above is not; below and at_or_below likewise', () => {
    expect([meets('above', 10, 10), meets('at_or_above', 10, 10), meets('below', 10, 10), meets('at_or_below', 10, 10)]).toEqual([false, true, false, true]);
    expect([meets('above', 10.001, 10), meets('below', 9.999, 10)]).toEqual([true, true]);
  });
  it('crosses: from one side to the other, touching counts as the side it left', () => {
    expect([crosses(-1, 1, 0), crosses(1, -1, 0), crosses(0, 1, 0), crosses(1, 0, 0), crosses(1, 2, 0), crosses(0, 0, 0)]).toEqual([true, true, true, false, false, false]);
  });
});

describe('evaluateAlert', () => {
  const s = series([
    ['2025-10-27', -2],
    ['2025-10-28', 3],
    ['2025-10-29', 4],
    ['2025-10-30', -1],
    ['2025-10-31', 22],
    ['2025-11-03', 15],
  ]);

  it('a level alert triggers on the first day of each run and fires while the latest observation meets it', () => {
    const e = evaluateAlert(def({ op: 'above', threshold: 0 }), s, 'bp', never, day('2025-01-01'));
    expect(e).toMatchObject({ state: 'firing', lastDate: '2025-11-03', lastValue: 15, since: '2025-10-31', unit: 'bp' });
    expect(e.triggers).toEqual([
      { date: '2025-10-28', value: 3 },
      { date: '2025-10-31', value: 22 },
    ]);
    expect(e.detail).toBe('X = 15 bp on 2025-11-03: X > 0 met');
  });

  it('below: ok at the end, with its history', () => {
    const e = evaluateAlert(def({ op: 'below', threshold: 0 }), s, 'bp', never, day('2025-01-01'));
    expect(e.state).toBe('ok');
    expect(e.since).toBeNull();
    expect(e.triggers.map((t) => t.date)).toEqual(['2025-10-27', '2025-10-30']);
  });

  it('crosses: every crossing is a trigger; fires only when the latest observation crossed', () => {
    const e = evaluateAlert(def({ op: 'crosses', threshold: 10 }), s, 'bp', never, day('2025-01-01'));
    expect(e.triggers.map((t) => t.date)).toEqual(['2025-10-31']);
    expect(e.state).toBe('ok');
    const e2 = evaluateAlert(def({ op: 'crosses', threshold: 16 }), s, 'bp', never, day('2025-01-01'));
    expect(e2.triggers.map((t) => t.date)).toEqual(['2025-10-31', '2025-11-03']);
    expect(e2.state).toBe('firing');
  });

  it('a run that began before the history window keeps its start but records no trigger', () => {
    const e = evaluateAlert(def({ op: 'above', threshold: 0 }), s, 'bp', never, day('2025-10-29'));
    expect(e.triggers.map((t) => t.date)).toEqual(['2025-10-31']);
    const e2 = evaluateAlert(def({ op: 'above', threshold: -5 }), s, 'bp', never, day('2025-10-29'));
    expect(e2).toMatchObject({ state: 'firing', since: '2025-10-27', triggers: [] });
  });

  it('only if not calendar-expected: 2025-10-31 (month-end) does not count; the run triggers on its next ordinary day', () => {
    const cal = calendarExpected();
    expect([cal(day('2025-10-31')), cal(day('2025-11-03')), cal(day('2025-10-29'))]).toEqual([true, false, false]);
    const on = evaluateAlert(def({ op: 'at_or_above', threshold: 10, skipCalendarExpected: true }), s, 'bp', cal, day('2025-01-01'));
    expect(on.triggers).toEqual([{ date: '2025-11-03', value: 15 }]);
    expect(on).toMatchObject({ state: 'firing', suppressed: 1, since: '2025-10-31' });
    const upTo31 = series([
      ['2025-10-30', -1],
      ['2025-10-31', 22],
    ]);
    expect(evaluateAlert(def({ op: 'above', threshold: 10, skipCalendarExpected: true }), upTo31, 'bp', cal, 0)).toMatchObject({ state: 'expected', triggers: [], suppressed: 1 });
    expect(evaluateAlert(def({ op: 'above', threshold: 10, skipCalendarExpected: false }), upTo31, 'bp', cal, 0)).toMatchObject({ state: 'firing', triggers: [{ date: '2025-10-31', value: 22 }] });
  });

  it('NaN values are skipped; no data and disabled say so', () => {
    const gap = series([
      ['2025-10-28', 3],
      ['2025-10-29', Number.NaN],
      ['2025-10-30', 4],
    ]);
    expect(evaluateAlert(def({}), gap, 'bp', never, 0).triggers.map((t) => t.date)).toEqual(['2025-10-28']);
    expect(evaluateAlert(def({}), series([]), 'bp', never, 0).state).toBe('no_data');
    expect(evaluateAlert(def({ enabled: false }), s, 'bp', never, 0).state).toBe('disabled');
  });

  it('the presets are the seed thresholds of the issue', () => {
    expect(ALERT_PRESETS.map((p) => `${p.formula} ${p.op} ${p.threshold}`)).toEqual([
      'bp(SOFR, IORB) above 0',
      'bp(SOFR, IORB) at_or_above 10',
      'bp(SOFR, DFEDTARU) above 0',
      'RPONTTLD above 25',
      'RPONTTLD above 50',
      '100 * WRESBAL / GDP below 10',
      'ma(bp(SOFR, RRPONTSYAWARD), 10) at_or_above 20',
      'WRESBAL below 2500',
    ]);
  });
});
