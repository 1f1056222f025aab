/**
 * Add any FRED series by id (issue 12). Look it up first: with a FRED key, FRED's series endpoint
 * gives title, units, frequency and seasonal adjustment; without one, the keyless download shows that
 * the series exists and what its dates look like, and the user enters the rest from FRED's series page
 * and confirms it. Units are mapped explicitly (shared/model/fred-units.ts) or the series is refused.
 */
import { useEffect, useRef, useState } from 'react';
import type { FredLookupDto } from '../../../shared/ipc/contract.js';
import { FRED_FREQUENCY_CHOICES, FRED_SEASONAL_CHOICES, FRED_UNIT_CHOICES, mapFredFrequency, mapFredUnits } from '../../../shared/model/fred-units.js';
import { conversionFor, unitLabel } from '../../../shared/model/units.js';
import { unitText } from './unit-text.js';
import { api } from '../../api/client.js';
import { ViewMessage, type ViewMessageState } from './ViewMessage.js';

const FREQ_WORD = { D: 'daily', W: 'weekly', M: 'monthly', Q: 'quarterly' } as const;
const FREQ_DEFAULT = { D: 'Daily', W: 'Weekly', M: 'Monthly', Q: 'Quarterly' } as const;

/** "$bn (÷ 1,000 (USD millions → USD billions)), weekly, Wednesday level" for what the user picked, or why not. */
function storedAs(units: string, frequency: string, sa: string): ViewMessageState | null {
  if (units === '' || frequency === '' || sa === '') return null;
  const u = mapFredUnits(units, sa);
  if (!u.ok) return { kind: 'error', text: u.error };
  const f = mapFredFrequency(frequency);
  if (!f.ok) return { kind: 'error', text: f.error };
  const c = conversionFor(u.value);
  return { kind: 'info', text: `Stored as ${unitLabel(c.canonical)}, ${c.label}; ${FREQ_WORD[f.value.frequency]}, basis ${f.value.basis}.` };
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface AddFredSeriesProps {
  readonly onAdded: (id: string) => void;
  readonly onStatus: (m: string) => void;
  /** An id to look up at once (the Workspace picker's "Add … from FRED"). */
  readonly initialFredId?: string;
  /** The heading's id, for a dialog that is labelled by it. */
  readonly headingId?: string;
}

export function AddFredSeries({ onAdded, onStatus, initialFredId, headingId }: AddFredSeriesProps): React.JSX.Element {
  const [fredId, setFredId] = useState(initialFredId?.trim().toUpperCase() ?? '');
  const [found, setFound] = useState<FredLookupDto | null>(null);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [units, setUnits] = useState('');
  const [frequency, setFrequency] = useState('');
  const [sa, setSa] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ViewMessageState | null>(null);
  const say = (m: ViewMessageState): void => {
    setMessage(m);
    onStatus(m.text);
  };

  const lookUp = async (): Promise<void> => {
    setBusy(true);
    setFound(null);
    setMessage({ kind: 'info', text: `Looking up ${fredId.trim().toUpperCase()} on FRED…` });
    try {
      const r = await api('catalog:lookup-fred', { fredId });
      setFound(r);
      setId(r.suggestedId);
      setTitle(r.metadata?.title ?? '');
      setUnits('');
      setSa('');
      setFrequency(r.preview?.frequency ? FREQ_DEFAULT[r.preview.frequency] : '');
      setConfirmed(false);
      if (r.conflict !== null) say({ kind: 'warn', text: r.conflict });
      else if (r.mappingProblem !== null) say({ kind: 'error', text: `${r.fredId} cannot be added: ${r.mappingProblem}` });
      else setMessage(r.via === 'fred-api' ? { kind: 'info', text: `Found ${r.fredId} on FRED. Check what it will be stored as, then add it.` } : { kind: 'info', text: `Found ${r.fredId}. Without a FRED key, enter its title, units and frequency from its FRED page and confirm them.` });
    } catch (e) {
      say({ kind: 'error', text: errText(e) });
    } finally {
      setBusy(false);
    }
  };

  // Opened with an id (from the Workspace picker): look it up once, as if Look up were pressed.
  const lookedUpInitial = useRef(false);
  useEffect(() => {
    if (lookedUpInitial.current || fredId.trim() === '') return;
    lookedUpInitial.current = true;
    if (initialFredId !== undefined) void lookUp();
    // Only on mount: later ids are looked up by the button.
  }, []);

  const add = async (): Promise<void> => {
    if (found === null) return;
    setBusy(true);
    try {
      const keyless = found.metadata === null;
      const r = await api('catalog:add-fred', {
        fredId: found.fredId,
        ...(id.trim() !== '' ? { id: id.trim().toUpperCase() } : {}),
        ...(keyless ? { title: title.trim(), units, frequency, seasonalAdjustment: sa, confirmed } : {}),
      });
      say({ kind: 'ok', text: `Added ${r.id} (${r.title}) to the catalog, stored in ${unitText(r.unit)}; fetching its history now (see Sync).` });
      setFound(null);
      setFredId('');
      onAdded(r.id);
    } catch (e) {
      say({ kind: 'error', text: errText(e) });
    } finally {
      setBusy(false);
    }
  };

  const keyless = found !== null && found.metadata === null;
  const preview = keyless ? storedAs(units, frequency, sa) : null;
  const canAdd = found !== null && found.conflict === null && found.mappingProblem === null && (!keyless || (title.trim() !== '' && preview?.kind === 'info' && confirmed));

  return (
    <section className="add-series-panel" data-panel="add-series">
      <h3 id={headingId}>Add a FRED series</h3>
      <p>Any series on FRED by its id (as in DGS30 or WRESBAL), synced and checked like the built-in ones. Units must be billions or millions of dollars, percent or an index.</p>
      <form
        className="add-row"
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp();
        }}
      >
        <input type="text" placeholder="FRED series id" value={fredId} onChange={(e) => setFredId(e.target.value.toUpperCase())} data-input="fred-series-id" aria-label="FRED series id" maxLength={30} />
        <button type="submit" data-action="lookup-fred" disabled={busy || fredId.trim() === ''}>
          Look up
        </button>
      </form>
      <ViewMessage id="add-series" message={message} />
      {found !== null && found.conflict === null && found.mappingProblem === null ? (
        <div className="add-details" data-lookup={found.fredId}>
          {found.metadata !== null ? (
            <dl className="facts">
              <dt>Title</dt>
              <dd data-fact="title">{found.metadata.title}</dd>
              <dt>Units</dt>
              <dd data-fact="units">
                {found.metadata.units}
                {found.mapping ? ` → ${unitText(found.mapping.canonical)} (${found.mapping.conversion})` : ''}
              </dd>
              <dt>Frequency</dt>
              <dd>
                {found.metadata.frequency}
                {found.mapping ? ` → ${FREQ_WORD[found.mapping.frequency]}, basis ${found.mapping.basis}${found.mapping.everyDay ? ' (every calendar day)' : ''}` : ''}
              </dd>
              <dt>Adjustment</dt>
              <dd>{found.metadata.seasonalAdjustment}</dd>
              <dt>Observations</dt>
              <dd>
                {found.metadata.observationStart} … {found.metadata.observationEnd} (FRED updated {found.metadata.lastUpdated})
              </dd>
            </dl>
          ) : (
            <>
              <p className="muted" data-preview>
                FRED&apos;s download for {found.fredId} has {found.preview?.rows.toLocaleString('en-US') ?? 0} observations, {found.preview?.firstDate ?? '—'} … {found.preview?.lastDate ?? '—'}
                {found.preview?.frequency ? `; the dates are ${FREQ_WORD[found.preview.frequency]}` : ''}. It does not say the title or units: copy them from fred.stlouisfed.org/series/{found.fredId}.
              </p>
              <div className="add-grid">
                <label>
                  Title
                  <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} data-input="add-title" maxLength={200} />
                </label>
                <label>
                  Units
                  <select value={units} onChange={(e) => setUnits(e.target.value)} data-input="add-units">
                    <option value="">choose…</option>
                    {FRED_UNIT_CHOICES.map((u) => <option key={u}>{u}</option>)}
                  </select>
                </label>
                <label>
                  Frequency
                  <select value={frequency} onChange={(e) => setFrequency(e.target.value)} data-input="add-frequency">
                    <option value="">choose…</option>
                    {FRED_FREQUENCY_CHOICES.map((f) => <option key={f}>{f}</option>)}
                  </select>
                </label>
                <label>
                  Seasonal adjustment
                  <select value={sa} onChange={(e) => setSa(e.target.value)} data-input="add-sa">
                    <option value="">choose…</option>
                    {FRED_SEASONAL_CHOICES.map((x) => <option key={x}>{x}</option>)}
                  </select>
                </label>
              </div>
              {preview ? <p className={`view-message ${preview.kind}`} data-stored-as>{preview.text}</p> : null}
              <label className="confirm-line">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-input="add-confirm" /> I checked the title, units and frequency against FRED&apos;s page for {found.fredId}
              </label>
            </>
          )}
          <div className="add-row">
            <label>
              Catalog id <input type="text" value={id} onChange={(e) => setId(e.target.value.toUpperCase())} data-input="add-id" maxLength={40} />
            </label>
            <button type="button" data-action="add-fred" disabled={busy || !canAdd} onClick={() => void add()}>
              Add to catalog
            </button>
          </div>
          {found.idNote ? <p className="muted">{found.idNote}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
