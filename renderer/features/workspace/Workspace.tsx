/** Panels of any catalog series or formula, FRED units transforms, linked cursors, saved layouts. */
import { useMemo, useState } from 'react';
import { fredTransform, FRED_UNITS, type FredUnits } from '../../../shared/compute/transform.js';
import { resample, type Aggregation, type TargetFrequency } from '../../../shared/compute/align.js';
import { ALIGNMENT_RULE } from '../../../shared/compute/formula/evaluate.js';
import type { Series } from '../../../shared/compute/series.js';
import { api } from '../../api/client.js';
import { ChartGroup } from '../../charts/chart-group.js';
import type { ChartSpec } from '../../charts/chart-spec.js';
import { OKABE_ITO } from '../../charts/palette.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';

type Freq = 'native' | `${TargetFrequency}:${Aggregation}`;
const FREQS: readonly { id: Freq; label: string }[] = [
  { id: 'native', label: 'native frequency' },
  { id: 'W:avg', label: 'weekly (Wed), average' },
  { id: 'W:eop', label: 'weekly (Wed), end of period' },
  { id: 'M:avg', label: 'monthly, average' },
  { id: 'M:eop', label: 'monthly, end of period' },
  { id: 'Q:avg', label: 'quarterly, average' },
];

interface Panel {
  readonly formula: string;
  readonly units: FredUnits;
  readonly step: boolean;
  readonly freq?: Freq;
}

const DEFAULT_PANELS: Panel[] = [
  { formula: 'bp(SOFR, IORB)', units: 'lin', step: false },
  { formula: 'WALCL - WDTGAL - RRPONTSYD', units: 'lin', step: false },
];

const UNIT_LABEL: Record<string, string> = { usd_bn: '$bn', percent: '%', bp: 'bp', ratio: 'ratio', number: 'number', index: 'index', usd_price: 'USD' };

