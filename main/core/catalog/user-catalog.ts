/**
 * FRED series the user added by id (issue 12): stored in `user_series` (migration 0050) beside their
 * `series` row, turned into ordinary SeriesDefs so the sync engine, `series:get` and the write checks
 * treat them exactly like the built-in catalog. Built-in series always win: a user entry whose id a
 * later Reservoir ships as built-in is passed over.
 */
import { CATALOG, findSeries, type Basis, type DateBounds, type Frequency, type MagnitudeGuard, type SeriesDef } from '../../../shared/catalog.js';
import type { UserNativeUnit } from '../../../shared/model/fred-units.js';
import { conversionFor } from '../../../shared/model/units.js';
import { isObject, parseJsonText, str } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { rangeOf, seriesNum } from '../db/repos/observation-keys.js';
import { upsertCatalog } from '../db/repos/series-repo.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';

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

/**
 * The user series removed from the catalog, newest last: only their id, FRED id, title and when, so a
 * Workspace panel (or a saved layout, or a formula typed later) that still names one can say what
 * happened to it instead of "unknown series". Kept in the settings table (no rows of the series
 * survive its removal); adding the id again takes it off the list.
 */
export interface RemovedSeries {
  readonly id: string;
  readonly fredId: string;
  readonly title: string;
  readonly removedAt: string;
}

export const REMOVED_SETTING = 'catalog.removedUserSeries';
/** Enough for any real use; the oldest removals go first beyond it. */
const MAX_REMOVED = 200;

/** The list as stored; entries that do not fit the shape (hand-edited, another build) are dropped, not trusted. */
export function listRemovedSeries(db: Db): RemovedSeries[] {
  const raw = getSetting(db, REMOVED_SETTING);
  if (raw === null) return [];
  const json = parseJsonText(raw);
  if (!json.ok || !Array.isArray(json.value)) return [];
  const out: RemovedSeries[] = [];
  for (const e of json.value) {
    if (!isObject(e)) continue;
    const id = str(e, 'id');
    const fredId = str(e, 'fredId');
    const title = str(e, 'title');
    const removedAt = str(e, 'removedAt');
    if (id === undefined || fredId === undefined || title === undefined || removedAt === undefined || !/^[A-Z0-9_]{1,40}$/.test(id)) continue;
    out.push({ id, fredId, title, removedAt });
  }
  return out;
}

function writeRemoved(db: Db, list: readonly RemovedSeries[]): void {
  setSetting(db, REMOVED_SETTING, JSON.stringify(list.slice(-MAX_REMOVED)));
}

/** The removal record of `id`, if the user removed a series of that id and has not added it again. */
export function removedSeries(db: Db, id: string): RemovedSeries | undefined {
  const want = id.toUpperCase();
  // A built-in id is never "removed" (a later Reservoir may ship the id the user once added).
  if (findSeries(want) !== undefined) return undefined;
  return listRemovedSeries(db).find((r) => r.id === want);
}

/** What a formula, a chart or an import says for an id the user removed: one sentence, what to do next. */
export function removedMessage(r: RemovedSeries): string {
  return `${r.id} was removed from the catalog on ${r.removedAt.slice(0, 10)} (it was FRED ${r.fredId}: ${r.title}); add it again from FRED to use it`;
}

/** Writes the catalog row and the user entry in one transaction. The caller has checked the id is free. */
export function insertUserSeries(db: Db, r: UserSeriesRow): SeriesDef {
  const def = userSeriesDef(r);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM series WHERE id = ?').get(r.id) !== undefined) throw new Error(`${r.id} is already in the catalog`);
    const removed = listRemovedSeries(db);
    if (removed.some((x) => x.id === r.id)) writeRemoved(db, removed.filter((x) => x.id !== r.id));
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
 * range), the column copy, revisions, its lines in the sync log, the user entry and the catalog row;
 * what remains is its removal record (listRemovedSeries). Built-in series cannot be removed.
 */
export function removeUserSeries(db: Db, id: string, now: () => number = Date.now): Result<RemovedCounts> {
  const want = id.toUpperCase();
  if (findSeries(want) !== undefined) return err(`${want} is a built-in series and cannot be removed`);
  const entry = getUserSeries(db, want);
  if (entry === undefined) return err(`${want} is not a series you added`);
  const counts = db.transaction((): RemovedCounts => {
    const num = seriesNum(db, want);
    const observations = num === null ? 0 : db.prepare('DELETE FROM observations WHERE key BETWEEN ? AND ?').run(...rangeOf(num)).changes;
    db.prepare('DELETE FROM series_columns WHERE series_id = ?').run(want);
    const revisions = db.prepare('DELETE FROM revisions WHERE series_id = ?').run(want).changes;
    const syncOutcomes = db.prepare('DELETE FROM sync_run_series WHERE series_id = ?').run(want).changes;
    db.prepare('DELETE FROM user_series WHERE id = ?').run(want);
    db.prepare('DELETE FROM series WHERE id = ?').run(want);
    writeRemoved(db, [...listRemovedSeries(db).filter((x) => x.id !== want), { id: want, fredId: entry.fredId, title: entry.title, removedAt: new Date(now()).toISOString() }]);
    return { id: want, observations, revisions, syncOutcomes };
  }).immediate();
  return ok(counts);
}
