/** The catalog with sources, units, basis, dates, staleness and errors; sync, FRED key, CSV import, FRED series added by id. */
import { useCallback, useState } from 'react';
import { FileButton } from '../../app/FileButton.js';
import { shellFile, useShellAction } from '../../app/shell-actions.js';
import { bump } from '../../app/changes.js';
import { askConfirm } from '../../app/overlays.js';
import { MAX_IMPORT_BYTES, type SeriesStatusDto } from '../../../shared/ipc/contract.js';
import { encodingProblemOfBytes } from '../../../shared/parse/encoding.js';
import { api } from '../../api/client.js';
import { useAsync } from '../../app/use-async.js';
import { AddFredSeries } from './AddFredSeries.js';
import { progressState, syncSummary } from './sync-words.js';
import { unitText } from './unit-text.js';
import { useSync } from './use-sync.js';
import { ViewMessage, type ViewMessageState } from './ViewMessage.js';

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

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** "What it was added with", for the title cell of a series the user added. */
function userTitle(s: SeriesStatusDto): string | undefined {
  const u = s.userSeries;
  if (!u) return undefined;
  return `Added by you from FRED ${u.fredId} on ${u.addedAt.slice(0, 10)}: "${u.fredUnits}", ${u.fredFrequency}, ${u.seasonalAdjustment}; ${u.metadataFrom === 'fred-api' ? "from FRED's series endpoint" : 'entered and confirmed by you'}.`;
}

