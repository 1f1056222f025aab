import type { Db } from '../open-database.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'cancelled';
export type SeriesOutcome = 'ok' | 'error' | 'cancelled';

export function startRun(db: Db, trigger: string, at: string): number {
  return Number(db.prepare("INSERT INTO sync_runs (started_at, trigger, status) VALUES (?, ?, 'running')").run(at, trigger).lastInsertRowid);
}

/** `message`: one sentence for a run that stopped as a whole (no network); null for a run that went series by series. */
export function finishRun(db: Db, runId: number, status: RunStatus, at: string, message: string | null = null): void {
  db.prepare('UPDATE sync_runs SET status = ?, finished_at = ?, message = ? WHERE id = ?').run(status, at, message, runId);
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

export interface RunSummaryRow {
  readonly id: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly trigger: string;
  readonly status: RunStatus;
  readonly message: string | null;
  readonly ok: number;
  readonly errors: number;
}

/** The newest run that has finished (a run killed mid-way stays 'running' and is passed over). */
export function lastFinishedRun(db: Db): RunSummaryRow | null {
  const row = db
    .prepare(
      `SELECT r.id, r.started_at AS startedAt, r.finished_at AS finishedAt, r.trigger, r.status, r.message,
              (SELECT count(*) FROM sync_run_series s WHERE s.run_id = r.id AND s.outcome = 'ok') AS ok,
              (SELECT count(*) FROM sync_run_series s WHERE s.run_id = r.id AND s.outcome = 'error') AS errors
       FROM sync_runs r WHERE r.status <> 'running' ORDER BY r.id DESC LIMIT 1`,
    )
    .get() as RunSummaryRow | undefined;
  return row ?? null;
}
