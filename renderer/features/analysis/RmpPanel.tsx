/**
 * RMP tracker (issue 13 §1): the Fed's bill purchase operations (is_rmp) one by one, by week and by
 * month, cumulative since 2025-12-12 against the announced pace (the "Fed RMP" preset) and the Scenario
 * lab's schedule, the MBS paydowns beside them, and bills held outright where the data has it. The
 * numbers are shared/compute/rmp-tracker.ts, the same `npm run cli -- rmp` prints.
 */
import { useMemo } from 'react';
import { ChartGroup } from '../../charts/chart-group.js';
import { joinOnDates, type ChartSpec } from '../../charts/chart-spec.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { footerFor, loadSeries, type SeriesMap } from '../../app/series-data.js';
import { useUi } from '../../app/ui-store.js';
import { moneyPrecise, pctOf } from '../../format.js';
import { findPreset } from '../../../shared/compute/presets.js';
import type { RmpStep } from '../../../shared/compute/projection.js';
import { billsShareOfSoma, monthEnd, rmpOperations, rmpTracker, RMP_START, type RmpTracker } from '../../../shared/compute/rmp-tracker.js';
import { seriesOf, type Series } from '../../../shared/compute/series.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { AnalysisPanelProps } from './tabs.js';

export const RMP_SERIES_IDS = ['RMP_BILLS_ACCEPTED', 'RMP_BILLS_SUBMITTED', 'RMP_BILLS_SETTLED', 'TREAST', 'WSHOMCB', 'WSHOBL'] as const;
const OPS_SOURCE = 'NY Fed outright Treasury operation results (is_rmp), bundled from heliar-k/market-base';
const H41 = 'Federal Reserve H.4.1 via FRED';

const toSeries = (m: SeriesMap, id: string): Series => {
  const s = m.get(id);
  return s ? seriesOf([...s.dates], [...s.values]) : seriesOf([], []);
};
const day = (d: string): number => epochDay(d as IsoDate);

export interface RmpView {
  readonly tracker: RmpTracker;
  readonly scenario: { readonly name: string; readonly schedule: readonly RmpStep[]; readonly months: readonly { month: string; cumulativeBn: number }[] } | null;
  readonly specs: readonly ChartSpec[];
  readonly gap: string;
}

