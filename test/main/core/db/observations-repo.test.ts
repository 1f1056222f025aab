import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../../shared/catalog.js';
import type { Observation } from '../../../../shared/model/observation.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../../shared/time/iso-date.js';
import { keyOf, rangeOf, seriesNum } from '../../../../main/core/db/repos/observation-keys.js';
import { openDatabase, type Db } from '../../../../main/core/db/open-database.js';
import fc from 'fast-check';
import { getColumns, getObservations, writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import { getSeries, upsertCatalog } from '../../../../main/core/db/repos/series-repo.js';
import { tempDir } from '../../../support/temp-dir.js';

const o = (date: string, value: number): Observation => ({ date: date as IsoDate, value });
// Real WRESBAL week averages ($bn) for three late-2025 weeks (shared/data/fred/WRESBAL.csv).
const WRESBAL = [o('2025-10-15', 3019.028), o('2025-10-22', 2933.037), o('2025-10-29', 2848.021)];

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(path.join(tmp.dir, 'r.sqlite'));
  upsertCatalog(db, CATALOG);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('writeSeriesBatch', () => {
  it('inserts, keeps the catalog stats right, and records a revision when a value changes', () => {
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: '2026-11-01T00:00:00Z' , checks: 'none' });
    expect(getSeries(db, 'WRESBAL')).toMatchObject({ firstDate: '2025-10-15', lastDate: '2025-10-29', rowCount: 3, lastSyncedAt: null });
    const w = writeSeriesBatch(db, 'WRESBAL', [o('2025-10-29', 2848.5), o('2025-10-22', 2933.037)], { origin: 'sync', mode: 'overwrite', seenAt: '2026-11-02T00:00:00Z' , checks: 'none' });
    expect(w).toEqual({ inserted: 0, updated: 1, revisions: 1, unchanged: 1 });
    const rev = db.prepare('SELECT series_id, date, old_value, new_value FROM revisions').all();
    expect(rev).toEqual([{ series_id: 'WRESBAL', date: '2025-10-29', old_value: 2848.021, new_value: 2848.5 }]);
    expect(getObservations(db, 'WRESBAL').map((r) => r.origin)).toEqual(['snapshot', 'sync', 'sync']);
    expect(getSeries(db, 'WRESBAL')?.lastSyncedAt).toBe('2026-11-02T00:00:00Z');
  });

  it('in fill mode (snapshot) never overwrites stored values', () => {
    writeSeriesBatch(db, 'WRESBAL', [o('2025-10-29', 2848.5)], { origin: 'sync', mode: 'overwrite', seenAt: 't' , checks: 'none' });
    const w = writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't' , checks: 'none' });
    expect(w.inserted).toBe(2);
    expect(getObservations(db, 'WRESBAL', '2025-10-29' as IsoDate).at(0)?.value).toBe(2848.5);
  });

  it('is all-or-nothing: a bad row in the middle leaves the series untouched', () => {
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't' , checks: 'none' });
    const before = getObservations(db, 'WRESBAL');
    // NaN is stored as NULL by SQLite and violates NOT NULL: the whole transaction must roll back.
    expect(() =>
      writeSeriesBatch(db, 'WRESBAL', [o('2025-11-05', 2870.1), o('2025-11-12', Number.NaN), o('2025-10-29', 1)], { origin: 'sync', mode: 'overwrite', seenAt: 't' , checks: 'none' }),
    ).toThrow(/NOT NULL/);
    expect(getObservations(db, 'WRESBAL')).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(0);
  });
});

