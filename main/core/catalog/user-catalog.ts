/**
 * FRED series the user added by id (issue 12): stored in `user_series` (migration 0050) beside their
 * `series` row, turned into ordinary SeriesDefs so the sync engine, `series:get` and the write checks
 * treat them exactly like the built-in catalog. Built-in series always win: a user entry whose id a
 * later Reservoir ships as built-in is passed over.
 */
import { CATALOG, findSeries, type Basis, type DateBounds, type Frequency, type MagnitudeGuard, type SeriesDef } from '../../../shared/catalog.js';
import type { UserNativeUnit } from '../../../shared/model/fred-units.js';
import { conversionFor } from '../../../shared/model/units.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { rangeOf, seriesNum } from '../db/repos/observation-keys.js';
import { upsertCatalog } from '../db/repos/series-repo.js';

export interface UserSeriesRow {
  readonly id: string;
  readonly fredId: string;
  readonly title: string;
  readonly fredUnits: string;
  readonly nativeUnits: UserNativeUnit;
  readonly fredFrequency: string;
  readonly frequency: Frequency;
  readonly basis: Basis;
  readonly everyDay: boolean;
  readonly seasonalAdjustment: string;
  readonly metadataFrom: 'fred-api' | 'user';
  readonly addedAt: string;
}

/**
 * Guards for a series we know only from its units: wide (the batch checks against the stored values
 * catch a unit slip once there is history), but they still refuse a value no series of that unit has
 * (a rate of 5,000%, a money level beyond $100,000tn).
 */
const USER_GUARD: Record<UserNativeUnit, MagnitudeGuard> = {
  usd_mn: { min: -1e8, max: 1e8 },
  usd_bn: { min: -1e8, max: 1e8 },
  usd_bn_saar: { min: -1e8, max: 1e8 },
  percent: { min: -100, max: 1_000 },
  index: { min: -1e9, max: 1e9 },
};

/** FRED publishes administered rates up to a week ahead (IORB, the target range): percent series may be 7 days ahead. */
const userDates = (unit: UserNativeUnit): DateBounds => ({ from: '1700-01-01', aheadDays: unit === 'percent' ? 7 : 0 });

export function userSeriesDef(r: UserSeriesRow): SeriesDef {
  const how = r.metadataFrom === 'fred-api' ? "title, units and frequency from FRED's series endpoint" : 'title, units and frequency as you entered and confirmed them';
  const def: SeriesDef = {
    id: r.id,
    title: r.title,
    source: 'fred',
    sourceKey: { kind: 'fred', fredId: r.fredId },
    conversion: conversionFor(r.nativeUnits),
    basis: r.basis,
    frequency: r.frequency,
    guard: USER_GUARD[r.nativeUnits],
    dates: userDates(r.nativeUnits),
    note: `added by you from FRED ${r.fredId} (FRED: "${r.fredUnits}", ${r.fredFrequency}, ${r.seasonalAdjustment}); ${how}`,
  };
  return r.everyDay ? { ...def, everyDay: true } : def;
}

const SELECT = `SELECT id, fred_id AS fredId, s.title AS title, fred_units AS fredUnits, u.native_units AS nativeUnits, fred_frequency AS fredFrequency,
  u.frequency AS frequency, u.basis AS basis, every_day AS everyDay, seasonal_adjustment AS seasonalAdjustment, metadata_from AS metadataFrom, added_at AS addedAt
  FROM user_series u JOIN series s USING (id)`;

type RawRow = Omit<UserSeriesRow, 'everyDay'> & { everyDay: number };
const fromRaw = (r: RawRow): UserSeriesRow => ({ ...r, everyDay: r.everyDay === 1 });

/** Every user entry (built-in ids passed over), oldest first. */
export function listUserSeries(db: Db): UserSeriesRow[] {
  return (db.prepare(`${SELECT} ORDER BY u.rowid`).all() as RawRow[]).map(fromRaw).filter((r) => findSeries(r.id) === undefined);
}

export function getUserSeries(db: Db, id: string): UserSeriesRow | undefined {
  const r = db.prepare(`${SELECT} WHERE id = ?`).get(id.toUpperCase()) as RawRow | undefined;
  return r === undefined || findSeries(r.id) !== undefined ? undefined : fromRaw(r);
}

export function userSeriesDefs(db: Db): SeriesDef[] {
  return listUserSeries(db).map(userSeriesDef);
}

/** The built-in catalog followed by the user's entries: what a full sync goes through. */
export function fullCatalog(db: Db): SeriesDef[] {
  return [...CATALOG, ...userSeriesDefs(db)];
}

/** A series by id, built-in or added by the user. */
export function findDef(db: Db, id: string): SeriesDef | undefined {
  const builtIn = findSeries(id);
  if (builtIn !== undefined) return builtIn;
  const u = getUserSeries(db, id);
  return u === undefined ? undefined : userSeriesDef(u);
}

/** Writes the catalog row and the user entry in one transaction. The caller has checked the id is free. */
export function insertUserSeries(db: Db, r: UserSeriesRow): SeriesDef {
  const def = userSeriesDef(r);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM series WHERE id = ?').get(r.id) !== undefined) throw new Error(`${r.id} is already in the catalog`);
    upsertCatalog(db, [def]);
    db.prepare(
      `INSERT INTO user_series (id, fred_id, fred_units, native_units, fred_frequency, frequency, basis, every_day, seasonal_adjustment, metadata_from, added_at)
       VALUES (@id, @fredId, @fredUnits, @nativeUnits, @fredFrequency, @frequency, @basis, @everyDay, @seasonalAdjustment, @metadataFrom, @addedAt)`,
    ).run({ ...r, everyDay: r.everyDay ? 1 : 0 });
  }).immediate();
  return def;
}

export interface RemovedCounts {
  readonly id: string;
  readonly observations: number;
  readonly revisions: number;
  readonly syncOutcomes: number;
}

/**
 * Removes a user entry and everything stored for it, in one transaction: observations (its key
 * range), the column copy, revisions, its lines in the sync log, the user entry and the catalog row.
 * Built-in series cannot be removed.
 */
export function removeUserSeries(db: Db, id: string): Result<RemovedCounts> {
  const want = id.toUpperCase();
  if (findSeries(want) !== undefined) return err(`${want} is a built-in series and cannot be removed`);
  if (getUserSeries(db, want) === undefined) return err(`${want} is not a series you added`);
  const counts = db.transaction((): RemovedCounts => {
    const num = seriesNum(db, want);
    const observations = num === null ? 0 : db.prepare('DELETE FROM observations WHERE key BETWEEN ? AND ?').run(...rangeOf(num)).changes;
    db.prepare('DELETE FROM series_columns WHERE series_id = ?').run(want);
    const revisions = db.prepare('DELETE FROM revisions WHERE series_id = ?').run(want).changes;
    const syncOutcomes = db.prepare('DELETE FROM sync_run_series WHERE series_id = ?').run(want).changes;
    db.prepare('DELETE FROM user_series WHERE id = ?').run(want);
    db.prepare('DELETE FROM series WHERE id = ?').run(want);
    return { id: want, observations, revisions, syncOutcomes };
  }).immediate();
  return ok(counts);
}
