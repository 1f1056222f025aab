/**
 * Opening a data dir whose database may be damaged. Each kind of damage gets a specific message; the
 * damaged file is kept aside byte for byte (renamed, never rewritten); the cache is rebuilt from the
 * snapshot; saved scenarios and layouts come back merged from the newest readable backup and from
 * whatever of the damaged file can still be read (salvage.ts).
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkWritable, classifyOpenError, plainIntegrityProblem } from './classify-open-error.js';
import { DatabaseFromFutureError, MigrationError } from './migrate.js';
import { APPLICATION_ID, ForeignDatabaseError, openDatabase, type Db } from './open-database.js';
import { restoreSaved, type RestoreReport } from './salvage.js';

export interface RecoveryReport {
  /** What was wrong, in plain words. */
  readonly problem: string;
  /** Where the damaged files were moved. */
  readonly keptAside: readonly string[];
  readonly scenariosRestored: number;
  /** The backup file name and/or the damaged file, joined by "and"; null when nothing was restored. */
  readonly restoredFrom: string | null;
  readonly layoutsRestored?: number;
  /** Counts per source and a sentence ("restored 7 scenarios: 4 from the backup of …, 3 salvaged …"). */
  readonly restored?: RestoreReport;
}

export class DamagedDatabase extends Error {
  override readonly name = 'DamagedDatabase';
}

/**
 * Opens and checks a database; throws DamagedDatabase (plain words) only for proven damage (see
 * classify-open-error.ts). Anything else — busy, permissions, a failed upgrade — is rethrown as a
 * StoreUnavailableError, and the caller must leave the file alone.
 */
export function openChecked(file: string, beforeMigrate?: (db: Db, from: number) => void): Db {
  // An empty main file beside a non-empty log is a new database whose pages are still in the log
  // (WAL mode writes the file only at a checkpoint), not damage.
  if (existsSync(file) && statSync(file).size === 0 && !(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)) throw new DamagedDatabase('the database file is empty (0 bytes)');
  let db: Db;
  try {
    db = openDatabase(file, beforeMigrate ? { beforeMigrate } : {});
  } catch (e) {
    if (e instanceof DatabaseFromFutureError) throw new DamagedDatabase(`the database was written by a newer Reservoir (schema ${e.found}; this one knows up to ${e.supported})`);
    if (e instanceof ForeignDatabaseError) throw new DamagedDatabase(`the database file is not Reservoir's (${e.message})`);
    // A schema version no migration ever wrote: the file carries our id but not our tables.
    if (e instanceof MigrationError && /which no migration produces/.test(e.message)) throw new DamagedDatabase(`the database has a schema this Reservoir never wrote (${e.message.replace(/^this database has /, '')})`);
    throw damageOr(e, file);
  }
  try {
    const check = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => String(r.quick_check));
    if (check.length !== 1 || check[0] !== 'ok') throw new DamagedDatabase(plainIntegrityProblem(check));
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DamagedDatabase) throw e;
    throw damageOr(e, file);
  }
}

/** DamagedDatabase for proven damage, otherwise the plain error that leaves the file alone. */
function damageOr(e: unknown, file: string): Error {
  const c = classifyOpenError(e, file);
  return c.damage ? new DamagedDatabase(c.problem) : c.error;
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
    const check = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => String(r.quick_check));
    return check.length === 1 && check[0] === 'ok' ? null : plainIntegrityProblem(check).replace(/^the database is damaged: /, 'read with it, the database looks damaged: ');
  } catch (e) {
    // Only proven damage makes the log foreign; a busy or unreadable file is reported and left alone.
    const c = classifyOpenError(e, file);
    if (!c.damage) throw c.error;
    return c.problem;
  } finally {
    db?.close();
  }
}

export function openOrRecover(file: string, dataDir: string, now: number, beforeMigrate?: (db: Db, from: number) => void): { db: Db; recovery: RecoveryReport | null; fresh: boolean } {
  const stamp = stampOf(now);
  const keptAside: string[] = [];
  // Before anything is read or renamed: a file or folder this user may not write is not damage.
  checkWritable(file);
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
    // Backup and damaged file merged: what was saved after the newest backup is not lost (issue 11 §3).
    const r = restoreSaved(db, dataDir, existsSync(aside) ? aside : null);
    const restoredFrom = [r.scenarios.fromBackup + r.layouts.fromBackup > 0 ? r.backup : null, r.scenarios.salvaged + r.layouts.salvaged > 0 ? `what could still be read of ${path.basename(aside)}` : null].filter((x): x is string => x !== null).join(' and ') || null;
    return { db, recovery: { problem: e.message, keptAside, scenariosRestored: r.scenarios.fromBackup + r.scenarios.salvaged, restoredFrom, layoutsRestored: r.layouts.fromBackup + r.layouts.salvaged, restored: r }, fresh: true };
  }
}
