/** Panels of any catalog series or formula, FRED units transforms, linked cursors, saved layouts. */
import { useMemo } from 'react';
import { fredTransform, FRED_UNITS } from '../../../shared/compute/transform.js';
import { resample, type Aggregation, type TargetFrequency } from '../../../shared/compute/align.js';
import { ALIGNMENT_RULE } from '../../../shared/compute/formula/evaluate.js';
import type { Series } from '../../../shared/compute/series.js';
import { MAX_PANELS, PANEL_FREQS, type PanelFreq, type PanelUi, type WorkspaceUi } from '../../../shared/model/ui-state.js';
import type { Json } from '../../../shared/parse/json.js';
import { isObject } from '../../../shared/parse/json.js';
import { api } from '../../api/client.js';
import { bump, useVersion } from '../../app/changes.js';
import { newId } from '../../app/ids.js';
import { askConfirm, showToast } from '../../app/overlays.js';
import { updateUi, useUi } from '../../app/ui-store.js';
import { ChartGroup } from '../../charts/chart-group.js';
import type { ChartSpec } from '../../charts/chart-spec.js';
import { OKABE_ITO } from '../../charts/palette.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';

const FREQ_LABEL: Readonly<Record<PanelFreq, string>> = {
  native: 'native frequency',
  'W:avg': 'weekly (Wed), average',
  'W:eop': 'weekly (Wed), end of period',
  'M:avg': 'monthly, average',
  'M:eop': 'monthly, end of period',
  'Q:avg': 'quarterly, average',
};

const panel = (formula: string, id = newId('p')): PanelUi => ({ id, formula, draft: formula, units: 'lin', step: false, freq: 'native' });

/** Fixed ids: the first visit's panels are the same two on every machine until the user changes them. */
const DEFAULT_WORKSPACE: WorkspaceUi = { panels: [panel('bp(SOFR, IORB)', 'default-0'), panel('WALCL - WDTGAL - RRPONTSYD', 'default-1')], layoutName: '' };

const UNIT_LABEL: Record<string, string> = { usd_bn: '$bn', percent: '%', bp: 'bp', ratio: 'ratio', number: 'number', index: 'index', usd_price: 'USD' };

const update = (f: (w: WorkspaceUi) => WorkspaceUi): void => updateUi('workspace', (cur) => f(cur ?? DEFAULT_WORKSPACE));
/** Edits the panel with this id, wherever it is in the list now. */
const editPanel = (id: string, patch: Partial<Omit<PanelUi, 'id'>>): void => update((w) => ({ ...w, panels: w.panels.map((p) => (p.id === id ? { ...p, ...patch } : p)) }));

/** A saved layout's panels (stored without ids or drafts, as before): each gets a fresh id. */
function panelsOfLayout(panels: Json): PanelUi[] {
  if (!Array.isArray(panels)) return [];
  return panels.filter(isObject).flatMap((p) => {
    const f = p['formula'];
    if (typeof f !== 'string') return [];
    const units = FRED_UNITS.find((u) => u === p['units']) ?? 'lin';
    const freq = PANEL_FREQS.find((q) => q === p['freq']) ?? 'native';
    return [{ ...panel(f), units, step: p['step'] === true, freq }];
  }).slice(0, MAX_PANELS);
}

const layoutOf = (panels: readonly PanelUi[]): Json => panels.map((p) => ({ formula: p.formula, units: p.units, step: p.step, ...(p.freq === 'native' ? {} : { freq: p.freq }) }));

