/**
 * Events and what's new (issue 13 §6): the sourced events the charts mark (toggle "Events", key M), the
 * user's annotations (stored in the data folder, drawn on every time chart and in PNGs), and what the
 * last sync brought: series with new observations, revisions old → new, and each source's next release.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api } from '../../api/client.js';
import { ensureChartEvents, reloadAnnotations, toggleChartEvents } from '../../app/events-loader.js';
import { useAsync } from '../../app/use-async.js';
import { chartEvents, eventsVersion, subscribeEvents } from '../../charts/events-layer.js';
import { EVENT_KIND_TEXT } from '../../../shared/model/events.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import { MAX_ANNOTATION_CHARS } from '../../../shared/ipc/events-contract.js';
import type { SeriesStatusDto } from '../../../shared/ipc/contract.js';
import type { AnalysisPanelProps } from './tabs.js';

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : v.toLocaleString('en-US', { maximumFractionDigits: 3 }));

/** Each source's next expected release: the earliest next release among its series. */
function nextBySource(rows: readonly SeriesStatusDto[]): { source: string; release: string; at: string; estimated: boolean }[] {
  const best = new Map<string, SeriesStatusDto>();
  for (const r of rows) {
    if (r.nextReleaseAt === null) continue;
    const b = best.get(r.source);
    if (!b || (b.nextReleaseAt ?? '') > r.nextReleaseAt) best.set(r.source, r);
  }
  return [...best.entries()].map(([source, r]) => ({ source, release: r.release ?? r.id, at: r.nextReleaseAt ?? '', estimated: r.nextEstimated })).sort((a, b) => (a.at < b.at ? -1 : 1));
}

