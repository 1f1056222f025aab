/**
 * What recovery gives back of the user's own work (issue 11 §3): saved scenarios and layouts from the
 * newest readable backup AND whatever rows can still be read from the damaged file, merged. Saved
 * after the newest backup is not lost when the damaged file still holds it.
 *
 * Salvage reads the damaged file read-only, a table at a time; when a full scan fails (a damaged
 * page), it falls back to reading by rowid, each read in its own try, so one bad page costs only the
 * rows on it. Rows are checked for shape before they are trusted (a damaged page can decode to junk).
 *
 * Merge (mergeRows): newest `updated_at` wins per name; a rename after the backup (same id, same
 * content, new name) is one item; anything else is kept, since two scenarios may share inputs on
 * purpose ("duplicate" makes exactly that). A scenario deleted after the backup may come back: when in
 * doubt, recovery keeps rather than loses.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_ID, type Db } from './open-database.js';
import { listBackups } from './backup.js';

export interface ScenarioRow {
  readonly id: number;
  readonly name: string;
  readonly inputs: string;
  readonly anchor: string;
  readonly curve_label: string;
  readonly data_as_of: string;
  readonly model_version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface LayoutRow {
  readonly id: number;
  readonly name: string;
  readonly panels: string;
  readonly updated_at: string;
}

export interface SavedRows {
  readonly scenarios: readonly ScenarioRow[];
  readonly layouts: readonly LayoutRow[];
  /** Rows (or rowid windows) that could not be read or did not have the right shape. */
  readonly unreadable: number;
}

export interface RestoreCounts {
  readonly fromBackup: number;
  readonly salvaged: number;
}

export interface RestoreReport {
  /** Backup file name used, or null when none could be read. */
  readonly backup: string | null;
  readonly backupTakenAt: string | null;
  readonly scenarios: RestoreCounts;
  readonly layouts: RestoreCounts;
  /** Rows of the damaged file that could not be read back. */
  readonly unreadable: number;
  /** In plain words, for the banner and the CLI. */
  readonly summary: string;
}

const SCENARIO_COLS = 'id, name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at';
const LAYOUT_COLS = 'id, name, panels, updated_at';

const isText = (v: unknown): v is string => typeof v === 'string';
const isJsonText = (v: unknown): v is string => {
  if (!isText(v)) return false;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
};
const isRowId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isInstant = (v: unknown): v is string => isText(v) && Number.isFinite(Date.parse(v));

function asScenario(r: Record<string, unknown>): ScenarioRow | null {
  const { id, name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at } = r;
  if (!isRowId(id) || !isText(name) || name.length === 0 || !isJsonText(inputs) || !isJsonText(anchor) || !isText(curve_label) || !isText(data_as_of)) return null;
  if (typeof model_version !== 'number' || !Number.isInteger(model_version) || !isInstant(created_at) || !isInstant(updated_at)) return null;
  return { id, name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at };
}

function asLayout(r: Record<string, unknown>): LayoutRow | null {
  const { id, name, panels, updated_at } = r;
  if (!isRowId(id) || !isText(name) || name.length === 0 || !isJsonText(panels) || !isInstant(updated_at)) return null;
  return { id, name, panels, updated_at };
}

/** Rowids probed one by one past a damaged window before salvage gives up on the rest of a table. */
const PROBE_WINDOW = 256;
const MAX_EMPTY_WINDOWS = 64;

/**
 * Reads every row of one table that can be read: a full scan first; on an error, forward by rowid
 * (a window at a time), probing single rowids across the part that fails.
 */
