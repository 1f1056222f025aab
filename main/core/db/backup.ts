/**
 * Database backups: a consistent copy (VACUUM INTO) before every migration and at most once a day,
 * newest ten kept, in `<data dir>/backups/`. Saved scenarios are restored from the newest one when the
 * database is found damaged.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './open-database.js';

export const BACKUP_KEEP = 10;
export const BACKUP_EVERY_MS = 24 * 3600 * 1000;

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

/** Lists backups, newest first. */
export function listBackups(dataDir: string): { file: string; takenAtMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(backupDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((n) => /^reservoir-.*\.sqlite$/.test(n))
    .map((n) => ({ file: path.join(backupDir(dataDir), n), takenAtMs: takenAt(n) }))
    .sort((a, b) => b.takenAtMs - a.takenAtMs || b.file.localeCompare(a.file));
}

export function takeBackup(db: Db, dataDir: string, reason: string, now: number): string {
  mkdirSync(backupDir(dataDir), { recursive: true });
  const file = path.join(backupDir(dataDir), `reservoir-${stamp(now)}-${reason.replace(/[^a-z0-9-]/gi, '')}.sqlite`);
  db.prepare('VACUUM INTO ?').run(file);
  for (const old of listBackups(dataDir).slice(BACKUP_KEEP)) rmSync(old.file, { force: true });
  return file;
}

/** Takes a scheduled backup when the newest one is older than a day. */
export function backupIfDue(db: Db, dataDir: string, now: number): string | null {
  const newest = listBackups(dataDir)[0];
  if (newest !== undefined && now - newest.takenAtMs < BACKUP_EVERY_MS) return null;
  return takeBackup(db, dataDir, 'scheduled', now);
}
