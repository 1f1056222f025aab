import type { SeriesDef } from '../../../../shared/catalog.js';
import { checkBatch, type BatchCheckOptions } from '../../../../shared/model/batch-checks.js';
import type { Observation } from '../../../../shared/model/observation.js';
import { lowerIndex, type Series } from '../../../../shared/compute/series.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-database.js';
import { dayOf, keyOf, rangeOf, seriesNum } from './observation-keys.js';
import { EMPTY_COLUMNS, readColumns, rebuildColumns, writeColumns } from './series-columns.js';
import { capRevisionsPerObservation } from './revisions-retention.js';
import { setSeriesStats } from './series-repo.js';

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
  /**
   * The unit, frequency and date checks of shared/model/batch-checks.ts, run inside the transaction
   * against the stored values. Every production write path passes them; `'none'` is an explicit
   * opt-out for tests and the bench's reference figure.
   */
  readonly checks: ({ readonly def: SeriesDef } & BatchCheckOptions) | 'none';
  /** `import --scale F`: recorded on each revision row the batch creates. */
  readonly scale?: number;
}

/** A batch refused by the write checks; nothing of it was written. */
export class BatchRefusedError extends Error {
  override readonly name = 'BatchRefusedError';
}

export interface WriteSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly revisions: number;
  readonly unchanged: number;
}

/**
 * Rows per multi-row INSERT (key and value per row; the origin bound once by name). Beyond ~100 rows
 * per statement the load rate no longer improves (measured for 64–500), while compiling the
 * statement costs more the longer it is (128 rows ~0.05 ms, 500 rows ~0.18 ms), and large writes
 * compile it again after each switch of the CHECK (insertRows).
 */
const BULK = 128;

const ORIGIN_CODE: Readonly<Record<Origin, number>> = { snapshot: 0, sync: 1, import: 2 };
const ORIGINS: readonly Origin[] = ['snapshot', 'sync', 'import'];

function originOf(code: number): Origin {
  const o = ORIGINS[code];
  if (o === undefined) throw new Error(`observations: unknown origin code ${code}`);
  return o;
}

const insertSql = (n: number): string => `INSERT INTO observations (key, value, origin) VALUES ${new Array<string>(n).fill('(?, ?, @o)').join(', ')}`;

// Prepared statements per connection: preparing a 500-row INSERT took ~0.5 ms per batch.
const statements = new WeakMap<Db, Map<string, Statement>>();
function cached(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (m === undefined) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (st === undefined) m.set(sql, (st = db.prepare(sql)));
  return st;
}

/**
 * From this many new rows on, the rows go in with SQLite's CHECK constraints compiled out (below).
 * Switching it costs ~0.1 ms (two pragmas, and the statements it expires are compiled again on next
 * use); the check costs ~0.4 µs a row. A daily sync's few rows per series stay on the checked path.
 */
const UNCHECKED_MIN_ROWS = 256;

/**
 * Inserts rows `idx[0 .. n)` of the batch (`days`/`values` aligned; dates not yet stored for series
 * number `num`) with one origin code.
 *
 * Why the CHECK is compiled out for large batches: the table's `CHECK (origin IN (0, 1, 2))`
 * (migration 0030) is coded by SQLite (3.54) as a 3-row ephemeral index built afresh for every row
 * (constraint code cannot use OP_Once), which measured ~0.4 µs a row: 40% of a 1,000,000-row load.
 * The only column it constrains is `origin`, and every row here carries the single code `code`,
 * checked below against the same set, so `ignore_check_constraints` drops nothing the rows could
 * violate. It is on only around these INSERTs (NOT NULL, STRICT types and the key stay enforced;
 * no other statement runs in between) and restored in `finally`. Turning it on or off recompiles
 * every statement of the connection on its next use, hence UNCHECKED_MIN_ROWS. A migration writing
 * the constraint as `origin BETWEEN 0 AND 2` would make this unnecessary.
 */
function insertRows(db: Db, num: number, days: Int32Array, values: Float64Array, idx: Int32Array, n: number, code: number): void {
  if (n === 0) return;
  if (code !== 0 && code !== 1 && code !== 2) throw new Error(`observations: unknown origin code ${code}`);
  const unchecked = n >= UNCHECKED_MIN_ROWS && Number(db.pragma('ignore_check_constraints', { simple: true })) === 0;
  if (unchecked) db.pragma('ignore_check_constraints = ON');
  try {
    const named = { o: code };
    const bulk = cached(db, insertSql(BULK));
    const params = new Array<number>(2 * BULK).fill(0);
    let i = 0;
    for (; i + BULK <= n; i += BULK) {
      for (let k = 0; k < BULK; k++) {
        const r = idx[i + k] ?? 0;
        params[2 * k] = keyOf(num, days[r] ?? 0);
        params[2 * k + 1] = values[r] ?? Number.NaN;
      }
      bulk.run(named, params);
    }
    if (i < n) {
      const rest = new Array<number>(2 * (n - i));
      for (let k = 0; i + k < n; k++) {
        const r = idx[i + k] ?? 0;
        rest[2 * k] = keyOf(num, days[r] ?? 0);
        rest[2 * k + 1] = values[r] ?? Number.NaN;
      }
      db.prepare(insertSql(n - i)).run(named, rest);
    }
  } finally {
    if (unchecked) db.pragma('ignore_check_constraints = OFF');
  }
}

