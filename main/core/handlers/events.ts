/** Annotations and "what's new since the last sync" (issue 13 §6). */
import type { EventsChannels } from '../../../shared/ipc/events-contract.js';
import { MAX_WHATS_NEW_REVISIONS } from '../../../shared/ipc/events-contract.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { addAnnotation, deleteAnnotation, listAnnotations } from '../db/repos/annotations-repo.js';
import { lastFinishedRun, runOutcomes } from '../db/repos/sync-runs-repo.js';

type Handlers = { [C in keyof EventsChannels]: (req: EventsChannels[C]['req']) => Result<EventsChannels[C]['res']> };

export function eventsHandlers(db: Db, now: () => number): Handlers {
  return {
    'annotation:list': () => ok(listAnnotations(db)),
    'annotation:add': (req) => ok(addAnnotation(db, req.date as IsoDate, req.text, new Date(now()).toISOString())),
    'annotation:delete': (req) => (deleteAnnotation(db, req.id) ? ok({ deleted: true }) : err('that annotation no longer exists')),
    'sync:whats-new': () => {
      const run = lastFinishedRun(db);
      if (run === null) return ok({ run: null, updated: [], revisions: [], revisionsTotal: 0 });
      const updated = runOutcomes(db, run.id)
        .filter((o) => o.outcome === 'ok' && o.rowsWritten > 0)
        .map((o) => ({ seriesId: o.seriesId, rowsWritten: o.rowsWritten, revisions: o.revisions }));
      const revisions = db
        .prepare('SELECT series_id AS seriesId, date, old_value AS oldValue, new_value AS newValue FROM revisions WHERE run_id = ? ORDER BY date DESC, series_id LIMIT ?')
        .all(run.id, MAX_WHATS_NEW_REVISIONS) as { seriesId: string; date: string; oldValue: number; newValue: number }[];
      const total = (db.prepare('SELECT count(*) AS n FROM revisions WHERE run_id = ?').get(run.id) as { n: number }).n;
      return ok({ run: { id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, status: run.status }, updated, revisions, revisionsTotal: total });
    },
  };
}