describe('the column copy (series_columns)', () => {
  // Straight from the row table (the record of truth), through the people's view of it.
  const asRows = (d: Db, id: string): [number, number][] => (d.prepare('SELECT date, value FROM observations_by_date WHERE series_id = ? ORDER BY date').raw().all(id) as [IsoDate, number][]).map(([date, v]) => [epochDay(date), v]);
  const range = (): [number, number] => rangeOf(seriesNum(db, 'WRESBAL') ?? -1);
  const asCols = (d: Db, id: string): [number, number][] => {
    const c = getColumns(d, id);
    return Array.from(c.dates, (day, i) => [day, c.values[i] ?? Number.NaN]);
  };

  it('always equals the rows and a reference model, over random batches in every mode (property, synthetic values)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            mode: fc.constantFrom<'fill' | 'overwrite'>('fill', 'overwrite'),
            origin: fc.constantFrom<'snapshot' | 'sync' | 'import'>('snapshot', 'sync', 'import'),
            days: fc.uniqueArray(fc.integer({ min: 20_000, max: 20_060 }), { maxLength: 25 }),
            value: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 12 },
        ),
        (ops) => {
          db.prepare('DELETE FROM observations WHERE key BETWEEN ? AND ?').run(...range());
          writeSeriesBatch(db, 'WRESBAL', [], { origin: 'sync', mode: 'overwrite', seenAt: 't' , checks: 'none' });
          const model = new Map<number, number>();
          for (const op of ops) {
            // Unsorted on purpose: sources are sorted, imports need not be.
            const rows = op.days.map((d) => o(fromEpochDay(d), d + op.value));
            writeSeriesBatch(db, 'WRESBAL', rows, { origin: op.origin, mode: op.mode, seenAt: 't', checks: 'none' });
            for (const d of op.days) if (op.mode === 'overwrite' || !model.has(d)) model.set(d, d + op.value);
            const expected = [...model.entries()].sort((a, b) => a[0] - b[0]);
            expect(asRows(db, 'WRESBAL')).toEqual(expected);
            expect(asCols(db, 'WRESBAL')).toEqual(expected);
            expect(getSeries(db, 'WRESBAL')).toMatchObject({ rowCount: expected.length, firstDate: expected.length ? fromEpochDay(expected[0]?.[0] ?? 0) : null });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is rebuilt from the rows when rows were changed behind its back', () => {
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't' , checks: 'none' });
    db.prepare('DELETE FROM observations WHERE key = ?').run(keyOf(seriesNum(db, 'WRESBAL') ?? -1, 20_383));
    const w = writeSeriesBatch(db, 'WRESBAL', [o('2025-11-05', 2870.1)], { origin: 'sync', mode: 'overwrite', seenAt: 't' , checks: 'none' });
    expect(w.inserted).toBe(1);
    expect(asCols(db, 'WRESBAL')).toEqual(asRows(db, 'WRESBAL'));
    expect(asCols(db, 'WRESBAL').map(([d]) => fromEpochDay(d))).toEqual(['2025-10-15', '2025-10-29', '2025-11-05']);
  });

  it('refuses a batch with the same date twice, and windows by date', () => {
    expect(() => writeSeriesBatch(db, 'WRESBAL', [o('2025-10-22', 1), o('2025-10-15', 2), o('2025-10-22', 3)], { origin: 'import', mode: 'overwrite', seenAt: 't' , checks: 'none' })).toThrow(/2025-10-22: the batch has this date twice/);
    expect(getObservations(db, 'WRESBAL')).toEqual([]);
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't' , checks: 'none' });
    const w = getColumns(db, 'WRESBAL', '2025-10-16' as IsoDate, '2025-10-29' as IsoDate);
    expect(Array.from(w.values)).toEqual([2933.037, 2848.021]);
  });

  it('runs the write checks inside the transaction and records a stated --scale on the revisions it makes', () => {
    const def = CATALOG.find((d) => d.id === 'WRESBAL');
    if (def === undefined) throw new Error('WRESBAL');
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't', checks: { def, today: '2026-12-01' as IsoDate } });
    const before = getObservations(db, 'WRESBAL');
    // The real values ÷ 1000 (a billions file read as millions): refused, nothing written.
    expect(() =>
      writeSeriesBatch(db, 'WRESBAL', WRESBAL.map((r) => ({ date: r.date, value: r.value / 1000 })), { origin: 'import', mode: 'overwrite', seenAt: 't', checks: { def, today: '2026-12-01' as IsoDate } }),
    ).toThrow(/look like billions; WRESBAL is published in millions/);
    expect(getObservations(db, 'WRESBAL')).toEqual(before);
    // SYNTHETIC revision (one real value moved by $0.5bn) under a user-stated scale: the factor is kept beside it.
    const revised = WRESBAL.map((r, i) => (i === 0 ? { date: r.date, value: r.value + 0.5 } : r));
    writeSeriesBatch(db, 'WRESBAL', revised, { origin: 'import', mode: 'overwrite', seenAt: 't2', checks: { def, today: '2026-12-01' as IsoDate, scale: 1000 }, scale: 1000 });
    expect(db.prepare("SELECT scale FROM revisions WHERE seen_at = 't2'").pluck().all()).toEqual([1000]);
  });
});

