/**
 * The Scenario lab's uncertainty fan (issue 14 §3): the toggle, an sd field for each uncertain input
 * (defaults from history, from the projection context), and the crossing distribution in words. The
 * fan itself is computed by the worker (use-fan.ts) and drawn by fan-specs.ts.
 */
import { useMemo } from 'react';
import { checkFanSds, DEFAULT_FAN_PATHS, DEFAULT_FAN_SEED, FAN_SD_LIMITS, fanCrossingText, type FanContext, type FanRequest, type FanSds } from '../../../shared/compute/fan.js';
import type { Anchor, ScenarioInputs } from '../../../shared/compute/projection.js';
import type { LabFanUi, LabUi } from '../../../shared/model/ui-state.js';
import { useFan, type FanState } from './use-fan.js';

const OFF: LabFanUi = { on: false };

export interface LabFan extends FanState {
  readonly on: boolean;
  readonly setOn: (v: boolean) => void;
  readonly sds: FanSds;
  readonly setSd: (k: keyof FanSds, v: number) => void;
  readonly context: FanContext;
  /** What the footer of each fan chart says. */
  readonly footer: string;
}

/**
 * The fan's state and worker for the lab's current anchor and inputs. The toggle and the typed sds
 * live in the lab's UI state (`lab.fan`, written through the lab's `update`, i.e. `updateUi('lab')`),
 * so a view switch, a preset or anchor change and a restart keep them.
 */
export function useLabFan(anchor: Anchor, inputs: ScenarioInputs, context: FanContext, lab: LabUi, update: (f: (cur: LabUi) => LabUi) => void): LabFan {
  const { on, sds: typed } = lab.fan ?? OFF;
  // Absent until the user types one: the defaults then follow the context (a new anchor has its own).
  const sds = typed ?? context.defaults;
  const setFan = (f: (cur: LabFanUi) => LabFanUi): void => update((cur) => ({ ...cur, fan: f(cur.fan ?? OFF) }));
  const setOn = (v: boolean): void => setFan((cur) => ({ ...cur, on: v }));
  // From the current state (not this render's): two fields typed before a re-render both count.
  const setSd = (k: keyof FanSds, v: number): void => setFan((cur) => ({ ...cur, sds: { ...(cur.sds ?? context.defaults), [k]: Math.min(FAN_SD_LIMITS[k], Math.max(0, v)) } }));
  const req = useMemo<FanRequest | null>(
    () => (on && checkFanSds(sds) === null ? { anchor, inputs, curveCovariance: context.curveCovariance, sds, paths: DEFAULT_FAN_PATHS, seed: DEFAULT_FAN_SEED } : null),
    [on, anchor, inputs, context.curveCovariance, sds],
  );
  const state = useFan(req);
  const footer = `Fan: 10/25/50/75/90% of ${DEFAULT_FAN_PATHS} seeded paths (seed ${DEFAULT_FAN_SEED}) over the curve (× ${sds.curveCovScale} the fit covariance${context.curveCovariance === null ? ', none available' : ''}), NGDP growth sd ${sds.ngdpGrowthSdPctYr} pp, currency growth sd ${sds.currencyGrowthSdPctYr} pp, TGA level sd $${sds.tgaLevelSdBn}bn.`;
  return { ...state, on, setOn, sds, setSd, context, footer };
}

const FIELDS: readonly { readonly k: keyof FanSds; readonly label: string; readonly step: number; readonly id: string }[] = [
  { k: 'curveCovScale', label: 'Curve uncertainty (× fit covariance)', step: 0.5, id: 'fan-sd-curve' },
  { k: 'ngdpGrowthSdPctYr', label: 'NGDP growth sd (pp/yr)', step: 0.1, id: 'fan-sd-ngdp' },
  { k: 'currencyGrowthSdPctYr', label: 'Currency growth sd (pp/yr)', step: 0.1, id: 'fan-sd-currency' },
  { k: 'tgaLevelSdBn', label: 'TGA level sd ($bn)', step: 10, id: 'fan-sd-tga' },
];

export function FanControls({ fan }: { fan: LabFan }): React.JSX.Element {
  return (
    <div className="fan-controls" data-fan={fan.on ? (fan.pending ? 'computing' : 'ready') : 'off'} data-fan-where={fan.where} data-fan-ms={fan.ms === null ? undefined : fan.ms.toFixed(1)} data-fan-shown={fan.shown} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5em 1em', alignItems: 'center' }}>
      <label className="band-toggle" title={`Monte Carlo over the demand curve, NGDP growth, currency growth and the TGA level (${DEFAULT_FAN_PATHS} paths, computed off the UI thread). Defaults: ${fan.context.notes.join('; ')}`}>
        <input type="checkbox" data-input="fan" checked={fan.on} onChange={(e) => fan.setOn(e.target.checked)} /> Uncertainty fan
      </label>
      {fan.on ? (
        <>
          {FIELDS.map((f) => (
            <label key={f.k} className="field" style={{ display: 'inline-flex', gap: '0.3em', alignItems: 'center' }} title={f.k === 'curveCovScale' && fan.context.curveCovariance === null ? 'No covariance saved with the fit: press "Fit on history" to add it' : `default ${fan.context.defaults[f.k]}`}>
              <span>{f.label}</span>
              <input type="number" data-input={f.id} min={0} max={FAN_SD_LIMITS[f.k]} step={f.step} value={fan.sds[f.k]} style={{ width: '5em' }} onChange={(e) => (e.target.value !== '' && Number.isFinite(Number(e.target.value)) ? fan.setSd(f.k, Number(e.target.value)) : undefined)} />
            </label>
          ))}
          <span data-result="fan-crossing" aria-live="polite">
            {fan.error !== null ? `fan failed: ${fan.error}` : fan.result === null ? 'computing the fan…' : `${fanCrossingText(fan.result)}${fan.pending ? ' (updating…)' : ''}`}
          </span>
        </>
      ) : null}
    </div>
  );
}
