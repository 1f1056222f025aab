/** The catalog with sources, units, basis, dates, staleness and errors; sync, FRED key, CSV import. */
import { useEffect, useRef, useState } from 'react';
import { FileButton } from '../../app/FileButton.js';
import { MAX_IMPORT_BYTES, type SeriesStatusDto, type SyncStatusDto } from '../../../shared/ipc/contract.js';
import { encodingProblemOfBytes } from '../../../shared/parse/encoding.js';
import { api } from '../../api/client.js';
import { useAsync } from '../../app/use-async.js';

/** Dates and freshness words read as one token each; the title column takes the wrapping. */
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** When the series is next due, and how old its last observation is, for the freshness cell's tooltip. */
function freshnessTitle(s: SeriesStatusDto): string {
  const next = s.nextReleaseAt === null ? '' : ` Next: ${s.nextObservation ?? ''} due ${s.nextReleaseAt.slice(0, 16).replace('T', ' ')} UTC${s.nextEstimated ? ' (by rule)' : ''}.`;
  return `${s.schedule ?? 'no release calendar'}.${next}${s.ageDays === null ? '' : ` Last observation ${s.ageDays} days old.`}`;
}

/**
 * Per publication, the newest and oldest last observation: one "as of" date (the newest anywhere)
 * hid that most series end weeks earlier.
 */
function lastByRelease(rows: readonly SeriesStatusDto[]): string {
  const groups = new Map<string, SeriesStatusDto[]>();
  for (const r of rows) {
    if (r.lastDate === null || r.release === null) continue;
    groups.set(r.release, [...(groups.get(r.release) ?? []), r]);
  }
  return [...groups]
    .map(([release, g]) => {
      const sorted = [...g].sort((a, b) => ((a.lastDate ?? '') < (b.lastDate ?? '') ? 1 : -1));
      const hi = sorted[0];
      const lo = sorted[sorted.length - 1];
      if (hi === undefined || lo === undefined) return release;
      return hi.lastDate === lo.lastDate ? `${release} ${hi.lastDate ?? ''}` : `${release} ${hi.lastDate ?? ''} (${hi.id}) … ${lo.lastDate ?? ''} (${lo.id})`;
    })
    .join(', ');
}

