import type { Db } from '../open-database.js';

export function getSetting(db: Db, key: string): string | null {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  return typeof v === 'string' ? v : null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteSetting(db: Db, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