describe('large batches (the bulk insert path)', () => {
  // SYNTHETIC values on consecutive days: 5,000 new rows, above the size from which the rows go in
  // with SQLite's CHECK compiled out (observations-repo.ts, insertRows).
  const big = (from: number, n: number, value: (i: number) => number): Observation[] => Array.from({ length: n }, (_, i) => o(fromEpochDay(from + i), value(i)));
  const checkFlag = (): number => Number(db.pragma('ignore_check_constraints', { simple: true }));

  it('writes every row with its origin, merged with stored ones, and leaves the CHECK constraints in force', () => {
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't', checks: 'none' });
    const w = writeSeriesBatch(db, 'WRESBAL', big(epochDay('2025-10-30' as IsoDate), 5000, (i) => 3000 + i / 8), { origin: 'import', mode: 'overwrite', seenAt: 't', checks: 'none' });
    expect(w).toEqual({ inserted: 5000, updated: 0, revisions: 0, unchanged: 0 });
    const rows = getObservations(db, 'WRESBAL');
    expect(rows).toHaveLength(5003);
    expect(rows.slice(0, 4).map((r) => [r.date, r.value, r.origin])).toEqual([['2025-10-15', 3019.028, 'snapshot'], ['2025-10-22', 2933.037, 'snapshot'], ['2025-10-29', 2848.021, 'snapshot'], ['2025-10-30', 3000, 'import']]);
    expect(rows.at(-1)).toEqual({ date: fromEpochDay(epochDay('2025-10-30' as IsoDate) + 4999), value: 3000 + 4999 / 8, origin: 'import' });
    const c = getColumns(db, 'WRESBAL');
    expect(Array.from(c.values)).toEqual(rows.map((r) => r.value));
    expect(checkFlag()).toBe(0);
    const num = seriesNum(db, 'WRESBAL') ?? -1;
    expect(() => db.prepare('INSERT INTO observations (key, value, origin) VALUES (?, 1, 7)').run(keyOf(num, 0))).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare('UPDATE observations SET origin = 9 WHERE key = ?').run(keyOf(num, epochDay('2025-10-30' as IsoDate)))).toThrow(/CHECK constraint failed/);
  });

  it('is still all-or-nothing, and a failure leaves the CHECK constraints in force', () => {
    writeSeriesBatch(db, 'WRESBAL', WRESBAL, { origin: 'snapshot', mode: 'fill', seenAt: 't', checks: 'none' });
    const before = getObservations(db, 'WRESBAL');
    const rows = big(epochDay('2025-10-30' as IsoDate), 5000, (i) => (i === 4321 ? Number.NaN : 3000 + i));
    expect(() => writeSeriesBatch(db, 'WRESBAL', rows, { origin: 'sync', mode: 'overwrite', seenAt: 't', checks: 'none' })).toThrow(/NOT NULL/);
    expect(getObservations(db, 'WRESBAL')).toEqual(before);
    expect(getSeries(db, 'WRESBAL')?.rowCount).toBe(3);
    expect(checkFlag()).toBe(0);
    expect(() => db.prepare('INSERT INTO observations (key, value, origin) VALUES (?, 1, 3)').run(keyOf(seriesNum(db, 'WRESBAL') ?? -1, 0))).toThrow(/CHECK constraint failed/);
  });
});
