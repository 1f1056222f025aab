/**
 * The lab's anchor (issue 14 §1): any H.4.1 Wednesday with data, and — from a past one — what actually
 * happened against the projection, as errors at +1, +3, +6, +9 and +12 months beside a naive
 * "no change" projection. The errors are computed here from the context's actuals and the lab's own
 * path, so they move with the sliders.
 */
import { memo, useMemo, useState } from 'react';
import { READOUT_EVERY_MS, useTrailing } from '../../app/use-trailing.js';
import { ERROR_VARIABLES, pathErrors, type ActualMonth } from '../../../shared/compute/backtest.js';
import type { ProjectionPath } from '../../../shared/compute/projection.js';
import { IsoDateField } from '../../app/IsoDateField.js';

export function AnchorPicker({ current, latest, chosen, error, onPick }: { current: string; latest: boolean; chosen: string | undefined; error: string | null; onPick: (at: string | undefined) => void }): React.JSX.Element {
  const [draft, setDraft] = useState(chosen ?? current);
  return (
    <div className="anchor-picker" data-panel="anchor">
      <div className="field">
        <label htmlFor="lab-anchor">Anchor (H.4.1 Wednesday)</label>
        {/* Any date is typed; the core says whether it is an H.4.1 Wednesday with data and names the
            nearest ones (found: the field's upper bound was the current anchor, so from a past anchor
            no later one could be set). */}
        <IsoDateField domId="lab-anchor" id="anchor" label="Anchor (H.4.1 Wednesday)" min="2003-01-01" max="2040-12-31" value={draft} onChange={(v) => setDraft(v)} />
        <button type="button" data-action="anchor-set" onClick={() => onPick(draft)} disabled={draft === (chosen ?? current)}>
          Set
        </button>
        <button
          type="button"
          data-action="anchor-latest"
          disabled={latest}
          onClick={() => {
            setDraft(current);
            onPick(undefined);
          }}
        >
          Latest
        </button>
      </div>
      {error !== null ? (
        <p className="error" role="alert" data-result="anchor-error" style={{ color: 'var(--alert)' }}>
          {error}
        </p>
      ) : (
        <p className="source" data-result="anchor">
          {latest ? `Latest data: H.4.1 ${current}.` : `Past anchor H.4.1 ${current}: controls act from the month after it; what happened since is drawn beside the projection.`}
        </p>
      )}
    </div>
  );
}

const VARS = ERROR_VARIABLES;

const signed = (x: number, d: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(d)}`;

/** Projection errors from a past anchor (projected − actual), beside the naive error, per horizon. */
/** Horizons count from the anchor Wednesday's month, as `backtest` and `project --anchor` count them. */
function ActualsTableView({ path, actuals, atAnchor, anchorWednesday }: { path: ProjectionPath; actuals: readonly ActualMonth[]; atAnchor: ActualMonth | null; anchorWednesday: string }): React.JSX.Element | null {
  // Empty at the latest anchor: nothing to score, and nothing computed per slider tick.
  const errors = useMemo(() => pathErrors(path, anchorWednesday, actuals, atAnchor), [path, actuals, atAnchor, anchorWednesday]);
  if (actuals.length === 0) return null;
  const horizons = [...new Set(errors.map((e) => e.horizonMonths))].sort((a, b) => a - b);
  return (
    <table className="bills" data-table="actual-errors">
      <caption>Projected − actual after the anchor (naive: the anchor's value held flat). Actuals: the last H.4.1 Wednesday of each month.</caption>
      <thead>
        <tr>
          <th scope="col">Variable</th>
          {horizons.map((h) => (
            <th scope="col" key={h}>{`+${h} m`}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {VARS.map((x) => (
          <tr key={x.v} data-row={x.v}>
            <th scope="row">{`${x.label} (${x.unit})`}</th>
            {horizons.map((h) => {
              const e = errors.find((r) => r.variable === x.v && r.horizonMonths === h);
              return (
                <td key={h} data-cell={`${x.v}-${h}`} title={e ? `${e.month}: projected ${e.projected.toFixed(x.digits)}, actual ${e.actual.toFixed(x.digits)}` : 'no actual yet'}>
                  {e ? `${signed(e.error, x.digits)}${e.naiveError === null ? '' : ` (naive ${signed(e.naiveError, x.digits)})`}` : '—'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ActualsTableMemo = memo(ActualsTableView);

/** Follows a slider drag about eight times a second, as BillsTable does: a tick renders it with the path it shows. */
export function ActualsTable(props: Parameters<typeof ActualsTableView>[0]): React.JSX.Element {
  const path = useTrailing(props.path, READOUT_EVERY_MS);
  return <ActualsTableMemo {...props} path={path} />;
}
