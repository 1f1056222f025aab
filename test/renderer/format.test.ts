/** The analyst-facing number formats of design.md §7, and the tiles that use them (issue 12). */
import { describe, expect, it } from 'vitest';
import type { SeriesDataDto } from '../../shared/ipc/contract.js';
import { fieldText, money, moneyChange, moneyChangeSmall, moneyPrecise, moneySmall, moneyTn, shareText } from '../../renderer/format.js';
import { tiles } from '../../renderer/features/monitor/monitor-specs.js';

describe('money levels', () => {
  it('shows whole billions with grouping under ten thousand billions, trillions with 2 dp from there', () => {
    expect(money(2855.4)).toBe('$2,855bn');
    expect(money(9999.4)).toBe('$9,999bn');
    expect(money(9999.6)).toBe('$10.00tn');
    expect(money(12_345)).toBe('$12.35tn');
    expect(moneyTn(6578.9)).toBe('$6.58tn');
  });
  it('puts a true minus before the dollar sign and never shows a negative zero', () => {
    expect(money(-1234)).toBe('−$1,234bn');
    expect(money(-0.3)).toBe('$0bn');
    expect(money(-12_000)).toBe('−$12.00tn');
    expect(moneyPrecise(-2.5)).toBe('−$2.5bn');
    expect(moneyPrecise(-0.0001)).toBe('$0bn');
  });
  it('shows a dash for a missing value', () => {
    for (const f of [money, moneyTn, moneySmall, moneyChange, moneyChangeSmall]) {
      expect(f(null)).toBe('—');
      expect(f(undefined)).toBe('—');
      expect(f(Number.NaN)).toBe('—');
    }
  });
});

describe('small flows (SRF take-up, ON RRP)', () => {
  it('one decimal below $10bn, whole billions from there', () => {
    expect(moneySmall(0.3)).toBe('$0.3bn');
    expect(moneySmall(5.04)).toBe('$5.0bn');
    expect(moneySmall(9.94)).toBe('$9.9bn');
    expect(moneySmall(9.96)).toBe('$10bn');
    expect(moneySmall(1250.4)).toBe('$1,250bn');
  });
  it('zero is $0bn, a positive amount too small to show is <$0.1bn, never $0.00bn', () => {
    expect(moneySmall(0)).toBe('$0bn');
    expect(moneySmall(0.004)).toBe('<$0.1bn');
  });
});

describe('money changes', () => {
  it('are signed', () => {
    expect(moneyChange(41.2)).toBe('+$41bn');
    expect(moneyChange(-12.4)).toBe('−$12bn');
    expect(moneyChange(1234.5)).toBe('+$1,235bn');
  });
  it('a change that rounds to zero is ±$0bn, never −$0bn or +$0bn', () => {
    expect(moneyChange(-0.4)).toBe('±$0bn');
    expect(moneyChange(0.49)).toBe('±$0bn');
    expect(moneyChange(0)).toBe('±$0bn');
    expect(moneyChangeSmall(-0.04)).toBe('±$0bn');
  });
  it('small-flow changes keep one decimal below $10bn', () => {
    expect(moneyChangeSmall(-0.4)).toBe('−$0.4bn');
    expect(moneyChangeSmall(3.25)).toBe('+$3.3bn');
    expect(moneyChangeSmall(-41.2)).toBe('−$41bn');
  });
});

describe('shareText', () => {
  it('a 0..1 position as a whole percentage', () => {
    expect(shareText(0.52)).toBe('52%');
    expect(shareText(0)).toBe('0%');
    expect(shareText(1.2)).toBe('120%');
    expect(shareText(-0.2)).toBe('−20%');
    expect(shareText(-0.001)).toBe('0%');
    expect(shareText(null)).toBe('—');
  });
});

describe('fieldText (number fields)', () => {
  it('rounds a fitted value to the step decimals plus two, for display only', () => {
    expect(fieldText(-7.384949232196497, 0.1)).toBe('-7.385');
    expect(fieldText(0.7349123456, 0.01)).toBe('0.7349');
    expect(fieldText(35, 5)).toBe('35');
    expect(fieldText(5.5, 0.1)).toBe('5.5');
    expect(fieldText(0.05, 0.05)).toBe('0.05');
    expect(fieldText(-0.00001, 0.1)).toBe('0');
    expect(fieldText(Number.NaN, 1)).toBe('');
  });
});

const DAY = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const series = (id: string, points: readonly [string, number][]): [string, SeriesDataDto] => [
  id,
  { id, title: id, unit: 'x', conversion: '', basis: '', frequency: 'd', dates: points.map((p) => DAY(p[0])), values: points.map((p) => p[1]) },
];

describe('Monitor tiles', () => {
  const d0 = '2025-11-05';
  const d1 = '2025-12-03';
  const m = new Map([
    series('EFFR', [[d1, 3.63]]),
    series('DFEDTARL', [[d1, 3.5]]),
    series('DFEDTARU', [[d1, 3.75]]),
    series('IORB', [[d1, 3.65]]),
    series('RRPONTSYD', [[d0, 5.3], [d1, 4.9]]),
    series('RPONTTLD', [[d0, 0], [d1, 0]]),
    series('WRESBAL', [['2025-11-26', 2855.2], [d1, 2855.6]]),
  ]);
  const byKey = new Map(tiles(m, DAY(d1)).map((t) => [t.key, t]));

  it('"EFFR in range" says its number is a share of the way from bottom to top', () => {
    const t = byKey.get('effr-range');
    expect(t?.value).toBe('52%');
    expect(t?.change).toBe('of the way from the bottom (3.50%) to the top (3.75%) of the range; EFFR 3.63%');
  });
  it('small flows and tiny changes follow §7', () => {
    expect(byKey.get('onrrp')?.value).toBe('$4.9bn');
    expect(byKey.get('onrrp')?.change).toBe('−$0.4bn 4w');
    expect(byKey.get('srf')?.value).toBe('none');
    expect(byKey.get('srf')?.change).toBe('none in the last 30 days');
    expect(byKey.get('reserves')?.value).toBe('$2,856bn');
    expect(byKey.get('reserves')?.change).toBe('±$0bn w/w');
  });
});
