/**
 * The RMP tracker and the bills report (issue 13 §1, §4), pinned to values read by hand from
 * ../shared/data: tsy_operations.csv (is_rmp rows, billions) and mspd.csv (BILLS, millions).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { billsAbsorption } from '../../../shared/compute/bills-absorption.js';
import { findPreset } from '../../../shared/compute/presets.js';
import { monthlyPaydowns, parseRmpOperations, rmpDaily, rmpOperations, rmpTracker, weekEndingWed, type RmpOperation } from '../../../shared/compute/rmp-tracker.js';
import { seriesOf, type Series } from '../../../shared/compute/series.js';
import { parseWideCsv } from '../../../shared/parse/fred-csv.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../support/paths.js';

const DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'derived', 'heliar-k__market-base');
const opsText = readFileSync(path.join(DATA, 'tsy_operations.csv'), 'utf8');
const d = (s: string): IsoDate => s as IsoDate;

function parsed(): readonly RmpOperation[] {
  const r = parseRmpOperations(opsText);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const series = (rows: readonly [string, number][]): Series => seriesOf(rows.map(([x]) => epochDay(d(x))), rows.map(([, v]) => v));

describe('RMP operations from tsy_operations.csv', () => {
  it('reads the 53 is_rmp rows in date order, the first on 2025-12-12 as in the file', () => {
    const ops = parsed();
    expect(ops).toHaveLength(53);
    // By hand, line "OR 121225 1,2025-12-12,2025-12-15,Outright Bill Purchase,True,…,27.458,8.167,…".
    expect(ops[0]).toEqual({ date: '2025-12-12', settlementDate: '2025-12-15', submittedBn: 27.458, acceptedBn: 8.167 });
    // "OR 121525 1,2025-12-15,2025-12-16,…,27.082,6.801".
    expect(ops[1]).toEqual({ date: '2025-12-15', settlementDate: '2025-12-16', submittedBn: 27.082, acceptedBn: 6.801 });
    expect(ops.at(-1)).toEqual({ date: '2026-08-20', settlementDate: '2026-08-21', submittedBn: 28.333, acceptedBn: 4.243 });
  });

  it('zips the three stored series back into the same operations', () => {
    const ops = parsed();
    const toS = (rows: { date: IsoDate; value: number }[]): Series => series(rows.map((r) => [r.date, r.value]));
    const back = rmpOperations(toS(rmpDaily(ops, 'accepted', 'trade')), toS(rmpDaily(ops, 'submitted', 'trade')), toS(rmpDaily(ops, 'accepted', 'settlement')));
    expect(back.ok && back.value).toEqual(ops);
  });

  it('totals December 2025 by hand: 8.167 + 6.801 + 8.165 + 8.165 + 6.801 = 38.099', () => {
    const schedule = findPreset('Fed RMP')?.overrides.rmpSchedule ?? [];
    const t = rmpTracker(parsed(), schedule);
    expect(t.months[0]).toMatchObject({ month: '2025-12', operations: 5, acceptedBn: 38.099, cumulativeBn: 38.099, paceBn: 40, paceCumulativeBn: 40, partial: false });
    // Settlement weeks: 12-15 and 12-16 settle in the week ending Wed 2025-12-17 → 8.167 + 6.801.
    expect(t.weeks[0]).toEqual({ weekEnding: '2025-12-17', operations: 2, acceptedBn: 14.968, submittedBn: 54.54 });
    expect(t.totalAcceptedBn).toBe(346.502);
    expect(t.lastCompleteMonth).toBe('2026-07');
    // Pace: $40bn for Dec … Apr, $20bn May … Jul = 260.
    expect(t.paceThroughLastCompleteMonthBn).toBe(260);
    expect(t.months.at(-1)).toMatchObject({ month: '2026-08', partial: true });
  });

  it('estimates the RMP proper as purchases − MBS paydowns, counting a Thu–Wed week in its Thursday’s month', () => {
    // WSHOMCB (liquidity.csv, $mn → $bn): 2025-11-26 2053.665, 12-03/12-10 unchanged, 12-17 2053.476, 12-24 2050.575, 12-31 2039.024.
    const w = series([['2025-11-26', 2053.665], ['2025-12-03', 2053.665], ['2025-12-10', 2053.665], ['2025-12-17', 2053.476], ['2025-12-24', 2050.575], ['2025-12-31', 2039.024], ['2026-01-07', 2039.024]]);
    const pd = monthlyPaydowns(w).get('2025-12');
    expect(pd?.complete).toBe(true);
    expect(pd?.bn).toBeCloseTo(2053.665 - 2039.024, 9);
    const t = rmpTracker(parsed(), findPreset('Fed RMP')?.overrides.rmpSchedule ?? [], { wshomcb: w });
    expect(t.months[0]?.mbsPaydownBn).toBe(14.641);
    expect(t.months[0]?.rmpEstimateBn).toBe(23.458);
    expect(weekEndingWed(d('2025-12-15'))).toBe('2025-12-17');
  });

  it('refuses a file in millions', () => {
    const bad = opsText.replace('27.458,8.167', '27458,8167');
    expect(parseRmpOperations(bad).ok).toBe(false);
  });
});

describe('net bill issuance and private absorption', () => {
  it('takes July 2026 from MSPD by hand: 6,988,226.4301 − 6,690,117.0142 ($mn) = $298.109bn', () => {
    const mspd = parseWideCsv(readFileSync(path.join(DATA, 'mspd.csv'), 'utf8'), 'BILLS');
    if (!mspd.ok) throw new Error(mspd.error);
    const obs = mspd.value.filter((o) => o.value !== null);
    const bills = series(obs.map((o) => [o.date, (o.value ?? 0) / 1000]));
    const ops = parsed();
    const r = billsAbsorption({ mspdBills: bills, auctionMonthly: series([]), auctionWeekly: series([]), operations: ops, wshomcb: series([['2026-06-24', 1961.59], ['2026-07-01', 1948.398], ['2026-07-08', 1948.398], ['2026-07-15', 1948.337], ['2026-07-22', 1944.788], ['2026-07-29', 1930.855], ['2026-08-05', 1930.855]]), rmpThrough: d('2026-08-21') });
    const jul = r.months.find((m) => m.month === '2026-07');
    expect(jul?.netIssuanceBn).toBe(298.109);
    // Operations settling in July 2026 (07-02, 07-08, 07-10, 07-21, 07-23, 07-31): 6.637 + 3.319 + 6.637 + 5.18 + 3.453 + 5.179 = 30.405.
    expect(jul?.fedBn).toBe(30.405);
    expect(jul?.privateBn).toBe(267.704);
    // Paydowns in weeks whose Thursday is in July: 07-08 … 07-29 (the week ending 07-01 is June's) = 1948.398 − 1930.855.
    expect(jul?.mbsReinvestBn).toBe(17.543);
    const y = r.years.find((x) => x.year === 2026);
    expect(y).toMatchObject({ months: 7, throughMonth: '2026-07', partial: true });
    expect(r.goldman2026).toMatchObject({ netBillsBn: 870, fedBn: 480, privateBn: 390 });
    // Before December 2025 the Fed's bill purchases are not known offline.
    expect(r.months.find((m) => m.month === '2025-11')?.fedBn).toBeNull();
  });
});
