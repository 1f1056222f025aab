import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMigrationList, DatabaseFromFutureError, migrate, MigrationError, type Migration } from '../../../../main/core/db/migrate.js';
import { m0010Initial } from '../../../../main/core/db/migrations/0010-initial.js';
import { MIGRATIONS } from '../../../../main/core/db/migrations/index.js';
import { m0020ScenariosLayouts } from '../../../../main/core/db/migrations/0020-scenarios-layouts.js';
import { m0030DayKeysColumns } from '../../../../main/core/db/migrations/0030-day-keys-columns.js';
import { getColumns, getObservations, writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import { keyOf } from '../../../../main/core/db/repos/observation-keys.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { upsertCatalog } from '../../../../main/core/db/repos/series-repo.js';
import { CATALOG } from '../../../../shared/catalog.js';
import { APPLICATION_ID, ForeignDatabaseError, openDatabase } from '../../../../main/core/db/open-database.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates a WAL database with foreign keys, our application_id and the latest schema', () => {
    const db = openDatabase(path.join(tmp.dir, 'r.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('refuses a database written by a newer Reservoir, and leaves it untouched', () => {
    const file = path.join(tmp.dir, 'future.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 990');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(990);
    again.close();
  });

  it("refuses another program's SQLite file and a non-SQLite file", () => {
    const foreign = path.join(tmp.dir, 'foreign.sqlite');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(() => openDatabase(foreign)).toThrow(ForeignDatabaseError);
    const other = new Database(path.join(tmp.dir, 'app.sqlite'));
    other.pragma('application_id = 42');
    other.pragma('user_version = 1');
    other.close();
    expect(() => openDatabase(path.join(tmp.dir, 'app.sqlite'))).toThrow(/not a Reservoir database \(application_id 42\)/);
    const junk = path.join(tmp.dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database at all, just some text that is long enough to be read as a header');
    expect(() => openDatabase(junk)).toThrow(/not a database/);
  });
});

describe('migration runner', () => {
  const noop = (version: number): Migration => ({ version, name: `v${version}`, up: () => undefined });

  it('refuses an out-of-order or duplicated list', () => {
    expect(() => checkMigrationList([noop(10), noop(30), noop(20)])).toThrow(MigrationError);
    expect(() => checkMigrationList([noop(10), noop(10)])).toThrow(/out of order/);
  });

  it('applies pending migrations in order, each in its own transaction, and calls the backup hook first', () => {
    const db = new Database(':memory:');
    const seen: string[] = [];
    migrate(db, [noop(10)]);
    const applied = migrate(db, [noop(10), { version: 20, name: 'b', up: () => seen.push('20') }, { version: 30, name: 'c', up: () => seen.push('30') }], (from) => seen.push(`backup@${from}`));
    expect(applied).toEqual([20, 30]);
    expect(seen).toEqual(['backup@10', '20', '30']);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
  });

  it('rolls a failing migration back completely and keeps the old version', () => {
    const db = new Database(':memory:');
    migrate(db, [m0010Initial]);
    const bad: Migration = {
      version: 20,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [m0010Initial, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('refuses a version no migration produces', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 15');
    expect(() => migrate(db, [noop(10), noop(20)])).toThrow(/no migration produces/);
  });
});

describe('0010-initial', () => {
  it('creates the catalog, observations (WITHOUT ROWID), revisions, sync runs and settings tables', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [m0010Initial]);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['observations', 'revisions', 'series', 'settings', 'sync_run_series', 'sync_runs']);
    const obsSql = String(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'observations'").pluck().get());
    expect(obsSql).toMatch(/WITHOUT ROWID/);
    expect(() => db.prepare("INSERT INTO observations VALUES ('NOPE', '2025-01-01', 1, 'sync')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency) VALUES ('X','x','yahoo','{}','usd_mn','usd_bn',0.001,'','daily','D')").run()).toThrow(/CHECK/);
  });
});

describe('0020-scenarios-layouts', () => {
  it('adds scenarios (unique names) and layouts to a version-10 database, keeping its data', () => {
    const db = new Database(':memory:');
    migrate(db, [m0010Initial]);
    db.prepare("INSERT INTO settings VALUES ('k', 'v')").run();
    expect(migrate(db, [m0010Initial, m0020ScenariosLayouts])).toEqual([20]);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
    const ins = db.prepare("INSERT INTO scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES (?, '{}', '{}', 'c', '2026-08-19', 1, 't', 't')");
    ins.run('A');
    expect(() => ins.run('A')).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO layouts (name, panels, updated_at) VALUES ('L', '[]', 't')").run();
    expect(db.pragma('user_version', { simple: true })).toBe(20);
  });
});

describe('0030-day-keys-columns', () => {
  it('re-keys a version-20 store by (series number, epoch day), maps origins, and builds the column copy from the rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [m0010Initial, m0020ScenariosLayouts]);
    // Two catalog rows as v20 stored them (no series number yet).
    const series = db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency) VALUES (?, ?, 'fred', '{}', 'usd_bn', 'usd_bn', 1, '', ?, ?)");
    series.run('WRESBAL', 'Reserves', 'week_avg', 'W');
    series.run('RPONTTLD', 'SRF take-up', 'daily', 'D');
    // Real WRESBAL week averages ($bn, shared/data/fred/WRESBAL.csv) and the 2025-10-31 SRF take-up, as v20 stored them.
    const ins = db.prepare('INSERT INTO observations (series_id, date, value, origin) VALUES (?, ?, ?, ?)');
    ins.run('WRESBAL', '2025-10-29', 2848.021, 'sync');
    ins.run('WRESBAL', '2025-10-15', 3019.028, 'snapshot');
    ins.run('WRESBAL', '2025-10-22', 2933.037, 'import');
    ins.run('RPONTTLD', '2025-10-31', 50.35, 'snapshot');
    expect(migrate(db, [m0010Initial, m0020ScenariosLayouts, m0030DayKeysColumns])).toEqual([30]);
    // WRESBAL is series 1 and RPONTTLD series 2: key = num × 2^24 + 2^23 + day.
    expect(db.prepare('SELECT id, num FROM series ORDER BY num').raw().all()).toEqual([['WRESBAL', 1], ['RPONTTLD', 2]]);
    expect(db.prepare('SELECT key, value, origin FROM observations ORDER BY key').raw().all()).toEqual([
      [keyOf(1, 20_376), 3019.028, 0],
      [keyOf(1, 20_383), 2933.037, 2],
      [keyOf(1, 20_390), 2848.021, 1],
      [keyOf(2, 20_392), 50.35, 0],
    ]);
    expect(keyOf(1, 20_376)).toBe(16_777_216 + 8_388_608 + 20_376);
    expect(db.prepare('SELECT series_id, date, value, origin FROM observations_by_date ORDER BY series_id, date').raw().all()).toEqual([
      ['RPONTTLD', '2025-10-31', 50.35, 'snapshot'],
      ['WRESBAL', '2025-10-15', 3019.028, 'snapshot'],
      ['WRESBAL', '2025-10-22', 2933.037, 'import'],
      ['WRESBAL', '2025-10-29', 2848.021, 'sync'],
    ]);
    expect(getObservations(db, 'WRESBAL').map((o) => [o.date, o.origin])).toEqual([['2025-10-15', 'snapshot'], ['2025-10-22', 'import'], ['2025-10-29', 'sync']]);
    expect(getObservations(db, 'WRESBAL', '2025-10-16' as IsoDate, '2025-10-29' as IsoDate).map((o) => o.value)).toEqual([2933.037, 2848.021]);
    const cols = getColumns(db, 'WRESBAL');
    expect(Array.from(cols.dates)).toEqual([20_376, 20_383, 20_390]);
    expect(Array.from(cols.values)).toEqual([3019.028, 2933.037, 2848.021]);
    expect(Array.from(getColumns(db, 'RPONTTLD').values)).toEqual([50.35]);
    expect(() => db.prepare('INSERT INTO observations VALUES (?, 1, 3)').run(keyOf(1, 20_397))).toThrow(/CHECK/);
    // A series added to the catalog later gets the next number; existing numbers never move (the
    // catalog now has monthly series, so the later migrations run first).
    migrate(db, MIGRATIONS);
    upsertCatalog(db, CATALOG);
    expect(db.prepare("SELECT num FROM series WHERE id IN ('WRESBAL', 'RPONTTLD') ORDER BY num").pluck().all()).toEqual([1, 2]);
    expect(db.prepare('SELECT count(DISTINCT num) = count(*) FROM series').pluck().get()).toBe(1);
    // No per-row foreign key (a bulk-load cost); the repo refuses unknown series once per batch.
    expect(() => writeSeriesBatch(db, 'NOPE', [{ date: '2025-11-05' as IsoDate, value: 1 }], { origin: 'sync', mode: 'overwrite', seenAt: 't' , checks: 'none' })).toThrow(/unknown series NOPE/);
    expect(db.prepare('SELECT count(*) FROM observations').pluck().get()).toBe(4);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('0040-wider-catalog', () => {
  it('rebuilds the series table with wider CHECKs, keeping every row, number, reference and the view; revisions gain scale', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [m0010Initial, m0020ScenariosLayouts, m0030DayKeysColumns]);
    const series = db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num, last_date, row_count) VALUES (?, ?, 'fred', '{}', 'usd_mn', 'usd_bn', 0.001, 'c', 'week_avg', 'W', ?, ?, ?)");
    series.run('WRESBAL', 'Reserves', 1, '2025-10-29', 1);
    series.run('WTREGEN', 'TGA', 2, null, 0);
    // Rows that reference series: a revision, a sync outcome and a column copy.
    db.prepare('INSERT INTO observations (key, value, origin) VALUES (?, 2848.021, 1)').run(keyOf(1, 20_390));
    db.prepare("INSERT INTO revisions (series_id, date, old_value, new_value, seen_at) VALUES ('WRESBAL', '2025-10-29', 2848, 2848.021, 't')").run();
    db.prepare("INSERT INTO sync_runs (id, started_at, trigger, status) VALUES (1, 't', 'manual', 'ok')").run();
    db.prepare("INSERT INTO sync_run_series (run_id, series_id, outcome) VALUES (1, 'WRESBAL', 'ok')").run();
    expect(() => db.prepare("UPDATE series SET frequency = 'M' WHERE id = 'WTREGEN'").run()).toThrow(/CHECK/);

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 40))).toEqual([40]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT id, num, last_date, row_count FROM series ORDER BY num').raw().all()).toEqual([
      ['WRESBAL', 1, '2025-10-29', 1],
      ['WTREGEN', 2, null, 0],
    ]);
    expect(db.prepare('SELECT series_id, date, value FROM observations_by_date').raw().all()).toEqual([['WRESBAL', '2025-10-29', 2848.021]]);
    expect(db.prepare('SELECT series_id, scale FROM revisions').raw().all()).toEqual([['WRESBAL', null]]);
    // The new frequency, bases and sources are accepted; nonsense still is not.
    db.prepare("UPDATE series SET frequency = 'M', basis = 'month_end', source = 'ofr' WHERE id = 'WTREGEN'").run();
    expect(() => db.prepare("UPDATE series SET frequency = 'X' WHERE id = 'WTREGEN'").run()).toThrow(/CHECK/);
    // Foreign keys still hold on the rebuilt table.
    expect(() => db.prepare("INSERT INTO revisions (series_id, date, old_value, new_value, seen_at) VALUES ('NOPE', 'd', 1, 2, 't')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num) VALUES ('X', 't', 'fred', '{}', 'u', 'u', 1, 'c', 'daily', 'D', 1)").run()).toThrow(/UNIQUE/);
    upsertCatalog(db, CATALOG);
    expect(db.prepare("SELECT frequency FROM series WHERE id = 'M2SL'").pluck().get()).toBe('M');
  });
});

