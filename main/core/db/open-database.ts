/**
 * Opens (or creates) the store: WAL, foreign keys, an application_id that marks the file as ours,
 * and migrations to the current schema.
 */
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/** 'RSVR' as a big-endian 32-bit integer: identifies a Reservoir database to `file`/sqlite tools. */
export const APPLICATION_ID = 0x52535652;

export class ForeignDatabaseError extends Error {
  override readonly name = 'ForeignDatabaseError';
}

export type Db = Database.Database;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Called before migrating an existing database (the hook for taking a backup). */
  readonly beforeMigrate?: (db: Db, fromVersion: number) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // A reader never creates the file: a missing database is the writer's to make (with its migrations and seed).
  const db = options.readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.readonly) return db;
    // 16 KiB pages for new files (a no-op on existing ones): bulk loads split fewer pages and the
    // column copies (MB-sized blobs) need fewer overflow pages. 1M-row load ~0.75M -> ~1.1M rows/s.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    // Read and stamped inside one write transaction: read outside it, a second process starting at
    // the same moment could see the id still 0 and the first migration already committed, and call
    // our own file another program's (issue 11 §1).
    db.transaction(() => {
      const appId = Number(db.pragma('application_id', { simple: true }));
      const version = Number(db.pragma('user_version', { simple: true }));
      if (appId === 0 && version === 0) {
        const tables = Number(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get());
        if (tables > 0) throw new ForeignDatabaseError(`${file} is an SQLite database of another program (it has tables but no Reservoir id)`);
        db.pragma(`application_id = ${APPLICATION_ID}`);
      } else if (appId !== APPLICATION_ID) {
        throw new ForeignDatabaseError(`${file} is not a Reservoir database (application_id ${appId})`);
      }
    }).immediate();
    const hook = options.beforeMigrate;
    migrate(db, MIGRATIONS, hook ? (from) => hook(db, from) : undefined);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
