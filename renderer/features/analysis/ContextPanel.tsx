/**
 * Market and repo context (issue 13 §5), labelled context, not causation: net liquidity against the
 * 10- and 2-year yields, the broad dollar, the S&P 500, M2 and the bitcoin and gold proxies (rebased,
 * log scale), the rolling correlation of weekly changes (window chosen), a lead/lag table, the "QE lifts
 * gold and bitcoin" claim as a split anyone can check, and the repo market by segment beside SOFR.
 */
import { useMemo, useState } from 'react';
import { ChartGroup } from '../../charts/chart-group.js';
import { joinOnDates, type ChartSeries, type ChartSpec } from '../../charts/chart-spec.js';
import { colorFor, OKABE_ITO } from '../../charts/palette.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { footerFor, loadSeries, type SeriesMap } from '../../app/series-data.js';
import {
  changes,
  CONTEXT_ASSETS,
  CONTEXT_CAVEAT,
  CONTEXT_LAGS,
  CONTEXT_WINDOWS,
  contextReport,
  NL_INPUT_IDS,
  NL_LABEL,
  REPO_RATE_IDS,
  REPO_VOLUME_IDS,
  rollingCorrelation,
  weeklyGrid,
  type ContextReport,
} from '../../../shared/compute/context.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { SeriesDataDto } from '../../../shared/ipc/contract.js';
import type { AnalysisPanelProps } from './tabs.js';

const FROM_CHOICES: readonly { readonly from: string; readonly label: string }[] = [
  { from: '2016-01-06', label: 'since 2016 (every series present)' },
  { from: '2020-03-04', label: 'since March 2020 (pandemic QE)' },
  { from: '2022-06-01', label: 'since QT start (2022-06-01)' },
];
const ASSET_COLOR: Readonly<Record<string, string>> = { DGS10: OKABE_ITO[0], DGS2: OKABE_ITO[5], DTWEXBGS: OKABE_ITO[2], SP500: OKABE_ITO[4], WM2NS: OKABE_ITO[1], BTC_USD_PROXY: OKABE_ITO[3], GLD_PROXY: '#8a6d00' };
const ALL_IDS = [...NL_INPUT_IDS, ...CONTEXT_ASSETS.map((a) => a.id), ...REPO_VOLUME_IDS.map(([id]) => id), ...REPO_RATE_IDS.map(([id]) => id)];

