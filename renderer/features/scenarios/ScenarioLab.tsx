/** Sliders for every projection input; every movement recomputes in the renderer and redraws. */
import { useMemo, useState } from 'react';
import { project, reviveAnchor, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { checkProjection, validateScenario } from '../../../shared/model/scenario.js';
import { api } from '../../api/client.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { Slider } from '../../app/Slider.js';
import { loadSeries } from '../../app/series-data.js';
import { useAsync } from '../../app/use-async.js';
import { bandSummary, crossingSummary, historyFrom, labSpecs, RMP_BAND_FACTORS, type BandPath } from './lab-specs.js';
import type { ProjectionContextDto } from '../../../shared/ipc/contract.js';

export function describeInputs(i: ScenarioInputs): string {
  const rmp = i.rmpSchedule.length === 0 ? 'no RMP' : i.rmpSchedule.map((s) => `RMP $${s.perMonthBn}bn/m from ${s.from}`).join(', ');
  return `${rmp}; MBS ${i.mbsPaydownMode === 'fixed' ? `$${i.mbsPaydownFixedBn}bn/m` : `${i.mbsPaydownRatePctYr}%/yr`} × ${i.mbsReinvestShare} into bills; TGA ${i.tgaMode === 'hold' ? 'held' : i.tgaMode === 'target' ? `→ $${i.tgaTargetBn}bn in ${i.tgaGlideMonths}m` : 'path'}; ON RRP floor $${i.onrrpFloorBn}bn; currency ${i.currencyGrowthPctYr}%/yr; NGDP ${i.ngdpGrowthPctYr}%/yr; SRF ${i.srfMode}`;
}

function Lab({ ctx, themeKey, onStatus }: { ctx: ProjectionContextDto; themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const [inputs, setInputs] = useState<ScenarioInputs>(ctx.presets[0]?.inputs ?? ctx.inputs);
  const [presetName, setPresetName] = useState(ctx.presets[0]?.name ?? 'defaults');
  const [name, setName] = useState('');
  const [hist] = useAsync(() => loadSeries(['WRESBAL', 'GDP', 'WALCL', 'WDTGAL', 'RRPONTSYD'], '2019-01-01'), []);
  const group = useMemo(() => new ChartGroup('lab'), []);
  const set = <K extends keyof ScenarioInputs>(k: K, v: ScenarioInputs[K]): void => setInputs((cur) => ({ ...cur, [k]: v }));
  const path = useMemo(() => project(ctx.anchor, inputs), [ctx.anchor, inputs]);
  // The command line's rules (shared/model/scenario.ts): what they refuse is said here and not saved.
  const problem = useMemo(() => {
    const v = validateScenario(ctx.anchor, inputs);
    if (!v.ok) return v.error;
    const c = checkProjection(path);
    return c.ok ? null : c.error;
  }, [ctx.anchor, inputs, path]);
  // The sensitivity band: the same scenario with every RMP step's pace scaled (four more projections
  // per slider movement), because "how fast do purchases refill reserves" is the open question.
  const [showBand, setShowBand] = useState(true);
  const hasRmp = inputs.rmpSchedule.some((st) => st.perMonthBn > 0);
  const band = useMemo<BandPath[]>(
    () => (showBand && hasRmp ? RMP_BAND_FACTORS.map((factor) => ({ factor, path: project(ctx.anchor, { ...inputs, rmpSchedule: inputs.rmpSchedule.map((st) => ({ ...st, perMonthBn: st.perMonthBn * factor })) }) })) : []),
    [ctx.anchor, inputs, showBand, hasRmp],
  );
  const history = useMemo(() => (hist.status === 'ready' ? historyFrom(hist.value, Math.floor(Date.parse('2022-01-01') / 86_400_000)) : { dates: [], reserves: [], ratio: [], nl: [] }), [hist]);
  const specs = useMemo(() => labSpecs(history, path, `${presetName}: ${describeInputs(inputs)}; anchor ${ctx.anchor.date} (data ${ctx.wednesday}); curve ${ctx.curveLabel}`, inputs.ampleThresholdGdpPct, inputs.corridor, band), [history, path, inputs, ctx, presetName, band]);
  const rmp0 = inputs.rmpSchedule[0] ?? { from: '2025-12', perMonthBn: 0 };
  const rmp1 = inputs.rmpSchedule[1];
  // Every handler updates from the current state (not the render's copy): sliders are memoised and
  // keep the handler of their last render.
  const setRmp = (i: 0 | 1, pace: number, from?: string): void =>
    setInputs((now) => {
      const steps = [...now.rmpSchedule];
      const cur = steps[i] ?? { from: i === 0 ? '2025-12' : '2026-05', perMonthBn: 0 };
      steps[i] = { from: from ?? cur.from, perMonthBn: pace };
      return { ...now, rmpSchedule: steps.filter((st) => st !== undefined).sort((a, b) => (a.from < b.from ? -1 : 1)) };
    });
  const save = async (): Promise<void> => {
    const n = name.trim() || `${presetName} ${new Date().toISOString().slice(11, 19)}`;
    if (problem !== null) {
      onStatus(`not saved: ${problem}`);
      return;
    }
    try {
      const rec = await api('scenario:save', { name: n, inputs: JSON.parse(JSON.stringify(inputs)) });
      onStatus(`saved scenario “${rec.name}”`);
      setName('');
    } catch (e) {
      onStatus(`not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const bills = path.billPurchasesByYear;
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
              if (p) {
                setPresetName(p.name);
                setInputs(p.inputs);
              }
            }}
          >
            {ctx.presets.map((p) => (
              <option key={p.name}>{p.name}</option>
            ))}
          </select>
        </label>
        <p className="source">{ctx.presets.find((p) => p.name === presetName)?.source}</p>
        <h4>Fed purchases</h4>
        <Slider id="rmp0" label={`RMP pace from ${rmp0.from}`} unit="$bn/month" min={0} max={150} step={5} value={rmp0.perMonthBn} onChange={(v) => setRmp(0, v)} />
        <label className="field">
          <span>First RMP month</span>
          <input type="month" data-input="rmp0-from" value={rmp0.from} onChange={(e) => e.target.value && setRmp(0, rmp0.perMonthBn, e.target.value)} />
        </label>
        <Slider id="rmp1" label={`Later pace from ${rmp1?.from ?? '2026-05'}`} unit="$bn/month" min={0} max={150} step={5} value={rmp1?.perMonthBn ?? rmp0.perMonthBn} onChange={(v) => setRmp(1, v)} />
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
        <h4>QT</h4>
        <label className="field">
          <span>QT end date</span>
          <input type="date" data-input="qtEndDate" value={inputs.qtEndDate} onChange={(e) => e.target.value && set('qtEndDate', e.target.value as ScenarioInputs['qtEndDate'])} />
        </label>
        <Slider id="capTsyBn" label="Treasury runoff cap" unit="$bn/month" min={0} max={60} step={1} value={inputs.capTsyBn} onChange={(v) => set('capTsyBn', v)} />
        <Slider id="capMbsBn" label="MBS runoff cap" unit="$bn/month" min={0} max={50} step={1} value={inputs.capMbsBn} onChange={(v) => set('capMbsBn', v)} />
        <h4>Liabilities</h4>
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
        <h4>Economy and demand</h4>
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
        <Slider id="alpha" label="Curve α (abundant spread)" unit="bp" min={-20} max={5} step={0.1} value={inputs.curve.alpha} onChange={(v) => setInputs((now) => ({ ...now, curve: { ...now.curve, alpha: v } }))} hint={ctx.curveLabel} />
        <Slider id="gamma" label="Curve γ (curvature)" unit="per pp" min={0.05} max={3} step={0.01} value={inputs.curve.gamma} onChange={(v) => setInputs((now) => ({ ...now, curve: { ...now.curve, gamma: v } }))} hint={ctx.curveLabel} />
        <Slider id="capAllowanceBp" label="Soft ceiling allowance" unit="bp" min={0} max={50} step={1} value={inputs.corridor.capAllowanceBp} onChange={(v) => setInputs((now) => ({ ...now, corridor: { ...now.corridor, capAllowanceBp: v } }))} />
        <div className="save-row">
          <input type="text" data-input="scenario-name" placeholder="Scenario name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
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
        <table className="bills" data-table="bills">
          <thead>
            <tr>
              <th>Year</th>
              <th>Fed bill purchases</th>
              <th>Private absorption</th>
            </tr>
          </thead>
          <tbody>
            {bills.map((b) => (
              <tr key={b.year}>
                <td>{b.year === bills[0]?.year ? `${b.year} (from ${ctx.anchor.date.slice(0, 7)})` : b.year}</td>
                <td>${b.fedBn.toFixed(0)}bn</td>
                <td>{b.year === bills[0]?.year && ctx.anchor.date.slice(5, 7) !== '12' ? '— (partial year)' : b.privateBn === null ? '— (no issuance assumption)' : `$${b.privateBn.toFixed(0)}bn`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="charts">
          {hist.status !== 'ready' ? <div className="state">Loading history…</div> : specs.map((s) => (
            <TimeChart key={s.key} spec={s} group={s.key === 'lab-spread' ? undefined : group} themeKey={themeKey} onStatus={onStatus} height={210} />
          ))}
        </div>
      </div>
    </div>
  );
}

export function ScenarioLab({ themeKey, onStatus }: { themeKey: string; onStatus: (m: string) => void }): React.JSX.Element {
  const [ctx, reload] = useAsync(() => api('projection:context', {}), []);
  const fit = async (): Promise<void> => {
    try {
      onStatus('fitting the demand curve on history…');
      const r = (await api('fit:run', {})) as { rmseBp?: number; sample?: { weeks?: number } };
      onStatus(`demand curve fitted on ${r.sample?.weeks ?? '?'} weeks (RMSE ${r.rmseBp?.toFixed(2) ?? '?'} bp); the lab now uses it`);
      reload();
    } catch (e) {
      onStatus(`fit failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (ctx.status === 'loading') return <div className="state">Calibrating the anchor…</div>;
  if (ctx.status === 'error') return <div className="state error">The projection cannot start: {ctx.error}</div>;
  return (
    <>
      <div className="toolbar">
        <span>Demand curve: {ctx.value.curveLabel}</span>
        <button type="button" data-action="fit" onClick={() => void fit()}>
          Fit on history
        </button>
      </div>
      <Lab key={ctx.value.curveLabel} ctx={{ ...ctx.value, anchor: reviveAnchor(ctx.value.anchor) }} themeKey={themeKey} onStatus={onStatus} />
    </>
  );
}