function PanelView({ panel: p, index, group, themeKey, onStatus }: { panel: PanelUi; index: number; group: ChartGroup; themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const [result] = useAsync(() => api('formula:eval', { source: p.formula }), [p.formula]);
  const spec: ChartSpec | null = useMemo(() => {
    if (result.status !== 'ready') return null;
    const r = result.value;
    const freq = p.freq;
    let series: Series = { dates: Int32Array.from(r.dates), values: Float64Array.from(r.values) };
    let f: 'D' | 'W' | 'M' | 'Q' = r.dates.length > 1 && (r.dates[1] ?? 0) - (r.dates[0] ?? 0) >= 7 ? 'W' : 'D';
    if (freq !== 'native') {
      const [tf, agg] = freq.split(':') as [TargetFrequency, Aggregation];
      series = resample(series, tf, agg);
      f = tf;
    }
    const t = fredTransform(series, p.units, f);
    const unit = p.units === 'lin' ? r.unit : p.units === 'log' ? 'number' : ['pch', 'pc1', 'pca', 'cch', 'cca'].includes(p.units) ? 'percent' : r.unit;
    return {
      // Keyed by the panel's id: a chart never carries over to the panel that takes its place. The
      // colour follows the position (first panel blue, …), so it is in the key too: uPlot keeps the
      // stroke it was created with, and the legend would otherwise show another colour than the line.
      key: `ws-${p.id}-${index % OKABE_ITO.length}-${r.formula}-${p.units}-${freq}`,
      title: `${r.formula}${p.units === 'lin' ? '' : ` [${p.units}]`}${freq === 'native' ? '' : ` (${FREQ_LABEL[freq]})`}`,
      unitLabel: UNIT_LABEL[unit] ?? unit,
      x: Array.from(t.dates),
      series: [{ id: `F${index}`, label: r.formula, unit, color: OKABE_ITO[index % OKABE_ITO.length] ?? '#0072B2', values: Array.from(t.values), ...(p.step ? { style: 'step' as const } : {}), conversion: `formula ${r.formula}, FRED units ${p.units}` }],
      shadeCalendar: true,
      footer: [`Formula: ${r.formula} (${UNIT_LABEL[r.unit] ?? r.unit}); transform ${p.units}. Dates of its highest-frequency series; the others as of each date within their staleness limit; GDP as known then. Made with Reservoir.`],
    };
  }, [result, p, index]);
  // `data-panel` / `formula-N` give the position for tests and screen readers; edits go by `p.id`.
  return (
    <div className="panel" data-panel={index} data-panel-id={p.id}>
      <form
        className="panel-form"
        onSubmit={(e) => {
          e.preventDefault();
          editPanel(p.id, { formula: p.draft });
        }}
      >
        <input className="formula" value={p.draft} onChange={(e) => editPanel(p.id, { draft: e.target.value })} spellCheck={false} aria-label="Formula" data-input={`formula-${index}`} maxLength={2000} />
        <select value={p.units} onChange={(e) => editPanel(p.id, { units: FRED_UNITS.find((u) => u === e.target.value) ?? 'lin' })} aria-label="FRED units transform">
          {FRED_UNITS.map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
        <select value={p.freq} onChange={(e) => editPanel(p.id, { freq: PANEL_FREQS.find((q) => q === e.target.value) ?? 'native' })} aria-label="Frequency">
          {PANEL_FREQS.map((q) => (
            <option key={q} value={q}>{FREQ_LABEL[q]}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={p.step} onChange={(e) => editPanel(p.id, { step: e.target.checked })} /> stepped
        </label>
        <button type="submit">Plot</button>
        <button type="button" data-action="remove-panel" onClick={() => update((w) => ({ ...w, panels: w.panels.filter((x) => x.id !== p.id) }))}>
          Remove
        </button>
      </form>
      {p.draft !== p.formula ? <div className="hint" data-draft={index}>Not plotted yet: press Enter or Plot.</div> : null}
      {result.status === 'error' ? <div className="formula-error" data-error={index}>{result.error}</div> : null}
      {spec ? <TimeChart spec={spec} group={group} themeKey={themeKey} onStatus={onStatus} height={200} /> : null}
    </div>
  );
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function Workspace({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const ws = useUi('workspace') ?? DEFAULT_WORKSPACE;
  const { panels, layoutName } = ws;
  const version = useVersion('layouts');
  const [layouts] = useAsync(() => api('layout:list', {}), [version]);
  const group = useMemo(() => new ChartGroup('workspace'), []);
  const saved = layouts.status === 'ready' ? layouts.value : [];
  const trimmed = layoutName.trim();
  const exists = saved.some((l) => l.name === trimmed);

  const save = async (): Promise<void> => {
    const name = trimmed;
    const count = panels.length;
    // Replacing a saved layout is never silent (issue 11 §4): the page asks, and the core refuses an
    // existing name unless told to overwrite.
    if (exists && !(await askConfirm('Replace the saved layout?', `A layout named “${name}” already exists. Replace it with these ${count} panel${count === 1 ? '' : 's'}?`, 'Replace'))) {
      onStatus(`layout “${name}” left as it was`);
      return;
    }
    try {
      await api('layout:save', { name, panels: layoutOf(panels), ...(exists ? { overwrite: true } : {}) });
      onStatus(`layout “${name}” saved`);
      bump('layouts');
    } catch (e) {
      onStatus(message(e));
    }
  };

  const remove = async (): Promise<void> => {
    const name = trimmed;
    try {
      await api('layout:delete', { name });
      bump('layouts');
      onStatus(`layout “${name}” deleted`);
      showToast(`Deleted layout “${name}”.`, {
        label: 'Undo',
        run: () =>
          void api('layout:undelete', { name }).then(
            (r) => {
              bump('layouts');
              onStatus(`layout “${r.name}” restored`);
            },
            (e: unknown) => onStatus(message(e)),
          ),
      });
    } catch (e) {
      onStatus(message(e));
    }
  };

  return (
    <div className="view workspace">
      <div className="toolbar">
        <button type="button" data-action="add-panel" onClick={() => update((w) => ({ ...w, panels: [...w.panels, panel('WRESBAL')] }))} disabled={panels.length >= MAX_PANELS}>
          Add panel
        </button>
        <input placeholder="Layout name" data-input="layout-name" value={layoutName} onChange={(e) => update((w) => ({ ...w, layoutName: e.target.value }))} maxLength={80} />
        <button type="button" data-action="save-layout" disabled={trimmed === ''} onClick={() => void save()}>
          Save layout
        </button>
        <select
          value=""
          data-input="open-layout"
          onChange={(e) => {
            const l = saved.find((x) => x.name === e.target.value);
            // Fresh ids: every panel (its field, its chart) is new, nothing is carried over by position.
            if (l) update(() => ({ panels: panelsOfLayout(l.panels), layoutName: l.name }));
          }}
        >
          <option value="">Open layout…</option>
          {saved.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
        <button type="button" className="danger" data-action="delete-layout" disabled={!exists} title={exists ? `Delete the saved layout “${trimmed}” (can be undone for 10 s)` : 'Type or open the name of a saved layout to delete it'} onClick={() => void remove()}>
          Delete layout
        </button>
        <span className="hint">Formulas: ids, + − × ÷, bp, ma, lag, diff, pct, z, asof, abs, min, max — e.g. ma(bp(SOFR, RRPONTSYAWARD), 10)</span>
        <details className="hint" data-help="formula-alignment">
          <summary>How series of different frequencies meet</summary>
          <p>{ALIGNMENT_RULE}</p>
        </details>
      </div>
      {panels.map((p, i) => (
        <PanelView key={p.id} panel={p} index={i} group={group} themeKey={themeKey} onStatus={onStatus} />
      ))}
    </div>
  );
}
