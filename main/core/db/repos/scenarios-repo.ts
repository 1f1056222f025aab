import type { Anchor, ScenarioInputs } from '../../../../shared/compute/projection.js';
import type { Db } from '../open-database.js';

export interface ScenarioRecord extends NewScenario {
  readonly id: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  inputs: string;
  anchor: string;
  curve_label: string;
  data_as_of: string;
  model_version: number;
  created_at: string;
  updated_at: string;
}

/** NaN (unknown bank assets) does not survive JSON: it is stored as null and read back as NaN. */
const anchorToJson = (a: Anchor): string => JSON.stringify({ ...a, BA0: Number.isFinite(a.BA0) ? a.BA0 : null });
const anchorFromJson = (s: string): Anchor => {
  const o = JSON.parse(s) as Anchor & { BA0: number | null };
  return { ...o, BA0: o.BA0 ?? Number.NaN };
};

const toRecord = (r: Row): ScenarioRecord => ({
  id: r.id,
  name: r.name,
  inputs: JSON.parse(r.inputs) as ScenarioInputs,
  anchor: anchorFromJson(r.anchor),
  curveLabel: r.curve_label,
  dataAsOf: r.data_as_of,
  modelVersion: r.model_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listScenarios(db: Db): ScenarioRecord[] {
  return (db.prepare('SELECT * FROM scenarios ORDER BY name').all() as Row[]).map(toRecord);
}

export function getScenario(db: Db, id: number): ScenarioRecord | undefined {
  const r = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as Row | undefined;
  return r === undefined ? undefined : toRecord(r);
}

export interface NewScenario {
  readonly name: string;
  readonly inputs: ScenarioInputs;
  readonly anchor: Anchor;
  readonly curveLabel: string;
  readonly dataAsOf: string;
  readonly modelVersion: number;
}

export function insertScenario(db: Db, s: NewScenario, at: string): ScenarioRecord {
  const id = Number(
    db
      .prepare('INSERT INTO scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.name, JSON.stringify(s.inputs), anchorToJson(s.anchor), s.curveLabel, s.dataAsOf, s.modelVersion, at, at).lastInsertRowid,
  );
  const rec = getScenario(db, id);
  if (rec === undefined) throw new Error('scenario vanished after insert');
  return rec;
}

export function updateScenario(db: Db, id: number, s: NewScenario, at: string): ScenarioRecord | undefined {
  db.prepare('UPDATE scenarios SET name = ?, inputs = ?, anchor = ?, curve_label = ?, data_as_of = ?, model_version = ?, updated_at = ? WHERE id = ?').run(
    s.name,
    JSON.stringify(s.inputs),
    anchorToJson(s.anchor),
    s.curveLabel,
    s.dataAsOf,
    s.modelVersion,
    at,
    id,
  );
  return getScenario(db, id);
}

export function renameScenario(db: Db, id: number, name: string, at: string): boolean {
  return db.prepare('UPDATE scenarios SET name = ?, updated_at = ? WHERE id = ?').run(name, at, id).changes === 1;
}

export function deleteScenario(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM scenarios WHERE id = ?').run(id).changes === 1;
}

export function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  return db.prepare('SELECT 1 FROM scenarios WHERE name = ? AND id IS NOT ?').get(name, exceptId ?? null) !== undefined;
}

export interface LayoutRecord {
  readonly id: number;
  readonly name: string;
  readonly panels: unknown;
  readonly updatedAt: string;
}

export function listLayouts(db: Db): LayoutRecord[] {
  return (db.prepare('SELECT id, name, panels, updated_at FROM layouts ORDER BY name').all() as { id: number; name: string; panels: string; updated_at: string }[]).map((r) => ({
    id: r.id,
    name: r.name,
    panels: JSON.parse(r.panels) as unknown,
    updatedAt: r.updated_at,
  }));
}

export function saveLayout(db: Db, name: string, panels: unknown, at: string): void {
  db.prepare('INSERT INTO layouts (name, panels, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET panels = excluded.panels, updated_at = excluded.updated_at').run(name, JSON.stringify(panels), at);
}

/**
 * Puts a deleted scenario back (the Undo of a delete): under its old id when no scenario took it
 * since, so a Compare selection that named it still does; else under a new id. Its name is the
 * caller's (the old one, or a free variant when the old one was taken meanwhile).
 */
export function restoreScenario(db: Db, rec: ScenarioRecord, name: string): ScenarioRecord {
  const free = getScenario(db, rec.id) === undefined;
  const r = db
    .prepare('INSERT INTO scenarios (id, name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(free ? rec.id : null, name, JSON.stringify(rec.inputs), anchorToJson(rec.anchor), rec.curveLabel, rec.dataAsOf, rec.modelVersion, rec.createdAt, rec.updatedAt);
  const back = getScenario(db, Number(r.lastInsertRowid));
  if (back === undefined) throw new Error('scenario vanished after restore');
  return back;
}

export function getLayout(db: Db, name: string): LayoutRecord | undefined {
  return listLayouts(db).find((l) => l.name === name);
}

/** Renames layout `from` to `to` (keeping its panels); false when there is no layout `from`. */
export function renameLayout(db: Db, from: string, to: string, at: string): boolean {
  return db.prepare('UPDATE layouts SET name = ?, updated_at = ? WHERE name = ?').run(to, at, from).changes === 1;
}

export function deleteLayout(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM layouts WHERE name = ?').run(name).changes === 1;
}

/**
 * Which name is taken when SQLite refuses a write with its UNIQUE constraint on `scenarios.name` or
 * `layouts.name`, or null for any other error. Two saves of one name can race (two windows, the app
 * and the CLI): both pass the `nameTaken` check and the second INSERT fails in SQLite, whose raw
 * "UNIQUE constraint failed" must reach the user as the plain "name taken" (issue 11 §5).
 */
export function nameConflictOf(e: unknown): 'scenario' | 'layout' | null {
  if (!(e instanceof Error) || !('code' in e) || e.code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  if (/\bscenarios\.name\b/.test(e.message)) return 'scenario';
  if (/\blayouts\.name\b/.test(e.message)) return 'layout';
  return null;
}
