import type { Observation } from '../../../../shared/model/observation.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import type { Db } from '../open-database.js';
import { refreshSeriesStats } from './series-repo.js';

export type Origin = 'snapshot' | 'sync' | 'import';

export interface WriteOptions {
  readonly origin: Origin;
  /** ISO instant recorded with each revision and as the series' last sync time. */
  readonly seenAt: string;
  readonly runId?: number | null;
  /**
   * `overwrite` (sync, import): new values replace stored ones and differences become revisions.
   * `fill` (snapshot): only dates the store lacks are added, so a snapshot never undoes a sync.
   */
  readonly mode: 'overwrite' | 'fill';
}

export interface WriteSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly revisions: number;
  readonly unchanged: number;
}

/** Rows per multi-row INSERT (4 parameters each; SQLite allows 32,766 parameters). */
const BULK = 500;

/**
 * Writes one series' batch in a single transaction: either every row lands (with its revisions and
 * refreshed catalog stats) or nothing does.
 */
export function writeSeriesBatch(db: Db, seriesId: string, rows: readonly Observation[], opts: WriteOptions): WriteSummary {
  const bulkInsert = db.prepare(`INSERT INTO observations (series_id, date, value, origin) VALUES ${new Array<string>(BULK).fill('(?, ?, ?, ?)').join(', ')}`);
  const update = db.prepare('UPDATE observations SET value = ?, origin = ? WHERE series_id = ? AND date = ?');
  const revision = db.prepare('INSERT INTO revisions (series_id, date, old_value, new_value, seen_at, run_id) VALUES (?, ?, ?, ?, ?, ?)');
  let inserted = 0;
  let updated = 0;
  let revisions = 0;
  let unchanged = 0;
  db.transaction(() => {
    // One range read instead of a lookup per row: what the store already holds for these dates.
    const existing = new Map<string, { value: number; origin: Origin }>();
    if (rows.length > 0) {
      let lo = rows[0]?.date ?? '';
      let hi = lo;
      for (const r of rows) {
        if (r.date < lo) lo = r.date;
        if (r.date > hi) hi = r.date;
      }
      const found = db.prepare('SELECT date, value, origin FROM observations WHERE series_id = ? AND date >= ? AND date <= ?').raw().all(seriesId, lo, hi) as [string, number, Origin][];
      for (const [date, value, origin] of found) existing.set(date, { value, origin });
    }
    // New dates go in as multi-row INSERTs: per-statement overhead dominated bulk loads.
    const fresh: Observation[] = [];
    const flush = (): void => {
      if (fresh.length === 0) return;
      const stmt = fresh.length === BULK ? bulkInsert : db.prepare(`INSERT INTO observations (series_id, date, value, origin) VALUES ${new Array<string>(fresh.length).fill('(?, ?, ?, ?)').join(', ')}`);
      const args: (string | number)[] = [];
      for (const f of fresh) args.push(seriesId, f.date, f.value, opts.origin);
      stmt.run(...args);
      inserted += fresh.length;
      fresh.length = 0;
    };
    for (const r of rows) {
      const cur = existing.get(r.date);
      if (cur === undefined) {
        fresh.push(r);
        if (fresh.length === BULK) flush();
      } else if (opts.mode === 'fill') {
        unchanged++;
      } else if (cur.value !== r.value) {
        update.run(r.value, opts.origin, seriesId, r.date);
        revision.run(seriesId, r.date, cur.value, r.value, opts.seenAt, opts.runId ?? null);
        updated++;
        revisions++;
      } else if (cur.origin !== opts.origin) {
        // Same value confirmed by a newer origin (a sync superseding the snapshot): not a revision.
        update.run(r.value, opts.origin, seriesId, r.date);
        unchanged++;
      } else {
        unchanged++;
      }
    }
    flush();
    refreshSeriesStats(db, seriesId);
    if (opts.origin !== 'snapshot') {
      db.prepare('UPDATE series SET last_synced_at = ?, last_error = NULL, last_error_at = NULL WHERE id = ?').run(opts.seenAt, seriesId);
    }
  })();
  return { inserted, updated, revisions, unchanged };
}

/** Columnar read for charts and analysis: no per-row objects. */
export function getColumns(db: Db, seriesId: string, from?: IsoDate, to?: IsoDate): { dates: string[]; values: Float64Array } {
  const rows = db.prepare('SELECT date, value FROM observations WHERE series_id = ? AND date >= ? AND date <= ? ORDER BY date').raw().all(seriesId, from ?? '0000-01-01', to ?? '9999-12-31') as [string, number][];
  const dates = new Array<string>(rows.length);
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === undefined) continue;
    dates[i] = r[0];
    values[i] = r[1];
  }
  return { dates, values };
}

export interface StoredObservation {
  readonly date: IsoDate;
  readonly value: number;
  readonly origin: Origin;
}

export function getObservations(db: Db, seriesId: string, from?: IsoDate, to?: IsoDate): StoredObservation[] {
  return db
    .prepare('SELECT date, value, origin FROM observations WHERE series_id = ? AND date >= ? AND date <= ? ORDER BY date')
    .all(seriesId, from ?? '0000-01-01', to ?? '9999-12-31') as StoredObservation[];
}

export function lastDate(db: Db, seriesId: string): IsoDate | null {
  const v = db.prepare('SELECT max(date) FROM observations WHERE series_id = ?').pluck().get(seriesId);
  return typeof v === 'string' ? (v as IsoDate) : null;
}

export function countObservations(db: Db): number {
  return Number(db.prepare('SELECT count(*) FROM observations').pluck().get());
}
