/**
 * One Workspace panel (issue 12): a list of series or formulas (typed comma-separated, or added one by
 * one from the catalog picker, each removable), each on the left or right axis, with the panel's FRED
 * units transform, frequency, steps, log scale, rebase to 100 at the start of the visible window of
 * the linked charts, and reference lines. Edits go by the panel's id and by each series' text, never
 * by position (issue 11 §4).
 */
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { FRED_UNITS } from '../../../shared/compute/transform.js';
import { MAX_FORMULA_CHARS, MAX_REF_LINES, PANEL_FREQS, type PanelUi } from '../../../shared/model/ui-state.js';
import { MAX_SERIES_PER_PANEL, panelSeries, pickedSeries, refLineInput, removeFromSeriesList, splitSeriesList, withoutControls, type Axis, type CatalogEntry } from '../../../shared/model/workspace-panel.js';
import { api } from '../../api/client.js';
import { useVersion } from '../../app/changes.js';
import { newId } from '../../app/ids.js';
import { useAsync } from '../../app/use-async.js';
import type { ChartGroup } from '../../charts/chart-group.js';
import { themed } from '../../charts/palette.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { isoOfDay } from '../../format.js';
import { ViewMessage, type ViewMessageState } from '../data/ViewMessage.js';
import { addSeriesPatch } from './panel-edits.js';
import { FREQ_LABEL, panelChart, windowDays, type EvaluatedSeries } from './panel-chart.js';

/** The datalist every panel's picker reads (ids, with titles as their labels). */
export const CATALOG_LIST_ID = 'ws-catalog';

type Evaluation = { readonly ok: true; readonly value: EvaluatedSeries } | { readonly ok: false; readonly key: string; readonly error: string };

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** FRED ids are letters, digits and _ (contract.ts checks the same when it is sent). */
const FRED_ID = /^[A-Za-z][A-Za-z0-9_]{0,29}$/;

/**
 * The FRED id the picker's text could be, when it is a bare id the catalog does not have (so the
 * picker can offer to add it from FRED); null for a catalog id or title, a formula, or while the
 * catalog is not loaded.
 */
export function fredCandidate(text: string, catalog: readonly CatalogEntry[], catalogReady: boolean): string | null {
  const t = text.trim();
  if (!catalogReady || !FRED_ID.test(t)) return null;
  return pickedSeries(t, catalog) === t && !catalog.some((c) => c.id.toLowerCase() === t.toLowerCase()) ? t.toUpperCase() : null;
}

/** The linked charts' x range while `on` (rebase needs it); null otherwise, so a zoom re-renders only rebased panels. */
function useGroupRange(group: ChartGroup, on: boolean): { min: number; max: number } | null {
  const subscribe = useCallback((l: () => void) => {
    if (!on) return () => undefined;
    const off = group.subscribe(() => l());
    return () => {
      off();
    };
  }, [group, on]);
  return useSyncExternalStore(subscribe, () => (on ? group.currentRange() : null));
}

export interface PanelViewProps {
  readonly panel: PanelUi;
  readonly index: number;
  readonly group: ChartGroup;
  readonly themeKey: string;
  readonly catalog: readonly CatalogEntry[];
  /** False until series:list has answered: no id is offered "from FRED" before the catalog is known. */
  readonly catalogReady: boolean;
  /** False when the edit was not made (the UI state would refuse it: `refusal` then says why). */
  readonly onEdit: (id: string, patch: Partial<Omit<PanelUi, 'id'>>) => boolean;
  readonly onRemove: (id: string) => void;
  readonly onStatus: (m: string) => void;
  /** Opens "Add a FRED series" for an id the catalog does not have; the series lands in this panel. */
  readonly onAddFred: (panelId: string, fredId: string) => void;
  /** How fetching a series just added from this panel's picker went (or that it is under way). */
  readonly fetchMessage: ViewMessageState | null;
  /** Why the last edit of this panel was not made (the stored view state would not take it), or null. */
  readonly refusal: string | null;
}

