import type { Migration } from '../migrate.js';

/**
 * Version 60 (issue 13 §7): user-defined alerts and their history.
 * - `alerts`: a series or formula against a threshold (above, at or above, below, at or below,
 *   crosses), optionally not counting calendar-expected days. The seed thresholds of the issue are
 *   inserted as presets (the user may disable or delete them; `preset` names the seed).
 * - `alert_events`: every trigger seen by an evaluation (at start and after each sync), one row per
 *   alert and observation date, with when it was first recorded.
 * Self-contained SQL: this file never imports repository code (design.md §8).
 */
const PRESETS: readonly (readonly [string, string, string, string, number])[] = [
  ['sofr_iorb_pos', 'SOFR − IORB > 0 bp', 'bp(SOFR, IORB)', 'above', 0],
  ['sofr_iorb_10', 'SOFR − IORB ≥ 10 bp', 'bp(SOFR, IORB)', 'at_or_above', 10],
  ['sofr_above_top', 'SOFR above the top of the range', 'bp(SOFR, DFEDTARU)', 'above', 0],
  ['srf_25', 'SRF take-up > $25bn', 'RPONTTLD', 'above', 25],
  ['srf_50', 'SRF take-up > $50bn', 'RPONTTLD', 'above', 50],
  ['reserves_gdp_10', 'Reserves / GDP < 10%', '100 * WRESBAL / GDP', 'below', 10],
  ['sofr_rrp_ma10_20', '10-day SOFR − ON RRP ≥ 20 bp', 'ma(bp(SOFR, RRPONTSYAWARD), 10)', 'at_or_above', 20],
  ['reserves_2500', 'Reserves < $2.5tn', 'WRESBAL', 'below', 2500],
];

export const m0060Alerts: Migration = {
  version: 60,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        formula        TEXT NOT NULL,
        op             TEXT NOT NULL CHECK (op IN ('above', 'at_or_above', 'below', 'at_or_below', 'crosses')),
        threshold      REAL NOT NULL,
        skip_calendar  INTEGER NOT NULL DEFAULT 0 CHECK (skip_calendar IN (0, 1)),
        enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        preset         TEXT,
        position       INTEGER NOT NULL,
        created_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alert_events (
        alert_id     TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        obs_date     TEXT NOT NULL,
        value        REAL NOT NULL,
        recorded_at  TEXT NOT NULL,
        PRIMARY KEY (alert_id, obs_date)
      ) STRICT, WITHOUT ROWID;
    `);
    const ins = db.prepare('INSERT INTO alerts (id, name, formula, op, threshold, skip_calendar, enabled, preset, position, created_at) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?, ?)');
    PRESETS.forEach(([preset, name, formula, op, threshold], i) => ins.run(`preset:${preset}`, name, formula, op, threshold, preset, i, '1970-01-01T00:00:00.000Z'));
  },
};