function PanelView({ panel, index, group, themeKey, onStatus, onChange, onRemove }: { panel: Panel; index: number; group: ChartGroup; themeKey: string; onStatus: (m: string) => void; onChange: (p: Panel) => void; onRemove: () => void }): React.JSX.Element {
  const [draft, setDraft] = useState(panel.formula);
  const [result] = useAsync(() => api('formula:eval', { source: panel.formula }), [panel.formula]);
  const spec: ChartSpec | null = useMemo(() => {
    if (result.status !== 'ready') return null;
    const r = result.value;
    const freq = panel.freq ?? 'native';
    let series: Series = { dates: Int32Array.from(r.dates), values: Float64Array.from(r.values) };
    let f: 'D' | 'W' | 'M' | 'Q' = r.dates.length > 1 && (r.dates[1] ?? 0) - (r.dates[0] ?? 0) >= 7 ? 'W' : 'D';
    if (freq !== 'native') {
      const [tf, agg] = freq.split(':') as [TargetFrequency, Aggregation];
      series = resample(series, tf, agg);
      f = tf;
    }
    const t = fredTransform(series, panel.units, f);
    const unit = panel.units === 'lin' ? r.unit : panel.units === 'log' ? 'number' : ['pch', 'pc1', 'pca', 'cch', 'cca'].includes(panel.units) ? 'percent' : r.unit;
    return {
      key: `ws-${index}-${r.formula}-${panel.units}-${freq}`,
      title: `${r.formula}${panel.units === 'lin' ? '' : ` [${panel.units}]`}${freq === 'native' ? '' : ` (${FREQS.find((x) => x.id === freq)?.label ?? freq})`}`,
      unitLabel: UNIT_LABEL[unit] ?? unit,
      x: Array.from(t.dates),
      series: [{ id: `F${index}`, label: r.formula, unit, color: OKABE_ITO[index % OKABE_ITO.length] ?? '#0072B2', values: Array.from(t.values), ...(panel.step ? { style: 'step' as const } : {}), conversion: `formula ${r.formula}, FRED units ${panel.units}` }],
      shadeCalendar: true,
      footer: [`Formula: ${r.formula} (${UNIT_LABEL[r.unit] ?? r.unit}); transform ${panel.units}. Dates of its highest-frequency series; the others as of each date within their staleness limit; GDP as known then. Made with Reservoir.`],
    };
  }, [result, panel, index]);
  return (
    <div className="panel" data-panel={index}>
      <form
        className="panel-form"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...panel, formula: draft });
        }}
      >
        <input className="formula" value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} aria-label="Formula" data-input={`formula-${index}`} />
        <select value={panel.units} onChange={(e) => onChange({ ...panel, units: e.target.value as FredUnits })} aria-label="FRED units transform">
          {FRED_UNITS.map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
        <select value={panel.freq ?? 'native'} onChange={(e) => onChange({ ...panel, freq: e.target.value as Freq })} aria-label="Frequency">
          {FREQS.map((q) => (
            <option key={q.id} value={q.id}>{q.label}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={panel.step} onChange={(e) => onChange({ ...panel, step: e.target.checked })} /> stepped
        </label>
        <button type="submit">Plot</button>
        <button type="button" onClick={onRemove}>Remove</button>
      </form>
      {result.status === 'error' ? <div className="formula-error" data-error={index}>{result.error}</div> : null}
      {spec ? <TimeChart spec={spec} group={group} themeKey={themeKey} onStatus={onStatus} height={200} /> : null}
    </div>
  );
}

export function Workspace({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const [panels, setPanels] = useState<Panel[]>(DEFAULT_PANELS);
  const [layoutName, setLayoutName] = useState('');
  const [layouts, reloadLayouts] = useAsync(() => api('layout:list', {}), []);
  const group = useMemo(() => new ChartGroup('workspace'), []);
  return (
    <div className="view workspace">
      <div className="toolbar">
        <button type="button" onClick={() => setPanels((p) => [...p, { formula: 'WRESBAL', units: 'lin', step: false }])} disabled={panels.length >= 8}>
          Add panel
        </button>
        <input placeholder="Layout name" value={layoutName} onChange={(e) => setLayoutName(e.target.value)} maxLength={80} />
        <button
          type="button"
          disabled={layoutName.trim() === ''}
          onClick={() =>
            void api('layout:save', { name: layoutName.trim(), panels: panels.map((p) => ({ ...p })) }).then(
              () => {
                onStatus(`layout “${layoutName.trim()}” saved`);
                reloadLayouts();
              },
              (e: unknown) => onStatus(e instanceof Error ? e.message : String(e)),
            )
          }
        >
          Save layout
        </button>
        <select
          value=""
          onChange={(e) => {
            const l = layouts.status === 'ready' ? layouts.value.find((x) => x.name === e.target.value) : undefined;
            if (l && Array.isArray(l.panels)) setPanels(l.panels.filter((p): p is { formula: string; units: FredUnits; step: boolean; freq?: string } => typeof p === 'object' && p !== null && !Array.isArray(p) && typeof p['formula'] === 'string').map((p) => ({ formula: p.formula, units: FRED_UNITS.includes(p.units) ? p.units : 'lin', step: p.step === true, ...(FREQS.some((q) => q.id === p.freq) ? { freq: p.freq as Freq } : {}) })));
          }}
        >
          <option value="">Open layout…</option>
          {layouts.status === 'ready' ? layouts.value.map((l) => <option key={l.name}>{l.name}</option>) : null}
        </select>
        <span className="hint">Formulas: ids, + − × ÷, bp, ma, lag, diff, pct, z, asof, abs, min, max — e.g. ma(bp(SOFR, RRPONTSYAWARD), 10)</span>
        <details className="hint" data-help="formula-alignment">
          <summary>How series of different frequencies meet</summary>
          <p>{ALIGNMENT_RULE}</p>
        </details>
      </div>
      {panels.map((p, i) => (
        <PanelView key={i} panel={p} index={i} group={group} themeKey={themeKey} onStatus={onStatus} onChange={(np) => setPanels((ps) => ps.map((x, k) => (k === i ? np : x)))} onRemove={() => setPanels((ps) => ps.filter((_, k) => k !== i))} />
      ))}
    </div>
  );
}
