/**
 * The lab's bill-supply table (issue 14 §5): per calendar year, Fed bill purchases (the anchor year's
 * months in the data plus the projected months), net issuance (the scenario's assumption, editable
 * here, or the default from history) and private absorption = issuance − Fed purchases.
 */
import { memo, useMemo } from 'react';
import { READOUT_EVERY_MS, useTrailing } from '../../app/use-trailing.js';
import { money } from '../../format.js';
import { billAbsorptionByYear, billYearIssuanceSource, billYearSpan, issuanceDefaultNote, type BillsHistory } from '../../../shared/compute/bill-absorption-years.js';
import type { ProjectionPath } from '../../../shared/compute/projection.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

/** The validator's range for a year's net issuance (shared/model/scenario.ts). */
const ISSUANCE_MIN_BN = -5000;
const ISSUANCE_MAX_BN = 10000;

// The app's money format (design.md §7): `−$73bn`, `$1,548bn` (found: `$-73bn`, `$1548bn` here while Compare had it right).
const bn = (x: number): string => money(x);

interface BillsTableProps {
  readonly path: ProjectionPath;
  readonly anchorDate: IsoDate;
  readonly history: BillsHistory | null;
  readonly assumptions: Readonly<Record<string, number>>;
  /** Must update from current state (a functional update): the table re-renders only when its other props change. */
  readonly onAssumptions: (next: Record<string, number>) => void;
}

function BillsTableView(props: BillsTableProps): React.JSX.Element {
  const { path, anchorDate, history, assumptions, onAssumptions } = props;
  // From the path's projected months, so the lab's projection itself needs no history.
  const rows = useMemo(
    () => billAbsorptionByYear(path.billPurchasesByYear.map((b) => ({ year: b.year, fedBn: b.fedProjectedBn, months: b.projectedMonths })), anchorDate, assumptions, history),
    [path, anchorDate, assumptions, history],
  );
  const note = useMemo(() => issuanceDefaultNote(history, anchorDate), [history, anchorDate]);
  const setYear = (year: number, raw: string): void => {
    const next: Record<string, number> = { ...assumptions };
    if (raw.trim() === '') delete next[String(year)];
    else {
      const v = Number(raw);
      // A half-typed or out-of-range number is not taken; the field keeps what was typed.
      if (!Number.isFinite(v) || v < ISSUANCE_MIN_BN || v > ISSUANCE_MAX_BN) return;
      next[String(year)] = v;
    }
    onAssumptions(next);
  };
  return (
    <>
      <table className="bills" data-table="bills">
        <thead>
          <tr>
            <th>Year</th>
            <th>Months</th>
            <th>Fed bill purchases</th>
            <th>Net bill issuance ($bn/yr)</th>
            <th>Private absorption</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.year} data-year={b.year}>
              <td>{b.year}</td>
              <td>{billYearSpan(b)}</td>
              <td data-cell="fed" title={b.actualMonths > 0 && b.fedActualBn !== null ? `actual ${bn(b.fedActualBn)} + projected ${bn(b.fedProjectedBn)}` : undefined}>
                {bn(b.fedBn)}
                {b.actualMonths > 0 && b.fedActualBn !== null ? ` (${bn(b.fedActualBn)} actual)` : ''}
              </td>
              <td data-cell="issuance">
                <input
                  type="number"
                  data-input={`issuance-${b.year}`}
                  aria-label={`Net bill issuance ${b.year} ($bn)`}
                  step={10}
                  min={ISSUANCE_MIN_BN}
                  max={ISSUANCE_MAX_BN}
                  placeholder={b.issuance === 'default' && b.issuanceMonths === 12 && b.netIssuanceBn !== null ? b.netIssuanceBn.toFixed(0) : ''}
                  value={assumptions[String(b.year)] ?? ''}
                  onChange={(e) => setYear(b.year, e.target.value)}
                />{' '}
                <span className="source">
                  {billYearIssuanceSource(b)}
                  {b.issuanceMonths < 12 && b.netIssuanceBn !== null ? `: ${bn(b.netIssuanceBn)}` : ''}
                </span>
              </td>
              <td data-cell="private">{b.privateBn === null ? `— (${b.why ?? 'unknown'})` : bn(b.privateBn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="source" data-result="bills-note">
        Private absorption = net issuance − Fed purchases, whole calendar years (the anchor year adds the months already in the data; Fed purchases = NY Fed bill operations). Empty issuance field: {note}.
      </p>
    </>
  );
}

/** Memoised without regard to `onAssumptions` (a new closure every render). */
const BillsTableMemo = memo(BillsTableView, (a, b) => a.path === b.path && a.anchorDate === b.anchorDate && a.history === b.history && a.assumptions === b.assumptions);

/**
 * The table follows a slider drag about eight times a second (use-trailing.ts): each tick renders it
 * with the path it shows (the memo bails out), and the newest path arrives as a transition after the
 * tick's charts are drawn, so the table never lengthens a tick nor lays the page out again every frame.
 * The assumptions typed into it are not delayed.
 */
export function BillsTable(props: BillsTableProps): React.JSX.Element {
  const path = useTrailing(props.path, READOUT_EVERY_MS);
  return <BillsTableMemo {...props} path={path} />;
}
