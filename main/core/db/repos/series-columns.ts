/**
 * The columnar copy of one series (`series_columns`): epoch days, values and origin codes as three
 * little-endian blobs, so reading a whole series is one row instead of one JS array per observation.
 * Written only in the same transaction as the rows it mirrors (observations-repo), so both commit or
 * neither does.
 */
import type { Db } from '../open-database.js';
import { dayOf, rangeOf, seriesNum } from './observation-keys.js';

export interface Columns {
  readonly days: Int32Array;
  readonly values: Float64Array;
  readonly origins: Uint8Array;
}

export const EMPTY_COLUMNS: Columns = { days: new Int32Array(0), values: new Float64Array(0), origins: new Uint8Array(0) };

// Typed arrays use the platform's byte order; every platform Reservoir ships for (x64, arm64) is
// little-endian, which is what the blobs are defined to be.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function requireLittleEndian(): void {
  if (!LITTLE_ENDIAN) throw new Error('series_columns blobs are little-endian; this platform is big-endian');
}

function asBuffer(a: Int32Array | Float64Array | Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A view on the blob when it is aligned (large blobs are), otherwise an aligned copy. */
function view<T extends Int32Array | Float64Array | Uint8Array>(b: Buffer, ctor: { new (buf: ArrayBuffer, off: number, len: number): T; readonly BYTES_PER_ELEMENT: number }): T {
  const n = b.byteLength / ctor.BYTES_PER_ELEMENT;
  if (!Number.isInteger(n)) throw new Error(`series_columns: a blob of ${b.byteLength} bytes is not a whole number of elements`);
  if (b.byteOffset % ctor.BYTES_PER_ELEMENT === 0 && b.buffer instanceof ArrayBuffer) return new ctor(b.buffer, b.byteOffset, n);
  const copy = new ArrayBuffer(b.byteLength);
  new Uint8Array(copy).set(b);
  return new ctor(copy, 0, n);
}

export function writeColumns(db: Db, seriesId: string, c: Columns): void {
  requireLittleEndian();
  db.prepare('INSERT OR REPLACE INTO series_columns (series_id, days, vals, origins) VALUES (?, ?, ?, ?)').run(seriesId, asBuffer(c.days), asBuffer(c.values), asBuffer(c.origins));
}

/** The stored column copy, or null when there is none (or it is malformed: the caller rebuilds). */
export function readColumns(db: Db, seriesId: string): Columns | null {
  requireLittleEndian();
  const row = db.prepare('SELECT days, vals, origins FROM series_columns WHERE series_id = ?').raw().get(seriesId) as [Buffer, Buffer, Buffer] | undefined;
  if (row === undefined) return null;
  const [d, v, o] = row;
  if (!Buffer.isBuffer(d) || !Buffer.isBuffer(v) || !Buffer.isBuffer(o)) return null;
  if (d.byteLength % 4 !== 0 || v.byteLength !== d.byteLength * 2 || o.byteLength !== d.byteLength / 4) return null;
  return { days: view(d, Int32Array), values: view(v, Float64Array), origins: view(o, Uint8Array) };
}

/** Rebuilds the column copy from the rows (the record of truth). */
export function rebuildColumns(db: Db, seriesId: string): Columns {
  const num = seriesNum(db, seriesId);
  const rows = num === null ? [] : (db.prepare('SELECT key, value, origin FROM observations WHERE key BETWEEN ? AND ? ORDER BY key').raw().all(...rangeOf(num)) as [number, number, number][]);
  const c: Columns = { days: new Int32Array(rows.length), values: new Float64Array(rows.length), origins: new Uint8Array(rows.length) };
  rows.forEach(([key, value, origin], i) => {
    c.days[i] = dayOf(num ?? 0, key);
    c.values[i] = value;
    c.origins[i] = origin;
  });
  if (rows.length === 0) db.prepare('DELETE FROM series_columns WHERE series_id = ?').run(seriesId);
  else writeColumns(db, seriesId, c);
  return c;
}
