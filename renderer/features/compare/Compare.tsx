/**
 * Scenarios side by side (issue 12, "Compare that cannot mislead"): presets (projected on the current
 * data, no saving needed) and saved scenarios; an overlay as levels or differences from a baseline in
 * the metric's own unit; small multiples on one y-scale unless asked otherwise; milestones computed
 * on the projected months only. The rules live in compare-model.ts.
 */
import { useMemo, useState } from 'react';
import { FileButton } from '../../app/FileButton.js';
import { MODEL_VERSION, project, reviveAnchor } from '../../../shared/compute/projection.js';
import type { ScenarioDto } from '../../../shared/ipc/contract.js';
import { rmpWords } from '../../../shared/model/scenario-label.js';
import { api } from '../../api/client.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { saveBlob } from '../../charts/save.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { bump, useVersion } from '../../app/changes.js';
import { showToast } from '../../app/overlays.js';
import { updateUi, useUi } from '../../app/ui-store.js';
import { COMPARE_METRICS, type CompareMetric as Metric, type CompareMode as Mode, type CompareRef, type CompareUi } from '../../../shared/model/ui-state.js';
import { issuanceDefaultNote } from '../../../shared/compute/bill-absorption-years.js';
import { effectiveMode, MAX_SHOWN, METRICS, milestoneTable, misnamedNote, modeLabel, modesFor, overlaySpec, ownText, presetLabel, RELATIVE_OFFERED, resolveSelection, smallSpecs, splitParts, type Entry } from './compare-model.js';

const DEFAULT_COMPARE: CompareUi = { baseline: null, picked: [], mode: 'level', metric: 'reservesGdpPct' };
const keyOf = (r: CompareRef): string => (typeof r === 'number' ? `s${r}` : `p:${r}`);

