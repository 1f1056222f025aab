/**
 * The banner every view shows while the Monitor's inputs are behind their release calendar (issue 10
 * §4): it names the newest and oldest data date among them, says plainly when the data is only the
 * bundled offline snapshot, and offers Sync now. It re-reads the catalog when the view changes and
 * once a minute, because a release can come out while the app is open.
 */
import { useEffect, useRef, useState } from 'react';
import { summarizeBehind } from '../../shared/compute/freshness.js';
import type { SeriesStatusDto, SyncStatusDto } from '../../shared/ipc/contract.js';
import { syncRunSummary } from '../../shared/model/sync-summary.js';
import { MONITOR_IDS } from '../features/monitor/monitor-specs.js';
import { findSeries } from '../../shared/catalog.js';
import { api } from '../api/client.js';
import { LastSyncNotice } from './LastSyncNotice.js';

// The Monitor's live inputs: a discontinued series it shows for history (IOER, ended 2021-07-28, before
// IORB) is never "behind" and never the "oldest" input.
const MONITOR_SET: ReadonlySet<string> = new Set(MONITOR_IDS.filter((id) => findSeries(id)?.dates.to === undefined));
const REFRESH_MS = 60_000;

export function FreshnessBanner({ view, snapshotAsOf }: { view: string; snapshotAsOf: string | null }): React.JSX.Element | null {
  const [rows, setRows] = useState<readonly SeriesStatusDto[] | null>(null);
  const [sync, setSync] = useState<SyncStatusDto | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    let live = true;
    api('series:list', {}).then(
      (r) => live && setRows(r.filter((s) => MONITOR_SET.has(s.id))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [view, tick]);
  useEffect(() => {
    const t = window.setInterval(() => setTick((k) => k + 1), REFRESH_MS);
    return () => {
      window.clearInterval(t);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const poll = (): void => {
    void api('sync:status', {}).then((s) => {
      setSync(s);
      if (s.running) timer.current = window.setTimeout(poll, 400);
      else setTick((k) => k + 1);
    });
  };
  const syncNow = async (): Promise<void> => {
    setSync(await api('sync:start', {}));
    poll();
  };

  // On the Monitor, when the last sync failed, a notice says when and why (issue 12), banner or not.
  const notice = view === 'monitor' && sync?.running !== true ? <LastSyncNotice refresh={`${view}:${tick}`} /> : null;
  if (rows === null) return notice;
  const summary = summarizeBehind(rows);
  if (summary === null) return notice;
  const { newest, oldest, quarters, behind, withData } = summary;
  // Never synced: every value on screen comes from the bundled snapshot (or an import), and says so.
  const neverSynced = rows.every((s) => s.lastSyncedAt === null);
  const failed = rows.filter((s) => s.lastError !== null);
  const span = newest && oldest ? `newest data ${newest.date} (${newest.id}), oldest ${oldest.date} (${oldest.id})` : '';
  const quarterText = quarters.map((q) => `${q.id} ${q.quarter}, ${q.releasesBehind === 1 ? '1 release' : `${q.releasesBehind} releases`} behind`).join('; ');
  const running = sync?.running === true;
  const lastRun = sync !== null && !running ? sync.lastRun : null;

  return (
    <>
    {notice}
    <div className="banner" role="status" data-banner="freshness" style={{ background: 'color-mix(in srgb, var(--watch) 13%, var(--bg))', borderBottomColor: 'var(--watch)' }}>
      <strong>Monitor inputs are behind their release calendar:</strong> {span}
      {quarterText ? `; ${quarterText}` : ''}. {behind.length} of {withData} inputs behind.{' '}
      {neverSynced ? <span data-banner-offline>Showing the bundled offline snapshot{snapshotAsOf ? ` (bundled ${snapshotAsOf})` : ''}: nothing has been synced yet. </span> : null}
      {failed.length > 0 && !running ? <span>Last sync failed for {failed.map((s) => s.id).slice(0, 3).join(', ')}{failed.length > 3 ? ` and ${failed.length - 3} more` : ''} ({(failed[0]?.lastError ?? '').slice(0, 90)}). </span> : null}
      <button type="button" data-action="banner-sync" onClick={() => void syncNow()} disabled={running}>
        {running ? `Syncing ${sync.done}/${sync.total}${sync.currentSeries ? ` ${sync.currentSeries}` : ''}…` : 'Sync now'}
      </button>
      {/* A run that stopped as a whole says its one sentence; counts ("0 ok, 0 errors") would contradict "failed". */}
      {lastRun ? <span className="muted"> {typeof lastRun.message === 'string' && lastRun.message !== '' ? `Last run ${lastRun.status}: ${lastRun.message}` : `Last run: ${syncRunSummary({ status: lastRun.status, ok: lastRun.ok, errors: lastRun.errors.length })}.`}</span> : null}
    </div>
    </>
  );
}
