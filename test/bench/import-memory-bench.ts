/**
 * Peak memory of `npm run cli -- import` on a 57 MB, 3.6M-row file (issue 11 §5: it peaked at 2.0 GB).
 * The file is SYNTHETIC, generated here: FRED's two-column format (`observation_date,DFF`), DFF's
 * real date range (1954-07-01 … 2025-12-31, 26,117 days) cycled 138 times with the same made-up
 * value per date each time, so the file is as long as the tester's but the import dedups it to one
 * history and succeeds (the catalog allows no 3.6M distinct days for any series). Each run is a child
 * process on a new data dir; its peak RSS is `process.resourceUsage().maxRSS`, written at exit by a
 * preload module so the CLI itself stays unchanged.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { addDays, type IsoDate } from '../../shared/time/iso-date.js';
import { REPO_ROOT } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';
import { summarize, type Figure } from './stats.js';

export const SYNTHETIC_ROWS = 3_600_000;

/** Writes the SYNTHETIC file; returns its size in bytes. */
export function writeSyntheticFredCsv(file: string, rows = SYNTHETIC_ROWS): number {
  const first = '1954-07-01' as IsoDate;
  const days: string[] = [];
  for (let d = first; d <= '2025-12-31'; d = addDays(d, 1)) days.push(d);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'observation_date,DFF\n');
    let buf = '';
    for (let i = 0; i < rows; i++) {
      const k = i % days.length;
      // A made-up rate between 0.05% and 6% with two decimals: the value of a date is the same in every cycle.
      buf += `${days[k] ?? first},${(3 + 2.95 * Math.sin(k / 900)).toFixed(2)}\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

/** One CLI import in a child process; its peak RSS in MB. */
function importPeakMb(file: string, dir: string, run: number): number {
  const rssFile = path.join(dir, `maxrss-${run}.txt`);
  const dataDir = path.join(dir, `data-${run}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(REPO_ROOT, 'test/bench/report-maxrss.mjs'), path.join(REPO_ROOT, 'main/core/cli/main.ts'), 'import', file, '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, RESERVOIR_MAXRSS_FILE: rssFile },
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`import bench: the CLI failed (${r.status}): ${r.stderr.slice(0, 400)}`);
  if (!/imported DFF from fred-csv: 26117 rows/.test(r.stdout)) throw new Error(`import bench: unexpected CLI output: ${r.stdout.slice(0, 400)}`);
  return Number(readFileSync(rssFile, 'utf8')) / 1024; // maxRSS is in kilobytes
}

export function importMemoryFigures(runs = 3): Figure[] {
  const t = tempDir('reservoir-bench-import-');
  try {
    const file = path.join(t.dir, 'SYNTHETIC-DFF-3.6M.csv');
    const bytes = writeSyntheticFredCsv(file);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(importPeakMb(file, t.dir, i));
    const s = summarize(samples);
    return [
      {
        name: `import: peak RSS of the CLI on ${(bytes / 1e6).toFixed(0)} MB, 3.6M rows (SYNTHETIC FRED CSV)`,
        unit: 'MB',
        ...s,
        goal: '≤ 400 MB (was 2.0 GB)',
        met: s.median <= 400,
        note: 'whole child process: Node, tsx, SQLite and the import',
      },
    ];
  } finally {
    t.cleanup();
  }
}