/** The batch as ascending epoch days and values; a date given twice is refused. */
function sortedBatch(seriesId: string, rows: readonly Observation[]): { days: Int32Array; values: Float64Array } {
  const n = rows.length;
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r === undefined) continue;
    const d = epochDay(r.date);
    if (!Number.isInteger(d)) throw new RangeError(`${seriesId}: not a calendar date: ${JSON.stringify(r.date)}`);
    days[i] = d;
    values[i] = r.value;
  }
  return ascendingColumns(seriesId, days, values);
}

/**
 * Days and values (aligned) in ascending date order: the same arrays when they already are, else a
 * sorted copy; a date given twice is refused (RangeError).
 */
export function ascendingColumns(seriesId: string, days: Int32Array, values: Float64Array): { days: Int32Array; values: Float64Array } {
  const n = days.length;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) if ((days[i] ?? 0) <= (days[i - 1] ?? 0)) ascending = false;
  if (ascending) return { days, values };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (days[a] ?? 0) - (days[b] ?? 0));
  const out = { days: new Int32Array(n), values: new Float64Array(n) };
  order.forEach((k, i) => {
    out.days[i] = days[k] ?? 0;
    out.values[i] = values[k] ?? Number.NaN;
    if (i > 0 && out.days[i] === out.days[i - 1]) throw new RangeError(`${seriesId} ${fromEpochDay(out.days[i] ?? 0)}: the batch has this date twice`);
  });
  return out;
}

/**
 * Writes one series' batch in a single transaction: either every row lands (with its revisions, the
 * column copy and the catalog stats) or nothing does. The stored series and the batch are both
 * ascending, so one merge walk classifies every row and builds the new columns at once.
 */
export function writeSeriesBatch(db: Db, seriesId: string, rows: readonly Observation[], opts: WriteOptions): WriteSummary {
  return writeSeriesColumns(db, seriesId, sortedBatch(seriesId, rows), opts);
}

/**
 * writeSeriesBatch for a batch already in columns (strictly ascending days, canonical values): the
 * importer's path, so a 3.6M-row file never becomes 3.6M observation objects (issue 11 §5).
 */