export function rmpView(m: SeriesMap, scenario: { name: string; schedule: readonly RmpStep[] } | null): RmpView | string {
  const ops = rmpOperations(toSeries(m, 'RMP_BILLS_ACCEPTED'), toSeries(m, 'RMP_BILLS_SUBMITTED'), toSeries(m, 'RMP_BILLS_SETTLED'));
  if (!ops.ok) return ops.error;
  if (ops.value.length === 0) return 'No reserve-management operations in the store (RMP_BILLS_ACCEPTED is empty). Sync or reseed from the offline snapshot.';
  const pace = findPreset('Fed RMP')?.overrides.rmpSchedule ?? [];
  const treast = toSeries(m, 'TREAST');
  const wshomcb = toSeries(m, 'WSHOMCB');
  const t = rmpTracker(ops.value, pace, { treast, wshomcb });
  const sc = scenario === null ? null : { name: scenario.name, schedule: scenario.schedule, months: rmpTracker(ops.value, scenario.schedule).months.map((x) => ({ month: x.month, cumulativeBn: x.paceCumulativeBn })) };
  const share = billsShareOfSoma(toSeries(m, 'WSHOBL'), treast, wshomcb);
  const lastTreast = treast.dates.length > 0 ? new Date((treast.dates[treast.dates.length - 1] ?? 0) * 86_400_000).toISOString().slice(0, 10) : 'n/a';
  const gap = share.length === 0 ? 'No bills held outright (WSHOBL) in the store.' : `WSHOBL exists offline only ${share[0]?.date ?? ''} … ${share.at(-1)?.date ?? ''}: nothing from then to ${lastTreast}, so the bills share of SOMA in the RMP era is not known offline (sync FRED to fill it).`;

  const weekly = joinOnDates([
    { dates: t.weeks.map((w) => day(w.weekEnding)), values: t.weeks.map((w) => w.acceptedBn) },
    { dates: t.mbs.map((w) => day(w.weekEnding)), values: t.mbs.map((w) => w.paydownBn) },
  ]);
  const weeklySpec: ChartSpec = {
    key: 'rmp-weekly',
    title: 'Fed bill purchases per week (settlement, Thu–Wed) and MBS paydowns',
    unitLabel: '$bn',
    x: weekly.x,
    series: [
      { id: 'RMP_BILLS_SETTLED', label: 'Bill purchases settled in the week (RMP_BILLS_SETTLED)', unit: 'usd_bn', color: '#0072B2', style: 'bars', values: weekly.columns[0] ?? [], conversion: 'is_rmp accepted_b, already $bn' },
      { id: 'mbs-paydown', label: 'MBS paydown, −Δ WSHOMCB', unit: 'usd_bn', color: '#E69F00', style: 'step', values: weekly.columns[1] ?? [] },
    ],
    footer: footerFor(m, ['RMP_BILLS_SETTLED', 'WSHOMCB'], `${OPS_SOURCE}; ${H41}`),
  };

  const monthDays = t.months.map((x) => day(monthEnd(x.month)));
  const cumOps: number[] = [];
  let run = 0;
  for (const o of t.operations) cumOps.push((run += o.acceptedBn));
  const est = t.months.filter((x) => x.rmpEstimateCumulativeBn !== null);
  const cum = joinOnDates([
    { dates: t.operations.map((o) => day(o.date)), values: cumOps.map((v) => Math.round(v * 1000) / 1000) },
    { dates: est.map((x) => day(monthEnd(x.month))), values: est.map((x) => x.rmpEstimateCumulativeBn ?? 0) },
    { dates: monthDays, values: t.months.map((x) => x.paceCumulativeBn) },
    ...(sc ? [{ dates: monthDays, values: sc.months.map((x) => x.cumulativeBn) }] : []),
  ]);
  const cumSpec: ChartSpec = {
    key: 'rmp-cumulative',
    title: `Cumulative since ${RMP_START}: purchases, RMP proper (est.) and the announced pace`,
    unitLabel: '$bn',
    x: cum.x,
    series: [
      { id: 'RMP_BILLS_ACCEPTED', label: 'Purchases, cumulative by trade date (RMP_BILLS_ACCEPTED)', unit: 'usd_bn', color: '#0072B2', style: 'step', values: cum.columns[0] ?? [] },
      { id: 'rmp-estimate', label: 'RMP proper (est.: purchases − MBS paydowns), month-ends', unit: 'usd_bn', color: '#009E73', values: cum.columns[1] ?? [] },
      { id: 'pace-fed-rmp', label: 'Announced pace ("Fed RMP" preset), month-ends', unit: 'usd_bn', color: '#D55E00', style: 'dash', values: cum.columns[2] ?? [] },
      ...(sc ? [{ id: 'pace-scenario', label: `Scenario lab: ${sc.name}, month-ends`, unit: 'usd_bn', color: '#CC79A7', style: 'dash' as const, values: cum.columns[3] ?? [] }] : []),
    ],
    footer: [...footerFor(m, ['RMP_BILLS_ACCEPTED', 'WSHOMCB'], `${OPS_SOURCE}; ${H41}`), `Pace: ${findPreset('Fed RMP')?.source ?? ''}`],
  };

  const tsy = joinOnDates([
    { dates: t.mbs.map((w) => day(w.weekEnding)), values: t.mbs.map((w) => w.treasuryChangeBn) },
    { dates: t.mbs.map((w) => day(w.weekEnding)), values: t.mbs.map((w) => w.rmpSettledBn) },
    { dates: t.mbs.map((w) => day(w.weekEnding)), values: t.mbs.map((w) => w.impliedReinvestBn) },
  ]);
  const tsySpec: ChartSpec = {
    key: 'rmp-treasuries',
    title: 'Treasuries held: weekly change against the operations settled',
    unitLabel: '$bn',
    x: tsy.x,
    series: [
      { id: 'TREAST', label: 'Δ Treasuries held (Δ TREAST, Wednesday level)', unit: 'usd_bn', color: '#56B4E9', style: 'bars', values: tsy.columns[0] ?? [] },
      { id: 'ops-settled', label: 'Bill operations settled (RMP_BILLS_SETTLED)', unit: 'usd_bn', color: '#0072B2', style: 'step', values: tsy.columns[1] ?? [] },
      { id: 'outside-ops', label: 'Outside the operations (Δ TREAST − settled)', unit: 'usd_bn', color: '#D55E00', style: 'step', values: tsy.columns[2] ?? [] },
    ],
    footer: [...footerFor(m, ['TREAST', 'RMP_BILLS_SETTLED'], `${H41}; ${OPS_SOURCE}`), 'Δ TREAST ≈ the operations: the MBS reinvestment into bills is inside them, not on top.'],
  };

  const held = joinOnDates([
    { dates: share.map((x) => day(x.date)), values: share.map((x) => x.billsBn) },
    { dates: share.map((x) => day(x.date)), values: share.map((x) => x.sharePct) },
  ]);
  const heldSpec: ChartSpec = {
    key: 'rmp-bills-held',
    title: 'Bills held outright (WSHOBL) and their share of SOMA securities, where the data exists',
    unitLabel: '$bn · %',
    axisLabels: { left: '$bn', right: '% of SOMA' },
    x: held.x,
    series: [
      { id: 'WSHOBL', label: 'Bills held outright (WSHOBL)', unit: 'usd_bn', color: '#0072B2', values: held.columns[0] ?? [] },
      { id: 'bills-share', label: 'Bills / (TREAST + WSHOMCB)', unit: 'percent', color: '#E69F00', axis: 'right', values: held.columns[1] ?? [] },
    ],
    footer: [...footerFor(m, ['WSHOBL', 'TREAST', 'WSHOMCB'], 'Fed Data Download Program (H.4.1) and FRED'), gap],
  };
  return { tracker: t, scenario: sc, specs: [weeklySpec, cumSpec, tsySpec, heldSpec], gap };
}

