/** `npm run cli -- import` as a user runs it, for the formats added in issue 10 §6 (a child process, new data dir). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile, REPO_ROOT } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', tmp.dir], { cwd: REPO_ROOT, encoding: 'utf8' });

beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

describe('npm run cli -- import', () => {
  it('a DDP file: one line per series written, the skipped columns grouped by reason', () => {
    const r = cli('import', dataFile('ddp/FRB_H41.FilippoCaramatti__H8_report.csv'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported TREAST from ddp-csv RESPPALGUO_N.WW: 100 rows \(0 new, 0 revised, 100 unchanged/);
    expect(r.stdout).toMatch(/imported WRESBAL from ddp-csv RESH4R_XAW_N.WW: 100 rows/);
    expect(r.stdout).toMatch(/series written in one transaction/);
    expect(r.stdout).toMatch(/skipped 175 columns \(not imported\):/);
    expect(r.stdout).toMatch(/ {2}RESPPALGUOB_XAW_N.WW: no FRED id for the week average; WSHOBL is RESPPALGUOB_N.WW \(Wednesday level\)/);
  });

  it('a multi-column file: refused with its columns, then one column with --column', () => {
    const rates = dataFile('derived/heliar-k__market-base/rates.csv');
    const no = cli('import', rates);
    expect(no.status).toBe(1);
    expect(no.stderr).toMatch(/import failed, nothing was written: this file has 28 value columns \(FEDFUNDS, DFF, .*\): say which to import with --column NAME/);
    const yes = cli('import', rates, '--column', 'ONRRP', '--series', 'RRPONTSYAWARD');
    expect(yes.status, yes.stderr).toBe(0);
    expect(yes.stdout).toMatch(/imported RRPONTSYAWARD from wide-csv ONRRP: 3145 rows/);
  });
});