export function writeSeriesColumns(db: Db, seriesId: string, batch: { readonly days: Int32Array; readonly values: Float64Array }, opts: WriteOptions): WriteSummary {
  for (let i = 1; i < batch.days.length; i++) {
    if (!((batch.days[i] ?? 0) > (batch.days[i - 1] ?? 0))) throw new RangeError(`${seriesId} ${fromEpochDay(batch.days[i] ?? 0)}: the batch is not in ascending date order or has this date twice`);
  }
  const code = ORIGIN_CODE[opts.origin];
  const update = cached(db, 'UPDATE observations SET value = ?, origin = ? WHERE key = ?');
  const revision = cached(db, 'INSERT INTO revisions (series_id, date, old_value, new_value, seen_at, run_id, scale) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let inserted = 0;
  let updated = 0;
  let revisions = 0;
  let unchanged = 0;
  db.transaction(() => {
    // The table has no per-row foreign key (see migration 0030): one lookup per batch instead.
    const num = seriesNum(db, seriesId);
    if (num === null) throw new Error(`unknown series ${seriesId}: not in the catalog`);
    // The row table is the truth: a column copy whose length disagrees with it is rebuilt first.
    const count = Number(cached(db, 'SELECT count(*) FROM observations WHERE key BETWEEN ? AND ?').pluck().get(...rangeOf(num)));
    const stored = readColumns(db, seriesId);
    const stale = stored === null ? count !== 0 : stored.days.length !== count;
    const cur = stale ? rebuildColumns(db, seriesId) : (stored ?? EMPTY_COLUMNS);
    if (opts.checks !== 'none') {
      const problem = checkBatch(opts.checks.def, batch, cur, opts.checks);
      if (problem !== null) throw new BatchRefusedError(problem);
    }

    const cap = cur.days.length + batch.days.length;
    const out = { days: new Int32Array(cap), values: new Float64Array(cap), origins: new Uint8Array(cap) };
    let k = 0;
    let changed = stale;
    // The batch rows that are new, inserted after the walk (their keys are disjoint from the updated ones).
    const fresh = new Int32Array(batch.days.length);
    const keep = (i: number): void => {
      out.days[k] = cur.days[i] ?? 0;
      out.values[k] = cur.values[i] ?? Number.NaN;
      out.origins[k++] = cur.origins[i] ?? 0;
    };
    let i = 0;
    let j = 0;
    while (i < cur.days.length || j < batch.days.length) {
      const dc = i < cur.days.length ? (cur.days[i] ?? 0) : Number.POSITIVE_INFINITY;
      const dn = j < batch.days.length ? (batch.days[j] ?? 0) : Number.POSITIVE_INFINITY;
      if (dc < dn) {
        keep(i++);
        continue;
      }
      const v = batch.values[j++] ?? Number.NaN;
      if (dn < dc) {
        fresh[inserted++] = j - 1;
        out.days[k] = dn;
        out.values[k] = v;
        out.origins[k++] = code;
        changed = true;
        continue;
      }
      const old = cur.values[i] ?? Number.NaN;
      const oldOrigin = cur.origins[i] ?? 0;
      keep(i++);
      if (opts.mode === 'fill') unchanged++;
      else if (old !== v) {
        update.run(v, code, keyOf(num, dn));
        revision.run(seriesId, fromEpochDay(dn), old, v, opts.seenAt, opts.runId ?? null, opts.scale ?? null);
        out.values[k - 1] = v;
        out.origins[k - 1] = code;
        updated++;
        revisions++;
        changed = true;
      } else if (oldOrigin !== code) {
        // Same value confirmed by a newer origin (a sync superseding the snapshot): not a revision.
        update.run(v, code, keyOf(num, dn));
        out.origins[k - 1] = code;
        unchanged++;
        changed = true;
      } else unchanged++;
    }
    insertRows(db, num, batch.days, batch.values, fresh, inserted, code);
    if (changed) {
      writeColumns(db, seriesId, { days: out.days.subarray(0, k), values: out.values.subarray(0, k), origins: out.origins.subarray(0, k) });
      const first = out.days[0];
      const last = out.days[k - 1];
      setSeriesStats(db, seriesId, { firstDate: k > 0 && first !== undefined ? fromEpochDay(first) : null, lastDate: k > 0 && last !== undefined ? fromEpochDay(last) : null, rowCount: k });
    }
    // The revisions table stays bounded (revisions-retention.ts), committed with the batch.
    if (revisions > 0) capRevisionsPerObservation(db, seriesId);
    if (opts.origin !== 'snapshot') {
      db.prepare('UPDATE series SET last_synced_at = ?, last_error = NULL, last_error_at = NULL WHERE id = ?').run(opts.seenAt, seriesId);
    }
  }).immediate();
  return { inserted, updated, revisions, unchanged };
}

/**
 * Columnar read for charts and analysis: one blob read, then views on the requested window. The
 * arrays must be treated as read-only (they may share memory with the blob).
 */
export function getColumns(db: Db, seriesId: string, from?: IsoDate, to?: IsoDate): Series {
  const c = readColumns(db, seriesId) ?? EMPTY_COLUMNS;
  const lo = from === undefined ? 0 : lowerIndex(c.days, epochDay(from));
  const hi = to === undefined ? c.days.length : lowerIndex(c.days, epochDay(to), true);
  return lo === 0 && hi === c.days.length ? { dates: c.days, values: c.values } : { dates: c.days.subarray(lo, hi), values: c.values.subarray(lo, hi) };
}

export interface StoredObservation {
  readonly date: IsoDate;
  readonly value: number;
  readonly origin: Origin;
}

export function getObservations(db: Db, seriesId: string, from?: IsoDate, to?: IsoDate): StoredObservation[] {
  const num = seriesNum(db, seriesId);
  if (num === null) return [];
  const [lo, hi] = rangeOf(num);
  const rows = db
    .prepare('SELECT key, value, origin FROM observations WHERE key BETWEEN ? AND ? ORDER BY key')
    .raw()
    .all(from === undefined ? lo : Math.max(lo, keyOf(num, epochDay(from))), to === undefined ? hi : Math.min(hi, keyOf(num, epochDay(to)))) as [number, number, number][];
  return rows.map(([key, value, origin]) => ({ date: fromEpochDay(dayOf(num, key)), value, origin: originOf(origin) }));
}

export function lastDate(db: Db, seriesId: string): IsoDate | null {
  const num = seriesNum(db, seriesId);
  if (num === null) return null;
  const v = db.prepare('SELECT max(key) FROM observations WHERE key BETWEEN ? AND ?').pluck().get(...rangeOf(num));
  return typeof v === 'number' ? fromEpochDay(dayOf(num, v)) : null;
}

export function countObservations(db: Db): number {
  return Number(db.prepare('SELECT count(*) FROM observations').pluck().get());
}
