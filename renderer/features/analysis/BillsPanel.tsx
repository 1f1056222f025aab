/**
 * Who absorbs the bills (issue 13 §4): net bill issuance (MSPD monthly, auctions weekly), the Fed's
 * bill purchases (the NY Fed operations, RMPs and MBS reinvestment together) and private absorption =
 * net − Fed, by month and calendar year; the Goldman 2026 figures beside the data so far, labelled as
 * an assumption. The numbers are shared/compute/bills-absorption.ts, the same `npm run cli -- bills`.
 */
import { useMemo } from 'react';
import { ChartGroup } from '../../charts/chart-group.js';
import { joinOnDates, type ChartSpec } from '../../charts/chart-spec.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { footerFor, loadSeries, type SeriesMap } from '../../app/series-data.js';
import { moneyPrecise } from '../../format.js';
import { billsAbsorption, type BillsReport } from '../../../shared/compute/bills-absorption.js';
import { monthEnd, rmpOperations } from '../../../shared/compute/rmp-tracker.js';
import { seriesOf, type Series } from '../../../shared/compute/series.js';
import { epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { AnalysisPanelProps } from './tabs.js';

export const BILLS_SERIES_IDS = ['MSPD_BILLS', 'BILLS_NET_ISSUE_M', 'BILLS_NET_ISSUE_W', 'RMP_BILLS_ACCEPTED', 'RMP_BILLS_SUBMITTED', 'RMP_BILLS_SETTLED', 'WSHOMCB'] as const;
/** Months drawn (the 2020 and 2023 swings would dwarf the RMP era; the CLI's --json has every month from 2001). */
const FROM_MONTH = '2024-01';

const toSeries = (m: SeriesMap, id: string): Series => {
  const s = m.get(id);
  return s ? seriesOf([...s.dates], [...s.values]) : seriesOf([], []);
};
const day = (d: string): number => epochDay(d as IsoDate);
const bn1 = (x: number | null): string => (x === null ? '—' : `${x < 0 ? '−' : ''}$${Math.abs(x).toFixed(1)}bn`);

export function billsView(m: SeriesMap): { report: BillsReport; specs: ChartSpec[]; through: string } | string {
  const ops = rmpOperations(toSeries(m, 'RMP_BILLS_ACCEPTED'), toSeries(m, 'RMP_BILLS_SUBMITTED'), toSeries(m, 'RMP_BILLS_SETTLED'));
  if (!ops.ok) return ops.error;
  const mspd = toSeries(m, 'MSPD_BILLS');
  if (mspd.dates.length === 0) return 'No MSPD bills outstanding (MSPD_BILLS) in the store.';
  const settled = toSeries(m, 'RMP_BILLS_SETTLED');
  const rmpThrough = settled.dates.length > 0 ? fromEpochDay(settled.dates[settled.dates.length - 1] ?? 0) : null;
  const r = billsAbsorption({ mspdBills: mspd, auctionMonthly: toSeries(m, 'BILLS_NET_ISSUE_M'), auctionWeekly: toSeries(m, 'BILLS_NET_ISSUE_W'), operations: ops.value, wshomcb: toSeries(m, 'WSHOMCB'), rmpThrough });
  const months = r.months.filter((x) => x.month >= FROM_MONTH && x.netIssuanceBn !== null);
  const withFed = months.filter((x) => x.fedBn !== null);
  const mj = joinOnDates([
    { dates: months.map((x) => day(monthEnd(x.month))), values: months.map((x) => x.netIssuanceBn ?? 0) },
    { dates: withFed.map((x) => day(monthEnd(x.month))), values: withFed.map((x) => x.fedBn ?? 0) },
    { dates: withFed.map((x) => day(monthEnd(x.month))), values: withFed.map((x) => x.privateBn ?? 0) },
  ]);
  const monthly: ChartSpec = {
    key: 'bills-monthly',
    title: 'Net bill issuance, Fed purchases and private absorption by month (dated on the month-end)',
    unitLabel: '$bn',
    x: mj.x,
    series: [
      { id: 'MSPD_BILLS', label: 'Net bill issuance (Δ MSPD bills outstanding)', unit: 'usd_bn', color: '#56B4E9', style: 'bars', values: mj.columns[0] ?? [], conversion: 'month-end change of MSPD bills, published in $mn ÷ 1,000' },
      { id: 'fed-bills', label: 'Fed bill purchases (RMP_BILLS_SETTLED: RMPs + MBS reinvestment)', unit: 'usd_bn', color: '#D55E00', values: mj.columns[1] ?? [] },
      { id: 'private-bills', label: 'Private absorption (net − Fed)', unit: 'usd_bn', color: '#009E73', values: mj.columns[2] ?? [] },
    ],
    footer: [...footerFor(m, ['MSPD_BILLS', 'RMP_BILLS_SETTLED'], 'Treasury MSPD via heliar-k/market-base; NY Fed operation results'), 'Fed purchases are not known offline before 2025-12 (no WSHOBL), so Fed and private start there.'],
  };
  const wj = joinOnDates([
    { dates: r.weeks.map((w) => day(w.weekEnding)), values: r.weeks.map((w) => w.netIssuanceBn) },
    { dates: r.weeks.filter((w) => w.fedBn !== null).map((w) => day(w.weekEnding)), values: r.weeks.filter((w) => w.fedBn !== null).map((w) => w.fedBn ?? 0) },
    { dates: r.weeks.filter((w) => w.privateBn !== null).map((w) => day(w.weekEnding)), values: r.weeks.filter((w) => w.privateBn !== null).map((w) => w.privateBn ?? 0) },
  ]);
  const weekly: ChartSpec = {
    key: 'bills-weekly',
    title: 'By week since QT ended (auctions: issued − maturing, Thu–Wed)',
    unitLabel: '$bn',
    x: wj.x,
    series: [
      { id: 'BILLS_NET_ISSUE_W', label: 'Net bill issuance (BILLS_NET_ISSUE_W, auctions)', unit: 'usd_bn', color: '#56B4E9', style: 'bars', values: wj.columns[0] ?? [] },
      { id: 'fed-bills-w', label: 'Fed bill purchases settled (RMP_BILLS_SETTLED)', unit: 'usd_bn', color: '#D55E00', style: 'step', values: wj.columns[1] ?? [] },
      { id: 'private-bills-w', label: 'Private absorption (net − Fed)', unit: 'usd_bn', color: '#009E73', style: 'step', values: wj.columns[2] ?? [] },
    ],
    footer: footerFor(m, ['BILLS_NET_ISSUE_W', 'RMP_BILLS_SETTLED'], 'Treasury auction results (FiscalData) via heliar-k/market-base; NY Fed operation results'),
  };
  const dt = m.get('MSPD_BILLS');
  const through = dt && dt.dates.length > 0 ? fromEpochDay(dt.dates[dt.dates.length - 1] ?? 0) : 'n/a';
  return { report: r, specs: [monthly, weekly], through };
}

export function BillsPanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [data] = useAsync(() => loadSeries(BILLS_SERIES_IDS, '2000-01-01'), []);
  const group = useMemo(() => new ChartGroup('bills'), []);
  const view = useMemo(() => (data.status === 'ready' ? billsView(data.value) : null), [data]);
  if (data.status === 'loading') return <div className="state">Loading the store…</div>;
  if (data.status === 'error') return <div className="state error">Could not read the store: {data.error}</div>;
  if (view === null) return <div className="state">Loading the store…</div>;
  if (typeof view === 'string') return <div className="state error">{view}</div>;
  const r = view.report;
  const g = r.goldman2026;
  const y26 = r.years.find((y) => y.year === g.year);
  const last = r.months.filter((x) => x.privateBn !== null).at(-1);
  const recent = r.months.filter((x) => x.month >= '2025-01');
  return (
    <div className="analysis-bills" data-bills>
      <p data-summary="bills">
        {last ? (
          <strong>
            {last.month}: net bill issuance {bn1(last.netIssuanceBn)} − Fed purchases {bn1(last.fedBn)} = private absorption {bn1(last.privateBn)}.
          </strong>
        ) : null}{' '}
        Net issuance is the month-end change of MSPD bills outstanding (data through {view.through}); the Fed figure is the NY Fed&rsquo;s bill purchase operations, which carry the RMPs and the reinvested MBS principal together (estimated split in the table).
      </p>
      <table data-table="bills-goldman">
        <caption>2026: the Goldman figures are a full-year assumption from the source articles, not data; the data column is a part-year</caption>
        <thead>
          <tr>
            <th scope="col">2026</th>
            <th scope="col" className="num">Goldman, full year (assumption)</th>
            <th scope="col" className="num">data so far</th>
          </tr>
        </thead>
        <tbody>
          <tr data-row="net">
            <td>net bill issuance</td>
            <td className="num">{moneyPrecise(g.netBillsBn)}</td>
            <td className="num">{y26 ? `${bn1(y26.netIssuanceBn)} (${y26.months} months, through ${y26.throughMonth ?? ''})` : '—'}</td>
          </tr>
          <tr data-row="fed">
            <td>Fed purchases</td>
            <td className="num">{moneyPrecise(g.fedBn)}</td>
            <td className="num">{y26 && y26.fedMonths > 0 ? `${bn1(y26.fedBn)} (${y26.fedMonths} months)` : '—'}</td>
          </tr>
          <tr data-row="private">
            <td>private absorption</td>
            <td className="num">{moneyPrecise(g.privateBn)}</td>
            <td className="num">{y26 && y26.fedMonths > 0 ? `${bn1(y26.privateBn)} (${y26.fedMonths} months)` : '—'}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">{g.source}</p>
      <div className="charts">
        {view.specs.map((s) => (
          <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={240} />
        ))}
      </div>
      <table data-table="bills-months">
        <caption>By month since 2025, $bn</caption>
        <thead>
          <tr>
            <th scope="col">month</th>
            <th scope="col" className="num">net (MSPD)</th>
            <th scope="col" className="num">net (auctions)</th>
            <th scope="col" className="num">Fed</th>
            <th scope="col" className="num">of which MBS (est.)</th>
            <th scope="col" className="num">RMP (est.)</th>
            <th scope="col" className="num">private</th>
            <th scope="col">note</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((x) => (
            <tr key={x.month} data-month={x.month}>
              <td>{x.month}</td>
              <td className="num">{bn1(x.netIssuanceBn)}</td>
              <td className="num">{bn1(x.auctionNetBn)}</td>
              <td className="num">{bn1(x.fedBn)}</td>
              <td className="num">{bn1(x.mbsReinvestBn)}</td>
              <td className="num">{bn1(x.rmpProperBn)}</td>
              <td className="num">{bn1(x.privateBn)}</td>
              <td>{x.month < '2025-12' ? 'Fed not known offline' : !x.fedComplete ? 'Fed data incomplete' : x.netIssuanceBn === null ? 'no MSPD yet' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-table="bills-years">
        <caption>By calendar year since 2019, $bn (a part-year says so)</caption>
        <thead>
          <tr>
            <th scope="col">year</th>
            <th scope="col" className="num">months</th>
            <th scope="col" className="num">net (MSPD)</th>
            <th scope="col" className="num">Fed (months)</th>
            <th scope="col" className="num">private</th>
            <th scope="col">note</th>
          </tr>
        </thead>
        <tbody>
          {r.years
            .filter((y) => y.year >= 2019)
            .map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td>{y.year}</td>
                <td className="num">{y.months}</td>
                <td className="num">{bn1(y.netIssuanceBn)}</td>
                <td className="num">{y.fedMonths === 0 ? '—' : `${bn1(y.fedBn)} (${y.fedMonths})`}</td>
                <td className="num">{y.fedMonths === 0 ? '—' : bn1(y.privateBn)}</td>
                <td>{y.partial ? `part-year through ${y.throughMonth ?? ''}` : ''}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
