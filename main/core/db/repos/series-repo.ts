import type { SeriesDef } from '../../../../shared/catalog.js';
import type { Db } from '../open-database.js';

export interface SeriesRow {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly sourceKey: string;
  readonly nativeUnits: string;
  readonly canonicalUnits: string;
  readonly scale: number;
  readonly conversion: string;
  readonly basis: string;
  readonly frequency: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly rowCount: number;
  readonly lastSyncedAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

/**
 * Writes the catalog's definitions into the store, so every stored value carries its unit conversion.
 * A new series gets the next number (its observation key range); an existing one keeps its number.
 */
export function upsertCatalog(db: Db, catalog: readonly SeriesDef[]): void {
  const stmt = db.prepare(`
    INSERT INTO series (id, title, source, source_key, native_units, canonical_units, scale, conversion, basis, frequency, num)
    VALUES (@id, @title, @source, @sourceKey, @native, @canonical, @scale, @conversion, @basis, @frequency, (SELECT coalesce(max(num), 0) + 1 FROM series))
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, source = excluded.source, source_key = excluded.source_key,
      native_units = excluded.native_units, canonical_units = excluded.canonical_units, scale = excluded.scale,
      conversion = excluded.conversion, basis = excluded.basis, frequency = excluded.frequency`);
  db.transaction(() => {
    for (const s of catalog) {
      stmt.run({
        id: s.id,
        title: s.title,
        source: s.source,
        sourceKey: JSON.stringify(s.sourceKey),
        native: s.conversion.native,
        canonical: s.conversion.canonical,
        scale: s.conversion.scale,
        conversion: s.conversion.label,
        basis: s.basis,
        frequency: s.frequency,
      });
    }
  }).immediate();
}

const SELECT = `SELECT id, title, source, source_key AS sourceKey, native_units AS nativeUnits, canonical_units AS canonicalUnits,
  scale, conversion, basis, frequency, first_date AS firstDate, last_date AS lastDate, row_count AS rowCount,
  last_synced_at AS lastSyncedAt, last_error AS lastError, last_error_at AS lastErrorAt FROM series`;

export function listSeries(db: Db): SeriesRow[] {
  return db.prepare(`${SELECT} ORDER BY rowid`).all() as SeriesRow[];
}

export function getSeries(db: Db, id: string): SeriesRow | undefined {
  return db.prepare(`${SELECT} WHERE id = ?`).get(id) as SeriesRow | undefined;
}

/** Records a failed fetch or import. The series' data is left exactly as it was. */
export function recordSeriesError(db: Db, id: string, message: string, at: string): void {
  db.prepare('UPDATE series SET last_error = ?, last_error_at = ? WHERE id = ?').run(message, at, id);
}

/** Records first/last date and count (inside the caller's transaction, from the columns it just wrote). */
export function setSeriesStats(db: Db, id: string, stats: { firstDate: string | null; lastDate: string | null; rowCount: number }): void {
  db.prepare('UPDATE series SET first_date = ?, last_date = ?, row_count = ? WHERE id = ?').run(stats.firstDate, stats.lastDate, stats.rowCount, id);
}
