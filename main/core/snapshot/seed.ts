/**
 * Seeds a data directory from the bundled snapshot, so the first launch works with no network.
 * Snapshot rows are stored with origin 'snapshot' and only fill dates the store lacks: a snapshot
 * shipped with an app update never undoes a sync.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findSeries, guardViolation, type SeriesDef } from '../../../shared/catalog.js';
import type { Observation } from '../../../shared/model/observation.js';
import { epochDayAt, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { parseJsonText } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { ascendingColumns, BatchRefusedError, writeSeriesColumns } from '../db/repos/observations-repo.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';
import { parseManifest, type SnapshotManifest } from './manifest.js';

export const SNAPSHOT_SETTING = 'snapshot.asOf';

export function readManifest(dir: string): Result<SnapshotManifest> {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    return err(`no snapshot manifest in ${dir}`);
  }
  const json = parseJsonText(text);
  return json.ok ? parseManifest(json.value) : err(`snapshot manifest: ${json.error}`);
}

export interface SeedReport {
  readonly applied: boolean;
  readonly asOf: string;
  readonly series: number;
  readonly inserted: number;
}

/**
 * The snapshot's own files, as build-snapshot.ts writes them: a `date,value` header, then one
 * `YYYY-MM-DD,number` line per observation, ascending, nothing missing. Read line by line instead of
 * through the general CSV parser (the snapshot doubled to 176k rows; this halves the seed's parse),
 * and still checked: a line of another shape refuses the file.
 */
export function parseSnapshotCsv(text: string): Result<Observation[]> {
  const cols = parseSnapshotColumns(text);
  if (!cols.ok) return cols;
  const { days, values } = cols.value;
  return ok(Array.from(days, (d, i) => ({ date: fromEpochDay(d), value: values[i] ?? Number.NaN })));
}

/** 10^0 … 10^22: every one exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number in `s[from .. to)`, exactly as `Number(s.slice(from, to))` reads it. Plain decimals of
 * at most 15 digits (every value the snapshot build writes but a few) are read from the characters
 * without making a string: digits / 10^fraction is one correctly rounded division of two exact
 * doubles, so it is the double `Number` returns. Anything else goes to `Number`.
 */
function numberAt(s: string, from: number, to: number): number {
  let i = from;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return Number(s.slice(from, to));
  }
  if (digits === 0 || digits > 15) return Number(s.slice(from, to));
  const v = fraction > 0 ? mantissa / (POW10[fraction] ?? Number.NaN) : mantissa;
  return negative ? -v : v;
}

/**
 * parseSnapshotCsv into columns (epoch days and values, in file order), reading the text in place:
 * no line, date or number becomes a string or an object of its own (the seed parses 176k rows).
 */
export function parseSnapshotColumns(text: string): Result<{ days: Int32Array; values: Float64Array }> {
  const firstEnd = text.indexOf('\n');
  const header = firstEnd < 0 ? text : text.slice(0, firstEnd);
  if (header.trim() !== 'date,value') return err(`expected the header "date,value", got ${JSON.stringify(header)}`);
  // Every data line has at least 12 characters and a newline between lines.
  const cap = Math.ceil((text.length - header.length) / 13);
  const days = new Int32Array(cap);
  const values = new Float64Array(cap);
  let n = 0;
  let line = 1;
  for (let start = firstEnd < 0 ? text.length : firstEnd + 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end > start) {
      const day = end - start > 11 && text.charCodeAt(start + 10) === 44 ? epochDayAt(text, start) : Number.NaN;
      const value = Number.isNaN(day) ? Number.NaN : numberAt(text, start + 11, end);
      if (!Number.isFinite(value) || n >= cap) return err(`line ${line + 1}: ${JSON.stringify(text.slice(start, Math.min(end, start + 40)))} is not "YYYY-MM-DD,number"`);
      days[n] = day;
      values[n++] = value;
    }
    start = end + 1;
  }
  return ok({ days: days.subarray(0, n), values: values.subarray(0, n) });
}

/** guardViolation for every row of a column batch (the first one found). */
function columnsGuardViolation(def: SeriesDef, days: Int32Array, values: Float64Array): string | null {
  const { min, max } = def.guard;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    // Inside [min, max] passes every guard (a `minFrom` only lowers the floor); anything else is
    // decided by guardViolation itself.
    if (v >= min && v <= max && Number.isFinite(v)) continue;
    const problem = guardViolation(def, fromEpochDay(days[i] ?? 0), v);
    if (problem !== null) return problem;
  }
  return null;
}

/** Applies the snapshot when this store has not seen this snapshot yet (or when forced). */
export function seedFromSnapshot(db: Db, dir: string, seenAt: string, force = false): Result<SeedReport> {
  const manifest = readManifest(dir);
  if (!manifest.ok) return manifest;
  const m = manifest.value;
  if (!force && getSetting(db, SNAPSHOT_SETTING) === m.asOf) return ok({ applied: false, asOf: m.asOf, series: 0, inserted: 0 });
  // Parse and check every file first, then write them all in one transaction: a bad file leaves the
  // store untouched, and one commit instead of one per series.
  const batches: { id: string; cols: { days: Int32Array; values: Float64Array } }[] = [];
  for (const s of m.series) {
    const def = findSeries(s.id);
    if (def === undefined) return err(`snapshot series ${s.id} is not in the catalog`);
    const parsed = parseSnapshotColumns(readFileSync(path.join(dir, s.file), 'utf8'));
    if (!parsed.ok) return err(`snapshot ${s.file}: ${parsed.error}`);
    const problem = columnsGuardViolation(def, parsed.value.days, parsed.value.values);
    if (problem !== null) return err(`snapshot ${s.file}: ${problem}`);
    let cols: { days: Int32Array; values: Float64Array };
    try {
      cols = ascendingColumns(s.id, parsed.value.days, parsed.value.values);
    } catch (e) {
      if (e instanceof RangeError) return err(`snapshot ${s.file}: ${e.message}`);
      throw e;
    }
    batches.push({ id: s.id, cols });
  }
  // In key order: into an empty table every row then lands at the right edge of the B-tree, where
  // SQLite appends instead of splitting pages (measured: ~2× faster seeding). Keys start with the
  // series' number (observation-keys.ts), not its id, so the batches go in number order.
  const nums = new Map(db.prepare('SELECT id, num FROM series').raw().all().map((r) => r as [string, number | null]));
  const keyOrder = (id: string): number => nums.get(id) ?? Number.MAX_SAFE_INTEGER;
  batches.sort((a, b) => keyOrder(a.id) - keyOrder(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The snapshot's dates were checked against its build date; a clock running behind it must not
  // refuse the bundled history, so "today" is at least the snapshot's as-of date here.
  const clockDay = seenAt.slice(0, 10) as IsoDate;
  const today = clockDay > m.asOf ? clockDay : (m.asOf as IsoDate);
  let inserted: number;
  try {
    inserted = db.transaction(() => {
      let n = 0;
      for (const b of batches) {
        const def = findSeries(b.id);
        if (def === undefined) throw new BatchRefusedError(`snapshot series ${b.id} is not in the catalog`);
        n += writeSeriesColumns(db, b.id, b.cols, { origin: 'snapshot', mode: 'fill', seenAt, checks: { def, today } }).inserted;
      }
      setSetting(db, SNAPSHOT_SETTING, m.asOf);
      return n;
    }).immediate();
  } catch (e) {
    if (e instanceof BatchRefusedError) return err(`snapshot: ${e.message}`);
    throw e;
  }
  return ok({ applied: true, asOf: m.asOf, series: m.series.length, inserted });
}
