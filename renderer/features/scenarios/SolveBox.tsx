/**
 * The lab's solve box (issue 14 §2): the one input that meets a target, solved on the lab's current
 * inputs with the same engine and solver as `npm run cli -- solve`, re-solved as the other inputs move;
 * "Apply" sets the RMP step (or the TGA target) to the answer.
 */
import { useMemo, useState } from 'react';
import { READOUT_EVERY_MS, useTrailing } from '../../app/use-trailing.js';
import type { Anchor, ScenarioInputs } from '../../../shared/compute/projection.js';
import { firstMonthAfter, solve, SolveError, type SolveGoal, type SolveResult } from '../../../shared/compute/solve.js';
import { LAB_SOLVE_KINDS, type LabSolveUi } from '../../../shared/model/ui-state.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import { IsoDateField } from '../../app/IsoDateField.js';

export const DEFAULT_SOLVE: LabSolveUi = { kind: 'reserves-gdp', value: 10, by: '' };

const KIND_LABEL: Readonly<Record<LabSolveUi['kind'], string>> = {
  'reserves-gdp': 'RMP pace: reserves/GDP reaches a target by a date',
  'hold-reserves-gdp': 'RMP pace: reserves/GDP held at the anchor’s level',
  'spread-max': 'RMP pace: implied EFFR − IORB stays at or below a level',
  'reserves-floor-tga': 'TGA level: reserves stay above a floor',
};

const VALUE_LABEL: Readonly<Record<LabSolveUi['kind'], { label: string; unit: string; step: number } | null>> = {
  'reserves-gdp': { label: 'Target reserves/GDP', unit: '%', step: 0.1 },
  'hold-reserves-gdp': null,
  'spread-max': { label: 'Highest EFFR − IORB', unit: 'bp', step: 0.5 },
  'reserves-floor-tga': { label: 'Reserves floor', unit: '$bn', step: 50 },
};

/** The horizon's end when no date is given (as the command line does). */
function byDate(s: LabSolveUi, anchorDate: IsoDate, horizonYears: number): IsoDate {
  if (s.by !== '') return s.by as IsoDate;
  return `${Number(anchorDate.slice(0, 4)) + horizonYears}${anchorDate.slice(4)}` as IsoDate;
}

export function goalOf(s: LabSolveUi, anchorDate: IsoDate, horizonYears: number): SolveGoal {
  const by = byDate(s, anchorDate, horizonYears);
  const fromMonth = firstMonthAfter(anchorDate);
  switch (s.kind) {
    case 'reserves-gdp':
      return { kind: 'reserves-gdp', targetPct: s.value, by, fromMonth };
    case 'hold-reserves-gdp':
      return { kind: 'hold-reserves-gdp', by, fromMonth };
    case 'spread-max':
      return { kind: 'spread-max', maxBp: s.value, by, fromMonth };
    case 'reserves-floor-tga':
      return { kind: 'reserves-floor-tga', floorBn: s.value };
  }
}

/** The answer in a line of app words. */
export function answerText(r: SolveResult): string {
  const g = r.goal;
  if (r.status === 'unreachable') {
    const [m0, m1] = r.range.metric;
    if (g.kind === 'reserves-floor-tga') return `Unreachable: even a TGA of $0bn leaves reserves at a low of $${m0.toFixed(0)}bn.`;
    if (g.kind === 'spread-max') return `Unreachable: even $1,000bn/month leaves the implied spread at ${m1.toFixed(2)} bp.`;
    return `Unreachable: $0–1,000bn/month gives ${m0.toFixed(2)}–${m1.toFixed(2)}% at ${g.by}.`;
  }
  if (r.status === 'not-binding') return g.kind === 'reserves-floor-tga' ? `Not binding: any TGA up to $${(r.value ?? 0).toFixed(0)}bn keeps reserves above the floor.` : 'Not binding: no purchases are needed for this.';
  const v = r.value ?? 0;
  if (g.kind === 'reserves-floor-tga') return `TGA at most $${v.toFixed(0)}bn keeps reserves ≥ $${g.floorBn}bn (low $${(r.metric ?? 0).toFixed(0)}bn).`;
  const from = g.fromMonth;
  if (g.kind === 'spread-max') return `$${v.toFixed(1)}bn/month from ${from} keeps the implied spread ≤ ${g.maxBp} bp to ${g.by}.`;
  const what = g.kind === 'reserves-gdp' ? `reserves/GDP ${g.targetPct}%` : `reserves/GDP held at ${r.target.toFixed(2)}%`;
  return `$${v.toFixed(1)}bn/month ($${(v * 12).toFixed(0)}bn/year) from ${from} gives ${what} at ${g.by}.`;
}

