import type { Migration } from '../migrate.js';

/**
 * Version 40: the catalog grows beyond FRED / NY Fed / DTS (OFR repo volumes, Treasury debt and
 * auctions, market context) and beyond daily/weekly/quarterly (monthly MSPD and M2), so the `series`
 * table's CHECK constraints are widened. SQLite cannot alter a CHECK, so the table is rebuilt with
 * the same columns (the 12-step procedure; the runner turns foreign keys off around it). Revisions
 * gain `scale`: the factor a user stated with `import --scale F`, kept beside the values it produced.
 * Self-contained SQL: this file never imports repository code (design.md §8).
 */
export const m0040WiderCatalog: Migration = {
  version: 40,
  name: 'wider-catalog',
  rebuildsReferencedTable: true,
  up(db) {
    db.exec(`
      DROP VIEW observations_by_date;

      CREATE TABLE series_v40 (
        id              TEXT PRIMARY KEY,
        title           TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('fred', 'nyfed', 'fiscaldata', 'ofr', 'yahoo')),
        source_key      TEXT NOT NULL,
        native_units    TEXT NOT NULL,
        canonical_units TEXT NOT NULL,
        scale           REAL NOT NULL,
        conversion      TEXT NOT NULL,
        basis           TEXT NOT NULL CHECK (basis IN ('daily', 'wed_level', 'week_avg', 'weekly', 'monthly', 'month_end', 'quarterly')),
        frequency       TEXT NOT NULL CHECK (frequency IN ('D', 'W', 'M', 'Q')),
        first_date      TEXT,
        last_date       TEXT,
        row_count       INTEGER NOT NULL DEFAULT 0,
        last_synced_at  TEXT,
        last_error      TEXT,
        last_error_at   TEXT,
        num             INTEGER
      ) STRICT;
      INSERT INTO series_v40 (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency,
                              first_date, last_date, row_count, last_synced_at, last_error, last_error_at, num)
        SELECT id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency,
               first_date, last_date, row_count, last_synced_at, last_error, last_error_at, num FROM series;
      DROP TABLE series;
      ALTER TABLE series_v40 RENAME TO series;
      CREATE UNIQUE INDEX series_by_num ON series (num);

      CREATE VIEW observations_by_date AS
        SELECT s.id AS series_id,
               date((o.key - s.num * 16777216 - 8388608) * 86400, 'unixepoch') AS date,
               o.value AS value,
               CASE o.origin WHEN 0 THEN 'snapshot' WHEN 1 THEN 'sync' ELSE 'import' END AS origin
        FROM observations AS o JOIN series AS s ON s.num = o.key / 16777216;

      ALTER TABLE revisions ADD COLUMN scale REAL;  -- NULL: no user-stated conversion
    `);
  },
};
