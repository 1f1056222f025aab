/**
 * Sliders for every projection input; every movement recomputes in the renderer and redraws. The
 * inputs live in the UI store (kept across views and restarts); a fit changes only the curve.
 */
import { IsoDateField } from '../../app/IsoDateField.js';
import { useEffect, useMemo, useState } from 'react';
import { monthAfter, project, reviveAnchor, type RmpStep, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import { checkProjection, validateScenario, type ScenarioOverrides } from '../../../shared/model/scenario.js';
import { defaultScenarioName, uniqueScenarioName } from '../../../shared/model/scenario-label.js';
import { MAX_RMP_STEPS, type LabUi, type RmpStepUi } from '../../../shared/model/ui-state.js';
import { api } from '../../api/client.js';
import { bump } from '../../app/changes.js';
import { newId } from '../../app/ids.js';
import { updateUi, useUi } from '../../app/ui-store.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { Slider } from '../../app/Slider.js';
import { loadSeries } from '../../app/series-data.js';
import { useAsync } from '../../app/use-async.js';
import { bandSummary, crossingSummary, historyFrom, labSpecs, RMP_BAND_FACTORS, type BandPath } from './lab-specs.js';
import type { ProjectionContextDto } from '../../../shared/ipc/contract.js';
import { BillsTable } from './BillsTable.js';
import { ActualsTable, AnchorPicker } from './AnchorPanel.js';
import { DEFAULT_SOLVE, SolveBox } from './SolveBox.js';
import type { SolveResult } from '../../../shared/compute/solve.js';
import { FanControls, useLabFan } from './FanControls.js';
import { withFan } from './fan-specs.js';

/** Dates the lab's fields accept: from QT1 (2017-10) to well past any horizon (found: 9999-12-31 taken). */
const DATE_MIN = '2017-10-01';
const DATE_MAX = '2040-12-31';

/**
 * An RMP step is in force from its month until the next step (in month order) starts; one whose
 * successor starts by the first projected month acts only before the anchor (found: the first slider
 * moved nothing, with no word why).
 */
export function endsBeforeProjection(from: string, steps: readonly { readonly from: string }[], anchorDate: IsoDate): boolean {
  const next = steps.map((x) => x.from).filter((f) => f > from).sort()[0];
  const first = monthAfter(anchorDate, 1);
  return next !== undefined && next <= `${first.y}-${String(first.mo).padStart(2, '0')}`;
}

export function describeInputs(i: ScenarioInputs): string {
  const rmp = i.rmpSchedule.length === 0 ? 'no RMP' : i.rmpSchedule.map((s) => `RMP $${s.perMonthBn}bn/m from ${s.from}`).join(', ');
  return `${rmp}; MBS ${i.mbsPaydownMode === 'fixed' ? `$${i.mbsPaydownFixedBn}bn/m` : `${i.mbsPaydownRatePctYr}%/yr`} × ${i.mbsReinvestShare} into bills; TGA ${i.tgaMode === 'hold' ? 'held' : i.tgaMode === 'target' ? `→ $${i.tgaTargetBn}bn in ${i.tgaGlideMonths}m` : 'path'}; ON RRP floor $${i.onrrpFloorBn}bn; currency ${i.currencyGrowthPctYr}%/yr; NGDP ${i.ngdpGrowthPctYr}%/yr; SRF ${i.srfMode}`;
}

/** Every input but the schedule (the lab's steps hold it, in the order the controls show). */
function withoutSchedule(i: ScenarioInputs): ScenarioOverrides {
  const o: ScenarioOverrides = { ...i };
  delete o.rmpSchedule;
  return o;
}

/** A preset's inputs as lab state: each schedule step gets an id; band toggle and name are kept. */
function labFromPreset(p: { name: string; inputs: ScenarioInputs }, curveLabel: string, keep?: LabUi): LabUi {
  return {
    presetName: p.name,
    // A preset is applied at the lab's anchor: choosing one must not move the lab back to the latest data.
    inputs: keep?.inputs.anchorWednesday === undefined ? withoutSchedule(p.inputs) : { ...withoutSchedule(p.inputs), anchorWednesday: keep.inputs.anchorWednesday },
    steps: p.inputs.rmpSchedule.map((st) => ({ id: newId('s'), from: st.from, perMonthBn: st.perMonthBn })),
    curveLabel,
    showBand: keep?.showBand ?? true,
    scenarioName: keep?.scenarioName ?? '',
    ...(keep?.solve ? { solve: keep.solve } : {}),
    ...(keep?.fan ? { fan: keep.fan } : {}),
  };
}

/**
 * The schedule the engine gets: in month order. The steps themselves are never reordered while being
 * edited (issue 11 §4: sorting them made a typed month jump to the other control).
 */
const schedule = (steps: readonly RmpStepUi[]): RmpStep[] => [...steps].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)).map((st) => ({ from: st.from, perMonthBn: st.perMonthBn }));

