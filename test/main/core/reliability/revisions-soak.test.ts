/**
 * The revisions table is bounded (issue 11 §3; found: alternating imports grew a file from 3.4 to
 * 72 MB in six minutes). Policy in main/core/db/repos/revisions-retention.ts and the README.
 *
 * The soak imports the real WRESBAL file (shared/data/fred/WRESBAL.csv, 261 weeks) and the same file
 * with every value +0.001, alternately, 200 times through the app's import path. The +0.001 pattern
 * is SYNTHETIC: it exists only to make every row a revision on every import.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import { capRevisionsPerObservation, OLD_REVISIONS_PER_SERIES, pruneAllRevisions, recentCutoff, REVISIONS_PER_OBSERVATION } from '../../../../main/core/db/repos/revisions-retention.js';
import { importCsvText } from '../../../../main/core/import/import-csv.js';
import { DB_FILE, openStore } from '../../../../main/core/store.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { dataFile } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

const START = Date.parse('2026-11-21T12:00:00Z');
const REAL = readFileSync(dataFile('fred/WRESBAL.csv'), 'utf8');
/** SYNTHETIC: the real file with every value +0.001. */
const NUDGED = REAL.split('\n')
  .map((line, i) => {
    const [date, value] = line.split(',');
    return i === 0 || value === undefined || value.trim() === '' || value.trim() === '.' ? line : `${date},${(Number(value) + 0.001).toFixed(3)}`;
  })
  .join('\n');
const ROWS = REAL.trim().split('\n').length - 1;

