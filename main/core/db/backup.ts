/**
 * Database backups in `<data dir>/backups/`: a consistent copy (VACUUM INTO) before every migration,
 * at most once a day at start, at most every 10 minutes after saved scenarios or layouts change, and
 * on a clean quit after such changes. Saved scenarios and layouts are restored from the newest
 * readable one when the database is found damaged (see recover.ts / salvage.ts).
 *
 * What makes a file a backup (issue 11 §3): each copy is written under a temporary name, checked
 * (`quick_check`, our application_id) and only then renamed to `reservoir-<time>-<reason>.sqlite`, so
 * a partial or empty file never looks like one. Rotation keeps the newest ten GOOD backups; files that
 * fail the check never count towards the ten (nine empty files once pushed out ten good copies). A
 * failed backup is reported through `warn` and never stops the caller.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, type Db } from './open-database.js';

export const BACKUP_KEEP = 10;
export const BACKUP_EVERY_MS = 24 * 3600 * 1000;
/** After a change to scenarios or layouts, at most one backup per this interval (issue 11 §3). */
export const CHANGE_BACKUP_EVERY_MS = 10 * 60 * 1000;
/** A burst of edits (rename, then save) settles before the copy is taken. */
const CHANGE_SETTLE_MS = 5_000;

/** Suffix of a copy being written; never matched as a backup. */
const PARTIAL = '.partial';
const FINAL_NAME = /^reservoir-.*\.sqlite$/;

export type Warn = (line: string) => void;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/** When a backup was taken, from its name (file times can be changed by copying). */
function takenAt(name: string): number {
  const m = /^reservoir-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : 0;
}

export interface BackupFile {
  readonly file: string;
  readonly takenAtMs: number;
}

