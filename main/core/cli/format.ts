/** Plain-text tables and numbers for the terminal. */
import { syncRunSummary } from '../../../shared/model/sync-summary.js';
import type { SyncReport } from '../sync/sync-service.js';

export function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAlign: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export function formatValue(v: number, unit: string): string {
  if (unit === 'percent') return `${v.toFixed(2)}%`;
  return v.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

/**
 * The last line of `sync`. A run that stopped as a whole (no network) has its one sentence printed
 * above and few or no results: the line says why it stopped, never "0 series ok, 0 with errors";
 * series cancelled before they were fetched are not counted as ok.
 */
export function syncRunLine(report: Pick<SyncReport, 'runId' | 'status' | 'results' | 'message'>): string {
  const count = (o: SyncReport['results'][number]['outcome']): number => report.results.filter((r) => r.outcome === o).length;
  const ok = count('ok');
  const errors = count('error');
  const cancelled = count('cancelled');
  if (report.message !== null) return `sync run ${report.runId}: ${syncRunSummary({ status: report.status, ok, errors, message: report.message })}.`;
  const rest = cancelled > 0 ? `, ${cancelled} not fetched (cancelled)` : '';
  if (ok === 0 && errors === 0) return `sync run ${report.runId}: ${syncRunSummary({ status: report.status, ok, errors })}.`;
  return `sync run ${report.runId}: ${report.status}; ${ok} series ok, ${errors} with errors${rest}. Stored data of failed series is unchanged.`;
}
