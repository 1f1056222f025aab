/**
 * A finished sync run in one short line, for the Data view's progress text and the command line's
 * last line. A run that stopped as a whole (no network, or a run that could not start) has a
 * run-level message and usually no per-series results: counting "0 ok, 0 errors" under "failed"
 * then contradicts itself, so such a run says why it stopped and what that left unchanged.
 */

export interface SyncRunCounts {
  /** 'ok' | 'partial' | 'failed' | 'cancelled' (as the run log stores it). */
  readonly status: string;
  /** Series written successfully. */
  readonly ok: number;
  /** Series that failed one by one (each listed with its own error). */
  readonly errors: number;
  /** The run-level sentence ("No network: …"), when the run stopped as a whole. */
  readonly message?: string | null;
}

/**
 * "partial: 38 ok, 2 errors", "failed: no network — nothing was fetched; stored data unchanged",
 * "partial: 12 ok, 0 errors, then no network — the rest unchanged". Never "0 ok, 0 errors".
 */
export function syncRunSummary(r: SyncRunCounts): string {
  const message = typeof r.message === 'string' ? r.message.trim() : '';
  const counts = `${r.ok.toLocaleString('en-US')} ok, ${r.errors.toLocaleString('en-US')} errors`;
  const nothing = r.ok === 0 && r.errors === 0;
  if (message !== '') {
    // "No network: …" from the sync service; anything else is a run that could not start (an unknown id).
    const offline = /^no network\b/i.test(message);
    if (nothing) return `${r.status}: ${offline ? 'no network' : 'the run could not start'} — nothing was fetched; stored data unchanged`;
    return `${r.status}: ${counts}, then ${offline ? 'no network' : 'the run stopped'} — the rest unchanged`;
  }
  if (nothing) return r.status === 'cancelled' ? 'cancelled: before any series was fetched; stored data unchanged' : `${r.status}: no series were synced; stored data unchanged`;
  return `${r.status}: ${counts}`;
}
