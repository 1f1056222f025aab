/**
 * The Fair value panel's report, computed once per store content and options: the full fit and ~60
 * rolling fits take about 3 s, so reopening the panel (or switching tabs back) must not redo them.
 * The key includes a fingerprint of the observations (row count and value total), so a sync or an
 * import that adds or revises any value recomputes it.
 */
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { fairValueFromStore, type FairValueOptions, type FairValueReport } from './fair-value-from-store.js';

const cache = new WeakMap<Db, { key: string; report: FairValueReport }>();

function fingerprint(db: Db): string {
  const r = db.prepare('SELECT count(*) AS n, total(value) AS s FROM observations').get() as { n: number; s: number } | undefined;
  return `${r?.n ?? 0}:${r?.s ?? 0}`;
}

export function fairValueCached(db: Db, opts: { from?: IsoDate | undefined; to?: IsoDate | undefined; windowYears?: number | undefined }): FairValueReport {
  const o: FairValueOptions = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.windowYears !== undefined ? { windowYears: opts.windowYears } : {}) };
  const key = `${fingerprint(db)}|${o.from ?? ''}|${o.to ?? ''}|${o.windowYears ?? ''}`;
  const hit = cache.get(db);
  if (hit !== undefined && hit.key === key) return hit.report;
  const report = fairValueFromStore(db, o);
  cache.set(db, { key, report });
  return report;
}
