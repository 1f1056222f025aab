import type { Db } from '../open-database.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'cancelled';
export type SeriesOutcome = 'ok' | 'error' | 'cancelled';

export function startRun(db: Db, trigger: string, at: string): number {
  return Number(db.prepare("INSERT INTO sync_runs (started_at, trigger, status) VALUES (?, ?, 'running')").run(at, trigger).lastInsertRowid);
}

export function finishRun(db: Db, runId: number, status: RunStatus, at: string): void {
  db.prepare('UPDATE sync_runs SET status = ?, finished_at = ? WHERE id = ?').run(status, at, runId);
}

export function recordOutcome(db: Db, runId: number, seriesId: string, outcome: SeriesOutcome, rowsWritten: number, revisions: number, error: string | null): void {
  db.prepare(
    `INSERT INTO sync_run_series (run_id, series_id, outcome, rows_written, revisions, error) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, series_id) DO UPDATE SET outcome = excluded.outcome, rows_written = excluded.rows_written,
       revisions = excluded.revisions, error = excluded.error`,
  ).run(runId, seriesId, outcome, rowsWritten, revisions, error);
}

export interface RunOutcomeRow {
  readonly seriesId: string;
  readonly outcome: SeriesOutcome;
  readonly rowsWritten: number;
  readonly revisions: number;
  readonly error: string | null;
}

export function runOutcomes(db: Db, runId: number): RunOutcomeRow[] {
  return db
    .prepare('SELECT series_id AS seriesId, outcome, rows_written AS rowsWritten, revisions, error FROM sync_run_series WHERE run_id = ? ORDER BY rowid')
    .all(runId) as RunOutcomeRow[];
}