export function RmpPanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [data] = useAsync(() => loadSeries(RMP_SERIES_IDS, '2021-01-01'), []);
  const lab = useUi('lab');
  const group = useMemo(() => new ChartGroup('rmp'), []);
  const scenario = useMemo(() => (lab ? { name: lab.presetName, schedule: lab.steps.map((s) => ({ from: s.from, perMonthBn: s.perMonthBn })) } : null), [lab]);
  const view = useMemo(() => (data.status === 'ready' ? rmpView(data.value, scenario) : null), [data, scenario]);
  if (data.status === 'loading') return <div className="state">Loading the store…</div>;
  if (data.status === 'error') return <div className="state error">Could not read the store: {data.error}</div>;
  if (view === null) return <div className="state">Loading the store…</div>;
  if (typeof view === 'string') return <div className="state error">{view}</div>;
  const t = view.tracker;
  const sc = new Map((view.scenario?.months ?? []).map((x) => [x.month, x.cumulativeBn]));
  const est = t.rmpEstimateThroughLastCompleteMonthBn;
  return (
    <div className="analysis-rmp" data-rmp>
      <p data-summary="rmp">
        <strong>
          {t.operations.length} operations {t.firstDate} … {t.lastDate}: {moneyPrecise(t.totalAcceptedBn)} bought of {moneyPrecise(t.totalSubmittedBn)} offered.
        </strong>{' '}
        Through {t.lastCompleteMonth} (last complete month): {moneyPrecise(t.acceptedThroughLastCompleteMonthBn)} bought = MBS paydowns {t.paydownsThroughLastCompleteMonthBn === null ? '—' : moneyPrecise(t.paydownsThroughLastCompleteMonthBn)} + RMP proper (est.) {est === null ? '—' : moneyPrecise(est)}, against an announced RMP pace of {moneyPrecise(t.paceThroughLastCompleteMonthBn)}
        {est === null || t.paceThroughLastCompleteMonthBn === 0 ? '' : ` (${pctOf((est / t.paceThroughLastCompleteMonthBn) * 100)} of it)`}.
      </p>
      <p className="muted">
        The NY Fed buys the reinvested MBS principal in the same operations as the RMPs and the file does not split them: Treasuries held rose by the operations (not by the operations plus the paydowns), so the RMP proper is estimated as purchases − MBS paydowns. Pace: $40bn a month from 2025-12, $20bn from 2026-05 (the &ldquo;Fed RMP&rdquo; preset; the lower pace is an assumption).{' '}
        {view.scenario
          ? `Scenario lab's active scenario: ${view.scenario.name} (${view.scenario.schedule.length === 0 ? 'no RMP' : view.scenario.schedule.map((x) => `$${x.perMonthBn}bn/month from ${x.from}`).join(', ')}).`
          : 'Scenario lab unchanged: its default is the "Fed RMP" preset, which the pace line shows.'}
      </p>
      <div className="charts">
        {view.specs.map((s) => (
          <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={220} />
        ))}
      </div>
      <p className="muted" data-gap="wshobl">
        {view.gap}
      </p>
      <table data-table="rmp-months">
        <caption>By month (trade date), $bn</caption>
        <thead>
          <tr>
            <th scope="col">month</th>
            <th scope="col" className="num">ops</th>
            <th scope="col" className="num">bought</th>
            <th scope="col" className="num">cumulative</th>
            <th scope="col" className="num">MBS paydown</th>
            <th scope="col" className="num">RMP (est.)</th>
            <th scope="col" className="num">RMP cum. (est.)</th>
            <th scope="col" className="num">pace cum.</th>
            {view.scenario ? <th scope="col" className="num">scenario cum.</th> : null}
            <th scope="col">note</th>
          </tr>
        </thead>
        <tbody>
          {t.months.map((x) => (
            <tr key={x.month} data-month={x.month}>
              <td>{x.month}</td>
              <td className="num">{x.operations}</td>
              <td className="num">{moneyPrecise(x.acceptedBn)}</td>
              <td className="num">{moneyPrecise(x.cumulativeBn)}</td>
              <td className="num">{x.mbsPaydownBn === null ? '—' : moneyPrecise(x.mbsPaydownBn)}</td>
              <td className="num">{x.rmpEstimateBn === null ? '—' : moneyPrecise(x.rmpEstimateBn)}</td>
              <td className="num">{x.rmpEstimateCumulativeBn === null ? '—' : moneyPrecise(x.rmpEstimateCumulativeBn)}</td>
              <td className="num">{moneyPrecise(x.paceCumulativeBn)}</td>
              {view.scenario ? <td className="num">{moneyPrecise(sc.get(x.month) ?? 0)}</td> : null}
              <td>{x.partial ? 'partial month' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-table="rmp-operations">
        <caption>Each operation (NY Fed results), $bn</caption>
        <thead>
          <tr>
            <th scope="col">trade date</th>
            <th scope="col">settlement</th>
            <th scope="col" className="num">accepted</th>
            <th scope="col" className="num">submitted</th>
            <th scope="col" className="num">cover</th>
          </tr>
        </thead>
        <tbody>
          {[...t.operations].reverse().map((o) => (
            <tr key={o.date} data-op={o.date}>
              <td>{o.date}</td>
              <td>{o.settlementDate}</td>
              <td className="num">{moneyPrecise(o.acceptedBn)}</td>
              <td className="num">{moneyPrecise(o.submittedBn)}</td>
              <td className="num">{(o.submittedBn / o.acceptedBn).toFixed(2)}×</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
