/**
 * `npm run cli -- import` refused for every kind of reason (issue 11 §5: in 5 of 41 cases `status`
 * then showed an error on good data): `status --json` reports the same last errors afterwards and the
 * database file's sha256 is unchanged. Child processes on one data dir, as a user runs them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readData } from '../../../support/fixtures.js';
import { dataFile, REPO_ROOT } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', path.join(tmp.dir, 'data')], { cwd: REPO_ROOT, encoding: 'utf8' });
const write = (name: string, body: string | Buffer): string => {
  const f = path.join(tmp.dir, name);
  writeFileSync(f, body);
  return f;
};
const sha = (): string => createHash('sha256').update(readFileSync(path.join(tmp.dir, 'data', 'reservoir.sqlite'))).digest('hex');
const lastErrors = (): unknown => {
  const r = cli('status', '--json');
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { series: { id: string; lastError: string | null }[] }).series.map((s) => [s.id, s.lastError]);
};

beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

describe('a refused CLI import leaves `status` and the database file as they were', () => {
  it('UTF-16, a parse error, a guard, a unit change, a weekly file, an unknown series, a DTS extra field', () => {
    // A store with real data: the seed, then the real WTREGEN and DTS files imported.
    expect(cli('import', dataFile('fred/WTREGEN.csv')).status).toBe(0);
    expect(cli('import', dataFile('fiscaldata/DTS_OpCashBal_20210624_20260623.csv')).status).toBe(0);
    const errorsBefore = lastErrors();
    const before = sha();
    const walcl = readData('fred/WALCL.csv');
    const wtregen = readData('fred/WTREGEN.csv');
    const dtsLines = readData('fiscaldata/DTS_OpCashBal_20210624_20260623.csv').split('\n');
    const CASES: readonly [string, string, string[], RegExp][] = [
      ['WALCL.UTF-16.CONVERTED.csv', '', [], /this file is UTF-16 \(little-endian byte-order mark FF FE\), not UTF-8: save it as UTF-8/],
      ['WALCL.bad-date.EDITED.csv', walcl.replace('2003-01-08', '2003-01-32'), [], /"2003-01-32" is not a date/],
      ['WALCL.x1e6.EDITED.csv', walcl.replace(/\n(2003-01-08),(\d+)/, '\n$1,$2000000'), [], /outside the possible range/],
      ['WTREGEN-in-billions.SYNTHETIC.csv', wtregen.replace(/,(\d+)\.000/g, (_m, v: string) => `,${(Number(v) / 1000).toFixed(6)}`), [], /these values look like billions; WTREGEN is published in millions/],
      ['WALCL.as-DFF.csv', walcl, ['--series', 'DFF'], /the file is for WALCL, not DFF/],
      ['WALCL.unknown.csv', walcl.replace('observation_date,WALCL', 'observation_date,NOSUCH'), [], /unknown series NOSUCH/],
      ['DTS.extra-field.EDITED.csv', dtsLines.map((l, i) => (i === 0 || l === '' ? l : `${l},x`)).join('\n'), [], /this DTS export has an extra column with no name in the header/],
    ];
    for (const [name, body, args, message] of CASES) {
      const bytes = name.includes('UTF-16') ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(walcl, 'utf16le')]) : body;
      const r = cli('import', write(name, bytes), ...args);
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toMatch(/^import failed, nothing was written: /);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).not.toMatch(/\n\s+at /);
    }
    expect(lastErrors()).toEqual(errorsBefore);
    expect(sha()).toBe(before);
  });
});