describe('revisions stay bounded', () => {
  it('200 alternating imports of WRESBAL: the revision count and the file size plateau', () => {
    const t = tempDir();
    const store = openStore({ dataDir: t.dir, now: () => START, backups: false, snapshot: null });
    try {
      const file = path.join(t.dir, DB_FILE);
      const revisions = (): number => Number(store.db.prepare("SELECT count(*) FROM revisions WHERE series_id = 'WRESBAL'").pluck().get());
      const bytes = (): number => {
        // The main file after a full checkpoint: what the user sees grow on disk.
        store.db.pragma('wal_checkpoint(TRUNCATE)');
        return statSync(file).size;
      };
      const samples: { i: number; revisions: number; bytes: number }[] = [];
      const began = performance.now();
      for (let i = 0; i < 200; i++) {
        // A quick session: one import every 90 seconds, so everything stays within the two years.
        const seenAt = new Date(START + i * 90_000).toISOString();
        const r = importCsvText(store.db, i % 2 === 0 ? REAL : NUDGED, { seriesId: 'WRESBAL', seenAt });
        if (!r.ok) throw new Error(r.error);
        if ((i + 1) % 50 === 0) samples.push({ i: i + 1, revisions: revisions(), bytes: bytes() });
      }
      const seconds = (performance.now() - began) / 1000;
      // What the bound costs each batch once the table is full (one prune of this series).
      const p0 = performance.now();
      store.db.transaction(() => capRevisionsPerObservation(store.db, 'WRESBAL'))();
      const pruneMs = performance.now() - p0;
      const unbounded = ROWS * 199;
      console.log(
        `revisions soak (SYNTHETIC +0.001 alternation of the real WRESBAL, ${ROWS} rows): 200 imports in ${seconds.toFixed(1)} s; ` +
          samples.map((s) => `after ${s.i}: ${s.revisions} revisions, ${(s.bytes / 1e6).toFixed(2)} MB`).join('; ') +
          `; without the bound: ${unbounded} revisions; the per-batch cap on the full table ${pruneMs.toFixed(1)} ms`,
      );
      const last = samples.at(-1);
      const half = samples[1];
      if (last === undefined || half === undefined) throw new Error('no samples');
      // At most 50 per observation, and reached by the 51st import.
      expect(last.revisions).toBe(ROWS * REVISIONS_PER_OBSERVATION);
      expect(half.revisions).toBe(last.revisions);
      // The file stops growing once the table is full: deleted rows' pages are reused.
      expect(last.bytes).toBeLessThanOrEqual(half.bytes * 1.05);
      // The newest 50 are the ones kept: the last import's revisions are all there.
      const lastSeen = new Date(START + 199 * 90_000).toISOString();
      expect(Number(store.db.prepare('SELECT count(*) FROM revisions WHERE seen_at = ?').pluck().get(lastSeen))).toBe(ROWS);
    } finally {
      store.close();
      t.cleanup();
    }
  });

  it('two years are counted from when a revision was recorded (seen_at), not from the observation’s date', () => {
    const t = tempDir();
    const store = openStore({ dataDir: t.dir, now: () => START, backups: false, snapshot: null });
    try {
      const db = store.db;
      const write = (date: string, value: number, seenAt: string): void => {
        writeSeriesBatch(db, 'WALCL', [{ date: date as IsoDate, value }], { origin: 'import', mode: 'overwrite', seenAt, checks: 'none' });
      };
      const count = (where = '1 = 1'): number => Number(db.prepare(`SELECT count(*) FROM revisions WHERE series_id = 'WALCL' AND ${where}`).pluck().get());
      const years = (n: number, ms = 0): string => {
        const d = new Date(START + ms);
        d.setUTCFullYear(d.getUTCFullYear() - n);
        return d.toISOString();
      };
      // 80 revisions recorded three years ago, on 80 different (recent-looking) observation dates.
      for (let k = 0; k < 80; k++) {
        const date = new Date(Date.parse('2023-01-04') + k * 7 * 86_400_000).toISOString().slice(0, 10);
        write(date, 100, years(3, k * 1000));
        write(date, 101, years(3, k * 1000 + 500));
      }
      // A 2003 observation revised one day short of two years ago: recent, because seen_at is.
      write('2003-01-01', 700, years(2, 86_400_000));
      write('2003-01-01', 701, years(2, 86_400_000 + 1));
      // Prune as of now (the start-up pass does this).
      pruneAllRevisions(db, new Date(START).toISOString());
      const cutoff = recentCutoff(new Date(START).toISOString()) ?? '';
      expect(cutoff).toBe('2024-11-21T12:00:00.000Z');
      expect(count('julianday(seen_at) < julianday(?)'.replace('?', `'${cutoff}'`))).toBe(OLD_REVISIONS_PER_SERIES);
      // The 50 old ones kept are the newest by seen_at.
      const oldestKept = String(db.prepare("SELECT min(seen_at) FROM revisions WHERE series_id = 'WALCL' AND date != '2003-01-01'").pluck().get());
      expect(oldestKept).toBe(years(3, 30 * 1000 + 500));
      expect(count("date = '2003-01-01'")).toBe(1);
      // A new revision now is simply added (the batch applies only the per-observation cap).
      write('2023-01-04', 102, new Date(START).toISOString());
      expect(count()).toBe(OLD_REVISIONS_PER_SERIES + 2);
      // The per-observation cap, within the two years: 60 revisions of one date → the newest 50.
      for (let k = 0; k < 60; k++) write('2026-11-04', 5000 + k, new Date(START + k * 1000).toISOString());
      expect(count("date = '2026-11-04'")).toBe(REVISIONS_PER_OBSERVATION);
      expect(Number(db.prepare("SELECT min(new_value) FROM revisions WHERE date = '2026-11-04'").pluck().get())).toBe(5010);
      db.exec("DELETE FROM revisions WHERE date = '2026-11-04'");
      // A seen_at that is not an instant is never counted as old.
      write('2025-06-06', 1, 'before');
      write('2025-06-06', 2, 'before');
      pruneAllRevisions(db, new Date(START + 10 * 365 * 86_400_000).toISOString());
      expect(count("seen_at = 'before'")).toBe(1);
      console.log(`revisions policy: 80 recorded 3 years ago → ${OLD_REVISIONS_PER_SERIES} kept (newest by seen_at); a 2003 observation revised 1 day inside two years kept; cutoff ${cutoff}`);
    } finally {
      store.close();
      t.cleanup();
    }
  });
});