export function DataView({ onStatus }: { onStatus: (m: string) => void }): React.JSX.Element {
  const [catalog, reload] = useAsync(() => api('series:list', {}), []);
  const [settings, reloadSettings] = useAsync(() => api('settings:get', {}), []);
  const [key, setKey] = useState('');
  const [importSeries, setImportSeries] = useState('');
  const [importColumn, setImportColumn] = useState('');
  const [keyMessage, setKeyMessage] = useState<ViewMessageState | null>(null);
  // What the last key change answered, until settings:get is read again (the button must not lag behind).
  const [keyAnswer, setKeyAnswer] = useState<boolean | null>(null);
  const [importMessage, setImportMessage] = useState<ViewMessageState | null>(null);
  const [catalogMessage, setCatalogMessage] = useState<ViewMessageState | null>(null);
  // Whatever else shows the catalog or its data (the Workspace's picker and panels) reads it again too.
  const changed = useCallback(() => {
    reload();
    bump('catalog');
  }, [reload]);
  const { sync, message: syncMessage, start, cancel } = useSync(changed, onStatus);
  const sayIn = (set: (m: ViewMessageState) => void) => (m: ViewMessageState): void => {
    set(m);
    onStatus(m.text);
  };
  const sayKey = sayIn(setKeyMessage);
  const sayImport = sayIn(setImportMessage);
  const sayCatalog = sayIn(setCatalogMessage);

  const running = sync?.running === true;
  const pct = sync && sync.total > 0 ? Math.round((100 * sync.done) / sync.total) : 0;
  const state = progressState(sync);
  const lastRun = running ? null : (sync?.lastRun ?? null);
  const keySet = keyAnswer ?? (settings.status === 'ready' && settings.value.fredKeySet);
  // The button says what it will do: replace or set a typed key, remove the one stored, or nothing yet.
  const keyAction = key.trim() !== '' ? (keySet ? 'Save key' : 'Set key') : keySet ? 'Remove key' : 'Set key';

  const saveKey = async (): Promise<void> => {
    const typed = key.trim();
    if (typed === '' && !keySet) return;
    if (typed === '' && !(await askConfirm('Remove the FRED key?', 'FRED is then read through the keyless fredgraph.csv download, which has no metadata checks.', 'Remove key'))) return;
    try {
      const r = await api('settings:set-fred-key', { key: typed === '' ? null : typed });
      setKey('');
      setKeyAnswer(r.fredKeySet);
      reloadSettings();
      sayKey({ kind: 'ok', text: r.fredKeySet ? 'FRED key saved: FRED is read through its API, with the units checked against FRED’s metadata.' : 'FRED key removed: FRED is read through the keyless download.' });
    } catch (e) {
      sayKey({ kind: 'error', text: errText(e) });
    }
  };

  const importFile = (f: File): void => {
    // The CLI's limit, said before a file too large is read into the page (the core checks it again).
    if (f.size > MAX_IMPORT_BYTES) {
      sayImport({ kind: 'error', text: `Import refused: ${f.name} is ${f.size.toLocaleString('en-US')} bytes, over the ${MAX_IMPORT_BYTES.toLocaleString('en-US')}-byte limit; nothing was written.` });
      return;
    }
    setImportMessage({ kind: 'info', text: `Importing ${f.name}…` });
    // Read the bytes, not f.text(): the browser's decoder follows a UTF-16 byte-order mark silently,
    // so the page would accept a file the CLI refuses. The same check as the CLI's.
    void f
      .arrayBuffer()
      .then((buf) => {
        const bytes = new Uint8Array(buf);
        const problem = encodingProblemOfBytes(bytes.subarray(0, 4096));
        if (problem !== null) throw new Error(`import failed, nothing was written: ${problem}`);
        return new TextDecoder('utf-8').decode(bytes);
      })
      .then((text) => api('import:csv', { text, ...(importSeries ? { seriesId: importSeries } : {}), ...(importColumn.trim() ? { column: importColumn.trim() } : {}) }))
      .then(
        (r) => {
          sayImport({ kind: 'ok', text: `Imported ${r.seriesId} from ${f.name}: ${r.rows.toLocaleString('en-US')} rows (${r.inserted.toLocaleString('en-US')} new, ${r.updated.toLocaleString('en-US')} revised${r.skipped > 0 ? `; ${r.skipped} columns skipped` : ''}).` });
          changed();
        },
        (e: unknown) => sayImport({ kind: 'error', text: errText(e) }),
      );
  };
  // The desktop app's File → Import CSV… and Sync now (issue 15 §3): the Choose CSV… and Sync now buttons' code.
  useShellAction('import-csv', (e) => {
    const f = shellFile(e);
    if (f) importFile(f);
  });
  useShellAction('sync-now', () => {
    if (!running) void start();
  });

  const remove = async (s: SeriesStatusDto): Promise<void> => {
    const ok = await askConfirm(
      `Remove ${s.id}?`,
      `${s.title}. Its ${s.rowCount.toLocaleString('en-US')} stored observations, their revisions and its sync history are deleted from this data folder. You can add it again from FRED later.`,
      'Remove series',
    );
    if (!ok) return;
    try {
      const r = await api('catalog:remove-series', { id: s.id });
      sayCatalog({ kind: 'ok', text: `Removed ${r.id} and its ${r.observations.toLocaleString('en-US')} observations${r.revisions > 0 ? ` and ${r.revisions} revisions` : ''}.` });
      changed();
    } catch (e) {
      sayCatalog({ kind: 'error', text: errText(e) });
    }
  };

  return (
    <div className="view data">
      <div className="data-col">
        <section className="sync-panel">
          <h3>Sync</h3>
          <p>Fetches every series from FRED, the NY Fed and Treasury FiscalData, from a little before the last stored date. Failed series keep their data.</p>
          <div className="sync-row">
            <button type="button" data-action="sync" onClick={() => void start()} disabled={running}>
              Sync now
            </button>
            <button type="button" data-action="cancel-sync" onClick={() => void cancel()} disabled={!running}>
              Cancel
            </button>
            <progress data-progress="sync" data-state={state} max={100} value={running ? pct : lastRun ? 100 : 0} aria-label={`Sync progress: ${state}`} />
            <span data-sync-text>{running ? `${sync.done}/${sync.total} ${sync.currentSeries ?? ''} · ${sync.rows} rows` : lastRun ? syncSummary(lastRun) : 'idle'}</span>
          </div>
          <ViewMessage id="sync" message={syncMessage} />
          {lastRun && lastRun.errors.length > 0 ? (
            <details data-sync-errors>
              <summary>{lastRun.errors.length} series failed</summary>
              <ul className="errors">{lastRun.errors.map((e) => <li key={e.seriesId}>{e.seriesId}: {e.error}</li>)}</ul>
            </details>
          ) : null}
        </section>
        <AddFredSeries
          onStatus={onStatus}
          onAdded={(id) => {
            changed();
            void start([id], `Fetching ${id} from FRED…`);
          }}
        />
      </div>
      <section className="settings-panel">
        <h3>FRED API key</h3>
        <p data-key-state>
          {settings.status === 'ready' ? (keySet ? 'A key is set.' : 'No key: FRED is read through the keyless fredgraph.csv download.') : ''} Stored in: {settings.status === 'ready' ? settings.value.fredKeyStorage : '…'}.
        </p>
        <form
          className="key-row"
          onSubmit={(e) => {
            e.preventDefault();
            void saveKey();
          }}
        >
          <input type="password" autoComplete="off" placeholder="32 lower-case letters and digits" value={key} onChange={(e) => setKey(e.target.value)} data-input="fred-key" aria-label="FRED API key" />
          <button type="submit" data-action="fred-key" className={keyAction === 'Remove key' ? 'danger' : ''} disabled={keyAction === 'Set key' && key.trim() === ''}>
            {keyAction}
          </button>
        </form>
        <ViewMessage id="fred-key" message={keyMessage} />
        <h3>Import a CSV</h3>
        <p>
          A FRED CSV (observation_date or DATE header), a FiscalData DTS export, a Federal Reserve DDP file (H.4.1, H.8: every column that is a catalog series), a long
          series_id,observation_date,value file, or one column of a multi-column CSV (name it below); the same checks as a sync, all or nothing per file.
        </p>
        <div className="import-row">
          <input type="text" placeholder="Series id (for date,value files)" value={importSeries} onChange={(e) => setImportSeries(e.target.value.toUpperCase())} data-input="import-series" aria-label="Series id" />
          <input type="text" placeholder="Column (multi-column files)" value={importColumn} onChange={(e) => setImportColumn(e.target.value)} data-input="import-column" aria-label="Column" />
          <FileButton label="Choose CSV…" action="import-csv" inputId="import-csv-file" accept=".csv,text/csv" onFile={importFile} />
        </div>
        <ViewMessage id="import" message={importMessage} />
        {settings.status === 'ready' ? (
          <p className="muted" data-snapshot-line>
            Data dir: {settings.value.dataDir}. Offline snapshot bundled {settings.value.snapshotAsOf ?? '—'}
            {catalog.status === 'ready' ? `; last observation in this store by release: ${lastByRelease(catalog.value)}` : ''}.
          </p>
        ) : null}
      </section>
      <section className="catalog">
        <h3>Catalog</h3>
        <ViewMessage id="catalog" message={catalogMessage} />
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
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {catalog.value.map((s) => (
                <tr key={s.id} data-series={s.id} className={s.lastError ? 'has-error' : s.rowCount === 0 ? 'no-data' : ''}>
                  <td>
                    {s.id}
                    {s.userSeries ? <span className="tag" title="Added by you from FRED"> yours</span> : null}
                  </td>
                  <td title={userTitle(s)}>{s.title}</td>
                  <td>{s.source}</td>
                  <td title={s.conversion}>{unitText(s.unit)}</td>
                  <td>{s.basis}</td>
                  <td style={NOWRAP}>{s.firstDate ?? '—'}</td>
                  <td style={NOWRAP}>{s.lastDate ?? '—'}</td>
                  <td className="num">{s.rowCount.toLocaleString('en-US')}</td>
                  <td style={NOWRAP} title={s.schedule ?? undefined}>{s.expectedLatest === null ? '—' : `${s.expectedLatest}${s.expectedEstimated ? ' ~' : ''}`}</td>
                  <td style={NOWRAP} className={(s.releasesBehind ?? 0) > 0 ? 'stale' : ''} data-freshness={s.id} title={freshnessTitle(s)}>
                    {s.freshness}
                  </td>
                  <td className="err">{s.lastError ?? ''}</td>
                  <td>
                    {s.userSeries ? (
                      <button type="button" className="danger small" data-action="remove-series" aria-label={`Remove ${s.id}`} onClick={() => void remove(s)} disabled={running}>
                        Remove
                      </button>
                    ) : null}
                  </td>
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
