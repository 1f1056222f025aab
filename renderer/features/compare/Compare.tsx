/** Saved scenarios side by side: overlay and small multiples, Level / Δ / % vs a baseline, milestones. */
import { useMemo, useState } from 'react';
import { FileButton } from '../../app/FileButton.js';
import { crossings, project, reviveAnchor, type ProjectionPath } from '../../../shared/compute/projection.js';
import { epochDay } from '../../../shared/time/iso-date.js';
import type { ScenarioDto } from '../../../shared/ipc/contract.js';
import { api } from '../../api/client.js';
import { ChartGroup } from '../../charts/chart-group.js';
import type { ChartSpec } from '../../charts/chart-spec.js';
import { SCENARIO_COLORS } from '../../charts/palette.js';
import { saveBlob } from '../../charts/save.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { bump, useVersion } from '../../app/changes.js';
import { showToast } from '../../app/overlays.js';
import { updateUi, useUi } from '../../app/ui-store.js';
import { COMPARE_METRICS, type CompareMetric as Metric, type CompareMode as Mode, type CompareUi } from '../../../shared/model/ui-state.js';
import { describeInputs } from '../scenarios/ScenarioLab.js';

const METRICS: Record<Metric, { label: string; unit: string; unitLabel: string }> = {
  reserves: { label: 'Reserves', unit: 'usd_bn', unitLabel: '$bn' },
  reservesGdpPct: { label: 'Reserves / GDP', unit: 'percent', unitLabel: '% of GDP' },
  netLiquidity: { label: 'Net liquidity', unit: 'usd_bn', unitLabel: '$bn' },
  spreadBp: { label: 'Implied EFFR − IORB', unit: 'bp', unitLabel: 'bp' },
};

interface Milestones {
  readonly cross10: string;
  readonly minReserves: string;
  readonly peakSpread: string;
  readonly bills: string;
}

function milestones(p: ProjectionPath, thr: number): Milestones {
  const c = crossings(p.reservesGdpPct, p.dates, thr);
  let minI = 0;
  p.reserves.forEach((v, i) => v < (p.reserves[minI] ?? Infinity) && (minI = i));
  let maxI = 0;
  p.spreadBp.forEach((v, i) => v > (p.spreadBp[maxI] ?? -Infinity) && (maxI = i));
  return {
    cross10: c.up ? c.up.date : c.statusAtStart === 'already above' ? 'already above' : 'not reached',
    minReserves: `$${Math.round(p.reserves[minI] ?? 0).toLocaleString('en-US')}bn (${p.dates[minI] ?? ''})`,
    peakSpread: `${(p.spreadBp[maxI] ?? 0).toFixed(1)} bp (${p.dates[maxI] ?? ''})`,
    bills: p.billPurchasesByYear
      .slice(0, 4)
      .map((b) => `${b.year}: $${Math.round(b.fedBn)}bn`)
      .join(', '),
  };
}

const DEFAULT_COMPARE: CompareUi = { baseline: null, picked: [], mode: 'level', metric: 'reservesGdpPct' };
const update = (f: (c: CompareUi) => CompareUi): void => updateUi('compare', (cur) => f(cur ?? DEFAULT_COMPARE));

