/**
 * Fair value (issue 14 §4): actual EFFR − IORB and SOFR − IORB against the spread the fitted demand
 * curve implies at each week's reserves/GDP, the residual (actual − implied), and a rolling refit of the
 * curve showing where its slope reaches 1 and 2 bp/pp (the "ample edge") window by window. The numbers
 * are `npm run cli -- fairvalue`'s (main/core/analysis/fair-value-from-store.ts).
 */
import { useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { useAsync } from '../../app/use-async.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { joinOnDates, type ChartSpec } from '../../charts/chart-spec.js';
import { colorFor, OKABE_ITO } from '../../charts/palette.js';
import { TimeChart } from '../../charts/TimeChart.js';
import type { FairValueReport, RollingWindowDto } from '../../../shared/compute/fair-value-report.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { AnalysisPanelProps } from './tabs.js';

const WINDOW_YEARS = [1, 2, 3, 5] as const;
/** How long before its window's end an edge's level is drawn (see fairValueSpecs). */
const SEGMENT_DAYS = 60;
const SOURCE = 'NY Fed EFFR and SOFR, Federal Reserve IORB (IOER before 2021-07-29) and H.4.1 reserves (WRESBAL), BEA GDP, via FRED';
const day = (d: string): number => epochDay(d as IsoDate);
const sbp = (v: number | null, d = 1): string => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(d)} bp`);
const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)}%`);
const round = (v: number | null, k = 3): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** k) / 10 ** k);

/** The three charts from the report (exported for tests of the specs). */
export function fairValueSpecs(r: FairValueReport): ChartSpec[] {
  const x = r.weeks.map((w) => day(w.week));
  const curve = `implied = α(regime) + ${r.curve.beta.toFixed(2)}·exp(−${r.curve.gamma.toFixed(3)}·(x − ${r.curve.xRef})), ${r.curve.label}`;
  const footer = [`Source: ${SOURCE}. Weekly (Wednesday) means of daily spreads; reserves/GDP: ${r.gdpConvention}.`, `Curve: ${curve}.`];
  const spreads: ChartSpec = {
    key: 'fairvalue-spreads',
    title: 'EFFR − IORB and SOFR − IORB against the curve’s implied spread (fair value)',
    unitLabel: 'bp',
    x,
    refLines: [{ value: 0, label: '0 bp' }],
    series: [
      { id: 'implied', label: 'Implied by the curve (fair value)', unit: 'bp', color: OKABE_ITO[7], values: r.weeks.map((w) => round(w.impliedBp)), width: 2.2, conversion: curve },
      { id: 'effr', label: 'EFFR − IORB (weekly mean)', unit: 'bp', color: colorFor('EFFR', 0), values: r.weeks.map((w) => round(w.effrIorbBp)), width: 1.4, conversion: 'IOER before 2021-07-29' },
      { id: 'sofr', label: 'SOFR − IORB (weekly mean)', unit: 'bp', color: colorFor('SOFR', 3), values: r.weeks.map((w) => round(w.sofrIorbBp)), width: 1.4, conversion: 'SOFR from 2018-04-02' },
    ],
    footer,
  };
  const residuals: ChartSpec = {
    key: 'fairvalue-residuals',
    title: 'Residual: actual − implied spread (positive = traded above fair value)',
    unitLabel: 'bp',
    x,
    refLines: [{ value: 0, label: 'fair value' }],
    series: [
      { id: 'effr-resid', label: 'EFFR residual', unit: 'bp', color: colorFor('EFFR', 0), values: r.weeks.map((w) => round(w.effrResidualBp)), width: 1.4 },
      { id: 'sofr-resid', label: 'SOFR residual', unit: 'bp', color: colorFor('SOFR', 3), values: r.weeks.map((w) => round(w.sofrResidualBp)), width: 1.4, conversion: 'includes SOFR’s usual gap to fed funds (the curve is fitted on EFFR)' },
    ],
    footer: [...footer, ...r.notes.slice(1, 2)],
  };
  // Each identified window is drawn as a short level ending on its last day (from SEGMENT_DAYS before it):
  // a lone identified window between unidentified ones still shows, consecutive ones join up, and a
  // missing window breaks the line (monthly gap rule: 95 days). Weak and unidentified windows have no
  // edge here (the table lists them with the reason). Reserves/GDP weekly beside it.
  const segDates: number[] = [];
  const seg1: number[] = [];
  const seg2: number[] = [];
  let prevEnd = Number.NEGATIVE_INFINITY;
  for (const w of r.rolling.windows) {
    const end = day(w.to);
    const ok = w.status === 'identified' && w.edge1Pct !== null && w.edge2Pct !== null;
    // The last window ends on the latest week, less than a quarter after the one before: its level starts after that one's end.
    const start = Math.max(end - SEGMENT_DAYS, prevEnd + 1);
    prevEnd = end;
    for (const d of start < end ? [start, end] : [end]) {
      segDates.push(d);
      seg1.push(ok ? (w.edge1Pct ?? Number.NaN) : Number.NaN);
      seg2.push(ok ? (w.edge2Pct ?? Number.NaN) : Number.NaN);
    }
  }
  const order = segDates.map((_, i) => i).sort((i, k) => (segDates[i] ?? 0) - (segDates[k] ?? 0));
  const pick = (v: readonly number[]): number[] => order.map((i) => v[i] ?? Number.NaN);
  const j = joinOnDates([
    { dates: pick(segDates), values: pick(seg1) },
    { dates: pick(segDates), values: pick(seg2) },
    { dates: x, values: r.weeks.map((w) => w.reservesGdpPct) },
  ]);
  const rolling: ChartSpec = {
    key: 'fairvalue-edges',
    title: `Rolling ${r.rolling.windowYears}-year fit: the ample edge (reserves/GDP where the slope reaches 1 and 2 bp/pp), at each window’s end`,
    unitLabel: '% of GDP',
    x: j.x,
    series: [
      { id: 'edge1', label: '|slope| = 1 bp/pp (identified windows)', unit: 'percent', color: OKABE_ITO[1], values: (j.columns[0] ?? []).map((v) => round(v)), width: 2.2, frequency: 'M', conversion: 'the fit of the window ending on the date shown' },
      { id: 'edge2', label: '|slope| = 2 bp/pp (identified windows)', unit: 'percent', color: OKABE_ITO[4], values: (j.columns[1] ?? []).map((v) => round(v)), width: 2.2, frequency: 'M', conversion: 'the fit of the window ending on the date shown' },
      { id: 'reserves-gdp', label: 'Reserves / GDP (weekly)', unit: 'percent', color: colorFor('WRESBAL', 0), values: (j.columns[2] ?? []).map((v) => round(v)), width: 1.2, frequency: 'W' },
    ],
    footer: [
      `Windows of ${r.rolling.windowYears} years stepping ${r.rolling.stepMonths} months; each refits α (per regime), β, γ on its own weeks. Each edge is drawn over the last 60 days of its window. Only identified windows are drawn; weak ones (edge SE over 1 pp or γ SE over 50%) and those the data cannot identify (too little variation, γ on its bound, singular covariance) are in the table with the reason.`,
      `Source: ${SOURCE}.`,
    ],
  };
  return [spreads, residuals, rolling];
}

