import type { Migration } from '../migrate.js';

/**
 * Version 50 (issue 12):
 * - `user_series`: FRED series the user added by id from the Data view. The `series` row (units,
 *   conversion, number) is written beside it exactly as for a built-in series; this table keeps what
 *   only a user entry has: the FRED id, FRED's own words for units, frequency and seasonal adjustment,
 *   and whether they came from FRED's series endpoint or were entered and confirmed by the user.
 * - `sync_runs.message`: one sentence for a run that stopped as a whole ("No network: …"), so the
 *   Monitor can say when and why the last sync failed even after a restart.
 * Self-contained SQL: this file never imports repository code (design.md §8).
 */
export const m0050UserSeriesRunMessages: Migration = {
  version: 50,
  name: 'user-series-run-messages',
  up(db) {
    db.exec(`
      CREATE TABLE user_series (
        id                  TEXT PRIMARY KEY REFERENCES series (id),
        fred_id             TEXT NOT NULL,
        fred_units          TEXT NOT NULL,  -- FRED's words, e.g. 'Millions of Dollars'
        native_units        TEXT NOT NULL CHECK (native_units IN ('usd_mn', 'usd_bn', 'usd_bn_saar', 'percent', 'index')),
        fred_frequency      TEXT NOT NULL,  -- e.g. 'Weekly, As of Wednesday'
        frequency           TEXT NOT NULL CHECK (frequency IN ('D', 'W', 'M', 'Q')),
        basis               TEXT NOT NULL CHECK (basis IN ('daily', 'wed_level', 'week_avg', 'weekly', 'monthly', 'month_end', 'quarterly')),
        every_day           INTEGER NOT NULL DEFAULT 0 CHECK (every_day IN (0, 1)),
        seasonal_adjustment TEXT NOT NULL,
        metadata_from       TEXT NOT NULL CHECK (metadata_from IN ('fred-api', 'user')),
        added_at            TEXT NOT NULL
      ) STRICT;

      ALTER TABLE sync_runs ADD COLUMN message TEXT;  -- NULL: the run went series by series
    `);
  },
};
