/**
 * A small notice that the last sync failed, with when and why (issue 12), read from the store's sync
 * log (`sync:last-run`), so it is there after a restart too. It shows for a run that failed or
 * stopped part-way (no network), and for one where some series failed; nothing after a clean run.
 */
import { useEffect, useState } from 'react';
import type { LastSyncRunDto } from '../../shared/ipc/contract.js';
import { api } from '../api/client.js';

/** "2026-12-02 14:05" in the user's time zone: when it happened here, not a data date. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `refresh`: any value that changes when the notice should read the log again (the view, a finished sync). */
export function LastSyncNotice({ refresh }: { refresh: unknown }): React.JSX.Element | null {
  const [run, setRun] = useState<LastSyncRunDto | null>(null);
  useEffect(() => {
    let live = true;
    api('sync:last-run', {}).then(
      (r) => live && setRun(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [refresh]);
  if (run === null) return null;
  const failed = run.status === 'failed' || run.message !== null;
  if (!failed && run.errors === 0) return null;
  const when = localTime(run.finishedAt ?? run.startedAt);
  const why = run.message ?? (run.status === 'failed' ? `all ${run.errors} series failed; their stored data is unchanged` : `${run.errors} of ${run.ok + run.errors} series failed; their stored data is unchanged`);
  return (
    <div className={`sync-notice ${failed ? 'failed' : 'partial'}`} role="status" data-notice="last-sync" data-status={run.status}>
      <strong>{failed ? 'Last sync failed' : 'Last sync had errors'}</strong> <span data-notice-time>{when}</span>: <span data-notice-reason>{why}</span>{' '}
      <span className="muted">Details in the Data view.</span>
    </div>
  );
}
