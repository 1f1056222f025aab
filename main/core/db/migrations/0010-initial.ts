import type { Migration } from '../migrate.js';

/**
 * Version 10: catalog, observations (canonical units), revisions, sync runs, settings.
 * Shipped migrations are never edited; a change is a new numbered file.
 */
export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE series (
        id              TEXT PRIMARY KEY,
        title           TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('fred', 'nyfed', 'fiscaldata')),
        source_key      TEXT NOT NULL,
        native_units    TEXT NOT NULL,
        canonical_units TEXT NOT NULL,
        scale           REAL NOT NULL,
        conversion      TEXT NOT NULL,
        basis           TEXT NOT NULL CHECK (basis IN ('daily', 'wed_level', 'week_avg', 'quarterly')),
        frequency       TEXT NOT NULL CHECK (frequency IN ('D', 'W', 'Q')),
        first_date      TEXT,
        last_date       TEXT,
        row_count       INTEGER NOT NULL DEFAULT 0,
        last_synced_at  TEXT,
        last_error      TEXT,
        last_error_at   TEXT
      ) STRICT;

      CREATE TABLE observations (
        series_id TEXT NOT NULL REFERENCES series (id),
        date      TEXT NOT NULL,
        value     REAL NOT NULL,
        origin    TEXT NOT NULL CHECK (origin IN ('snapshot', 'sync', 'import')),
        PRIMARY KEY (series_id, date)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_runs (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        trigger     TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'cancelled'))
      ) STRICT;

      CREATE TABLE sync_run_series (
        run_id       INTEGER NOT NULL REFERENCES sync_runs (id),
        series_id    TEXT NOT NULL REFERENCES series (id),
        outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'cancelled')),
        rows_written INTEGER NOT NULL DEFAULT 0,
        revisions    INTEGER NOT NULL DEFAULT 0,
        error        TEXT,
        PRIMARY KEY (run_id, series_id)
      ) STRICT;

      CREATE TABLE revisions (
        id        INTEGER PRIMARY KEY,
        series_id TEXT NOT NULL REFERENCES series (id),
        date      TEXT NOT NULL,
        old_value REAL NOT NULL,
        new_value REAL NOT NULL,
        seen_at   TEXT NOT NULL,
        run_id    INTEGER REFERENCES sync_runs (id)
      ) STRICT;
      CREATE INDEX revisions_by_series ON revisions (series_id, date);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