/** One readable sentence on the residual window and one on the rolling fit. */
export function fairValueSummary(r: FairValueReport): { residual: string; rolling: string } {
  const s = r.summary;
  const word = (v: number | null): string => (v === null ? 'no data' : Math.abs(v) < 1 ? 'about at fair value' : v > 0 ? 'above fair value' : 'below fair value');
  const residual =
    `${s.from} … ${s.to} (${s.effr.n} weeks): EFFR − IORB averaged ${sbp(s.effr.meanActualBp)} against an implied ${sbp(s.effr.meanImpliedBp)}, a residual of ${sbp(s.effr.meanBp)} (${word(s.effr.meanBp)}); ` +
    `SOFR − IORB averaged ${sbp(s.sofr.meanActualBp)}, ${sbp(s.sofr.meanBp)} against the curve (${word(s.sofr.meanBp)}), ${sbp(s.sofrNetOfBaselineBp)} beyond its usual ${sbp(s.sofrBaselineBp)} gap (${s.baselineFrom} … ${s.baselineTo}).`;
  const w = r.rolling.windows;
  const n = (st: string): number => w.filter((x) => x.status === st).length;
  const ident = w.filter((x) => x.status === 'identified');
  const last = ident[ident.length - 1];
  const in2019 = ident.filter((x) => x.to >= '2019-09-01' && x.from <= '2019-09-30');
  const edge2019 = in2019.length === 0 ? '' : ` Windows containing September 2019 put it at ${pct(Math.min(...in2019.map((x) => x.edge1Pct ?? Number.NaN)))}–${pct(Math.max(...in2019.map((x) => x.edge1Pct ?? Number.NaN)))} (1 bp/pp).`;
  const rolling =
    `${w.length} windows of ${r.rolling.windowYears} years: ${n('identified')} identified, ${n('weak')} weak, ${n('not-identified')} not identified (mostly the abundant years, when the spread barely responds to reserves).` +
    (last === undefined ? '' : ` Latest identified window ${last.from} … ${last.to}: 1 bp/pp at ${pct(last.edge1Pct)}, 2 bp/pp at ${pct(last.edge2Pct)} of GDP.`) +
    edge2019;
  return { residual, rolling };
}

const statusText = (w: RollingWindowDto): string => (w.status === 'identified' ? 'identified' : w.status === 'weak' ? 'weak' : 'not identified');

