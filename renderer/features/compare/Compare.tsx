/**
 * Scenarios side by side (issue 12, "Compare that cannot mislead"): presets (projected on the current
 * data, no saving needed) and saved scenarios; an overlay as levels or differences from a baseline in
 * the metric's own unit; small multiples on one y-scale unless asked otherwise; milestones computed
 * on the projected months only. The rules live in compare-model.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { FileButton } from '../../app/FileButton.js';
import { shellFile, useShellAction } from '../../app/shell-actions.js';
import { MODEL_VERSION, project, reviveAnchor, type Anchor } from '../../../shared/compute/projection.js';
import { DEFAULT_FAN_PATHS, DEFAULT_FAN_SEED, type FanRequest } from '../../../shared/compute/fan.js';
import type { ProjectionContextDto, ScenarioDto } from '../../../shared/ipc/contract.js';
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
import { alignmentNote, compareErrorTable, FAN_METRICS, type AnchorActuals } from './compare-anchors.js';
import { useCompareFans, type KeyedFanRequest } from './use-compare-fans.js';
import { effectiveMode, MAX_SHOWN, METRICS, milestoneTable, misnamedNote, modeLabel, modesFor, overlaySpec, ownText, presetLabel, RELATIVE_OFFERED, resolveSelection, smallSpecs, splitParts, type Entry } from './compare-model.js';

const DEFAULT_COMPARE: CompareUi = { baseline: null, picked: [], mode: 'level', metric: 'reservesGdpPct' };
const keyOf = (r: CompareRef): string => (typeof r === 'number' ? `s${r}` : `p:${r}`);

/** The fan toggle, kept for the session (Compare unmounts when another view opens); off by default. */
let fanRemembered = false;

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
    // Each entry's own anchor: the fan projects from it.
    const anchorOf = new Map<string, Anchor>();
    const refused: string[] = [];
    for (const s of scenarios) {
      try {
        // The store's bill history completes each scenario's per-year private absorption at its own anchor.
        const anchor = reviveAnchor(s.anchor);
        const path = project(anchor, s.inputs, context?.bills ?? null);
        anchorOf.set(keyOf(s.id), anchor);
        ok.set(keyOf(s.id), { ref: s.id, kind: 'saved', name: s.name, inputs: s.inputs, anchorDate: s.anchor.date, dataAsOf: s.dataAsOf, curveLabel: s.curveLabel, modelVersion: s.modelVersion, path, misnamed: misnamedNote(s.name, s.inputs) });
      } catch (e) {
        refused.push(`${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (context !== null) {
      const anchor = reviveAnchor(context.anchor);
      for (const p of context.presets) {
        try {
          anchorOf.set(keyOf(p.name), anchor);
          ok.set(keyOf(p.name), { ref: p.name, kind: 'preset', name: presetLabel(p.name), inputs: p.inputs, anchorDate: anchor.date, dataAsOf: context.wednesday, curveLabel: context.curveLabel, modelVersion: MODEL_VERSION, path: project(anchor, p.inputs, context.bills), misnamed: null });
        } catch (e) {
          refused.push(`${presetLabel(p.name)}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    return { ok, anchorOf, refused };
  }, [scenarios, context]);

  const savedIds = useMemo(() => scenarios.filter((s) => computed.ok.has(keyOf(s.id))).map((s) => s.id), [scenarios, computed]);
  const presetNames = useMemo(() => (context?.presets ?? []).filter((p) => computed.ok.has(keyOf(p.name))).map((p) => p.name), [context, computed]);
  const sel = useMemo(() => resolveSelection(stored, savedIds, presetNames), [stored, savedIds, presetNames]);
  const entries = useMemo(() => sel.shown.flatMap((r) => computed.ok.get(keyOf(r)) ?? []), [sel, computed]);
  const exists = (r: CompareRef | null): r is CompareRef => r !== null && computed.ok.has(keyOf(r));

  // Issue 14 §6: the context at each past anchor a compared scenario has (its actuals, and the fan's
  // default sds there), fetched once per anchor for the life of the page.
  const [anchorCtx, setAnchorCtx] = useState<ReadonlyMap<string, ProjectionContextDto | string>>(new Map());
  const asked = useRef(new Set<string>());
  const pastWednesdays = useMemo(() => (context === null ? [] : [...new Set(entries.map((e) => e.dataAsOf))].filter((w) => w !== context.wednesday)), [entries, context]);
  useEffect(() => {
    for (const w of pastWednesdays) {
      if (asked.current.has(w)) continue;
      asked.current.add(w);
      api('projection:context', { at: w }).then(
        (c) => setAnchorCtx((m) => new Map(m).set(w, c)),
        (e: unknown) => setAnchorCtx((m) => new Map(m).set(w, e instanceof Error ? e.message : String(e))),
      );
    }
  }, [pastWednesdays]);
  const actualsByAnchor = useMemo(() => {
    const m = new Map<string, AnchorActuals>();
    for (const [w, c] of anchorCtx) if (typeof c !== 'string') m.set(w, { actuals: c.actuals, atAnchor: c.actualAtAnchor });
    return m;
  }, [anchorCtx]);

  // One fan per compared scenario, from its own anchor with the default sds there. A request object is
  // kept while its entry and context are the same, so a metric or mode change recomputes nothing.
  const [fanOn, setFanOnState] = useState(fanRemembered);
  const setFanOn = (v: boolean): void => {
    fanRemembered = v;
    setFanOnState(v);
  };
  const reqCache = useRef(new Map<string, { entry: Entry; ctx: ProjectionContextDto; req: FanRequest }>());
  const fanReqs = useMemo<KeyedFanRequest[] | null>(() => {
    if (!fanOn) return null;
    return entries.flatMap((e) => {
      const key = keyOf(e.ref);
      const c = context !== null && e.dataAsOf === context.wednesday ? context : anchorCtx.get(e.dataAsOf);
      const anchor = computed.anchorOf.get(key);
      if (c === undefined || typeof c === 'string' || anchor === undefined) return [];
      const hit = reqCache.current.get(key);
      if (hit !== undefined && hit.entry === e && hit.ctx === c) return [{ key, req: hit.req }];
      const req: FanRequest = { anchor, inputs: e.inputs, curveCovariance: c.fan.curveCovariance, sds: c.fan.defaults, paths: DEFAULT_FAN_PATHS, seed: DEFAULT_FAN_SEED };
      reqCache.current.set(key, { entry: e, ctx: c, req });
      return [{ key, req }];
    });
  }, [fanOn, entries, context, anchorCtx, computed]);
  const fans = useCompareFans(fanReqs);
  const fanList = useMemo(() => (fanOn ? entries.map((e) => fans.results.get(keyOf(e.ref)) ?? null) : undefined), [fanOn, entries, fans]);
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
  const spec = useMemo(() => overlaySpec(entries, metric, mode, { actuals: actualsByAnchor, ...(fanList !== undefined ? { fans: fanList } : {}) }), [entries, metric, mode, actualsByAnchor, fanList]);
  const errorTable = useMemo(() => compareErrorTable(entries, actualsByAnchor), [entries, actualsByAnchor]);
  const aligned = alignmentNote(entries);
  const anchorProblems = pastWednesdays.flatMap((w) => {
    const c = anchorCtx.get(w);
    return typeof c === 'string' ? [`${w}: ${c}`] : [];
  });
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
  // The desktop app's File → Import scenario… and a scenario file opened from the OS (issue 15 §3).
  useShellAction('import-scenario', (e) => {
    const f = shellFile(e);
    if (f) void importFile(f);
  });

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
            <label className="band-toggle" title={`Each scenario's uncertainty fan (${DEFAULT_FAN_PATHS} seeded paths, computed off the UI thread), with the default sds from history at its own anchor; drawn on the level chart of reserves, reserves/GDP and the spread.`}>
              <input type="checkbox" data-input="compare-fan" checked={fanOn} onChange={(e) => setFanOn(e.target.checked)} /> Show fan (10–90%)
            </label>
            {fanOn ? (
              <span className="hint" data-result="compare-fan" data-fan={fans.pending > 0 ? 'computing' : 'ready'} data-fan-where={fans.where} aria-live="polite">
                {!FAN_METRICS.includes(metric)
                  ? `No fan for ${METRICS[metric].label.toLowerCase()}: only reserves, reserves/GDP and the spread are simulated.`
                  : mode !== 'level'
                    ? 'The fans are drawn on the level chart.'
                    : fans.pending > 0
                      ? `computing ${fans.pending} fan${fans.pending === 1 ? '' : 's'}…`
                      : `${fans.results.size} fan${fans.results.size === 1 ? '' : 's'} drawn`}
                {fans.errors.length > 0 ? ` (failed: ${fans.errors.join('; ')})` : ''}
              </span>
            ) : null}
            {aligned !== null ? (
              <span className="warn" data-result="anchors-differ">
                {aligned}
              </span>
            ) : null}
          </div>
          {anchorProblems.map((m) => (
            <p key={m} className="state error" role="alert">
              What happened after anchor {m}
            </p>
          ))}
          {spec ? <TimeChart spec={spec} group={group} themeKey={themeKey} onStatus={onStatus} height={260} /> : null}
          {errorTable.rows.length > 0 ? (
            <table className="milestones" data-table="compare-errors">
              <caption>Projection errors of the scenarios anchored in the past: projected − actual (naive: the anchor's value held flat), months counted from the anchor Wednesday's month; actuals: the last H.4.1 Wednesday of each month.</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario (anchor)</th>
                  <th scope="col">Variable</th>
                  {errorTable.horizons.map((h) => (
                    <th scope="col" key={h}>{`+${h} m`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {errorTable.rows.map((r) => {
                  const e = entries[r.entry];
                  return (
                    <tr key={`${r.entry}-${r.variable}`} data-scenario={e?.name} data-row={r.variable}>
                      <td>{`${r.name} (${r.wednesday})`}</td>
                      <th scope="row">{r.label}</th>
                      {r.cells.map((c, i) => (
                        <td key={errorTable.horizons[i] ?? i} data-cell={`${r.variable}-${errorTable.horizons[i] ?? i}`} title={c.title}>
                          {c.text}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
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
