/** What a finished sync run did, in one sentence for the Data view (issue 12). Pure, for tests. */
import type { SyncStatusDto } from '../../../shared/ipc/contract.js';
import { syncRunSummary } from '../../../shared/model/sync-summary.js';
import type { ViewMessageState } from './ViewMessage.js';

type LastRun = NonNullable<SyncStatusDto['lastRun']>;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function syncOutcome(r: LastRun): ViewMessageState {
  const failed = r.errors.length;
  if (typeof r.message === 'string' && r.message !== '') return { kind: r.status === 'partial' ? 'warn' : 'error', text: r.message };
  switch (r.status) {
    case 'ok':
      return { kind: 'ok', text: `Sync finished: ${plural(r.ok, 'series', 'series')} updated.` };
    case 'partial':
      return { kind: 'warn', text: `Sync finished with errors: ${plural(r.ok, 'series', 'series')} updated, ${plural(failed, 'series', 'series')} failed and kept their stored data (listed below).` };
    case 'cancelled':
      return { kind: 'warn', text: `Sync cancelled: ${plural(r.ok, 'series', 'series')} updated before you cancelled; the rest are unchanged.` };
    default:
      return { kind: 'error', text: failed > 0 ? `Sync failed: all ${plural(failed, 'series', 'series')} failed and kept their stored data (listed below).` : 'Sync failed; stored data is unchanged.' };
  }
}

/**
 * The short line beside the progress bar: the counts, or for a run that stopped as a whole (no
 * network) why it stopped and that nothing changed, never "failed: 0 ok, 0 errors".
 */
export function syncSummary(r: LastRun): string {
  return syncRunSummary({ status: r.status, ok: r.ok, errors: r.errors.length, message: r.message ?? null });
}

/** The progress bar's state: red for a failed run, amber for a partial or cancelled one (styles.css). */
export function progressState(s: SyncStatusDto | null): 'idle' | 'running' | 'ok' | 'partial' | 'failed' | 'cancelled' {
  if (s === null) return 'idle';
  if (s.running) return 'running';
  const st = s.lastRun?.status;
  return st === 'ok' || st === 'partial' || st === 'failed' || st === 'cancelled' ? st : 'idle';
}