export function DataView({ onStatus }: { onStatus: (m: string) => void }): React.JSX.Element {
  const [catalog, reload] = useAsync(() => api('series:list', {}), []);
  const [settings, reloadSettings] = useAsync(() => api('settings:get', {}), []);
  const [sync, setSync] = useState<SyncStatusDto | null>(null);
  const [key, setKey] = useState('');
  const [importSeries, setImportSeries] = useState('');
  const [importColumn, setImportColumn] = useState('');
  const timer = useRef<number | null>(null);

  const poll = (): void => {
    void api('sync:status', {}).then((s) => {
      setSync(s);
      if (s.running) timer.current = window.setTimeout(poll, 250);
      else {
        reload();
        if (s.lastRun) onStatus(`sync ${s.lastRun.status}: ${s.lastRun.ok} series updated, ${s.lastRun.errors.length} with errors (their stored data is unchanged)`);
      }
    });
  };
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);

  const start = async (): Promise<void> => {
    setSync(await api('sync:start', {}));
    poll();
  };
  const pct = sync && sync.total > 0 ? Math.round((100 * sync.done) / sync.total) : 0;

  return (
    <div className="view data">
      <section className="sync-panel">
        <h3>Sync</h3>
        <p>Fetches every series from FRED, the NY Fed and Treasury FiscalData, from a little before the last stored date. Failed series keep their data.</p>
        <div className="sync-row">
          <button type="button" data-action="sync" onClick={() => void start()} disabled={sync?.running === true}>
            Sync now
          </button>
          <button type="button" data-action="cancel-sync" onClick={() => void api('sync:cancel', {}).then(setSync)} disabled={sync?.running !== true}>
            Cancel
          </button>
          <progress data-progress="sync" max={100} value={sync?.running || sync?.lastRun ? (sync.running ? pct : 100) : 0} />
          <span data-sync-text>{sync ? (sync.running ? `${sync.done}/${sync.total} ${sync.currentSeries ?? ''} · ${sync.rows} rows` : sync.lastRun ? `${sync.lastRun.status}: ${sync.lastRun.ok} ok, ${sync.lastRun.errors.length} errors` : '') : 'idle'}</span>
        </div>
        {sync?.lastRun && sync.lastRun.errors.length > 0 ? (
          <details>
            <summary>{sync.lastRun.errors.length} series failed</summary>
            <ul className="errors">{sync.lastRun.errors.map((e) => <li key={e.seriesId}>{e.seriesId}: {e.error}</li>)}</ul>
          </details>
        ) : null}
      </section>
      <section className="settings-panel">
        <h3>FRED API key</h3>
        <p>
          {settings.status === 'ready' ? (settings.value.fredKeySet ? 'A key is set.' : 'No key: FRED is read through the keyless fredgraph.csv download.') : ''} Stored in: {settings.status === 'ready' ? settings.value.fredKeyStorage : '…'}.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void api('settings:set-fred-key', { key: key.trim() === '' ? null : key.trim() }).then(
              (r) => {
                setKey('');
                reloadSettings();
                onStatus(r.fredKeySet ? 'FRED key saved' : 'FRED key removed');
              },
              (err: unknown) => onStatus(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          <input type="password" autoComplete="off" placeholder="32 lower-case letters and digits" value={key} onChange={(e) => setKey(e.target.value)} data-input="fred-key" />
          <button type="submit">{key.trim() === '' ? 'Remove key' : 'Save key'}</button>
        </form>
        <h3>Import a CSV</h3>
        <p>
          A FRED CSV (observation_date or DATE header), a FiscalData DTS export, a Federal Reserve DDP file (H.4.1, H.8: every column that is a catalog series), a long
          series_id,observation_date,value file, or one column of a multi-column CSV (name it below); the same checks as a sync, all or nothing per file.
        </p>
        <div className="import-row">
          <input type="text" placeholder="Series id (for date,value files)" value={importSeries} onChange={(e) => setImportSeries(e.target.value.toUpperCase())} data-input="import-series" />
          <input type="text" placeholder="Column (multi-column files)" value={importColumn} onChange={(e) => setImportColumn(e.target.value)} data-input="import-column" />
          <FileButton
            label="Choose CSV…"
            action="import-csv"
            inputId="import-csv-file"
            accept=".csv,text/csv"
            onFile={(f) => {
              // The CLI's limit, said before a file too large is read into the page (the core checks it again).
              if (f.size > MAX_IMPORT_BYTES) {
                onStatus(`import refused: ${f.name} is ${f.size} bytes, over the ${MAX_IMPORT_BYTES}-byte limit`);
                return;
              }
              // Read the bytes, not f.text(): the browser's decoder follows a UTF-16 byte-order mark
              // silently, so the page would accept a file the CLI refuses. The same check as the CLI's.
              void f
                .arrayBuffer()
                .then((buf) => {
                  const bytes = new Uint8Array(buf);
                  const problem = encodingProblemOfBytes(bytes.subarray(0, 4096));
                  if (problem !== null) throw new Error(`import failed, nothing was written: ${problem}`);
                  return new TextDecoder('utf-8').decode(bytes);
                })
                .then((text) =>
                api('import:csv', { text, ...(importSeries ? { seriesId: importSeries } : {}), ...(importColumn.trim() ? { column: importColumn.trim() } : {}) }).then(
                  (r) => {
                    onStatus(`imported ${r.seriesId}: ${r.rows} rows (${r.inserted} new, ${r.updated} revised${r.skipped > 0 ? `; ${r.skipped} columns skipped` : ''})`);
                    reload();
                  },
                  (err: unknown) => onStatus(err instanceof Error ? err.message : String(err)),
                ),
                )
                .catch((err: unknown) => onStatus(err instanceof Error ? err.message : String(err)));
            }}
          />
        </div>
        {settings.status === 'ready' ? (
          <p className="muted" data-snapshot-line>
            Data dir: {settings.value.dataDir}. Offline snapshot bundled {settings.value.snapshotAsOf ?? '—'}
            {catalog.status === 'ready' ? `; last observation in this store by release: ${lastByRelease(catalog.value)}` : ''}.
          </p>
        ) : null}
      </section>
      <section className="catalog">
        <h3>Catalog</h3>
        {catalog.status === 'ready' ? (
          <table data-table="catalog">
            <thead>
              <tr>
                <th>Series</th>
                <th>Title</th>
                <th>Source</th>
                <th>Units</th>
                <th>Basis</th>
                <th>First</th>
                <th>Last</th>
                <th>Rows</th>
                <th title="The newest observation its publisher has released by now (~ = by rule)">Expected</th>
                <th title="Against the release calendar">Freshness</th>
                <th>Last error</th>
              </tr>
            </thead>
            <tbody>
              {catalog.value.map((s) => (
                <tr key={s.id} className={s.lastError ? 'has-error' : s.rowCount === 0 ? 'no-data' : ''}>
                  <td>{s.id}</td>
                  <td>{s.title}</td>
                  <td>{s.source}</td>
                  <td title={s.conversion}>{s.unit === 'usd_bn' ? '$bn' : s.unit === 'usd_bn_saar' ? '$bn SAAR' : '%'}</td>
                  <td>{s.basis}</td>
                  <td style={NOWRAP}>{s.firstDate ?? '—'}</td>
                  <td style={NOWRAP}>{s.lastDate ?? '—'}</td>
                  <td className="num">{s.rowCount.toLocaleString('en-US')}</td>
                  <td style={NOWRAP} title={s.schedule ?? undefined}>{s.expectedLatest === null ? '—' : `${s.expectedLatest}${s.expectedEstimated ? ' ~' : ''}`}</td>
                  <td style={NOWRAP} className={(s.releasesBehind ?? 0) > 0 ? 'stale' : ''} data-freshness={s.id} title={freshnessTitle(s)}>
                    {s.freshness}
                  </td>
                  <td className="err">{s.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : catalog.status === 'error' ? (
          <p className="state error">{catalog.error}</p>
        ) : (
          <p className="state">Loading…</p>
        )}
      </section>
    </div>
  );
}