describe('0050-user-series-run-messages', () => {
  it('adds user_series (tied to its series row) and sync_runs.message to a version-40 store, keeping its rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 40));
    db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num) VALUES ('DGS30', '30-year', 'fred', '{}', 'percent', 'percent', 1, 'c', 'daily', 'D', 1)").run();
    db.prepare("INSERT INTO sync_runs (id, started_at, trigger, status) VALUES (1, 't', 'ui', 'ok')").run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 50))).toEqual([50]);
    expect(db.pragma('user_version', { simple: true })).toBe(50);
    expect(db.prepare('SELECT id, status, message FROM sync_runs').raw().all()).toEqual([[1, 'ok', null]]);
    db.prepare("UPDATE sync_runs SET message = 'No network: …' WHERE id = 1").run();
    const ins = db.prepare(
      `INSERT INTO user_series (id, fred_id, fred_units, native_units, fred_frequency, frequency, basis, every_day, seasonal_adjustment, metadata_from, added_at)
       VALUES (?, 'DGS30', 'Percent', ?, 'Daily', 'D', 'daily', 0, 'Not Seasonally Adjusted', 'user', 't')`,
    );
    ins.run('DGS30', 'percent');
    // A user entry needs its catalog row, and only the units the mapping produces are accepted.
    expect(() => ins.run('NOPE', 'percent')).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num) VALUES ('X', 'x', 'fred', '{}', 'usd', 'usd_bn', 1e-9, 'c', 'daily', 'D', 2)").run();
    expect(() => ins.run('X', 'usd')).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