export function SolveBox({ anchor, inputs, value, onChange, onApply }: { anchor: Anchor; inputs: ScenarioInputs; value: LabSolveUi; onChange: (v: LabSolveUi) => void; onApply: (r: SolveResult) => void }): React.JSX.Element {
  // A solve runs the engine a dozen times, so it follows a slider drag about eight times a second, as
  // a transition, instead of lengthening every tick (the tick budget is 8 ms) or every frame. The answer
  // shown may trail the inputs by up to READOUT_EVERY_MS; Apply solves again on the current inputs.
  const later = useTrailing(inputs, READOUT_EVERY_MS);
  const result = useMemo<{ ok: true; r: SolveResult } | { ok: false; error: string }>(() => {
    try {
      return { ok: true, r: solve(anchor, later, goalOf(value, anchor.date, later.horizonYears)) };
    } catch (e) {
      if (e instanceof SolveError) return { ok: false, error: e.message };
      throw e;
    }
  }, [anchor, later, value]);
  const v = VALUE_LABEL[value.kind];
  // What is typed, while it is not a number: an emptied field asks for a value instead of showing the
  // last answer as if it were for nothing (found).
  const [typed, setTyped] = useState<string | null>(null);
  const blank = v !== null && typed !== null && !Number.isFinite(Number(typed.trim() === '' ? Number.NaN : typed));
  return (
    <section className="solve-box" aria-labelledby="lab-solve-h" data-panel="solve">
      <h3 id="lab-solve-h">Solve for a target</h3>
      <label className="field">
        <span>Solve</span>
        <select data-input="solve-kind" value={value.kind} onChange={(e) => onChange({ ...value, kind: LAB_SOLVE_KINDS.find((k) => k === e.target.value) ?? value.kind })}>
          {LAB_SOLVE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      {v !== null ? (
        <label className="field">
          <span>{`${v.label} (${v.unit})`}</span>
          <input
            type="number"
            data-input="solve-value"
            step={v.step}
            value={typed ?? value.value}
            onBlur={() => setTyped(null)}
            onChange={(e) => {
              setTyped(e.target.value);
              if (e.target.value.trim() !== '' && Number.isFinite(e.target.valueAsNumber)) onChange({ ...value, value: e.target.valueAsNumber });
            }}
          />
        </label>
      ) : null}
      {value.kind !== 'reserves-floor-tga' ? (
        <div className="field">
          <label htmlFor="lab-solve-by">By</label>
          <IsoDateField domId="lab-solve-by" id="solve-by" label="By" min={anchor.date} max="2040-12-31" value={byDate(value, anchor.date, inputs.horizonYears)} onChange={(d) => onChange({ ...value, by: d })} />
        </div>
      ) : null}
      <p data-result="solve" aria-live="polite">
        {blank ? 'Type a number to solve for.' : result.ok ? answerText(result.r) : `Cannot solve: ${result.error}`}
      </p>
      <button type="button" data-action="solve-apply" disabled={blank || !result.ok || result.r.status !== 'solved'} onClick={() => {
          // The current inputs, not the shown answer's (it may be a few ticks old): what is set meets the target now.
          try {
            const now = solve(anchor, inputs, goalOf(value, anchor.date, inputs.horizonYears));
            if (now.status === 'solved') onApply(now);
          } catch (e) {
            if (!(e instanceof SolveError)) throw e;
          }
        }}>
        {value.kind === 'reserves-floor-tga' ? 'Set the TGA target' : 'Set the RMP pace'}
      </button>
    </section>
  );
}
