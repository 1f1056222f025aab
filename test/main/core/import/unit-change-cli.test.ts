/**
 * Issue 10 §1 as a user meets it: `npm run cli -- import` of a file in the wrong unit, of the wrong
 * frequency or with an impossible date is refused with the reason named, and the database file is
 * byte for byte what it was. The files are SYNTHETIC, each made from a real file in ../shared/data by
 * one transformation (÷ 1000, thinned to Wednesdays, one row re-dated), and labelled so.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readData } from '../../../support/fixtures.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
let files: ReturnType<typeof tempDir>;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', tmp.dir], { cwd: REPO_ROOT, encoding: 'utf8' });

/** Every file of the data dir with its SHA-256 (the database, any WAL, the backups). */
function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(`${path.relative(tmp.dir, p)}:`).update(readFileSync(p));
    }
  };
  walk(tmp.dir);
  return h.digest('hex');
}

function write(name: string, text: string): string {
  const p = path.join(files.dir, name);
  writeFileSync(p, text);
  return p;
}

const mapValues = (text: string, f: (v: number) => string): string =>
  text
    .split('\n')
    .map((l, i) => {
      const [d, v] = l.split(',');
      return i === 0 || v === undefined || v.trim() === '' ? l : `${d},${f(Number(v))}`;
    })
    .join('\n');

beforeAll(() => {
  tmp = tempDir();
  files = tempDir();
  expect(cli('status').status).toBe(0);
});
afterAll(() => {
  tmp.cleanup();
  files.cleanup();
});

describe('import refuses a unit, frequency or date change and leaves the database byte for byte', () => {
  it('a billions copy of a millions series (SYNTHETIC: real WTREGEN ÷ 1000), then the same with --scale 1000', () => {
    const file = write('WTREGEN-in-billions.SYNTHETIC.csv', mapValues(readData('fred/WTREGEN.csv'), (v) => (v / 1000).toFixed(6)));
    const before = fingerprint();
    const r = cli('import', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import failed, nothing was written: these values look like billions; WTREGEN is published in millions \(compared on \d+ dates\) — re-download it from FRED or pass --scale 1000/);
    expect(fingerprint()).toBe(before);
    const ok = cli('import', file, '--scale', '1000');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/imported WTREGEN from fred-csv: 985 rows \(0 new, 0 revised, 985 unchanged/);
    expect(cli('import', file, '--scale', 'lots').stderr).toMatch(/--scale needs a positive number/);
  });

  it('a weekly file for a daily series (SYNTHETIC: real RRPONTSYD cut to Wednesdays) needs --allow-frequency', () => {
    const text = readData('fred/RRPONTSYD.csv')
      .split('\n')
      .filter((l, i) => i === 0 || (l.length > 10 && new Date(`${l.slice(0, 10)}T00:00:00Z`).getUTCDay() === 3))
      .join('\n');
    const file = write('RRPONTSYD-wednesdays.SYNTHETIC.csv', text);
    const before = fingerprint();
    const r = cli('import', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/these dates are weekly \(\d+ of \d+ dates on a Wednesday, 7 days apart\), but RRPONTSYD is a daily series — import the daily file, or pass --allow-frequency/);
    expect(fingerprint()).toBe(before);
    expect(cli('import', file, '--allow-frequency').status).toBe(0);
  });

  it('a row dated 9999-12-29 (SYNTHETIC: the real WALCL file plus that row)', () => {
    const file = write('WALCL-9999.SYNTHETIC.csv', `${readData('fred/WALCL.csv').trimEnd()}\n9999-12-29,6730912\n`);
    const before = fingerprint();
    const r = cli('import', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/WALCL 9999-12-29: dated after today \(\d{4}-\d{2}-\d{2}\); an observation cannot come from the future/);
    expect(fingerprint()).toBe(before);
  });
});