function readTable<T>(db: Database.Database, table: string, cols: string, shape: (r: Record<string, unknown>) => T | null): { rows: T[]; unreadable: number } {
  const rows: T[] = [];
  let unreadable = 0;
  const take = (raw: Record<string, unknown>[]): void => {
    for (const r of raw) {
      const s = shape(r);
      if (s === null) unreadable++;
      else rows.push(s);
    }
  };
  try {
    take(db.prepare(`SELECT ${cols} FROM ${table}`).all() as Record<string, unknown>[]);
    return { rows, unreadable };
  } catch {
    rows.length = 0;
    unreadable = 0;
  }
  let top = Number.POSITIVE_INFINITY;
  try {
    top = Number(db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get() ?? 0);
  } catch {
    // the rightmost path is damaged too: walk until too many empty windows in a row
  }
  const windowRead = db.prepare(`SELECT rowid AS _rowid, ${cols} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 64`);
  const oneRead = db.prepare(`SELECT ${cols} FROM ${table} WHERE rowid = ?`);
  let after = 0;
  let emptyWindows = 0;
  while (after < top && emptyWindows < MAX_EMPTY_WINDOWS) {
    try {
      const got = windowRead.all(after) as Record<string, unknown>[];
      if (got.length === 0) break;
      take(got);
      after = Number(got[got.length - 1]?._rowid ?? after + 1);
      emptyWindows = 0;
      continue;
    } catch {
      // a damaged page somewhere after `after`: probe the next rowids one at a time
    }
    let found = 0;
    for (let id = after + 1; id <= after + PROBE_WINDOW; id++) {
      try {
        const r = oneRead.get(id) as Record<string, unknown> | undefined;
        if (r !== undefined) {
          take([r]);
          found++;
        }
      } catch {
        unreadable++;
      }
    }
    after += PROBE_WINDOW;
    emptyWindows = found === 0 ? emptyWindows + 1 : 0;
  }
  return { rows, unreadable };
}

/**
 * Scenarios and layouts of a backup (which must carry our application_id) or of a damaged file
 * (anything whose tables can still be read), or null when the file cannot be opened at all.
 */
export function readSaved(file: string, requireOurs: boolean): SavedRows | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (requireOurs && Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID) return null;
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    const s = tables.has('scenarios') ? readTable(db, 'scenarios', SCENARIO_COLS, asScenario) : { rows: [], unreadable: 0 };
    const l = tables.has('layouts') ? readTable(db, 'layouts', LAYOUT_COLS, asLayout) : { rows: [], unreadable: 0 };
    // A backup that fails half way is not "readable": the next older one is tried instead.
    if (requireOurs && s.unreadable + l.unreadable > 0) return null;
    return { scenarios: s.rows, layouts: l.rows, unreadable: s.unreadable + l.unreadable };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * A damaged file whose first 100 bytes (the SQLite header) were overwritten cannot be opened at all,
 * yet every page after them may be intact (found: two scenarios saved after the newest backup were
 * lost that way). On a temporary copy, the header is replaced by one of our own backups' (same page
 * size, encoding and format, all Reservoir files), with its "version-valid-for" number made stale so
 * SQLite takes the page count from the file's size rather than from the borrowed header. The copy is
 * then read like any damaged file and removed; the damaged file itself is never written.
 */