export function Compare({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const version = useVersion('scenarios');
  const [list] = useAsync(() => api('scenario:list', {}), [version]);
  // The presets as the lab has them: on the current anchor, data defaults and curve.
  const [ctx] = useAsync(() => api('projection:context', {}), []);
  const reload = (): void => bump('scenarios');
  const stored = useUi('compare');
  const metric: Metric = stored?.metric ?? 'reservesGdpPct';
  const mode: Mode = effectiveMode(stored?.mode ?? 'level', metric);
  const scale = stored?.scale ?? 'shared';
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const group = useMemo(() => new ChartGroup('compare'), []);
  const scenarios: readonly ScenarioDto[] = useMemo(() => (list.status === 'ready' ? list.value : []), [list]);
  const context = ctx.status === 'ready' ? ctx.value : null;

  // Every scenario and preset projected once (the choice only picks among them). One the current data
  // cannot compute (e.g. a bank-assets curve in a store without bank assets) is named and left out.
  const computed = useMemo(() => {
    const ok = new Map<string, Entry>();
    const refused: string[] = [];
    for (const s of scenarios) {
      try {
        // The store's bill history completes each scenario's per-year private absorption at its own anchor.
        const path = project(reviveAnchor(s.anchor), s.inputs, context?.bills ?? null);
        ok.set(keyOf(s.id), { ref: s.id, kind: 'saved', name: s.name, inputs: s.inputs, anchorDate: s.anchor.date, dataAsOf: s.dataAsOf, curveLabel: s.curveLabel, modelVersion: s.modelVersion, path, misnamed: misnamedNote(s.name, s.inputs) });
      } catch (e) {
        refused.push(`${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (context !== null) {
      const anchor = reviveAnchor(context.anchor);
      for (const p of context.presets) {
        try {
          ok.set(keyOf(p.name), { ref: p.name, kind: 'preset', name: presetLabel(p.name), inputs: p.inputs, anchorDate: anchor.date, dataAsOf: context.wednesday, curveLabel: context.curveLabel, modelVersion: MODEL_VERSION, path: project(anchor, p.inputs, context.bills), misnamed: null });
        } catch (e) {
          refused.push(`${presetLabel(p.name)}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    return { ok, refused };
  }, [scenarios, context]);

  const savedIds = useMemo(() => scenarios.filter((s) => computed.ok.has(keyOf(s.id))).map((s) => s.id), [scenarios, computed]);
  const presetNames = useMemo(() => (context?.presets ?? []).filter((p) => computed.ok.has(keyOf(p.name))).map((p) => p.name), [context, computed]);
  const sel = useMemo(() => resolveSelection(stored, savedIds, presetNames), [stored, savedIds, presetNames]);
  const entries = useMemo(() => sel.shown.flatMap((r) => computed.ok.get(keyOf(r)) ?? []), [sel, computed]);
  const exists = (r: CompareRef | null): r is CompareRef => r !== null && computed.ok.has(keyOf(r));
  const countShown = (c: CompareUi): number => new Set([c.baseline, ...c.picked].filter(exists)).size;

  // While the arrival selection is shown, the first change starts from it (and so keeps it).
  const update = (f: (c: CompareUi) => CompareUi): void =>
    updateUi('compare', (cur) => {
      const c = cur ?? DEFAULT_COMPARE;
      return f(sel.arrival ? { ...c, baseline: sel.baseline, picked: sel.shown } : c);
    });
  const setBaseline = (ref: CompareRef): void =>
    update((c) => {
      const picked = c.picked.includes(ref) ? c.picked : [...c.picked, ref];
      // Five lines at most: a new baseline from outside the shown set takes the old one's place.
      const next = countShown({ ...c, baseline: ref, picked }) > MAX_SHOWN && c.baseline !== ref ? picked.filter((x) => x !== c.baseline) : picked;
      return { ...c, baseline: ref, picked: next.slice(-16) };
    });
  const setPicked = (ref: CompareRef, on: boolean): void => update((c) => ({ ...c, picked: on ? [...c.picked.filter((x) => x !== ref), ref].slice(-16) : c.picked.filter((x) => x !== ref) }));
  const setMode = (m: Mode): void => update((c) => ({ ...c, mode: m }));
  const setMetric = (m: Metric): void => update((c) => ({ ...c, metric: m }));
  const setScale = (own: boolean): void => update((c) => ({ ...c, scale: own ? 'own' : 'shared' }));

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
  const run = async (f: () => Promise<unknown>, ok: string): Promise<void> => {
    try {
      await f();
      onStatus(ok);
      reload();
    } catch (e) {
      onStatus(e instanceof Error ? e.message : String(e));
    }
  };

  const anchors = new Set(entries.map((e) => e.anchorDate));
  const spec = useMemo(() => overlaySpec(entries, metric, mode), [entries, metric, mode]);
  const smalls = useMemo(() => smallSpecs(entries, metric, scale), [entries, metric, scale]);
  const table = useMemo(() => milestoneTable(entries), [entries]);
  const parts = useMemo(() => splitParts(entries), [entries]);

  const importFile = async (f: File): Promise<void> => {
    if (f.size > 1_000_000) {
      onStatus(`${f.name} is over 1 MB: refused before reading; nothing was imported`);
      return;
    }
    await run(async () => api('scenario:import', { text: await f.text() }), `imported ${f.name}`);
  };

  /** The baseline radio and the compare box of one row: the baseline is always compared. */
  const choice = (ref: CompareRef, label: string): [React.JSX.Element, React.JSX.Element] => {
    const shown = sel.shown.includes(ref);
    const isBase = sel.baseline === ref;
    return [
      <input key="b" type="radio" name="baseline" checked={isBase} disabled={!exists(ref)} onChange={() => setBaseline(ref)} aria-label={`baseline ${label}`} />,
      <input
        key="c"
        type="checkbox"
        checked={shown}
        disabled={!exists(ref) || isBase || (!shown && sel.shown.length >= MAX_SHOWN)}
        title={isBase ? 'The baseline is always compared' : !shown && sel.shown.length >= MAX_SHOWN ? `At most ${MAX_SHOWN} at once: untick one first` : ''}
        onChange={(e) => setPicked(ref, e.target.checked)}
        aria-label={`compare ${label}`}
      />,
    ];
  };

  if (list.status === 'loading' || ctx.status === 'loading') return <div className="state">Loading scenarios and presets…</div>;
  if (list.status === 'error') return <div className="state error">{list.error}</div>;
  const thresholdPct = entries[0]?.inputs.ampleThresholdGdpPct;
  return (
    <div className="view compare">
      <div className="compare-lists">
        <section className="preset-list" aria-labelledby="compare-presets-title">
          <header>
            <h3 id="compare-presets-title">Presets</h3>
            {context !== null ? (
              <span className="hint">
                Projected on the current data (anchor {context.anchor.date}, H.4.1 {context.wednesday}): compare them, or make one the baseline, without saving.
              </span>
            ) : null}
          </header>
          {ctx.status === 'error' ? <p className="state error">The presets cannot be projected: {ctx.error}</p> : null}
          <div className="list-scroll">
            <table data-table="presets">
              <thead>
                <tr>
                  <th>Baseline</th>
                  <th>Compare</th>
                  <th>Preset</th>
                  <th>Fed purchases</th>
                </tr>
              </thead>
              <tbody>
                {(context?.presets ?? []).map((p) => {
                  const [radio, box] = choice(p.name, `preset ${p.name}`);
                  return (
                    <tr key={p.name} data-preset={p.name}>
                      <td>{radio}</td>
                      <td>{box}</td>
                      <td title={p.source}>{p.name}</td>
                      <td className="muted">{rmpWords(p.inputs.rmpSchedule)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <section className="scenario-list" aria-labelledby="compare-saved-title">
          <header>
            <h3 id="compare-saved-title">Saved scenarios</h3>
            <FileButton label="Import JSON…" action="import-scenario" inputId="import-file" accept=".json,application/json" onFile={(f) => void importFile(f)} />
          </header>
          {computed.refused.map((r) => (
            <p key={r} className="state error" role="alert">
              Cannot be computed with the current data, so not shown: {r}
            </p>
          ))}
          {scenarios.length === 0 ? <p className="state">No saved scenarios yet: move the sliders in the Scenario lab and press “Save scenario”. The presets can be compared meanwhile.</p> : null}
          <div className="list-scroll" hidden={scenarios.length === 0}>
            <table>
              <thead>
                <tr>
                  <th>Baseline</th>
                  <th>Compare</th>
                  <th>Name</th>
                  <th>Data as of</th>
                  <th><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {scenarios.map((s) => {
                  const [radio, box] = choice(s.id, s.name);
                  const note = computed.ok.get(keyOf(s.id))?.misnamed ?? null;
                  return (
                    <tr key={s.id} data-scenario={s.name}>
                      <td>{radio}</td>
                      <td>{box}</td>
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
                            <input autoFocus aria-label={`New name for ${s.name}`} value={renaming.name} maxLength={80} onChange={(e) => setRenaming({ id: s.id, name: e.target.value })} />
                          </form>
                        ) : (
                          <>
                            {s.name}
                            {note !== null ? (
                              <span className="misnamed" data-result="misnamed">
                                {' '}
                                ({note})
                              </span>
                            ) : null}
                          </>
                        )}
                      </td>
                      <td className="nowrap">{s.dataAsOf}</td>
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
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      {entries.length > 0 ? (
        <>
          <div className="toolbar">
            <div role="group" aria-label="Mode">
              {modesFor(metric).map((m) => (
                <button key={m} type="button" className={mode === m ? 'on' : ''} aria-pressed={mode === m} data-mode={m} onClick={() => setMode(m)}>
                  {modeLabel(m, metric)}
                </button>
              ))}
            </div>
            <select data-input="metric" aria-label="Metric" value={metric} onChange={(e) => setMetric(COMPARE_METRICS.find((k) => k === e.target.value) ?? 'reservesGdpPct')}>
              {COMPARE_METRICS.map((k) => (
                <option key={k} value={k}>{METRICS[k].label}</option>
              ))}
            </select>
            {!RELATIVE_OFFERED[METRICS[metric].kind] ? <span className="hint" data-result="no-pct">A spread crosses zero: compared as a difference in bp, not as a %.</span> : null}
            <label className="scale-toggle">
              <input type="checkbox" data-input="own-scale" checked={scale === 'own'} onChange={(e) => setScale(e.target.checked)} /> Each small multiple on its own y-scale
            </label>
            {anchors.size > 1 ? <span className="warn">Anchors differ ({[...anchors].join(', ')}): compared from the later one.</span> : null}
          </div>
          {spec ? <TimeChart spec={spec} group={group} themeKey={themeKey} onStatus={onStatus} height={260} /> : null}
          <table className="milestones" data-table="milestones">
            <thead>
              <tr>
                <th>Milestone</th>
                {entries.map((e) => (
                  <th key={keyOf(e.ref)}>{e.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key} data-milestone={r.key}>
                  <td>{r.label}</td>
                  {r.cells.map((c, i) => (
                    <td key={keyOf(entries[i]?.ref ?? i)} className={i > 0 && c !== r.cells[0] ? 'differs' : ''}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="stamp" data-milestone="inputs">
                <td>{parts.common.length > 0 ? 'Its own inputs' : 'Inputs and data'}</td>
                {entries.map((e, k) => (
                  <td key={keyOf(e.ref)}>
                    {e.misnamed ? `${e.misnamed}. ` : ''}
                    {ownText(parts.own[k])}
                    {e.kind === 'preset' ? ' (preset, on the current data)' : ''}.
                  </td>
                ))}
              </tr>
              {parts.common.length > 0 ? (
                <tr className="stamp" data-milestone="common">
                  <td>Common to all</td>
                  <td colSpan={entries.length}>{parts.common.join('; ')}.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {table.same.length > 0 ? (
            <p className="milestones-same" data-result="milestones-same">
              The same in every scenario shown, so not a row: {table.same.map((s) => `${s.label}: ${s.value}`).join(' · ')}.
            </p>
          ) : null}
          <p className="milestones-note">
            Lowest and highest are taken over the projected months only (after the anchor{anchors.size > 1 ? ', from the later one' : ''}); the anchor month is data, not an outcome.
            {thresholdPct !== undefined ? ` Threshold: the scenario's own ample level (${thresholdPct}% of GDP for the baseline).` : ''}
            {context !== null ? ` Bills: whole calendar years, the anchor year's months in the data plus the projected ones; ${issuanceDefaultNote(context.bills, reviveAnchor(context.anchor).date)} (at the current anchor; a saved scenario's default is taken at its own anchor).` : ''}
          </p>
          <h3 className="small-title">
            {METRICS[metric].label}, one panel per scenario: {scale === 'shared' ? 'one y-scale for all (the others in grey)' : 'each on its own y-scale'}
          </h3>
          <div className="small-multiples" data-scale={scale}>
            {smalls.map((s) => (
              <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={150} />
            ))}
          </div>
        </>
      ) : (
        <p className="state">Pick a baseline and up to four more scenarios or presets to compare.</p>
      )}
    </div>
  );
}
