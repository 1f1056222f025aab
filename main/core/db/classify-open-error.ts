/**
 * Which errors at start mean the database is damaged (issue 11 §2). Only proven damage may lead to
 * recovery, which moves the file aside: SQLITE_CORRUPT, SQLITE_NOTADB, a failed quick_check or
 * integrity_check, another program's application_id and a schema from the future (or one no
 * migration produces). Everything else — busy, locked, permissions, a read-only file or folder, a
 * missing folder or one that is a file, a full disk, a failed upgrade — is the machine's state, not
 * the file's: it gets a plain message with the path and what to do, and no file is moved or
 * rewritten (found: a database with mode 000 was "damaged", moved aside and rebuilt).
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type UnavailableKind = 'busy' | 'permission' | 'read-only' | 'folder-is-file' | 'folder-missing' | 'not-set-up' | 'disk-full' | 'io' | 'other';

/** The store cannot be opened for a reason that is not damage. The message is for the user as it stands. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly kind: UnavailableKind,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const UNCHANGED = 'Nothing was moved or changed.';

function codeOf(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The folder that holds `file`, for messages about the folder. */
function folderOf(file: string): string {
  return path.dirname(file);
}

export function folderIsFile(dir: string): StoreUnavailableError {
  return new StoreUnavailableError('folder-is-file', dir, `The data folder ${dir} is a file (or lies inside one), not a folder. ${UNCHANGED} Move that file away, or start with --data-dir pointing to a folder.`);
}

export function folderReadOnly(dir: string, why: string): StoreUnavailableError {
  return new StoreUnavailableError(
    'read-only',
    dir,
    `Reservoir cannot write in its data folder ${dir} (${why}); SQLite keeps its journal and lock files beside the database. ${UNCHANGED} Make the folder writable for this user, or start with --data-dir pointing to one that is.`,
  );
}

function unreadable(file: string): StoreUnavailableError {
  return new StoreUnavailableError(
    'permission',
    file,
    `Reservoir cannot read its database ${file}: permission denied (the file's permissions do not let this user open it). ${UNCHANGED} Give your user read and write access to it (for example \`chmod u+rw "${file}"\`), or start with --data-dir pointing elsewhere.`,
  );
}

function readOnlyFile(file: string): StoreUnavailableError {
  return new StoreUnavailableError('read-only', file, `Reservoir cannot write to its database ${file}: the file is read-only. ${UNCHANGED} Make it writable (for example \`chmod u+w "${file}"\`) and start again.`);
}

/**
 * Creates the data folder when it is missing, with plain errors for a path that is (or runs through)
 * a file and for a folder this user may not create.
 */
export function ensureDataFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EEXIST' || code === 'ENOTDIR') throw folderIsFile(dir);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw folderReadOnly(path.dirname(dir), `this user may not create ${path.basename(dir)} there`);
    throw new StoreUnavailableError('other', dir, `Reservoir cannot create its data folder ${dir}: ${messageOf(e)}. ${UNCHANGED}`);
  }
  if (!statSync(dir).isDirectory()) throw folderIsFile(dir);
}

/**
 * Checks, before SQLite touches anything, that this user may read and write the database, its
 * journal files and the folder they live in. SQLite itself would open an unwritable file read-only
 * and fail later with a raw "attempt to write a readonly database", or report an unreadable one as
 * SQLITE_CANTOPEN, which looks like damage. (Root passes every access check, as the OS allows it.)
 */
export function checkWritable(file: string): void {
  const dir = folderOf(file);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw folderReadOnly(dir, codeOf(e) === 'EROFS' ? 'it is on a read-only file system' : 'this user may not write there');
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    try {
      accessSync(f, constants.R_OK);
    } catch {
      throw unreadable(f);
    }
    try {
      accessSync(f, constants.W_OK);
    } catch {
      throw readOnlyFile(f);
    }
  }
}

export type OpenErrorClass = { readonly damage: true; readonly problem: string } | { readonly damage: false; readonly error: StoreUnavailableError };

/**
 * Sorts an error from opening, checking or migrating `file`. `problem` (damage only) is the plain
 * sentence the recovery banner shows.
 */
export function classifyOpenError(e: unknown, file: string): OpenErrorClass {
  if (e instanceof StoreUnavailableError) return { damage: false, error: e };
  const code = codeOf(e);
  if (code === 'SQLITE_NOTADB') return { damage: true, problem: 'the database file is not a database any more (its header is damaged)' };
  if (code.startsWith('SQLITE_CORRUPT')) return { damage: true, problem: 'the database is damaged: SQLite found pages it cannot read (a malformed file)' };
  const unavailable = (kind: UnavailableKind, message: string): OpenErrorClass => ({ damage: false, error: new StoreUnavailableError(kind, file, message) });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return unavailable('busy', `The database ${file} is busy: another program holds a lock on it. ${UNCHANGED} Close the other program (another Reservoir, or an sqlite3 shell with an open transaction) and try again.`);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return { damage: false, error: readOnlyFile(file) };
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'EACCES' || code === 'EPERM') return { damage: false, error: unreadable(file) };
  if (code === 'ENOTDIR' || code === 'EEXIST') return { damage: false, error: folderIsFile(folderOf(file)) };
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') {
    if (!existsSync(folderOf(file))) return unavailable('folder-missing', `The data folder ${folderOf(file)} does not exist. ${UNCHANGED} Create it, or start with --data-dir pointing to the folder that holds reservoir.sqlite.`);
    if (existsSync(file)) return { damage: false, error: unreadable(file) };
    return { damage: false, error: folderReadOnly(folderOf(file), 'SQLite could not create the database there') };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return unavailable('disk-full', `The disk holding ${file} is full. ${UNCHANGED} Free some space and start again.`);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return unavailable('io', `Reading or writing ${file} failed (${messageOf(e)}): the disk or the file system reported an error. ${UNCHANGED} Check the disk and start again.`);
  return unavailable('other', `Reservoir could not open its database ${file}: ${messageOf(e)}. ${UNCHANGED}`);
}

/**
 * The result of `PRAGMA quick_check` in plain words: SQLite's own lines name b-tree pages and
 * cells, which tell a user nothing. The raw lines stay in the damaged file for anyone who wants them.
 */
export function plainIntegrityProblem(lines: readonly string[]): string {
  const text = lines.join('\n');
  const n = lines.filter((l) => l !== 'ok' && !/^\*\*\* in database/.test(l)).length;
  const count = n > 1 ? ` (${n} problems)` : '';
  if (/missing from index|wrong # of entries in index|index .* (?:mismatch|entries)/i.test(text)) {
    if (!/page|cell|btree|tree /i.test(text)) return `the database is damaged: an index no longer matches its table${count}`;
  }
  if (/NULL value|CHECK constraint|UNIQUE|NOT NULL/i.test(text) && !/page|cell|btree/i.test(text)) return `the database is damaged: some rows break the table's rules${count}`;
  if (/freelist|never used|2nd reference|invalid page|out of order|overflow|btreeInitPage|child page|page \d+/i.test(text)) return `the database is damaged: some of its pages are broken or point to the wrong place${count}`;
  return `the database is damaged: SQLite's integrity check failed${count}`;
}
