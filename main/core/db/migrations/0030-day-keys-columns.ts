import type { Migration } from '../migrate.js';
import { rebuildColumns } from '../repos/series-columns.js';

/**
 * Version 30: observations keyed by integer UTC epoch day with an integer origin code, plus a
 * columnar copy of each series (`series_columns`).
 *
 * Why (measured by `npm run bench`, issue 6): text dates as keys cost ~40% of the write rate and every
 * read decoded a string per row; a 1,000,000-row load reached 0.55M rows/s and a full daily series
 * (26k rows) took 6–12 ms to read. Integer keys halve the row size; the column copy turns "one series,
 * full history" into one blob read. The row table stays the record of truth (as-of SQL, revisions,
 * CLI `get`); the column copy is written in the same transaction and rebuilt when its length disagrees.
 * No per-row foreign key: checking series(id) for every row cost ~20% of a bulk load; the one writer
 * (observations-repo) checks the series once per batch instead.
 */
export const m0030DayKeysColumns: Migration = {
  version: 30,
  name: 'day-keys-columns',
  up(db) {
    db.exec(`
      CREATE TABLE observations_v30 (
        series_id TEXT NOT NULL,
        day       INTEGER NOT NULL,  -- UTC days since 1970-01-01 (2025-10-31 = 20392)
        value     REAL NOT NULL,
        origin    INTEGER NOT NULL CHECK (origin IN (0, 1, 2)),  -- 0 snapshot, 1 sync, 2 import
        PRIMARY KEY (series_id, day)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO observations_v30 (series_id, day, value, origin)
        SELECT series_id,
               CAST(round(julianday(date) - 2440587.5) AS INTEGER),
               value,
               CASE origin WHEN 'snapshot' THEN 0 WHEN 'sync' THEN 1 ELSE 2 END
        FROM observations;

      DROP TABLE observations;
      ALTER TABLE observations_v30 RENAME TO observations;

      CREATE TABLE series_columns (
        series_id TEXT PRIMARY KEY REFERENCES series (id),
        days      BLOB NOT NULL,  -- Int32 little-endian epoch days, ascending
        vals      BLOB NOT NULL,  -- Float64 little-endian values, canonical units
        origins   BLOB NOT NULL   -- Uint8 origin codes
      ) STRICT;
    `);
    const ids = db.prepare('SELECT DISTINCT series_id FROM observations').pluck().all() as string[];
    for (const id of ids) rebuildColumns(db, id);
  },
};
