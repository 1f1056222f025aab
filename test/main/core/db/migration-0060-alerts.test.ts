/** Migration 0060: alerts and their history on a version-50 store, the presets seeded. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/core/db/migrate.js';
import { MIGRATIONS } from '../../../../main/core/db/migrations/index.js';

describe('0060-alerts', () => {
  it('adds alerts (with the eight presets) and alert_events, which go with their alert', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 50));
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 60))).toEqual([60]);
    expect(db.prepare('SELECT id FROM alerts ORDER BY position').pluck().all()).toEqual([
      'preset:sofr_iorb_pos',
      'preset:sofr_iorb_10',
      'preset:sofr_above_top',
      'preset:srf_25',
      'preset:srf_50',
      'preset:reserves_gdp_10',
      'preset:sofr_rrp_ma10_20',
      'preset:reserves_2500',
    ]);
    expect(() => db.prepare("UPDATE alerts SET op = 'sideways' WHERE id = 'preset:srf_25'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO alert_events (alert_id, obs_date, value, recorded_at) VALUES ('preset:srf_50', '2025-10-31', 50.35, 't')").run();
    expect(() => db.prepare("INSERT INTO alert_events (alert_id, obs_date, value, recorded_at) VALUES ('nope', '2025-10-31', 1, 't')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM alerts WHERE id = 'preset:srf_50'").run();
    expect(db.prepare('SELECT COUNT(*) FROM alert_events').pluck().get()).toBe(0);
  });
});
