/**
 * `project` prints the per-year bill supply (issue 14 §5) in the text and in --json: every year with
 * a private absorption, the anchor year as actual + projected months, and the default issuance said.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../support/paths.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const seeded = useSeededDb();
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', seeded.dir()], { cwd: REPO_ROOT, encoding: 'utf8' });

interface Row {
  year: number;
  fedBn: number;
  privateBn: number | null;
  actualMonths: number;
  fedActualBn: number | null;
  netIssuanceBn: number | null;
  issuance: string;
}

describe('project: bill supply by calendar year', () => {
  it('--json from 2025-11-26, Goldman: 2025 = Jan–Oct actual + Nov–Dec projected; 2026 = 870 − 480 = 390', () => {
    const r = cli('project', '--preset', 'Goldman baseline', '--anchor', '2025-11-26', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { billPurchasesByYear: Row[]; billIssuanceDefault: { note: string; value: { annualBn: number; fromMonth: string; throughMonth: string } } };
    // Net issuance Nov 2024 … Oct 2025 (Δ MSPD bills): no month after the anchor is read.
    expect(j.billIssuanceDefault.value).toMatchObject({ annualBn: 406.832, fromMonth: '2024-11', throughMonth: '2025-10' });
    const [y25, y26] = j.billPurchasesByYear;
    // Jan–Oct: QT still ran, no bill purchases; December: Goldman's $20bn of MBS principal (RMPs from January).
    expect(y25).toMatchObject({ year: 2025, actualMonths: 10, fedActualBn: 0, fedBn: 20, netIssuanceBn: 406.832, issuance: 'default' });
    expect(y25?.privateBn).toBeCloseTo(386.832, 9);
    expect(y26).toMatchObject({ year: 2026, fedBn: 480, privateBn: 390, netIssuanceBn: 870, issuance: 'assumption' });
    for (const b of j.billPurchasesByYear) expect(b.privateBn, String(b.year)).not.toBeNull();
  });

  it('the text at the latest anchor: the 2026 row adds Jan–Jul actual to Aug–Dec projected', () => {
    const r = cli('project', '--preset', 'Fed RMP');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('net bill issuance without an assumption = the latest 12 months in the data (Δ MSPD bills outstanding 2025-08 … 2026-07): $992.8bn a year');
    expect(r.stdout).toMatch(/^2026 +Jan–Jul actual \+ Aug–Dec projected +286\.1 +168\.6 +454\.7 +992\.8 +default: latest 12 months +441\.7 \(7 months\) +538\.1$/m);
    expect(r.stdout).toMatch(/^2031 +Jan–Jul projected \(horizon end\) +205\.0 +205\.0 +441\.7 +default: Jan–Jul of the latest 12 months +236\.7$/m);
    expect(r.stdout).not.toMatch(/^20\d\d .*— \(/m);
  });
});
