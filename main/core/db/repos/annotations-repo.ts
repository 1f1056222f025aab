/** The user's chart annotations (migration 0070). */
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import type { Db } from '../open-database.js';

export interface AnnotationRow {
  readonly id: number;
  readonly date: IsoDate;
  readonly text: string;
  readonly createdAt: string;
}

export function listAnnotations(db: Db): AnnotationRow[] {
  return db.prepare('SELECT id, date, text, created_at AS createdAt FROM annotations ORDER BY date, id').all() as AnnotationRow[];
}

export function addAnnotation(db: Db, date: IsoDate, text: string, createdAt: string): AnnotationRow {
  const r = db.prepare('INSERT INTO annotations (date, text, created_at) VALUES (?, ?, ?)').run(date, text, createdAt);
  return { id: Number(r.lastInsertRowid), date, text, createdAt };
}

export function deleteAnnotation(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
}