const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

function Lab({ ctx, themeKey, onStatus, onAnchor, anchorError }: { ctx: ProjectionContextDto; themeKey: string; onStatus: (m: string) => void; onAnchor: (at: string | undefined) => void; anchorError: string | null }): React.JSX.Element {
  // Generated once per context: the first visit's state until the user changes something.
  const initial = useMemo(() => labFromPreset(ctx.presets[0] ?? { name: 'defaults', inputs: ctx.inputs }, ctx.curveLabel), [ctx]);
  const lab = useUi('lab') ?? initial;
  const { presetName, steps, showBand, scenarioName: name } = lab;
  const update = (f: (cur: LabUi) => LabUi): void => updateUi('lab', (cur) => f(cur ?? initial));
  // A fit (or a store whose curve changed since the last session) brings a new curve: the lab takes
  // it and keeps every other input (issue 11 §4: fitting used to reset every slider to the preset).
  useEffect(() => {
    if (lab.curveLabel !== ctx.curveLabel) updateUi('lab', (cur) => ({ ...(cur ?? initial), inputs: { ...(cur ?? initial).inputs, curve: ctx.inputs.curve }, curveLabel: ctx.curveLabel }));
  }, [lab.curveLabel, ctx, initial]);
  // The stored inputs over today's defaults: a field a newer build added gets its default.
  const inputs = useMemo<ScenarioInputs>(() => ({ ...ctx.inputs, ...lab.inputs, rmpSchedule: schedule(lab.steps) }), [ctx.inputs, lab.inputs, lab.steps]);
  const setName = (v: string): void => update((cur) => ({ ...cur, scenarioName: v }));
  const setShowBand = (v: boolean): void => update((cur) => ({ ...cur, showBand: v }));
  const [hist] = useAsync(() => loadSeries(['WRESBAL', 'GDP', 'WALCL', 'WDTGAL', 'RRPONTSYD'], '2019-01-01'), []);
  const group = useMemo(() => new ChartGroup('lab'), []);
  const set = <K extends keyof ScenarioInputs>(k: K, v: ScenarioInputs[K]): void => update((cur) => ({ ...cur, inputs: { ...cur.inputs, [k]: v } }));
  /** For the nested inputs: the current value with today's defaults under it. */
  const full = (cur: LabUi): ScenarioInputs => ({ ...ctx.inputs, ...cur.inputs, rmpSchedule: [] });
  const path = useMemo(() => project(ctx.anchor, inputs), [ctx.anchor, inputs]);
  // The uncertainty fan (issue 14 §3): computed in a worker, drawn on the charts when it returns.
  const labFan = useLabFan(ctx.anchor, inputs, ctx.fan, lab, update);
  // The command line's rules (shared/model/scenario.ts): what they refuse is said here and not saved.
  const problem = useMemo(() => {
    const v = validateScenario(ctx.anchor, inputs);
    if (!v.ok) return v.error;
    const c = checkProjection(path);
    return c.ok ? null : c.error;
  }, [ctx.anchor, inputs, path]);
  // The sensitivity band: the same scenario with every RMP step's pace scaled (four more projections
  // per slider movement), because "how fast do purchases refill reserves" is the open question.
  const hasRmp = inputs.rmpSchedule.some((st) => st.perMonthBn > 0);
  const band = useMemo<BandPath[]>(
    () => (showBand && hasRmp ? RMP_BAND_FACTORS.map((factor) => ({ factor, path: project(ctx.anchor, { ...inputs, rmpSchedule: inputs.rmpSchedule.map((st) => ({ ...st, perMonthBn: st.perMonthBn * factor })) }) })) : []),
    [ctx.anchor, inputs, showBand, hasRmp],
  );
  const history = useMemo(() => (hist.status === 'ready' ? historyFrom(hist.value, Math.floor(Date.parse('2022-01-01') / 86_400_000)) : { dates: [], reserves: [], ratio: [], nl: [] }), [hist]);
  // The footer names the scenario by its inputs: the preset's name only while its inputs are unchanged
  // (found: edited inputs drawn under "Fed RMP").
  const footerName = useMemo(() => {
    const p = ctx.presets.find((x) => x.name === presetName);
    return p ? defaultScenarioName(inputs, p) : `Custom (from ${presetName})`;
  }, [ctx.presets, presetName, inputs]);
  const specs = useMemo(() => labSpecs(history, path, `${footerName}: ${describeInputs(inputs)}; anchor ${ctx.anchor.date} (data ${ctx.wednesday}); curve ${ctx.curveLabel}`, inputs.ampleThresholdGdpPct, inputs.corridor, band, ctx.actuals, epochDay(ctx.wednesday as IsoDate)), [history, path, inputs, ctx, footerName, band]);
  const fanSpecs = useMemo(() => (labFan.on ? withFan(specs, labFan.result, labFan.footer) : specs), [specs, labFan.on, labFan.result, labFan.footer]);
  // Every handler updates from the current state (not the render's copy) and finds its step by id:
  // sliders are memoised and keep the handler of their last render.
  const setStep = (id: string, patch: Partial<Omit<RmpStepUi, 'id'>>): void => update((cur) => ({ ...cur, steps: cur.steps.map((st) => (st.id === id ? { ...st, ...patch } : st)) }));
  const removeStep = (id: string): void => update((cur) => ({ ...cur, steps: cur.steps.filter((st) => st.id !== id) }));
  const addStep = (): void =>
    update((cur) => {
      const last = schedule(cur.steps).at(-1);
      return { ...cur, steps: [...cur.steps, { id: newId('s'), from: last ? nextMonth(last.from) : '2025-12', perMonthBn: last?.perMonthBn ?? 20 }] };
    });
  // The solve box's answer into the controls: the RMP steps from the solved month (ids kept where the
  // month is unchanged, so the sliders stay put), or the TGA glide target.
  const applySolve = (r: SolveResult): void =>
    update((cur) => {
      const o = r.overrides;
      const next: LabUi = { ...cur, inputs: { ...cur.inputs, ...(o.horizonYears !== undefined ? { horizonYears: o.horizonYears } : {}), ...(o.tgaMode !== undefined ? { tgaMode: o.tgaMode } : {}), ...(o.tgaTargetBn !== undefined ? { tgaTargetBn: o.tgaTargetBn } : {}) } };
      if (o.rmpSchedule === undefined) return next;
      const byFrom = new Map(cur.steps.map((st) => [st.from, st.id]));
      return { ...next, steps: o.rmpSchedule.map((st) => ({ id: byFrom.get(st.from) ?? newId('s'), from: st.from, perMonthBn: st.perMonthBn })) };
    });
  const outOfOrder = steps.some((st, i) => i > 0 && st.from < (steps[i - 1]?.from ?? ''));
  const preset = ctx.presets.find((p) => p.name === presetName) ?? { name: presetName, inputs: ctx.inputs };
  // What an empty name field saves as, shown in the field before saving.
  const defaultName = useMemo(() => defaultScenarioName(inputs, preset), [inputs, preset]);
  const save = async (): Promise<void> => {
    if (problem !== null) {
      onStatus(`not saved: ${problem}`);
      return;
    }
    try {
      // No name typed: the preset's name only for its unchanged inputs, else what was changed (issue 12:
      // a $100bn path was saved as "Fed RMP 22:03:42"); made unique among the saved names.
      const n = name.trim() || uniqueScenarioName(defaultName, new Set((await api('scenario:list', {})).map((x) => x.name)));
      const rec = await api('scenario:save', { name: n, inputs: JSON.parse(JSON.stringify(inputs)) });
      onStatus(`saved scenario “${rec.name}”`);
      bump('scenarios');
      setName('');
    } catch (e) {
      onStatus(`not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="view lab">
      <aside className="controls" aria-label="Scenario inputs">
        <label className="field">
          <span>Preset</span>
          <select
            data-input="preset"
            value={presetName}
            onChange={(e) => {
              const p = ctx.presets.find((x) => x.name === e.target.value);
              if (p) update((cur) => labFromPreset(p, ctx.curveLabel, cur));
            }}
          >
            {ctx.presets.map((p) => (
              <option key={p.name}>{p.name}</option>
            ))}
          </select>
        </label>
        <p className="source">{ctx.presets.find((p) => p.name === presetName)?.source}</p>
        <AnchorPicker current={ctx.wednesday} latest={lab.inputs.anchorWednesday === undefined} chosen={lab.inputs.anchorWednesday} error={anchorError} onPick={onAnchor} />
        <h3>Fed purchases</h3>
        {steps.length === 0 ? <p className="source">No reserve-management purchases in this scenario.</p> : null}
        {steps.map((st, i) => (
          // Keyed and edited by the step's id, shown in the order the user made them.
          <div key={st.id} className="rmp-step" data-step={i} data-step-id={st.id}>
            <Slider id={`rmp${i}`} label={`${i === 0 ? 'RMP pace' : 'Then'} from ${st.from}`} unit="$bn/month" min={0} max={150} step={5} value={st.perMonthBn} onChange={(v) => setStep(st.id, { perMonthBn: v })} />
            {endsBeforeProjection(st.from, steps, ctx.anchor.date) ? (
              <p className="source" data-result={`rmp${i}-before-anchor`}>
                This step ends before the projection starts (anchor {ctx.anchor.date}): it changes nothing here.
              </p>
            ) : null}
            {/* The remove button is beside the label, not in it: inside, its name became part of the field's. */}
            <div className="field">
              <label htmlFor={`lab-rmp-from-${st.id}`}>{i === 0 ? 'First RMP month' : `Step ${i + 1} month`}</label>
              <IsoDateField month min={DATE_MIN.slice(0, 7)} max={DATE_MAX.slice(0, 7)} domId={`lab-rmp-from-${st.id}`} id={`rmp${i}-from`} label={i === 0 ? 'First RMP month' : `Step ${i + 1} month`} value={st.from} onChange={(v) => setStep(st.id, { from: v })} />
              <button type="button" data-action={`rmp-remove-${i}`} title="Remove this step" aria-label={`Remove RMP step ${i + 1}`} onClick={() => removeStep(st.id)}>
                ×
              </button>
            </div>
          </div>
        ))}
        {outOfOrder ? <p className="rmp-order" data-result="rmp-order">The steps apply in month order: a later step here starts first.</p> : null}
        <button type="button" data-action="rmp-add" onClick={addStep} disabled={steps.length >= Math.min(6, MAX_RMP_STEPS)}>
          Add RMP step
        </button>
        <Slider id="mbsReinvestShare" label="MBS principal into bills" unit="share" min={0} max={1} step={0.05} value={inputs.mbsReinvestShare} onChange={(v) => set('mbsReinvestShare', v)} />
        <label className="field">
          <span>MBS paydown</span>
          <select data-input="mbsPaydownMode" value={inputs.mbsPaydownMode} onChange={(e) => set('mbsPaydownMode', e.target.value === 'fixed' ? 'fixed' : 'proportional')}>
            <option value="proportional">proportional (%/yr of stock)</option>
            <option value="fixed">fixed ($bn/month)</option>
          </select>
        </label>
        {inputs.mbsPaydownMode === 'fixed' ? (
          <Slider id="mbsPaydownFixedBn" label="MBS paydown" unit="$bn/month" min={0} max={40} step={1} value={inputs.mbsPaydownFixedBn} onChange={(v) => set('mbsPaydownFixedBn', v)} />
        ) : (
          <Slider id="mbsPaydownRatePctYr" label="MBS paydown rate" unit="%/yr" min={0} max={20} step={0.05} value={inputs.mbsPaydownRatePctYr} onChange={(v) => set('mbsPaydownRatePctYr', v)} />
        )}
        <h3>QT</h3>
        <label className="field">
          <span>QT end date</span>
          <IsoDateField id="qtEndDate" label="QT end date" min={DATE_MIN} max={DATE_MAX} value={inputs.qtEndDate} onChange={(v) => set('qtEndDate', v as ScenarioInputs['qtEndDate'])} />
        </label>
        <Slider id="capTsyBn" label="Treasury runoff cap" unit="$bn/month" min={0} max={60} step={1} value={inputs.capTsyBn} onChange={(v) => set('capTsyBn', v)} />
        <Slider id="capMbsBn" label="MBS runoff cap" unit="$bn/month" min={0} max={50} step={1} value={inputs.capMbsBn} onChange={(v) => set('capMbsBn', v)} />
        <h3>Liabilities</h3>
        <label className="field">
          <span>TGA</span>
          <select data-input="tgaMode" value={inputs.tgaMode} onChange={(e) => set('tgaMode', e.target.value === 'target' ? 'target' : 'hold')}>
            <option value="hold">hold at the anchor level</option>
            <option value="target">glide to a target</option>
          </select>
        </label>
        {inputs.tgaMode === 'target' ? (
          <>
            <Slider id="tgaTargetBn" label="TGA target" unit="$bn" min={300} max={1500} step={10} value={inputs.tgaTargetBn} onChange={(v) => set('tgaTargetBn', v)} />
            <Slider id="tgaGlideMonths" label="TGA glide" unit="months" min={1} max={24} step={1} value={inputs.tgaGlideMonths} onChange={(v) => set('tgaGlideMonths', v)} />
          </>
        ) : null}
        <Slider id="tgaAprilBumpBn" label="April tax bump" unit="$bn" min={0} max={300} step={10} value={inputs.tgaAprilBumpBn} onChange={(v) => set('tgaAprilBumpBn', v)} />
        <Slider id="onrrpFloorBn" label="ON RRP floor" unit="$bn" min={0} max={500} step={5} value={inputs.onrrpFloorBn} onChange={(v) => set('onrrpFloorBn', v)} />
        <Slider id="onrrpDecay" label="ON RRP decay" unit="per month" min={0} max={1} step={0.05} value={inputs.onrrpDecay} onChange={(v) => set('onrrpDecay', v)} />
        <Slider id="currencyGrowthPctYr" label="Currency growth" unit="%/yr" min={0} max={10} step={0.1} value={inputs.currencyGrowthPctYr} onChange={(v) => set('currencyGrowthPctYr', v)} />
        <Slider id="onlDriftBn" label="Other liabilities drift" unit="$bn/month" min={-20} max={20} step={1} value={inputs.onlDriftBn} onChange={(v) => set('onlDriftBn', v)} />
        <h3>Economy and demand</h3>
        <Slider id="ngdpGrowthPctYr" label="Nominal GDP growth" unit="%/yr" min={0} max={10} step={0.1} value={inputs.ngdpGrowthPctYr} onChange={(v) => set('ngdpGrowthPctYr', v)} />
        <Slider id="horizonYears" label="Horizon" unit="years" min={1} max={10} step={1} value={inputs.horizonYears} onChange={(v) => set('horizonYears', v)} />
        <label className="field">
          <span>SRF</span>
          <select data-input="srfMode" value={inputs.srfMode} onChange={(e) => set('srfMode', e.target.value === 'ceiling' ? 'ceiling' : 'exogenous')}>
            <option value="exogenous">exogenous usage</option>
            <option value="ceiling">lends at the ceiling</option>
          </select>
        </label>
        {inputs.srfMode === 'exogenous' ? <Slider id="srfUsageBn" label="SRF usage" unit="$bn avg" min={0} max={200} step={1} value={inputs.srfUsageBn} onChange={(v) => set('srfUsageBn', v)} /> : null}
        <Slider id="alpha" label="Curve α (abundant spread)" unit="bp" min={-20} max={5} step={0.1} value={inputs.curve.alpha} onChange={(v) => update((cur) => ({ ...cur, inputs: { ...cur.inputs, curve: { ...full(cur).curve, alpha: v } } }))} hint={ctx.curveLabel} />
        <Slider id="gamma" label="Curve γ (curvature)" unit="per pp" min={0.05} max={3} step={0.01} value={inputs.curve.gamma} onChange={(v) => update((cur) => ({ ...cur, inputs: { ...cur.inputs, curve: { ...full(cur).curve, gamma: v } } }))} hint={ctx.curveLabel} />
        <Slider id="capAllowanceBp" label="Soft ceiling allowance" unit="bp" min={0} max={50} step={1} value={inputs.corridor.capAllowanceBp} onChange={(v) => update((cur) => ({ ...cur, inputs: { ...cur.inputs, corridor: { ...full(cur).corridor, capAllowanceBp: v } } }))} />
        <SolveBox anchor={ctx.anchor} inputs={inputs} value={lab.solve ?? DEFAULT_SOLVE} onChange={(v) => update((cur) => ({ ...cur, solve: v }))} onApply={applySolve} />
        <div className="save-row">
          <input type="text" data-input="scenario-name" aria-label="Scenario name" placeholder={defaultName} title={`Left empty, saved as “${defaultName}”`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          <button type="button" data-action="save-scenario" onClick={() => void save()}>
            Save scenario
          </button>
        </div>
      </aside>
      <div className="lab-main">
        <div className="result-bar">
          <strong data-result="crossing">{crossingSummary(path, inputs.ampleThresholdGdpPct)}</strong>
          {problem !== null ? (
            <span className="error" role="alert" data-result="invalid" style={{ color: 'var(--alert)' }}>
              Cannot be projected as set: {problem}
            </span>
          ) : null}
          <label className="band-toggle" title="Adds the same scenario with every RMP pace scaled by 0.5, 0.75, 1.25 and 1.5 (thin lines)">
            <input type="checkbox" data-input="rmp-band" checked={showBand} onChange={(e) => setShowBand(e.target.checked)} /> RMP pace band
          </label>
          {band.length > 0 ? <span data-result="band">{`${inputs.ampleThresholdGdpPct}% reached with RMP pace ${bandSummary(band, inputs.ampleThresholdGdpPct)}`}</span> : showBand && !hasRmp ? <span data-result="band">no RMP in this scenario: no band</span> : null}
          <FanControls fan={labFan} />
          <span>
            Anchor {ctx.anchor.date} (H.4.1 {ctx.wednesday}); curve {ctx.curveLabel}
          </span>
        </div>
        {ctx.fallbacks.length > 0 ? (
          <details className="fallbacks">
            <summary>{ctx.fallbacks.length} anchor inputs use documented fallbacks</summary>
            <ul>{ctx.fallbacks.map((f) => <li key={f}>{f}</li>)}</ul>
          </details>
        ) : null}
        <ActualsTable path={path} actuals={ctx.actuals} atAnchor={ctx.actualAtAnchor} anchorWednesday={ctx.wednesday} />
        <BillsTable path={path} anchorDate={ctx.anchor.date} history={ctx.bills} assumptions={inputs.netBillIssuanceBn} onAssumptions={(v) => set('netBillIssuanceBn', v)} />
        <div className="charts">
          {hist.status !== 'ready' ? <div className="state">Loading history…</div> : fanSpecs.map((s) => (
            <TimeChart key={s.key} spec={s} group={group} linkRange={s.key !== 'lab-spread'} themeKey={themeKey} onStatus={onStatus} height={210} />
          ))}
        </div>
      </div>
    </div>
  );
}

export function ScenarioLab({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  // The lab's own anchor (issue 14 §1): a past H.4.1 Wednesday it was set to, or the latest.
  const at = useUi('lab')?.inputs.anchorWednesday;
  const [ctx, reload] = useAsync(() => api('projection:context', at === undefined ? {} : { at }), [at]);
  const [anchorError, setAnchorError] = useState<string | null>(null);
  // One object per context: the lab's projections depend on it and must not rerun on every render.
  const live = useMemo(() => (ctx.status === 'ready' ? { ...ctx.value, anchor: reviveAnchor(ctx.value.anchor) } : null), [ctx]);
  const fit = async (): Promise<void> => {
    try {
      onStatus('fitting the demand curve on history…');
      const r = (await api('fit:run', {})) as { rmseBp?: number; sample?: { weeks?: number } };
      onStatus(`demand curve fitted on ${r.sample?.weeks ?? '?'} weeks (RMSE ${r.rmseBp?.toFixed(2) ?? '?'} bp); the lab now uses it, the other inputs as they were`);
      reload();
    } catch (e) {
      onStatus(`fit failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  /**
   * A new anchor is checked against the store first: a day that is not an H.4.1 Wednesday with data
   * is refused with the nearest valid ones named, and the lab keeps its anchor. Accepted, the preset's
   * inputs are taken as known on that date (GDP and currency growth, corridor); the RMP steps are kept.
   */
  const pickAnchor = async (next: string | undefined): Promise<void> => {
    try {
      const c = await api('projection:context', next === undefined ? {} : { at: next });
      setAnchorError(null);
      updateUi('lab', (cur) => {
        const base = cur ?? labFromPreset(c.presets[0] ?? { name: 'defaults', inputs: c.inputs }, c.curveLabel);
        const p = c.presets.find((x) => x.name === base.presetName) ?? { name: base.presetName, inputs: c.inputs };
        const fresh = labFromPreset(p, c.curveLabel, base);
        const inputs: LabUi['inputs'] = { ...fresh.inputs };
        delete inputs.anchorWednesday;
        return { ...fresh, steps: base.steps, ...(base.solve ? { solve: base.solve } : {}), inputs: next === undefined ? inputs : { ...inputs, anchorWednesday: c.wednesday as IsoDate } };
      });
      onStatus(next === undefined ? `anchor: the latest data (H.4.1 ${c.wednesday})` : `anchor set to H.4.1 ${c.wednesday}: the preset's inputs as known then, your RMP steps kept`);
    } catch (e) {
      setAnchorError(e instanceof Error ? e.message : String(e));
    }
  };
  if (ctx.status === 'error')
    return (
      <div className="state error">
        The projection cannot start: {ctx.error}
        {at !== undefined ? (
          <button type="button" data-action="anchor-latest" onClick={() => void pickAnchor(undefined)}>
            Use the latest anchor
          </button>
        ) : null}
      </div>
    );
  if (ctx.status === 'loading' || live === null) return <div className="state">Calibrating the anchor…</div>;
  return (
    <>
      <div className="toolbar">
        <span>Demand curve: {ctx.value.curveLabel}</span>
        <button type="button" data-action="fit" onClick={() => void fit()}>
          Fit on history
        </button>
      </div>
      {/* Not keyed by the curve: a fit must not remount (and reset) the lab. */}
      <Lab ctx={live} themeKey={themeKey} onStatus={onStatus} onAnchor={(a) => void pickAnchor(a)} anchorError={anchorError} />
    </>
  );
}
