/**
 * Schema versions live in `PRAGMA user_version`, one numbered migration per version (steps of 10,
 * as Signal Desktop does). The runner refuses a list that is out of order and a database written by
 * a newer Reservoir, rather than guessing.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * Rebuilds a table other tables reference (SQLite's 12-step ALTER procedure): foreign keys are
   * switched off around the transaction, because `PRAGMA foreign_keys` is a no-op inside one, and
   * `foreign_key_check` must come back empty before the transaction commits.
   */
  readonly rebuildsReferencedTable?: boolean;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export class DatabaseFromFutureError extends MigrationError {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`this database has schema version ${found}, but this Reservoir only knows versions up to ${supported}: it was written by a newer Reservoir`);
  }
}

export function checkMigrationList(migrations: readonly Migration[]): void {
  let prev = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= prev) {
      throw new MigrationError(`migration ${m.version} (${m.name}) is out of order: versions must increase strictly (previous ${prev})`);
    }
    prev = m.version;
  }
}

export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Applies every migration newer than the database, each in its own transaction. Returns the versions applied.
 *
 * Each step runs in `BEGIN EXCLUSIVE` and re-reads `user_version` inside it: a second process that
 * started at the same moment waits on the busy timeout, then finds the step done and skips it, instead
 * of failing on "table … already exists" (issue 11 §1; the data-folder lock is the first defence,
 * this the second).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], beforeMigrate?: (from: number) => void): number[] {
  checkMigrationList(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const checkKnown = (version: number): void => {
    if (version > latest) throw new DatabaseFromFutureError(version, latest);
    if (version !== 0 && !migrations.some((m) => m.version === version)) {
      throw new MigrationError(`this database has schema version ${version}, which no migration produces`);
    }
  };
  const current = schemaVersion(db);
  checkKnown(current);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length > 0 && current !== 0) beforeMigrate?.(current);
  const applied: number[] = [];
  for (const m of pending) {
    const fkWasOn = m.rebuildsReferencedTable === true && Number(db.pragma('foreign_keys', { simple: true })) === 1;
    if (fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      const ran = db
        .transaction((): boolean => {
          const now = schemaVersion(db);
          checkKnown(now);
          if (now >= m.version) return false;
          m.up(db);
          if (m.rebuildsReferencedTable === true) {
            const broken = db.pragma('foreign_key_check') as unknown[];
            if (broken.length > 0) throw new MigrationError(`migration ${m.version} (${m.name}) would leave ${broken.length} dangling references`);
          }
          db.pragma(`user_version = ${m.version}`);
          return true;
        })
        .exclusive();
      if (ran) applied.push(m.version);
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}