export function PanelView({ panel: p, index, group, themeKey, catalog, catalogReady, onEdit, onRemove, onStatus, onAddFred, fetchMessage, refusal }: PanelViewProps): React.JSX.Element {
  const list = useMemo(() => panelSeries(p.formula), [p.formula]);
  // A series added, removed, synced or imported: every series of the panel is evaluated again.
  const catalogVersion = useVersion('catalog');
  const [evals] = useAsync(
    () =>
      Promise.all(
        list.series.map((s): Promise<Evaluation> =>
          api('formula:eval', { source: s }).then(
            (r) => ({ ok: true, value: { key: s, formula: r.formula, unit: r.unit, dates: r.dates, values: r.values, nonFinite: r.nonFinite } }),
            (e: unknown) => ({ ok: false, key: s, error: message(e) }),
          ),
        ),
      ),
    [list, catalogVersion],
  );
  const range = useGroupRange(group, p.rebase === true);
  const done = evals.status === 'ready' ? evals.value : [];
  const good = useMemo(() => done.flatMap((e) => (e.ok ? [e.value] : [])), [done]);
  const errors = done.flatMap((e) => (e.ok ? [] : [e]));
  // Typing in the field (the draft) does not redraw the chart: only what is plotted is a dependency.
  const { id, formula, units, freq, step, log, rebase, right: rightList, refLines } = p;
  const plotted = useMemo((): PanelUi => ({ id, formula, draft: formula, units, freq, step, ...(log !== undefined ? { log } : {}), ...(rebase !== undefined ? { rebase } : {}), ...(rightList ? { right: rightList } : {}), ...(refLines ? { refLines } : {}) }), [id, formula, units, freq, step, log, rebase, rightList, refLines]);
  const chart = useMemo(() => (good.length > 0 ? panelChart(plotted, good, windowDays(range), index) : null), [plotted, good, range, index]);
  const right = new Set(p.right ?? []);
  const [adding, setAdding] = useState('');
  const [refValue, setRefValue] = useState('');
  const [refLabel, setRefLabel] = useState('');
  const [refAxis, setRefAxis] = useState<Axis>('left');
  const dual = chart?.axes === 2;
  // Each chip shows its series' colour in the chart (the drawn series are the spec's, in order).
  const colourOf = new Map((chart?.plotted ?? []).map((key, k) => [key, chart?.spec.series[k]?.color ?? ''] as const));
  // A reference line as typed, checked by the store's own rules (said beside the field, before Add).
  // An empty value is not yet a problem (the button is off until one is typed).
  const refCheck = refLineInput(refValue, refLabel);
  const refProblem = refCheck.ok || (refCheck.field === 'value' && refValue.trim() === '') ? null : { field: refCheck.field, text: refCheck.error };

  /** The plotted list after an edit; the draft follows when it was the plotted list, else gets the same edit. */
  const setList = (formula: string, draft: string, extra: Partial<Omit<PanelUi, 'id'>> = {}): void => {
    const listed = splitSeriesList(formula);
    onEdit(p.id, { formula, draft, right: (p.right ?? []).filter((s) => listed.includes(s)), ...extra });
  };
  const add = (): void => {
    const s = pickedSeries(adding, catalog);
    if (s === '') return;
    const r = addSeriesPatch(p, s);
    if (!r.ok) {
      onStatus(r.error);
      return;
    }
    if (onEdit(p.id, r.patch)) setAdding('');
  };
  const fromFred = fredCandidate(adding, catalog, catalogReady);
  const removeSeries = (key: string): void => {
    const next = removeFromSeriesList(p.formula, key);
    setList(next, p.draft === p.formula ? next : removeFromSeriesList(p.draft, key));
  };
  const addRefLine = (): void => {
    const r = refLineInput(refValue, refLabel);
    if (!r.ok) {
      onStatus(`reference line not added: ${r.error}`);
      return;
    }
    const lines = p.refLines ?? [];
    if (lines.length >= MAX_REF_LINES) {
      onStatus(`a panel holds at most ${MAX_REF_LINES} reference lines`);
      return;
    }
    if (!onEdit(p.id, { refLines: [...lines, { id: newId('r'), value: r.value, label: r.label, axis: dual ? refAxis : 'left' }] })) return;
    setRefValue('');
    setRefLabel('');
  };

  const notes = [
    ...(list.repeated.length > 0 ? [`Listed more than once, plotted once: ${[...new Set(list.repeated)].join(', ')}.`] : []),
    ...(list.over.length > 0 ? [`A panel holds at most ${MAX_SERIES_PER_PANEL} series; not plotted: ${list.over.join(', ')}.`] : []),
    ...(chart?.notes ?? []),
  ];
  // `data-panel` / `formula-N` give the position for tests and screen readers; edits go by `p.id`.
  return (
    <div
      className="panel"
      data-panel={index}
      data-panel-id={p.id}
      data-axes={chart?.axes ?? 0}
      data-log={String(chart?.log ?? false)}
      data-rebased={String(chart?.rebased ?? false)}
      data-bases={(chart?.bases ?? []).map((b) => `${b.key}@${isoOfDay(b.day)}`).join(' ')}
    >
      <form
        className="panel-form"
        onSubmit={(e) => {
          e.preventDefault();
          setList(p.draft, p.draft);
        }}
      >
        <input
          className="formula"
          value={p.draft}
          onChange={(e) => onEdit(p.id, { draft: withoutControls(e.target.value) })}
          spellCheck={false}
          aria-label="Series or formulas, comma-separated"
          title="Series ids or formulas, separated by commas (commas inside brackets belong to the formula: bp(SOFR, IORB), WRESBAL)"
          data-input={`formula-${index}`}
          maxLength={MAX_FORMULA_CHARS}
        />
        <select value={p.units} onChange={(e) => onEdit(p.id, { units: FRED_UNITS.find((u) => u === e.target.value) ?? 'lin' })} aria-label="FRED units transform">
          {FRED_UNITS.map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
        <select value={p.freq} onChange={(e) => onEdit(p.id, { freq: PANEL_FREQS.find((q) => q === e.target.value) ?? 'native' })} aria-label="Frequency">
          {PANEL_FREQS.map((q) => (
            <option key={q} value={q}>
              {FREQ_LABEL[q]}
            </option>
          ))}
        </select>
        {/* Stepped stays the first check box of the panel (tests of issue 11 read it so). */}
        <label>
          <input type="checkbox" checked={p.step} onChange={(e) => onEdit(p.id, { step: e.target.checked })} /> stepped
        </label>
        <label title="Logarithmic y axes; refused when a value is zero or below">
          <input type="checkbox" checked={p.log === true} onChange={(e) => onEdit(p.id, { log: e.target.checked })} data-input={`log-${index}`} /> log
        </label>
        <label title="Each series = 100 at its first value in the visible window of the linked charts">
          <input type="checkbox" checked={p.rebase === true} onChange={(e) => onEdit(p.id, { rebase: e.target.checked })} data-input={`rebase-${index}`} /> rebase to 100
        </label>
        <button type="submit">Plot</button>
        <button type="button" data-action="remove-panel" onClick={() => onRemove(p.id)}>
          Remove
        </button>
      </form>
      <div className="panel-series">
        <span className="row-label" aria-hidden="true">
          Series
        </span>
        <ul className="series-chips" aria-label="Series in this panel">
          {list.series.map((s) => (
            <li key={s} className="series-chip" data-series={s}>
              {colourOf.get(s) ? <i className="swatch" style={{ background: themed(colourOf.get(s) ?? '', 'var(--fg)') }} aria-hidden="true" /> : null}
              <span className="series-text">{s}</span>
              <select value={right.has(s) ? 'right' : 'left'} aria-label={`Axis for ${s}`} data-input="series-axis" onChange={(e) => onEdit(p.id, { right: e.target.value === 'right' ? [...(p.right ?? []).filter((x) => x !== s), s] : (p.right ?? []).filter((x) => x !== s) })}>
                <option value="left">left axis</option>
                <option value="right">right axis</option>
              </select>
              <button type="button" className="chip-remove" aria-label={`Remove ${s} from the panel`} title={`Remove ${s}`} data-action="remove-series" onClick={() => removeSeries(s)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="add-series"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input list={CATALOG_LIST_ID} value={adding} onChange={(e) => setAdding(withoutControls(e.target.value))} aria-label="Add a series: catalog id, title or a formula" placeholder="add series: id or title…" spellCheck={false} data-input={`add-series-${index}`} maxLength={MAX_FORMULA_CHARS} />
          <button type="submit" disabled={adding.trim() === ''} data-action="add-series">
            Add
          </button>
          {fromFred !== null ? (
            <button
              type="button"
              data-action="add-fred-series"
              title={`${fromFred} is not in the catalog: look it up on FRED and add it (then it is fetched and plotted here)`}
              onClick={() => {
                setAdding('');
                onAddFred(p.id, fromFred);
              }}
            >
              Add a FRED series: {fromFred}…
            </button>
          ) : null}
        </form>
        <span className="row-label" aria-hidden="true">
          Lines
        </span>
        <ul className="ref-chips" aria-label="Reference lines">
          {(p.refLines ?? []).map((l) => (
            <li key={l.id} className="ref-chip" data-ref-line={l.value}>
              <span aria-hidden="true">┄</span> {l.label === '' ? String(l.value) : `${l.label} (${l.value})`}
              {dual ? ` ${l.axis}` : ''}
              <button type="button" className="chip-remove" aria-label={`Remove the reference line at ${l.value}`} title="Remove this reference line" data-action="remove-ref-line" onClick={() => onEdit(p.id, { refLines: (p.refLines ?? []).filter((x) => x.id !== l.id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="add-ref"
          onSubmit={(e) => {
            e.preventDefault();
            addRefLine();
          }}
        >
          <input
            className="ref-value"
            inputMode="decimal"
            value={refValue}
            onChange={(e) => setRefValue(e.target.value)}
            aria-label="Reference line value"
            placeholder="line at…"
            data-input={`ref-value-${index}`}
            aria-invalid={refProblem?.field === 'value'}
            aria-describedby={refProblem !== null ? `ref-problem-${p.id}` : undefined}
          />
          {/* No maxLength: a longer label is said beside the field rather than cut without a word. */}
          <input
            className="ref-label"
            value={refLabel}
            onChange={(e) => setRefLabel(withoutControls(e.target.value))}
            aria-label="Reference line label"
            placeholder="label"
            data-input={`ref-label-${index}`}
            aria-invalid={refProblem?.field === 'label'}
            aria-describedby={refProblem !== null ? `ref-problem-${p.id}` : undefined}
          />
          {dual ? (
            <select value={refAxis} onChange={(e) => setRefAxis(e.target.value === 'right' ? 'right' : 'left')} aria-label="Reference line axis">
              <option value="left">left axis</option>
              <option value="right">right axis</option>
            </select>
          ) : null}
          <button type="submit" disabled={refValue.trim() === '' || refProblem !== null} data-action="add-ref-line">
            Add line
          </button>
          {refProblem !== null ? (
            <span className="ref-error" role="alert" id={`ref-problem-${p.id}`} data-ref-error={index}>
              {refProblem.text}
            </span>
          ) : null}
        </form>
      </div>
      {p.draft !== p.formula ? (
        <div className="hint" data-draft={index}>
          Not plotted yet: press Enter or Plot.
        </div>
      ) : null}
      {fetchMessage !== null ? <ViewMessage id={`fetch-${index}`} message={fetchMessage} /> : null}
      {refusal !== null ? (
        <div className="formula-error" role="alert" data-refused={index}>
          {refusal}
        </div>
      ) : null}
      {errors.length > 0 || (chart?.unplottable.length ?? 0) > 0 ? (
        <div className="formula-error" data-error={index}>
          {errors.map((e) => (
            <div key={e.key}>{list.series.length > 1 ? `${e.key}: ${e.error}` : e.error}</div>
          ))}
          {/* Each says its series: "WRESBAL / 0 gives no finite values …" (not drawn; the others are). */}
          {(chart?.unplottable ?? []).map((e) => (
            <div key={e.key} data-unplottable={e.key}>
              {e.error}
            </div>
          ))}
        </div>
      ) : null}
      {evals.status === 'error' ? <div className="formula-error" data-error={index}>{evals.error}</div> : null}
      {notes.length > 0 ? (
        <ul className="panel-notes" data-notes={index}>
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {list.series.length === 0 ? <div className="hint">No series in this panel: type one above or add one from the catalog.</div> : null}
      {chart && chart.spec.series.length > 0 ? <TimeChart spec={chart.spec} group={group} themeKey={themeKey} onStatus={onStatus} height={220} /> : null}
    </div>
  );
}