export function FairValuePanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [windowYears, setWindowYears] = useState<number>(2);
  const [data] = useAsync(() => api('fairvalue:get', { windowYears }), [windowYears]);
  const group = useMemo(() => new ChartGroup('fairvalue'), []);
  const edgeGroup = useMemo(() => new ChartGroup('fairvalue-edges'), []);
  const specs = useMemo(() => (data.status === 'ready' ? fairValueSpecs(data.value) : null), [data]);
  if (data.status === 'error') return <div className="state error">Could not compute fair value: {data.error}</div>;
  if (data.status === 'loading' || specs === null) return <div className="state">Fitting the demand curve on the store’s history…</div>;
  const r = data.value;
  const sum = fairValueSummary(r);
  const [spreads, residuals, edges] = specs;
  return (
    <div className="fairvalue" data-fairvalue>
      <p data-summary="fairvalue-residual">
        <strong>Residual:</strong> {sum.residual}
      </p>
      <p data-summary="fairvalue-rolling">
        <strong>Rolling fit:</strong> {sum.rolling}
      </p>
      <p className="muted">
        Curve: {r.curve.label}; β {r.curve.beta.toFixed(3)} bp, γ {r.curve.gamma.toFixed(4)} per pp, RMSE {r.curve.rmseBp.toFixed(2)} bp. The curve is fitted on EFFR − IORB, so SOFR’s residual also carries its usual gap to fed funds.
      </p>
      <div className="toolbar">
        <label>
          Rolling window{' '}
          <select value={windowYears} onChange={(e) => setWindowYears(Number(e.target.value))} data-input="fairvalue-window">
            {WINDOW_YEARS.map((y) => (
              <option key={y} value={y}>
                {y} {y === 1 ? 'year' : 'years'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="charts">
        {spreads && <TimeChart spec={spreads} group={group} themeKey={themeKey} onStatus={onStatus} height={260} />}
        {residuals && <TimeChart spec={residuals} group={group} themeKey={themeKey} onStatus={onStatus} height={220} />}
        {edges && <TimeChart spec={edges} group={edgeGroup} themeKey={themeKey} onStatus={onStatus} height={240} />}
      </div>
      <table data-table="fairvalue-quarters">
        <caption>Mean residual by quarter, bp (actual − implied; positive = above fair value)</caption>
        <thead>
          <tr>
            <th scope="col">quarter</th>
            <th scope="col" className="num">weeks</th>
            <th scope="col" className="num">EFFR − IORB</th>
            <th scope="col" className="num">implied</th>
            <th scope="col" className="num">EFFR residual</th>
            <th scope="col" className="num">SOFR − IORB</th>
            <th scope="col" className="num">SOFR residual</th>
          </tr>
        </thead>
        <tbody>
          {r.quarters.map((q) => (
            <tr key={q.quarter} data-row={q.quarter}>
              <td>{q.quarter}</td>
              <td className="num">{q.effr.n}</td>
              <td className="num">{sbp(q.effr.meanActualBp, 2)}</td>
              <td className="num">{sbp(q.effr.meanImpliedBp, 2)}</td>
              <td className="num" data-cell="effr-resid">{sbp(q.effr.meanBp, 2)}</td>
              <td className="num">{sbp(q.sofr.meanActualBp, 2)}</td>
              <td className="num" data-cell="sofr-resid">{sbp(q.sofr.meanBp, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-table="fairvalue-windows">
        <caption>Rolling {r.rolling.windowYears}-year fits: parameters and ample edges (% of GDP, ± delta-method SE, a lower bound; * outside the window’s own range)</caption>
        <thead>
          <tr>
            <th scope="col">window</th>
            <th scope="col" className="num">weeks</th>
            <th scope="col" className="num">reserves/GDP range</th>
            <th scope="col">status</th>
            <th scope="col" className="num">β (bp)</th>
            <th scope="col" className="num">γ (per pp)</th>
            <th scope="col" className="num">1 bp/pp edge</th>
            <th scope="col" className="num">2 bp/pp edge</th>
            <th scope="col">why</th>
          </tr>
        </thead>
        <tbody>
          {[...r.rolling.windows].reverse().map((w) => (
            <tr key={w.from + w.to} data-window={w.to} data-status={w.status}>
              <td>
                {w.from} … {w.to}
              </td>
              <td className="num">{w.weeks}</td>
              <td className="num">{w.xMinPct === null || w.xMaxPct === null ? '—' : `${w.xMinPct.toFixed(2)}–${w.xMaxPct.toFixed(2)}%`}</td>
              <td>{statusText(w)}</td>
              <td className="num">{w.beta === null ? '—' : w.beta.toFixed(2)}</td>
              <td className="num">{w.gamma === null ? '—' : `${w.gamma.toFixed(3)}${w.gammaSe === null ? '' : ` ± ${w.gammaSe.toFixed(3)}`}`}</td>
              <td className="num" data-cell="edge1">{w.edge1Pct === null ? '—' : `${pct(w.edge1Pct)}${w.edge1SePp === null ? '' : ` ± ${w.edge1SePp.toFixed(2)}`}${w.edge1InSample ? '' : '*'}`}</td>
              <td className="num" data-cell="edge2">{w.edge2Pct === null ? '—' : `${pct(w.edge2Pct)}${w.edge2SePp === null ? '' : ` ± ${w.edge2SePp.toFixed(2)}`}${w.edge2InSample ? '' : '*'}`}</td>
              <td className="muted">{w.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
