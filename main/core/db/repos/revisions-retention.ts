/**
 * How many revisions are kept (issue 11 §3: alternating imports grew a file from 3.4 to 72 MB in six
 * minutes). The policy, also stated in the README ("Your data"):
 *
 * - A revision's age is the time Reservoir recorded it (`seen_at`, an ISO instant), not the date of
 *   the observation it revises: a 2003 value revised today is news today and is kept as such.
 * - Every revision recorded in the last two calendar years is kept, up to the newest 50 for any one
 *   observation (series and date). No published series is revised anywhere near that often (an H.4.1
 *   week is revised a few times, a GDP quarter about ten over the years); only a loop of re-imports
 *   reaches it, and without this cap that loop grows the file without bound within the two years.
 * - Of revisions recorded more than two years ago, the newest 50 per series are kept.
 *
 * "Newest" for the per-observation cap is the order of recording (the row id), which a skewed clock
 * cannot reorder; the two-year line is drawn on `seen_at`. A `seen_at` that is not an instant (older
 * test fixtures wrote words) is never counted as old.
 *
 * Where it runs: the per-observation cap inside the write transaction of every batch that recorded a
 * revision (observations-repo.ts), because every path that creates revisions — sync, app and CLI
 * import — goes through it, so none can skip the bound, and the prune commits or rolls back with the
 * batch; it touches only the series just written (on the `revisions_by_series` index). Both rules for
 * every series at start (`pruneAllRevisions`, from create-core.ts): the two-year line moves only with
 * time, and files written before the policy existed are brought within it.
 */
import type { Db } from '../open-database.js';

export const REVISIONS_PER_OBSERVATION = 50;
export const OLD_REVISIONS_PER_SERIES = 50;
export const RECENT_YEARS = 2;

/** The instant two calendar years before `nowIso` (29 Feb maps to 1 Mar, as Date does). */
export function recentCutoff(nowIso: string): string | null {
  const t = Date.parse(nowIso);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() - RECENT_YEARS);
  return d.toISOString();
}

/**
 * The per-observation cap for one series: run in the write transaction of every batch that recorded
 * a revision. Only this rule can be broken by a write (a batch records revisions stamped now, never
 * old ones); the two-year rule changes only as time passes and is applied at start. The dates over
 * the cap are found on the index alone, so a series within the bound costs one index scan.
 */
export function capRevisionsPerObservation(db: Db, seriesId: string): number {
  const over = db.prepare('SELECT date FROM revisions WHERE series_id = ? GROUP BY date HAVING count(*) > ?').pluck().all(seriesId, REVISIONS_PER_OBSERVATION) as string[];
  if (over.length === 0) return 0;
  const del = db.prepare('DELETE FROM revisions WHERE series_id = @s AND date = @d AND id <= (SELECT id FROM revisions WHERE series_id = @s AND date = @d ORDER BY id DESC LIMIT 1 OFFSET @k)');
  let n = 0;
  for (const d of over) n += del.run({ s: seriesId, d, k: REVISIONS_PER_OBSERVATION }).changes;
  return n;
}

/** Both rules for one series; returns how many revision rows were deleted. */
export function pruneRevisions(db: Db, seriesId: string, nowIso: string): number {
  let deleted = capRevisionsPerObservation(db, seriesId);
  const cutoff = recentCutoff(nowIso);
  if (cutoff !== null) {
    deleted += db
      .prepare(
        `DELETE FROM revisions WHERE id IN (
           SELECT id FROM revisions WHERE series_id = ? AND julianday(seen_at) < julianday(?)
           ORDER BY julianday(seen_at) DESC, id DESC LIMIT -1 OFFSET ?)`,
      )
      .run(seriesId, cutoff, OLD_REVISIONS_PER_SERIES).changes;
  }
  return deleted;
}

/** The policy for every series that has revisions, in one transaction. */
export function pruneAllRevisions(db: Db, nowIso: string): number {
  return db.transaction(() => {
    const ids = db.prepare('SELECT DISTINCT series_id FROM revisions').pluck().all() as string[];
    let n = 0;
    for (const id of ids) n += pruneRevisions(db, id, nowIso);
    return n;
  }).immediate();
}