export function EventsPanel({ onStatus }: AnalysisPanelProps): React.JSX.Element {
  useSyncExternalStore(subscribeEvents, eventsVersion);
  useEffect(() => void ensureChartEvents(), []);
  const { enabled, events } = chartEvents();
  const [news] = useAsync(() => api('sync:whats-new', {}), []);
  const [catalog] = useAsync(() => api('series:list', {}), []);
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [annotations, reload] = useAsync(() => api('annotation:list', {}), []);
  const dateProblem = isIsoDate(date) ? null : /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} is not a calendar date.` : 'Type the date as YYYY-MM-DD, e.g. 2026-04-15.';
  const next = useMemo(() => (catalog.status === 'ready' ? nextBySource(catalog.value) : []), [catalog]);

  const add = async (): Promise<void> => {
    if (dateProblem !== null) return setMessage(`Not added: ${dateProblem}`);
    try {
      const a = await api('annotation:add', { date, text });
      setText('');
      setMessage(`Added “${a.text}” on ${a.date}: it is drawn on every time chart while Events is on.`);
      await reloadAnnotations();
      reload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const remove = async (id: number, label: string): Promise<void> => {
    try {
      await api('annotation:delete', { id });
      onStatus(`Deleted the annotation “${label}”.`);
      await reloadAnnotations();
      reload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="events-panel">
      <section className="panel-block" aria-labelledby="events-title">
        <h3 id="events-title">Events on the charts</h3>
        <p>
          <button type="button" aria-pressed={enabled} data-action="events-panel-toggle" onClick={() => toggleChartEvents()}>
            {enabled ? 'Hide markers' : 'Show markers'}
          </button>{' '}
          <span className="muted">Every time chart marks these when Events is on (key M); PNG exports include them. FOMC range changes are read from the stored DFEDTARU / DFEDTARL, never typed in.</span>
        </p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Events table">
          <table data-events-table>
            <thead>
              <tr>
                <th scope="col">date</th>
                <th scope="col">to</th>
                <th scope="col">kind</th>
                <th scope="col">event</th>
                <th scope="col">source</th>
              </tr>
            </thead>
            <tbody>
              {[...events].reverse().map((e) => (
                <tr key={`${e.date}-${e.kind}-${e.label}`} data-event-kind={e.kind}>
                  <td>{e.date}</td>
                  <td>{e.end ?? ''}</td>
                  <td>{EVENT_KIND_TEXT[e.kind]}</td>
                  <td>{e.label}</td>
                  <td>{/^https:\/\//.test(e.source) ? <a href={e.source} target="_blank" rel="noreferrer">{new URL(e.source).hostname}</a> : e.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel-block" aria-labelledby="annotations-title">
        <h3 id="annotations-title">Your annotations</h3>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          {/* Its own field, not IsoDateField: that one keeps the last valid date while the text is invalid,
              and an annotation typed on 2026-02-30 was saved on the previous date (found). */}
          <input type="text" inputMode="numeric" aria-label="Annotation date" data-input="annotation-date" value={date} maxLength={10} size={11} placeholder="YYYY-MM-DD" aria-invalid={dateProblem !== null} aria-describedby={dateProblem !== null ? 'annotation-date-problem' : undefined} onChange={(e) => setDate(e.target.value.trim())} />
          {dateProblem !== null ? (
            <span id="annotation-date-problem" className="field-problem" role="alert">
              {dateProblem}
            </span>
          ) : null}
          <input type="text" aria-label="Annotation text" data-input="annotation-text" value={text} maxLength={MAX_ANNOTATION_CHARS} placeholder="e.g. Treasury refunding" onChange={(e) => setText(e.target.value)} />
          <button type="submit" data-action="annotation-add" disabled={text.trim() === '' || dateProblem !== null}>
            Add annotation
          </button>
        </form>
        {message !== null ? (
          <p role="status" data-annotation-message>
            {message}
          </p>
        ) : null}
        {annotations.status === 'ready' && annotations.value.length > 0 ? (
          <ul data-annotations>
            {annotations.value.map((a) => (
              <li key={a.id}>
                {a.date} — {a.text}{' '}
                <button type="button" data-action="annotation-delete" aria-label={`Delete the annotation ${a.text}`} onClick={() => void remove(a.id, a.text)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet. They are kept in the data folder with your scenarios and layouts.</p>
        )}
      </section>

      <section className="panel-block" aria-labelledby="news-title" data-whats-new>
        <h3 id="news-title">What's new since the last sync</h3>
        {news.status !== 'ready' ? (
          <p className="muted">{news.status === 'error' ? news.error : 'Reading…'}</p>
        ) : news.value.run === null ? (
          <p className="muted">No sync has run in this data folder yet: the data is the bundled snapshot. Open Data → Sync now.</p>
        ) : (
          <>
            <p>
              Last sync {news.value.run.finishedAt?.slice(0, 16).replace('T', ' ') ?? news.value.run.startedAt.slice(0, 16).replace('T', ' ')} UTC ({news.value.run.status}): {news.value.updated.length} series got new or changed observations; {news.value.revisionsTotal} revisions.
            </p>
            {news.value.updated.length > 0 ? (
              <table data-news-updated>
                <thead>
                  <tr>
                    <th scope="col">series</th>
                    <th scope="col">rows written</th>
                    <th scope="col">of which revisions</th>
                  </tr>
                </thead>
                <tbody>
                  {news.value.updated.map((u) => (
                    <tr key={u.seriesId}>
                      <td>{u.seriesId}</td>
                      <td>{u.rowsWritten}</td>
                      <td>{u.revisions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {news.value.revisions.length > 0 ? (
              <table data-news-revisions>
                <caption>Revisions (old → new, in stored units){news.value.revisionsTotal > news.value.revisions.length ? `; the newest ${news.value.revisions.length} of ${news.value.revisionsTotal}` : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">series</th>
                    <th scope="col">date</th>
                    <th scope="col">old → new</th>
                  </tr>
                </thead>
                <tbody>
                  {news.value.revisions.map((r) => (
                    <tr key={`${r.seriesId}-${r.date}`}>
                      <td>{r.seriesId}</td>
                      <td>{r.date}</td>
                      <td>
                        {fmt(r.oldValue)} → {fmt(r.newValue)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        )}
        {next.length > 0 ? (
          <table data-next-releases>
            <caption>Next expected release per source</caption>
            <thead>
              <tr>
                <th scope="col">source</th>
                <th scope="col">publication</th>
                <th scope="col">expected (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {next.map((n) => (
                <tr key={n.source}>
                  <td>{n.source}</td>
                  <td>{n.release}</td>
                  <td>
                    {n.at.slice(0, 16).replace('T', ' ')}
                    {n.estimated ? ' (by rule)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
