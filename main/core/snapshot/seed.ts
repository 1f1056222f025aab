/**
 * Seeds a data directory from the bundled snapshot, so the first launch works with no network.
 * Snapshot rows are stored with origin 'snapshot' and only fill dates the store lacks: a snapshot
 * shipped with an app update never undoes a sync.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findSeries, guardViolation } from '../../../shared/catalog.js';
import type { Observation } from '../../../shared/model/observation.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import { parseJsonText } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { BatchRefusedError, writeSeriesBatch } from '../db/repos/observations-repo.js';
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

/** Applies the snapshot when this store has not seen this snapshot yet (or when forced). */
/**
 * The snapshot's own files, as build-snapshot.ts writes them: a `date,value` header, then one
 * `YYYY-MM-DD,number` line per observation, ascending, nothing missing. Read line by line instead of
 * through the general CSV parser (the snapshot doubled to 176k rows; this halves the seed's parse),
 * and still checked: a line of another shape refuses the file.
 */
export function parseSnapshotCsv(text: string): Result<Observation[]> {
  const lines = text.split('\n');
  if ((lines[0] ?? '').trim() !== 'date,value') return err(`expected the header "date,value", got ${JSON.stringify(lines[0] ?? '')}`);
  const rows: Observation[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const date = line.slice(0, 10);
    const value = Number(line.slice(11));
    if (line.charAt(10) !== ',' || !isIsoDate(date) || !Number.isFinite(value) || line.length === 11) return err(`line ${i + 1}: ${JSON.stringify(line.slice(0, 40))} is not "YYYY-MM-DD,number"`);
    rows.push({ date, value });
  }
  return ok(rows);
}

export function seedFromSnapshot(db: Db, dir: string, seenAt: string, force = false): Result<SeedReport> {
  const manifest = readManifest(dir);
  if (!manifest.ok) return manifest;
  const m = manifest.value;
  if (!force && getSetting(db, SNAPSHOT_SETTING) === m.asOf) return ok({ applied: false, asOf: m.asOf, series: 0, inserted: 0 });
  // Parse and check every file first, then write them all in one transaction: a bad file leaves the
  // store untouched, and one commit instead of one per series.
  const batches: { id: string; rows: Observation[] }[] = [];
  for (const s of m.series) {
    const def = findSeries(s.id);
    if (def === undefined) return err(`snapshot series ${s.id} is not in the catalog`);
    const parsed = parseSnapshotCsv(readFileSync(path.join(dir, s.file), 'utf8'));
    if (!parsed.ok) return err(`snapshot ${s.file}: ${parsed.error}`);
    for (const o of parsed.value) {
      const problem = guardViolation(def, o.date, o.value);
      if (problem !== null) return err(`snapshot ${s.file}: ${problem}`);
    }
    batches.push({ id: s.id, rows: parsed.value });
  }
  // In key order: into an empty table every row then lands at the right edge of the B-tree, where
  // SQLite appends instead of splitting pages (measured: ~2× faster seeding).
  batches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
        n += writeSeriesBatch(db, b.id, b.rows, { origin: 'snapshot', mode: 'fill', seenAt, checks: { def, today } }).inserted;
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