const r2 = (r: number | null): string => (r === null ? '—' : (Math.round(r * 100) / 100).toFixed(2).replace('-', '−'));
const pct = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}%`);

export function contextSpecs(m: SeriesMap, from: IsoDate, window: number): { specs: ChartSpec[]; repo: ChartSpec[]; report: ContextReport } {
  const get = (id: string): SeriesDataDto | undefined => m.get(id);
  const g = weeklyGrid(get, from);
  const report = contextReport(get, { from, window });
  const x = g.weeks;
  const rebase = (v: readonly number[]): (number | null)[] => {
    const base = v.find((q) => Number.isFinite(q) && q > 0);
    return v.map((q) => (base === undefined || !Number.isFinite(q) || q <= 0 ? null : (100 * q) / base));
  };
  const nlFoot = footerFor(m, [...NL_INPUT_IDS], 'Federal Reserve H.4.1, NY Fed via FRED');
  const levels = CONTEXT_ASSETS.filter((a) => a.change === 'log');
  const rebased: ChartSpec = {
    key: 'context-rebased',
    title: `Net liquidity and markets, rebased to 100 at the first week (log scale) — context, not causation`,
    unitLabel: 'index, first week = 100',
    x,
    log: true,
    series: [
      { id: 'NL', label: 'Net liquidity (Wed)', unit: 'index', color: colorFor('NL'), values: rebase(g.nl), width: 2.2, conversion: NL_LABEL },
      ...levels.map((a): ChartSeries => ({ id: a.id, label: a.proxy ? `${a.label} [proxy]` : a.label, unit: 'index', color: ASSET_COLOR[a.id] ?? '#999999', values: rebase(g.assets[a.id] ?? []), conversion: `as of each Wednesday${a.proxy ? `; ${a.proxy}` : ''}` })),
    ],
    footer: [...footerFor(m, [...NL_INPUT_IDS, ...levels.map((a) => a.id)], 'Federal Reserve H.4.1, NY Fed, FRED (H.10, H.6, S&P), Yahoo (BTC-USD, GLD proxies)'), CONTEXT_CAVEAT],
  };
  const yields: ChartSpec = {
    key: 'context-yields',
    title: 'Net liquidity (left, $bn) against the 10- and 2-year Treasury yields (right, %)',
    unitLabel: '$bn | %',
    axisLabels: { left: '$bn', right: '%' },
    x,
    series: [
      { id: 'NL', label: 'Net liquidity (Wed)', unit: 'usd_bn', color: colorFor('NL'), values: g.nl.map((v) => (Number.isFinite(v) ? v : null)), width: 2, conversion: NL_LABEL },
      ...CONTEXT_ASSETS.filter((a) => a.change === 'diff').map((a): ChartSeries => ({ id: a.id, label: a.label, unit: 'percent', color: ASSET_COLOR[a.id] ?? '#999999', values: (g.assets[a.id] ?? []).map((v) => (Number.isFinite(v) ? v : null)), axis: 'right', conversion: 'as of each Wednesday' })),
    ],
    footer: [...nlFoot, CONTEXT_CAVEAT],
  };
  const dnl = changes(g.nl, 'level');
  const rolling: ChartSpec = {
    key: 'context-rolling',
    title: `Rolling ${window}-week correlation of weekly changes with Δ net liquidity`,
    unitLabel: 'correlation',
    x,
    refLines: [{ value: 0, label: '0' }],
    series: CONTEXT_ASSETS.map((a): ChartSeries => ({
      id: a.id,
      label: a.proxy ? `${a.label} [proxy]` : a.label,
      unit: 'ratio',
      color: ASSET_COLOR[a.id] ?? '#999999',
      values: rollingCorrelation(dnl, changes(g.assets[a.id] ?? [], a.change), window).map((v) => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null)),
      conversion: a.change === 'diff' ? 'Δ in bp' : 'Δ log, %',
    })),
    footer: [`Weekly changes: net liquidity in $bn; yields in bp; levels and prices as log changes. A window needs 80% of its weeks with both values.`, CONTEXT_CAVEAT],
  };
  const repoSpec = (key: string, title: string, ids: readonly (readonly [string, string])[], unit: 'usd_bn' | 'percent'): ChartSpec => {
    const j = joinOnDates(ids.map(([id]) => m.get(id) ?? { dates: [], values: [] }));
    return {
      key,
      title,
      unitLabel: unit === 'usd_bn' ? '$bn' : '% p.a.',
      x: j.x,
      series: ids.map(([id, label], i): ChartSeries => ({ id, label, unit, color: id.startsWith('SOFR') ? colorFor('SOFR') : (OKABE_ITO[[0, 2, 4][i] ?? 5] ?? '#999999'), values: j.columns[i] ?? [], width: id.startsWith('SOFR') ? 1.8 : 1.3 })),
      footer: footerFor(m, ids.map(([id]) => id), 'OFR Short-term Funding Monitor (bundled, to 2025-01; no live client yet), NY Fed SOFR'),
    };
  };
  return {
    specs: [rebased, yields, rolling],
    repo: [repoSpec('repo-volumes', 'Repo volumes by segment (OFR) beside SOFR volume (NY Fed)', REPO_VOLUME_IDS, 'usd_bn'), repoSpec('repo-rates', 'Repo rates by segment (OFR, overnight) beside SOFR', REPO_RATE_IDS, 'percent')],
    report,
  };
}

export function ContextPanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [data] = useAsync(() => loadSeries(ALL_IDS, '2014-01-01'), []);
  const [from, setFrom] = useState<string>(FROM_CHOICES[0]?.from ?? '2016-01-06');
  const [window, setWindow] = useState(26);
  const group = useMemo(() => new ChartGroup('context'), []);
  const repoGroup = useMemo(() => new ChartGroup('context-repo'), []);
  const view = useMemo(() => (data.status === 'ready' ? contextSpecs(data.value, from as IsoDate, window) : null), [data, from, window]);
  if (data.status === 'error') return <div className="state error">Could not read the store: {data.error}</div>;
  if (view === null) return <div className="state">Loading the store…</div>;
  const { report } = view;
  return (
    <div className="context" data-context>
      <p className="warn" data-caveat>
        <strong>Context, not causation.</strong> {CONTEXT_CAVEAT.replace(/^Context, not causation: /, '')} Bitcoin and gold are proxies: Yahoo BTC-USD and the GLD ETF.
      </p>
      <div className="toolbar">
        <label>
          Sample{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value)} data-input="context-from">
            {FROM_CHOICES.map((c) => (
              <option key={c.from} value={c.from}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rolling window{' '}
          <select value={window} onChange={(e) => setWindow(Number(e.target.value))} data-input="context-window">
            {CONTEXT_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w} weeks
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {report.from} … {report.to ?? '—'}, {report.weeks} weeks
        </span>
      </div>
      <table data-table="lead-lag">
        <caption>Correlation of weekly changes with Δ net liquidity; lead/lag in weeks (NL leads k: Δ net liquidity in week t against the asset's change in week t + k)</caption>
        <thead>
          <tr>
            <th scope="col">series</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              full sample
            </th>
            <th scope="col" className="num">
              last {report.window} wk
            </th>
            {CONTEXT_LAGS.map((k) => (
              <th key={k} scope="col" className="num">
                {k === 0 ? 'same week' : k > 0 ? `NL leads ${k}` : `NL lags ${-k}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.id} data-row={r.id}>
              <td>{r.proxy ? `${r.label} [proxy]` : r.label}</td>
              <td className="num">{r.full.n}</td>
              <td className="num" data-cell="full">
                {r2(r.full.r)}
              </td>
              <td className="num" title={r.latestRolling ? `window ending ${r.latestRolling.week}` : ''}>
                {r2(r.latestRolling?.r ?? null)}
              </td>
              {r.leadLag.map((l) => (
                <td key={l.lag} className="num" data-lag={l.lag}>
                  {r2(l.r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table data-table="claim">
        <caption>
          The claim "QE lifts gold and bitcoin", made checkable (not endorsed): the sample in {report.claim[0]?.blockWeeks ?? 13}-week blocks; each asset's mean log return in blocks where net liquidity rose and where it fell
        </caption>
        <thead>
          <tr>
            <th scope="col">asset</th>
            <th scope="col" className="num">
              blocks NL rose
            </th>
            <th scope="col" className="num">
              mean return
            </th>
            <th scope="col" className="num">
              blocks NL fell
            </th>
            <th scope="col" className="num">
              mean return
            </th>
          </tr>
        </thead>
        <tbody>
          {report.claim.map((c) => (
            <tr key={c.assetId} data-claim={c.assetId}>
              <td>{CONTEXT_ASSETS.find((a) => a.id === c.assetId)?.label ?? c.assetId}</td>
              <td className="num">{c.rose.n}</td>
              <td className="num">{pct(c.rose.meanPct)}</td>
              <td className="num">{c.fell.n}</td>
              <td className="num">{pct(c.fell.meanPct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="charts">
        {view.specs.map((s) => (
          <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={240} />
        ))}
      </div>
      <h3>Repo market by segment</h3>
      <div className="charts">
        {view.repo.map((s) => (
          <TimeChart key={s.key} spec={s} group={repoGroup} themeKey={themeKey} onStatus={onStatus} height={220} />
        ))}
      </div>
    </div>
  );
}
