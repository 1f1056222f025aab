/** The command line as a user runs it: a child process on a new data dir with no network. */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readData } from '../../../support/fixtures.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { startReplayServer } from '../../../support/replay-server.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
let dead = '';
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', tmp.dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // No network: every source points at a loopback port nothing listens on.
    env: { ...process.env, RESERVOIR_FRED_GRAPH_URL: dead, RESERVOIR_NYFED_URL: dead, RESERVOIR_FISCALDATA_URL: dead, RESERVOIR_FRED_API_URL: dead },
  });

beforeAll(async () => {
  tmp = tempDir();
  const s = await startReplayServer(() => ({ status: 500 }));
  dead = s.base;
  await s.close();
});
afterAll(() => tmp.cleanup());

describe('npm run cli', () => {
  it('status lists the catalog with snapshot dates (WALCL to 2026-10-07, from the October excerpt)', () => {
    const r = cli('status', '--json');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { series: { id: string; lastDate: string | null; canonicalUnits: string; basis: string }[] };
    expect(body.series.find((s) => s.id === 'WALCL')).toMatchObject({ lastDate: '2026-10-07', canonicalUnits: 'usd_bn', basis: 'wed_level' });
    expect(body.series.length).toBeGreaterThanOrEqual(40);
    const text = cli('status');
    expect(text.stdout).toMatch(/WALCL\s+fred\s+usd_bn\s+wed_level\s+2002-12-18\s+2026-10-07\s+1243/);
  });

  it('the series §7 of PROVENANCE.md adds are there on a fresh data dir with no network', () => {
    const ioer = cli('get', 'IOER', '--from', '2019-09-17', '--to', '2019-09-20', '--json');
    expect(ioer.status, ioer.stderr).toBe(0);
    expect(JSON.parse(ioer.stdout)).toMatchObject({ series: 'IOER', unit: 'percent', observations: [{ date: '2019-09-17', value: 2.1 }, { date: '2019-09-18', value: 2.1 }, { date: '2019-09-19', value: 1.8 }, { date: '2019-09-20', value: 1.8 }] });
    const bills = cli('get', 'WSHOBL', '--from', '2022-06-01', '--to', '2022-06-01', '--json');
    expect(bills.status, bills.stderr).toBe(0);
    const billsBody = JSON.parse(bills.stdout) as { unit: string; observations: { date: string; value: number }[] };
    expect(billsBody.unit).toBe('usd_bn');
    expect(billsBody.observations).toHaveLength(1);
    expect(billsBody.observations[0]?.date).toBe('2022-06-01');
    const dgs10 = cli('get', 'DGS10', '--from', '2026-08-20', '--json');
    expect(JSON.parse(dgs10.stdout)).toMatchObject({ series: 'DGS10', unit: 'percent' });
    const repo = cli('get', 'RPONTSYD', '--from', '2019-09-17', '--to', '2019-09-19', '--json');
    expect(JSON.parse(repo.stdout)).toMatchObject({ observations: [{ date: '2019-09-17', value: 40.85 }, { date: '2019-09-18', value: 51.55 }, { date: '2019-09-19', value: 55.843 }] });
  });

  it('get RPONTTLD on 2025-10-31 shows 50.35 ($bn); get WRESBAL on 2025-10-29 shows 2848.021', () => {
    const r = cli('get', 'RPONTTLD', '--from', '2025-10-31', '--to', '2025-10-31', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ series: 'RPONTTLD', unit: 'usd_bn', observations: [{ date: '2025-10-31', value: 50.35 }] });
    const w = cli('get', 'WRESBAL', '--from', '2025-10-29', '--to', '2025-10-29', '--json');
    expect(JSON.parse(w.stdout)).toMatchObject({ observations: [{ date: '2025-10-29', value: 2848.021 }] });
  });

  it('sync with no network says so once and changes nothing', () => {
    const obs = (): unknown => (JSON.parse(cli('get', 'WALCL', '--json').stdout) as { observations: unknown }).observations;
    const before = obs();
    const r = cli('sync', '--series', 'WALCL', '--series', 'SOFR');
    expect(r.status).toBe(1);
    // One sentence for the run (issue 12), not an error per series.
    expect(r.stdout).toMatch(/No network: could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was fetched and stored data is unchanged/);
    expect(r.stdout).not.toMatch(/WALCL: FRED WALCL/);
    expect(r.stdout).toMatch(/sync run \d+: failed: no network — nothing was fetched; stored data unchanged\./);
    expect(r.stdout).not.toMatch(/0 series ok, 0 with errors/);
    expect(obs()).toEqual(before);
    const off = cli('sync', '--offline');
    expect(off.status).toBe(0);
    expect(off.stdout).toMatch(/offline: nothing fetched/);
  });

  it('import reads a FRED CSV and a DTS export, and refuses a bad file without writing', () => {
    const f = path.join(tmp.dir, 'IORB.csv');
    writeFileSync(f, readData('fred/IORB.csv').replaceAll('\n', '\r\n'));
    const ok = cli('import', f);
    expect(ok.stdout).toMatch(/imported IORB from fred-csv: 1791 rows/);
    const dts = path.join(tmp.dir, 'dts.csv');
    writeFileSync(dts, readData('fiscaldata/DTS_OpCashBal_20210624_20260623.csv'));
    expect(cli('import', dts).stdout).toMatch(/imported TGA_DTS from dts-csv: 1047 rows \(0 new, 0 revised, 1047 unchanged/);
    const bad = path.join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'observation_date,WALCL\n2026-08-19,6745.699\n');
    const r = cli('import', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import failed, nothing was written: WALCL 2026-08-19: 6\.745699 usd_bn is outside the possible range/);
    const generic = path.join(tmp.dir, 'generic.csv');
    writeFileSync(generic, readData('derived/EFFR.jonsflow__risk-model.csv'));
    expect(cli('import', generic).stderr).toMatch(/say which series it is with --series ID/);
    expect(cli('import', generic, '--series', 'EFFR').stdout).toMatch(/imported EFFR from fred-csv: 6508 rows/);
  });

  it('unknown commands and series get a usage message', () => {
    expect(cli('frobnicate').status).toBe(64);
    expect(cli('get', 'NOPE').stderr).toMatch(/unknown series NOPE/);
  });
});

describe('npm start', () => {
  it('runs (until the UI lands it shows the status table)', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), 'help'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(out).toMatch(/Reservoir command line/);
  });
});