export function Compare({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const version = useVersion('scenarios');
  const [list] = useAsync(() => api('scenario:list', {}), [version]);
  const reload = (): void => bump('scenarios');
  // The selection lives in the UI store: kept across views and restarts.
  const sel = useUi('compare') ?? DEFAULT_COMPARE;
  const { baseline, mode, metric } = sel;
  const setBaseline = (id: number): void => update((c) => ({ ...c, baseline: id }));
  const setMode = (m: Mode): void => update((c) => ({ ...c, mode: m }));
  const setMetric = (m: Metric): void => update((c) => ({ ...c, metric: m }));
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const group = useMemo(() => new ChartGroup('compare'), []);
  const scenarios: readonly ScenarioDto[] = useMemo(() => (list.status === 'ready' ? list.value : []), [list]);
  // Ids of scenarios deleted since are kept in the store (an Undo brings them back under the same id)
  // but neither shown nor counted against the four.
  const picked = useMemo(() => sel.picked.filter((id) => scenarios.some((s) => s.id === id)), [sel.picked, scenarios]);
  const setPicked = (id: number, on: boolean): void => update((c) => ({ ...c, picked: on ? [...c.picked.filter((x) => x !== id), id].slice(-16) : c.picked.filter((x) => x !== id) }));
  const remove = async (s: ScenarioDto): Promise<void> => {
    try {
      await api('scenario:delete', { id: s.id });
      reload();
      onStatus(`deleted ${s.name}`);
      showToast(`Deleted scenario “${s.name}”.`, {
        label: 'Undo',
        run: () =>
          void api('scenario:undelete', { id: s.id }).then(
            (r) => {
              bump('scenarios');
              onStatus(`restored ${r.name}`);
            },
            (e: unknown) => onStatus(e instanceof Error ? e.message : String(e)),
          ),
      });
    } catch (e) {
      onStatus(e instanceof Error ? e.message : String(e));
    }
  };
  // The baseline first, then the others; recomputed (and re-projected) only when the choice changes.
  // A saved scenario the current data cannot compute (e.g. a bank-assets curve in a store without bank
  // assets) is named and left out, never drawn as NaN.
  const computed = useMemo(() => {
    const ok = new Map<number, ProjectionPath>();
    const refused: string[] = [];
    for (const s of scenarios) {
      try {
        ok.set(s.id, project(reviveAnchor(s.anchor), s.inputs));
      } catch (e) {
        refused.push(`${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { ok, refused };
  }, [scenarios]);
  const ordered = useMemo(() => {
    const chosen = scenarios.filter((s) => computed.ok.has(s.id) && (picked.includes(s.id) || s.id === baseline));
    const first = scenarios.find((s) => s.id === baseline && computed.ok.has(s.id)) ?? chosen[0];
    return first ? [first, ...chosen.filter((s) => s.id !== first.id)] : chosen;
  }, [scenarios, picked, baseline, computed]);
  const base = ordered[0];
  const paths = computed.ok;
  const run = async (f: () => Promise<unknown>, ok: string): Promise<void> => {
    try {
      await f();
      onStatus(ok);
      reload();
    } catch (e) {
      onStatus(e instanceof Error ? e.message : String(e));
    }
  };

  const anchors = new Set(ordered.map((s) => s.anchor.date));
  const startDay = Math.max(...ordered.map((s) => epochDay(s.anchor.date)));
  const spec: ChartSpec | null = useMemo(() => {
    if (ordered.length === 0 || !base) return null;
    const bp = paths.get(base.id);
    if (!bp) return null;
    const days = [...new Set(ordered.flatMap((s) => (paths.get(s.id)?.dates ?? []).map((d) => epochDay(d))))].filter((d) => d >= startDay).sort((a, b) => a - b);
    const at = (p: ProjectionPath, d: number): number | null => {
      const i = p.dates.findIndex((x) => epochDay(x) === d);
      return i < 0 ? null : (p[metric][i] ?? null);
    };
    return {
      key: `compare-${metric}-${mode}`,
      title: `${METRICS[metric].label}: ${mode === 'level' ? 'level' : mode === 'delta' ? `difference from “${base.name}”` : `% difference from “${base.name}”`}`,
      unitLabel: mode === 'pct' ? '% vs baseline' : METRICS[metric].unitLabel,
      x: days,
      series: ordered.map((s, k) => {
        const p = paths.get(s.id) as ProjectionPath;
        return {
          id: `S${s.id}`,
          label: `${s.name}${s.id === base.id ? ' (baseline)' : ''}`,
          unit: mode === 'pct' ? 'percent' : METRICS[metric].unit,
          color: SCENARIO_COLORS[k % SCENARIO_COLORS.length] ?? '#000',
          values: days.map((d) => {
            const v = at(p, d);
            const b = at(bp, d);
            if (v === null) return null;
            if (mode === 'level') return v;
            if (b === null) return null;
            return mode === 'delta' ? v - b : b === 0 ? null : (100 * (v - b)) / Math.abs(b);
          }),
        };
      }),
      footer: ordered.map((s) => `${s.name}: ${describeInputs(s.inputs)}; anchor ${s.anchor.date}; data as of ${s.dataAsOf}; curve ${s.curveLabel}`),
    };
  }, [ordered, base, paths, metric, mode, startDay]);

  const smallSpecs: ChartSpec[] = useMemo(() => ordered.map((s, k) => {
    const p = paths.get(s.id) as ProjectionPath;
    return { key: `small-${s.id}-${metric}`, title: s.name, unitLabel: METRICS[metric].unitLabel, x: p.dates.map((d) => epochDay(d)), series: [{ id: `S${s.id}`, label: METRICS[metric].label, unit: METRICS[metric].unit, color: SCENARIO_COLORS[k % SCENARIO_COLORS.length] ?? '#000', values: Array.from(p[metric]) }], footer: [`${s.name}: data as of ${s.dataAsOf}`] };
  }), [ordered, paths, metric]);

  const ms = useMemo(() => ordered.map((s) => ({ s, m: milestones(paths.get(s.id) as ProjectionPath, s.inputs.ampleThresholdGdpPct) })), [ordered, paths]);
  const baseM = ms[0]?.m;

  const importFile = async (f: File): Promise<void> => {
    if (f.size > 1_000_000) {
      onStatus(`${f.name} is over 1 MB: refused before reading; nothing was imported`);
      return;
    }
    await run(async () => api('scenario:import', { text: await f.text() }), `imported ${f.name}`);
  };

  if (list.status === 'loading') return <div className="state">Loading saved scenarios…</div>;
  if (list.status === 'error') return <div className="state error">{list.error}</div>;
  return (
    <div className="view compare">
      <section className="scenario-list">
        <header>
          <h3>Saved scenarios</h3>
          <FileButton label="Import JSON…" action="import-scenario" inputId="import-file" accept=".json,application/json" onFile={(f) => void importFile(f)} />
        </header>
        {computed.refused.map((r) => (
          <p key={r} className="state error" role="alert">
            Cannot be computed with the current data, so not shown: {r}
          </p>
        ))}
        {scenarios.length === 0 ? <p className="state">No saved scenarios yet: move the sliders in the Scenario lab and press “Save scenario”.</p> : null}
        <table>
          <thead>
            <tr>
              <th>Baseline</th>
              <th>Compare</th>
              <th>Name</th>
              <th>Data as of</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {scenarios.map((s) => (
              <tr key={s.id} data-scenario={s.name}>
                <td>
                  <input type="radio" name="baseline" checked={baseline === s.id} onChange={() => setBaseline(s.id)} aria-label={`baseline ${s.name}`} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={picked.includes(s.id)}
                    disabled={!picked.includes(s.id) && picked.length >= 4}
                    onChange={(e) => setPicked(s.id, e.target.checked)}
                    aria-label={`compare ${s.name}`}
                  />
                </td>
                <td>
                  {renaming?.id === s.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        const r = renaming;
                        setRenaming(null);
                        void run(() => api('scenario:rename', { id: r.id, name: r.name }), 'renamed');
                      }}
                    >
                      <input autoFocus value={renaming.name} maxLength={80} onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} />
                    </form>
                  ) : (
                    s.name
                  )}
                </td>
                <td>{s.dataAsOf}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setRenaming({ id: s.id, name: s.name })}>Rename</button>
                  <button type="button" onClick={() => void run(() => api('scenario:duplicate', { id: s.id }), `duplicated ${s.name}`)}>Duplicate</button>
                  <button
                    type="button"
                    onClick={() =>
                      void run(async () => {
                        const r = await api('scenario:export', { id: s.id });
                        onStatus(await saveBlob(r.fileName, 'application/json', new Blob([r.text], { type: 'application/json' })));
                      }, `exported ${s.name}`)
                    }
                  >
                    Export
                  </button>
                  <button type="button" className="danger" data-action="delete-scenario" onClick={() => void remove(s)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {ordered.length > 0 ? (
        <>
          <div className="toolbar">
            <div role="group" aria-label="Mode">
              {(['level', 'delta', 'pct'] as const).map((m) => (
                <button key={m} type="button" className={mode === m ? 'on' : ''} data-mode={m} onClick={() => setMode(m)}>
                  {m === 'level' ? 'Level' : m === 'delta' ? 'Δ vs baseline' : '% vs baseline'}
                </button>
              ))}
            </div>
            <select data-input="metric" value={metric} onChange={(e) => setMetric(COMPARE_METRICS.find((k) => k === e.target.value) ?? 'reservesGdpPct')}>
              {COMPARE_METRICS.map((k) => (
                <option key={k} value={k}>{METRICS[k].label}</option>
              ))}
            </select>
            {anchors.size > 1 ? <span className="warn">Anchors differ ({[...anchors].join(', ')}): compared from the later one.</span> : null}
          </div>
          {spec ? <TimeChart spec={spec} group={group} themeKey={themeKey} onStatus={onStatus} height={260} /> : null}
          <table className="milestones" data-table="milestones">
            <thead>
              <tr>
                <th>Milestone</th>
                {ms.map(({ s }) => (
                  <th key={s.id}>{s.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['cross10', 'minReserves', 'peakSpread', 'bills'] as const).map((k) => (
                <tr key={k}>
                  <td>{k === 'cross10' ? 'First month reserves/GDP ≥ 10%' : k === 'minReserves' ? 'Minimum reserves' : k === 'peakSpread' ? 'Peak implied EFFR − IORB' : 'Fed bill purchases per year'}</td>
                  {ms.map(({ s, m }, i) => (
                    <td key={s.id} className={i > 0 && baseM && m[k] !== baseM[k] ? 'differs' : ''}>
                      {m[k]}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="stamp">
                <td>Parameters and data</td>
                {ms.map(({ s }) => (
                  <td key={s.id}>
                    {describeInputs(s.inputs)}. Anchor {s.anchor.date}, data as of {s.dataAsOf}, curve {s.curveLabel}, model v{s.modelVersion}.
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <div className="small-multiples">
            {smallSpecs.map((s) => (
              <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={150} />
            ))}
          </div>
        </>
      ) : (
        <p className="state">Pick a baseline and up to four scenarios to compare.</p>
      )}
    </div>
  );
}
