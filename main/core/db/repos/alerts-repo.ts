/** Stored alerts and their trigger history (migration 0060). */
import { ALERT_OPS, type AlertDef, type AlertOp, type AlertTrigger } from '../../../../shared/compute/alerts.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import type { Db } from '../open-database.js';

interface AlertRow {
  id: string;
  name: string;
  formula: string;
  op: string;
  threshold: number;
  skip_calendar: number;
  enabled: number;
  preset: string | null;
}

const isOp = (s: string): s is AlertOp => (ALERT_OPS as readonly string[]).includes(s);

function toDef(r: AlertRow): AlertDef {
  return {
    id: r.id,
    name: r.name,
    formula: r.formula,
    op: isOp(r.op) ? r.op : 'above',
    threshold: r.threshold,
    skipCalendarExpected: r.skip_calendar === 1,
    enabled: r.enabled === 1,
    ...(r.preset === null ? {} : { preset: r.preset }),
  };
}

export function listAlerts(db: Db): AlertDef[] {
  return (db.prepare('SELECT id, name, formula, op, threshold, skip_calendar, enabled, preset FROM alerts ORDER BY position, created_at, id').all() as AlertRow[]).map(toDef);
}

export function getAlert(db: Db, id: string): AlertDef | undefined {
  const r = db.prepare('SELECT id, name, formula, op, threshold, skip_calendar, enabled, preset FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  return r === undefined ? undefined : toDef(r);
}

/** Inserts or replaces an alert; a new one goes last. A changed condition starts its history again. */
export function saveAlert(db: Db, a: AlertDef, nowIso: string): void {
  const before = getAlert(db, a.id);
  const pos = db.prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM alerts').pluck().get() as number;
  db.prepare(
    `INSERT INTO alerts (id, name, formula, op, threshold, skip_calendar, enabled, preset, position, created_at)
     VALUES (@id, @name, @formula, @op, @threshold, @skip, @enabled, @preset, @pos, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, formula = excluded.formula, op = excluded.op, threshold = excluded.threshold,
       skip_calendar = excluded.skip_calendar, enabled = excluded.enabled`,
  ).run({ id: a.id, name: a.name, formula: a.formula, op: a.op, threshold: a.threshold, skip: a.skipCalendarExpected ? 1 : 0, enabled: a.enabled ? 1 : 0, preset: a.preset ?? null, pos, now: nowIso });
  if (before !== undefined && (before.formula !== a.formula || before.op !== a.op || before.threshold !== a.threshold || before.skipCalendarExpected !== a.skipCalendarExpected)) clearAlertEvents(db, a.id);
}

export function deleteAlert(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM alerts WHERE id = ?').run(id).changes > 0;
}

export function clearAlertEvents(db: Db, id: string): void {
  db.prepare('DELETE FROM alert_events WHERE alert_id = ?').run(id);
}

export interface StoredAlertEvent extends AlertTrigger {
  readonly alertId: string;
  readonly recordedAt: string;
}

/** Records triggers not seen before; returns the new ones. */
export function recordAlertEvents(db: Db, alertId: string, triggers: readonly AlertTrigger[], nowIso: string): AlertTrigger[] {
  const ins = db.prepare('INSERT INTO alert_events (alert_id, obs_date, value, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const fresh: AlertTrigger[] = [];
  for (const t of triggers) if (ins.run(alertId, t.date, t.value, nowIso).changes > 0) fresh.push(t);
  return fresh;
}

export function alertEvents(db: Db, alertId?: string, limit = 200): StoredAlertEvent[] {
  const rows = (
    alertId === undefined
      ? db.prepare('SELECT alert_id, obs_date, value, recorded_at FROM alert_events ORDER BY obs_date DESC, alert_id LIMIT ?').all(limit)
      : db.prepare('SELECT alert_id, obs_date, value, recorded_at FROM alert_events WHERE alert_id = ? ORDER BY obs_date DESC LIMIT ?').all(alertId, limit)
  ) as { alert_id: string; obs_date: string; value: number; recorded_at: string }[];
  return rows.map((r) => ({ alertId: r.alert_id, date: r.obs_date as IsoDate, value: r.value, recordedAt: r.recorded_at }));
}
