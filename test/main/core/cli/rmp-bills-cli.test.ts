/**
 * `npm run cli -- rmp` and `bills` on a fresh data dir with no network (issue 13 §1, §4): the bundled
 * snapshot carries the RMP operations, and the numbers are pinned to values read by hand from
 * ../shared/data (tsy_operations.csv in billions, mspd.csv in millions).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useOfflineCli } from '../../../support/offline-cli.js';
import { serializeScenarioFile } from '../../../../shared/model/scenario.js';

const offline = useOfflineCli();
const cli = offline.cli;

interface RmpBody {
  operations: { date: string; settlementDate: string; acceptedBn: number; submittedBn: number }[];
  months: { month: string; acceptedBn: number; cumulativeBn: number; paceCumulativeBn: number; mbsPaydownBn: number | null; partial: boolean }[];
  totalAcceptedBn: number;
  lastCompleteMonth: string;
  acceptedThroughLastCompleteMonthBn: number;
  paceThroughLastCompleteMonthBn: number;
  billsHeld: { last: string | null; gap: string };
  mbsTotals: { rmpSettledBn: number };
}
interface BillsBody {
  months: { month: string; netIssuanceBn: number | null; auctionNetBn: number | null; fedBn: number | null; privateBn: number | null }[];
  years: { year: number; months: number; partial: boolean; netIssuanceBn: number }[];
  goldman2026: { netBillsBn: number; fedBn: number; privateBn: number };
}

describe('npm run cli -- rmp / bills', () => {
  it('rmp --json: the operations of 2025-12-12 and the totals against the announced pace', () => {
    const r = cli('rmp', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as RmpBody;
    expect(b.operations).toHaveLength(53);
    expect(b.operations[0]).toEqual({ date: '2025-12-12', settlementDate: '2025-12-15', submittedBn: 27.458, acceptedBn: 8.167 });
    expect(b.totalAcceptedBn).toBe(346.502);
    expect(b.lastCompleteMonth).toBe('2026-07');
    expect(b.acceptedThroughLastCompleteMonthBn).toBe(324.205);
    expect(b.paceThroughLastCompleteMonthBn).toBe(260);
    expect(b.months[0]).toMatchObject({ month: '2025-12', acceptedBn: 38.099, mbsPaydownBn: 14.641 });
    expect(b.billsHeld.last).toBe('2023-03-22');
    expect(b.billsHeld.gap).toContain('2023-03-22');
    expect(b.mbsTotals.rmpSettledBn).toBe(346.502);
    const text = cli('rmp', '--from', '2026-01-01');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('2026-01-06  2026-01-07');
    expect(text.stdout).not.toContain('2025-12-12  2025-12-15');
  });

  it('rmp --scenario FILE: the scenario file\'s RMP schedule month by month beside the pace', () => {
    const file = path.join(offline.dir(), 'goldman.json');
    writeFileSync(file, serializeScenarioFile('Goldman test', { rmpSchedule: [{ from: '2026-01', perMonthBn: 20 }] }));
    const r = cli('rmp', '--scenario', file, '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as { scenario: { name: string; months: { month: string; paceBn: number; cumulativeBn: number }[] } };
    expect(b.scenario.name).toBe('Goldman test');
    expect(b.scenario.months.slice(0, 3)).toEqual([
      { month: '2025-12', paceBn: 0, cumulativeBn: 0 },
      { month: '2026-01', paceBn: 20, cumulativeBn: 20 },
      { month: '2026-02', paceBn: 20, cumulativeBn: 40 },
    ]);
  });

  it('bills --json: July 2026 net issuance from MSPD and private absorption; 2026 is a part-year', () => {
    const r = cli('bills', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as BillsBody;
    const jul = b.months.find((m) => m.month === '2026-07');
    // MSPD BILLS 2026-07-31 6,988,226.4301 − 2026-06-30 6,690,117.0142 ($mn).
    expect(jul).toMatchObject({ netIssuanceBn: 298.109, fedBn: 30.405, privateBn: 267.704 });
    expect(jul?.auctionNetBn).toBeCloseTo(298.1, 0);
    expect(b.years.find((y) => y.year === 2026)).toMatchObject({ months: 7, partial: true });
    expect(b.goldman2026).toEqual(expect.objectContaining({ netBillsBn: 870, fedBn: 480, privateBn: 390 }));
    const text = cli('bills', '--year', '2026');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Assumption (not data)');
    expect(text.stdout).toContain('part-year through 2026-07');
    expect(cli('bills', '--year', 'x').status).not.toBe(0);
  });
});
