/**
 * Opening a data dir whose database may be damaged. Each kind of damage gets a specific message; the
 * damaged file is kept aside byte for byte (renamed, never rewritten); the cache is rebuilt from the
 * snapshot; saved scenarios and layouts come back from the newest backup, or failing that from
 * whatever of the damaged file can still be read.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseFromFutureError } from './migrate.js';
import { APPLICATION_ID, ForeignDatabaseError, openDatabase, type Db } from './open-database.js';
import { listBackups } from './backup.js';

export interface RecoveryReport {
  /** What was wrong, in plain words. */
  readonly problem: string;
  /** Where the damaged files were moved. */
  readonly keptAside: readonly string[];
  readonly scenariosRestored: number;
  readonly restoredFrom: string | null;
}

export class DamagedDatabase extends Error {
  override readonly name = 'DamagedDatabase';
}

/** Opens and checks a database; throws DamagedDatabase with a specific message when it cannot be used. */
export function openChecked(file: string, beforeMigrate?: (db: Db, from: number) => void): Db {
  if (existsSync(file) && statSync(file).size === 0) throw new DamagedDatabase('the database file is empty (0 bytes)');
  let db: Db;
  try {
    db = openDatabase(file, beforeMigrate ? { beforeMigrate } : {});
  } catch (e) {
    if (e instanceof DatabaseFromFutureError) throw new DamagedDatabase(`the database was written by a newer Reservoir (schema ${e.found}; this one knows up to ${e.supported})`);
    if (e instanceof ForeignDatabaseError) throw new DamagedDatabase(`the database file is not Reservoir's (${e.message})`);
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new DamagedDatabase('the database file is not a database any more (its header is damaged)');
    if (code === 'SQLITE_CORRUPT') throw new DamagedDatabase('the database is damaged (SQLite reports a malformed image)');
    throw new DamagedDatabase(`the database cannot be opened (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DamagedDatabase(`the database is damaged (integrity check: ${String(check).slice(0, 160)})`);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DamagedDatabase) throw e;
    throw new DamagedDatabase(`the database is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
}

interface SavedRows {
  readonly scenarios: Record<string, unknown>[];
  readonly layouts: Record<string, unknown>[];
}

/**
 * Reads scenarios and layouts from a backup (which must carry our application_id) or from a damaged
 * file (anything whose tables can still be read), or null when that is not possible.
 */
function readSaved(file: string, requireOurs: boolean): SavedRows | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (requireOurs && Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID) return null;
    const scenarios = db.prepare('SELECT name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at FROM scenarios').all() as Record<string, unknown>[];
    const layouts = db.prepare('SELECT name, panels, updated_at FROM layouts').all() as Record<string, unknown>[];
    return { scenarios, layouts };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function writeSaved(db: Db, rows: SavedRows): number {
  const s = db.prepare('INSERT OR IGNORE INTO scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES (@name, @inputs, @anchor, @curve_label, @data_as_of, @model_version, @created_at, @updated_at)');
  const l = db.prepare('INSERT OR IGNORE INTO layouts (name, panels, updated_at) VALUES (@name, @panels, @updated_at)');
  let n = 0;
  db.transaction(() => {
    for (const r of rows.scenarios) n += s.run(r).changes;
    for (const r of rows.layouts) l.run(r);
  })();
  return n;
}

function stampOf(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/**
 * Tries the database; when it is damaged, first checks whether a stray write-ahead log is the cause
 * (then only the log is set aside), otherwise sets the database aside and returns a fresh one.
 */
/**
 * Whether a write-ahead log left beside the database belongs to it. Checked on a read-only
 * connection, because a read-write connection would checkpoint a foreign log into the database when
 * it closes and destroy it.
 */
function walLooksForeign(file: string): string | null {
  if (!existsSync(`${file}-wal`) || !existsSync(file) || statSync(file).size === 0) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID) return 'its first page does not carry Reservoir’s id';
    const check = db.pragma('quick_check', { simple: true });
    return check === 'ok' ? null : `integrity check: ${String(check).slice(0, 120)}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    db?.close();
  }
}

export function openOrRecover(file: string, dataDir: string, now: number, beforeMigrate?: (db: Db, from: number) => void): { db: Db; recovery: RecoveryReport | null; fresh: boolean } {
  const stamp = stampOf(now);
  const keptAside: string[] = [];
  const walProblem = walLooksForeign(file);
  if (walProblem !== null) {
    for (const ext of ['-wal', '-shm']) {
      if (!existsSync(`${file}${ext}`)) continue;
      renameSync(`${file}${ext}`, `${file}${ext}.foreign-${stamp}`);
      keptAside.push(`${file}${ext}.foreign-${stamp}`);
    }
    try {
      const db = openChecked(file, beforeMigrate);
      return { db, recovery: { problem: `a write-ahead log beside the database did not belong to it (${walProblem}) and was set aside; the database itself is intact`, keptAside, scenariosRestored: 0, restoredFrom: null }, fresh: false };
    } catch {
      // the database is damaged as well: the log stays aside and full recovery follows
    }
  }
  try {
    return { db: openChecked(file, beforeMigrate), recovery: null, fresh: false };
  } catch (e) {
    if (!(e instanceof DamagedDatabase)) throw e;
    const aside = `${file}.damaged-${stamp}`;
    if (existsSync(file)) {
      renameSync(file, aside);
      keptAside.push(aside);
    }
    for (const ext of ['-wal', '-shm']) {
      if (existsSync(`${file}${ext}`)) {
        renameSync(`${file}${ext}`, `${aside}${ext}`);
        keptAside.push(`${aside}${ext}`);
      }
    }
    const db = openDatabase(file);
    let restored = 0;
    let restoredFrom: string | null = null;
    for (const b of listBackups(dataDir)) {
      const saved = readSaved(b.file, true);
      if (saved === null) continue;
      restored = writeSaved(db, saved);
      restoredFrom = path.basename(b.file);
      break;
    }
    if (restoredFrom === null && existsSync(aside)) {
      const salvaged = readSaved(aside, false);
      if (salvaged) {
        restored = writeSaved(db, salvaged);
        restoredFrom = `${path.basename(aside)} (what could still be read)`;
      }
    }
    return { db, recovery: { problem: e.message, keptAside, scenariosRestored: restored, restoredFrom }, fresh: true };
  }
}