/** Every file named like a backup, newest first, good or not. */
function namedBackups(dataDir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(backupDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((n) => FINAL_NAME.test(n))
    .map((n) => ({ file: path.join(backupDir(dataDir), n), takenAtMs: takenAt(n) }))
    .sort((a, b) => b.takenAtMs - a.takenAtMs || b.file.localeCompare(a.file));
}

/**
 * The cheap part of "good", from the first 100 bytes and the size (no SQLite open): the SQLite magic,
 * our application_id, and a size that matches the page count the header declares, so a 0-byte or
 * truncated copy is refused without reading it. See https://www.sqlite.org/fileformat.html §1.3.
 */
export function looksLikeBackup(file: string): boolean {
  let size: number;
  const header = Buffer.alloc(100);
  try {
    size = statSync(file).size;
    if (size < 512) return false;
    const fd = openSync(file, 'r');
    try {
      if (readSync(fd, header, 0, 100, 0) !== 100) return false;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return false;
  if (header.readUInt32BE(68) !== APPLICATION_ID) return false;
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0 || size % pageSize !== 0) return false;
  // The in-header page count is valid when "version-valid-for" equals the change counter.
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(92) === header.readUInt32BE(24) && pages * pageSize !== size) return false;
  return true;
}

/** The expensive part: SQLite opens it read-only and `quick_check` says ok. */
function passesQuickCheck(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return Number(db.pragma('application_id', { simple: true })) === APPLICATION_ID && db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

// A backup never changes once renamed into place, so its verdict is kept for the life of the
// process (keyed by size and mtime, in case the user copies another file over it). Ten quick_checks
// of a 70 MB store cost seconds; with the memo each file is checked at most once per session.
const verdicts = new Map<string, boolean>();
function verdictKey(file: string): string | null {
  try {
    const st = statSync(file);
    return `${file}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Good = the header checks above, then SQLite opens it and `quick_check` is ok. */
export function isGoodBackup(file: string): boolean {
  const key = verdictKey(file);
  if (key === null) return false;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const good = looksLikeBackup(file) && passesQuickCheck(file);
  verdicts.set(key, good);
  return good;
}

/**
 * Backups worth reading, newest first: files named like a backup whose header and size are right
 * (the cheap check; recovery then reads whichever opens). An empty or truncated file is not listed.
 */
export function listBackups(dataDir: string): BackupFile[] {
  return namedBackups(dataDir).filter((b) => looksLikeBackup(b.file));
}

/** The newest backup that passes the full check, or undefined. */
export function newestGoodBackup(dataDir: string): BackupFile | undefined {
  for (const b of namedBackups(dataDir)) if (isGoodBackup(b.file)) return b;
  return undefined;
}

/**
 * Keeps the newest ten good backups. Files that are not good never count; they are removed only once
 * ten good backups are newer than them. Only files named like backups are touched.
 */
export function rotateBackups(dataDir: string): void {
  const all = namedBackups(dataDir);
  // Nothing can be deleted while there are at most ten files: spare the quick_checks.
  if (all.length <= BACKUP_KEEP) return;
  let good = 0;
  for (const b of all) {
    if (good >= BACKUP_KEEP) rmSync(b.file, { force: true });
    else if (isGoodBackup(b.file)) good++;
  }
}

/** Leftovers of a copy interrupted by a crash or a full disk (never a backup: see PARTIAL). */
function removePartials(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith('reservoir-') && (n.endsWith(PARTIAL) || n.includes(`${PARTIAL}-`))) rmSync(path.join(dir, n), { force: true });
}

/**
 * Takes a backup now; throws (with the reason in words) when it cannot be written or checked. The
 * copy is complete and checked before it gets a backup's name.
 */
export function takeBackup(db: Db, dataDir: string, reason: string, now: number): string {
  const dir = backupDir(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`backup not written: ${dir} cannot be a folder (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  removePartials(dir);
  const base = `reservoir-${stamp(now)}-${reason.replace(/[^a-z0-9-]/gi, '')}`;
  let file = path.join(dir, `${base}.sqlite`);
  for (let k = 2; existsQuiet(file); k++) file = path.join(dir, `${base}-${k}.sqlite`);
  const temp = `${file}${PARTIAL}`;
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    if (!looksLikeBackup(temp) || !passesQuickCheck(temp)) throw new Error('the copy did not pass its check (quick_check)');
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw new Error(`backup not written to ${dir}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const key = verdictKey(file);
  if (key !== null) verdicts.set(key, true);
  rotateBackups(dataDir);
  return file;
}

function existsQuiet(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** takeBackup that warns instead of throwing: a backup that fails never stops what called it. */
export function tryBackup(db: Db, dataDir: string, reason: string, now: number, warn: Warn = () => undefined): string | null {
  try {
    return takeBackup(db, dataDir, reason, now);
  } catch (e) {
    warn(`warning: ${e instanceof Error ? e.message : String(e)}; Reservoir carries on without it`);
    return null;
  }
}

/** Takes a scheduled backup when the newest good one is older than a day; never throws. */
export function backupIfDue(db: Db, dataDir: string, now: number, warn?: Warn): string | null {
  const newest = newestGoodBackup(dataDir);
  if (newest !== undefined && now - newest.takenAtMs < BACKUP_EVERY_MS) return null;
  return tryBackup(db, dataDir, 'scheduled', now, warn);
}

export interface Timer {
  cancel(): void;
}
/** Injected so tests drive the 10-minute debounce without waiting. */
export type SetTimer = (fn: () => void, ms: number) => Timer;

/** A real timer that does not keep the process alive on its own. */
export const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

export interface BackupScheduler {
  /** Saved scenarios or layouts changed: a backup follows within 10 minutes (at most one per 10). */
  noteChange(): void;
  /** The daily backup, when one is due (the app runs it shortly after start); the change debounce counts from it. */
  dailyIfDue(): string | null;
  /** Clean quit: a last backup when something changed since the newest one (or one is due). */
  close(): string | null;
}

export function createBackupScheduler(opts: { readonly db: Db; readonly dataDir: string; readonly now: () => number; readonly setTimer?: SetTimer; readonly warn?: Warn; readonly everyMs?: number }): BackupScheduler {
  const every = opts.everyMs ?? CHANGE_BACKUP_EVERY_MS;
  const setTimer = opts.setTimer ?? realTimer;
  let lastAt = newestGoodBackup(opts.dataDir)?.takenAtMs ?? Number.NEGATIVE_INFINITY;
  let dirty = false;
  let timer: Timer | null = null;
  let closed = false;
  const run = (reason: string): string | null => {
    timer = null;
    dirty = false;
    // The attempt counts even when it fails, so a full disk is not retried on every keystroke.
    lastAt = opts.now();
    return tryBackup(opts.db, opts.dataDir, reason, lastAt, opts.warn);
  };
  return {
    noteChange() {
      if (closed) return;
      dirty = true;
      if (timer !== null) return;
      const wait = Math.max(CHANGE_SETTLE_MS, lastAt + every - opts.now());
      timer = setTimer(() => {
        if (dirty && !closed) run('changed');
      }, wait);
    },
    dailyIfDue() {
      if (closed) return null;
      const took = backupIfDue(opts.db, opts.dataDir, opts.now(), opts.warn);
      if (took !== null) lastAt = opts.now();
      return took;
    },
    close() {
      if (closed) return null;
      closed = true;
      timer?.cancel();
      timer = null;
      // A quit with nothing new since the last backup would only push an older copy out of the ten.
      if (dirty) return run('on-quit');
      return backupIfDue(opts.db, opts.dataDir, opts.now(), opts.warn);
    },
  };
}