export function readWithRepairedHeader(damaged: string, donorFile: string | null): SavedRows | null {
  if (donorFile === null) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reservoir-salvage-'));
  try {
    const header = Buffer.alloc(100);
    const fd = openSync(donorFile, 'r');
    try {
      if (readSync(fd, header, 0, 100, 0) !== 100) return null;
    } finally {
      closeSync(fd);
    }
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return null;
    const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
    const size = statSync(damaged).size;
    if (pageSize < 512 || size < pageSize || size % pageSize !== 0) return null;
    // Change counter + 1 in "version-valid-for": the borrowed page count (bytes 28–31) is then ignored.
    header.writeUInt32BE((header.readUInt32BE(24) + 1) >>> 0, 92);
    const copy = path.join(dir, 'damaged-copy.sqlite');
    copyFileSync(damaged, copy);
    const out = openSync(copy, 'r+');
    try {
      writeSync(out, header, 0, 100, 0);
    } finally {
      closeSync(out);
    }
    return readSaved(copy, false);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Source = 'backup' | 'damaged';
interface Tagged<T> {
  readonly row: T;
  readonly source: Source;
}

/**
 * One row per saved item. The same name in both sources is one item: the newer `updated_at` wins (a
 * tie goes to the backup, the checked copy). A backup row whose id and content reappear in the
 * damaged file under a name the backup lacks was renamed after the backup: one item, the newer.
 * Everything else is kept, so two items that share content on purpose both come back.
 */
export function mergeRows<T extends { readonly id: number; readonly name: string; readonly updated_at: string }>(backup: readonly T[], damaged: readonly T[], content: (r: T) => string): Tagged<T>[] {
  const time = (r: T): number => {
    const t = Date.parse(r.updated_at);
    return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
  };
  const newer = (b: T, d: T): Tagged<T> => (time(d) > time(b) ? { row: d, source: 'damaged' } : { row: b, source: 'backup' });
  const backupNames = new Set(backup.map((r) => r.name));
  const damagedByName = new Map(damaged.map((r) => [r.name, r]));
  const paired = new Set<T>();
  const out: Tagged<T>[] = [];
  for (const b of backup) {
    const same = damagedByName.get(b.name);
    const renamed = same ?? damaged.find((d) => !paired.has(d) && d.id === b.id && !backupNames.has(d.name) && content(d) === content(b));
    if (renamed === undefined) {
      out.push({ row: b, source: 'backup' });
      continue;
    }
    paired.add(renamed);
    out.push(newer(b, renamed));
  }
  for (const d of damaged) if (!paired.has(d)) out.push({ row: d, source: 'damaged' });
  // A damaged page can repeat a name; the first (the backup's, or the newer) stays.
  const names = new Set<string>();
  return out.filter((t) => {
    if (names.has(t.row.name)) return false;
    names.add(t.row.name);
    return true;
  });
}

const scenarioContent = (r: ScenarioRow): string => JSON.stringify([r.inputs, r.anchor, r.curve_label, r.data_as_of, r.model_version]);
const layoutContent = (r: LayoutRow): string => r.panels;

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function describe(what: string, c: RestoreCounts, backupLabel: string): string {
  const total = c.fromBackup + c.salvaged;
  const parts = [c.fromBackup > 0 ? `${c.fromBackup} from ${backupLabel}` : '', c.salvaged > 0 ? `${c.salvaged} salvaged from the damaged file` : ''].filter((p) => p !== '');
  return parts.length === 0 ? `no ${what}s` : `${plural(total, what)}: ${parts.join(', ')}`;
}

/**
 * Fills a fresh database with the merged scenarios and layouts of the newest readable backup and the
 * damaged file (`damaged` null when there is none left to read).
 */
export function restoreSaved(db: Db, dataDir: string, damaged: string | null): RestoreReport {
  let fromBackup: SavedRows = { scenarios: [], layouts: [], unreadable: 0 };
  let backup: string | null = null;
  let backupTakenAt: string | null = null;
  for (const b of listBackups(dataDir)) {
    const saved = readSaved(b.file, true);
    if (saved === null) continue;
    fromBackup = saved;
    backup = path.basename(b.file);
    backupTakenAt = b.takenAtMs > 0 ? new Date(b.takenAtMs).toISOString() : null;
    break;
  }
  const donor = listBackups(dataDir)[0]?.file ?? null;
  const salvaged: SavedRows = (damaged === null ? null : (readSaved(damaged, false) ?? readWithRepairedHeader(damaged, donor))) ?? { scenarios: [], layouts: [], unreadable: 0 };
  const scenarios = mergeRows(fromBackup.scenarios, salvaged.scenarios, scenarioContent);
  const layouts = mergeRows(fromBackup.layouts, salvaged.layouts, layoutContent);
  // Ids are kept where they do not collide, so what refers to a scenario by id (a Compare selection,
  // the kept UI state) still finds it after recovery; a collision gets a new id.
  const s = db.prepare(`INSERT INTO scenarios (${SCENARIO_COLS}) VALUES (@id, @name, @inputs, @anchor, @curve_label, @data_as_of, @model_version, @created_at, @updated_at)`);
  const l = db.prepare(`INSERT INTO layouts (${LAYOUT_COLS}) VALUES (@id, @name, @panels, @updated_at)`);
  const withFreeId = <T extends { readonly id: number }>(rows: readonly Tagged<T>[]): (Omit<T, 'id'> & { id: number | null })[] => {
    const used = new Set<number>();
    return rows.map((t) => {
      const free = !used.has(t.row.id);
      used.add(t.row.id);
      return { ...t.row, id: free ? t.row.id : null };
    });
  };
  db.transaction(() => {
    for (const r of withFreeId(scenarios)) s.run(r);
    for (const r of withFreeId(layouts)) l.run(r);
  }).immediate();
  const count = <T>(rows: readonly Tagged<T>[]): RestoreCounts => ({ fromBackup: rows.filter((t) => t.source === 'backup').length, salvaged: rows.filter((t) => t.source === 'damaged').length });
  const sc = count(scenarios);
  const lc = count(layouts);
  const backupLabel = backupTakenAt === null ? 'the backup' : `the backup of ${backupTakenAt.slice(0, 16).replace('T', ' ')} UTC`;
  const lost = salvaged.unreadable > 0 ? `; ${plural(salvaged.unreadable, 'row')} of the damaged file could not be read` : '';
  const summary = `restored ${describe('scenario', sc, backupLabel)}; ${describe('layout', lc, backupLabel)}${lost}`;
  return { backup, backupTakenAt, scenarios: sc, layouts: lc, unreadable: salvaged.unreadable, summary };
}
