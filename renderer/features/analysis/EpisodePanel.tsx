/**
 * "Is this 2019 again?" (issue 13 §3): 2019 against 2025–26 in days from a chosen event (QT end, the
 * repo/SRF spike, or dates), five linked charts, the key facts read from the data, both episodes at
 * fixed offsets (what `npm run cli -- episode` prints), and the rate corridor back to 2008.
 */
import { useMemo, useState } from 'react';
import { ChartGroup } from '../../charts/chart-group.js';
import { joinOnDates, offsetText, type ChartSeries, type ChartSpec } from '../../charts/chart-spec.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { useAsync } from '../../app/use-async.js';
import { footerFor, loadSeries, type SeriesMap } from '../../app/series-data.js';
import { api } from '../../api/client.js';
import { bpText, moneyPrecise, pctOf } from '../../format.js';
import { corridorSpec } from '../monitor/monitor-specs.js';
import { EPISODE_METRICS, EPISODE_OFFSETS, EPISODE_SERIES_IDS, EPISODES, episodeLines, episodeReport, keyFacts, parseAlign, RESERVES_GDP_KEY, type EpisodeAlign, type EpisodeLine, type MetricDef } from '../../../shared/compute/episode.js';
import type { SeriesDataDto } from '../../../shared/ipc/contract.js';
import type { AnalysisPanelProps } from './tabs.js';

const CORRIDOR_IDS = ['DFEDTARU', 'DFEDTARL', 'IORB', 'IOER', 'RRPONTSYAWARD', 'SOFR99', 'SOFR1', 'SOFR', 'TGCR', 'EFFR'] as const;
const CORRIDOR_FROM = '2008-10-01';
/** 2019 dashed sky blue, 2025–26 solid vermillion: told apart by line style as well as colour. */
const EPISODE_LOOK = { '2019': { color: '#56B4E9', style: 'dash' as const }, '2025': { color: '#D55E00', style: 'line' as const } };

interface Loaded {
  readonly series: SeriesMap;
  readonly corridor: SeriesMap;
}

async function load(): Promise<Loaded> {
  const [series, ratio, corridor] = await Promise.all([
    loadSeries([...EPISODE_SERIES_IDS, 'WRESBAL', 'GDP'], '2018-01-01'),
    api('formula:eval', { source: RESERVES_GDP_KEY }).catch(() => null),
    loadSeries(CORRIDOR_IDS, CORRIDOR_FROM),
  ]);
  const m = new Map(series);
  if (ratio !== null) {
    const dto: SeriesDataDto = { id: RESERVES_GDP_KEY, title: 'Reserves / GDP (GDP as known then)', unit: ratio.unit, conversion: `formula ${ratio.formula}`, basis: 'week_avg', frequency: 'W', dates: ratio.dates, values: ratio.values };
    m.set(RESERVES_GDP_KEY, dto);
  }
  return { series: m, corridor };
}

const fmt = (unit: MetricDef['unit'], v: number | null): string => (unit === 'bp' ? bpText(v) : unit === 'percent' ? pctOf(v) : v === null ? '—' : moneyPrecise(v));
const SOURCES: Readonly<Record<MetricDef['id'], { ids: string[]; source: string }>> = {
  reservesGdp: { ids: ['WRESBAL', 'GDP'], source: 'Federal Reserve H.4.1, BEA via FRED; GDP first-release dates from ALFRED vintages' },
  sofrSpread: { ids: ['SOFR', 'IOER', 'IORB'], source: 'NY Fed SOFR; IOER and IORB via FRED' },
  repo: { ids: ['RPONTSYD', 'RPONTTLD'], source: 'NY Fed repo operation results via FRED' },
  tga: { ids: ['WDTGAL'], source: 'Federal Reserve H.4.1' },
  rrp: { ids: ['RRPONTSYD'], source: 'NY Fed ON RRP operation results via FRED' },
};

export function episodeSpecs(m: SeriesMap, align: EpisodeAlign): ChartSpec[] {
  const lines = episodeLines({ get: (id) => m.get(id) }, align);
  const r = episodeReport({ get: (id) => m.get(id) }, align, [0]);
  return EPISODE_METRICS.map((metric) => {
    const ls = EPISODES.map((e) => lines.find((l) => l.episode === e.id && l.metric === metric.id)).filter((l): l is EpisodeLine => l !== undefined);
    const { x, columns } = joinOnDates(ls.map((l) => ({ dates: l.offsets, values: l.values })));
    const series: ChartSeries[] = ls.map((l, i) => {
      const e = EPISODES.find((ep) => ep.id === l.episode);
      const what = metric.id === 'repo' ? (e?.repoId ?? '') : metric.id === 'sofrSpread' ? `SOFR − ${e?.adminRateId ?? ''}` : '';
      return {
        id: `${metric.id}-${l.episode}`,
        label: `${e?.label ?? l.episode}${what ? ` ${what}` : ''} (day 0 ${r.anchors[l.episode]})`,
        unit: metric.unit,
        color: EPISODE_LOOK[l.episode].color,
        style: EPISODE_LOOK[l.episode].style,
        width: l.episode === '2025' ? 1.8 : 1.5,
        values: columns[i] ?? [],
      };
    });
    const src = SOURCES[metric.id];
    return {
      key: `episode-${metric.id}`,
      title: metric.title,
      unitLabel: metric.unit === 'bp' ? 'bp' : metric.unit === 'percent' ? '% of GDP' : '$bn',
      x,
      series,
      xAxis: 'days-from-event',
      marker: { day: 0, label: `day 0: ${r.align}` },
      // The metric's note once, in words (as a conversion it was shown under an internal key, "repo-2019: …").
      footer: [...(metric.note ? [metric.note] : []), ...footerFor(m, src.ids, src.source, metric.unit === 'bp' ? ['bp'] : []), `x: days from ${r.align} (2019: ${r.anchors['2019']}; 2025–26: ${r.anchors['2025']}).`],
    } satisfies ChartSpec;
  });
}

type AlignChoice = 'qt-end' | 'spike' | 'dates';

export function EpisodePanel({ themeKey, onStatus }: AnalysisPanelProps): React.JSX.Element {
  const [data] = useAsync(load, []);
  const [choice, setChoice] = useState<AlignChoice>('qt-end');
  const [d2019, setD2019] = useState('2019-09-17');
  const [dNow, setDNow] = useState('2025-10-31');
  const alignKey = choice === 'dates' ? `${d2019},${dNow}` : choice;
  const group = useMemo(() => new ChartGroup('episode'), []);
  const view = useMemo(() => {
    if (data.status !== 'ready') return null;
    const align: EpisodeAlign = parseAlign(alignKey) ?? 'qt-end';
    const m = data.value.series;
    const get = (id: string): SeriesDataDto | undefined => m.get(id);
    const corridor = corridorSpec(data.value.corridor);
    return {
      specs: episodeSpecs(m, align),
      report: episodeReport({ get }, align, EPISODE_OFFSETS),
      facts: keyFacts({ get }),
      corridor: { ...corridor, key: 'corridor-2008', title: `Rate corridor since 2008: IOER until 2021-07-28, IORB from 2021-07-29; target range, ON RRP, SOFR, EFFR` } satisfies ChartSpec,
    };
  }, [data, alignKey]);

  if (data.status === 'loading' || view === null) return <div className="state">Loading the store…</div>;
  if (data.status === 'error') return <div className="state error">Could not read the store: {data.error}</div>;
  const { report, facts } = view;
  return (
    <div className="episode" data-episode>
      <div className="toolbar">
        <label>
          Align on{' '}
          <select value={choice} onChange={(e) => setChoice(e.target.value as AlignChoice)} data-input="episode-align" aria-label="Align the episodes on">
            <option value="qt-end">QT end (2019-07-31 / 2025-12-01)</option>
            <option value="spike">repo / SRF spike (2019-09-17 / 2025-10-31)</option>
            <option value="dates">dates I choose</option>
          </select>
        </label>
        {choice === 'dates' ? (
          <>
            <label>
              2019 day 0 <input type="date" value={d2019} min="2019-01-01" max="2020-12-31" onChange={(e) => setD2019(e.target.value)} data-input="episode-2019" />
            </label>
            <label>
              2025–26 day 0 <input type="date" value={dNow} min="2025-01-01" onChange={(e) => setDNow(e.target.value)} data-input="episode-now" />
            </label>
          </>
        ) : null}
        <span className="muted">x axis: days from the event, not dates</span>
      </div>
      <table className="episode-facts" data-table="episode-facts">
        <caption>Key facts, read from the store (not typed in)</caption>
        <thead>
          <tr>
            <th scope="col">fact</th>
            <th scope="col">date</th>
            <th scope="col">value</th>
            <th scope="col">series</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr key={f.id} data-fact={f.id}>
              <td>{f.text}</td>
              <td>{f.date ?? '—'}</td>
              <td className="num">{fmt(f.unit, f.value)}</td>
              <td>{f.seriesId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="episode-offsets" data-table="episode-offsets">
        <caption>
          Both episodes at fixed offsets from {report.align} (2019: {report.anchors['2019']}; 2025–26: {report.anchors['2025']}); each cell the latest observation on or before that day
        </caption>
        <thead>
          <tr>
            <th scope="col">panel</th>
            <th scope="col">episode</th>
            {report.offsets.map((o) => (
              <th key={o} scope="col" className="num">
                {offsetText(o)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.flatMap((row) =>
            EPISODES.map((e) => (
              <tr key={`${row.metric}-${e.id}`} data-row={`${row.metric}-${e.id}`}>
                <td>{e.id === '2019' ? row.title : ''}</td>
                <td>{e.label}</td>
                {(row.episodes[e.id] ?? []).map((c) => (
                  <td key={c.offset} className="num" title={c.date === null ? `no observation within the tolerance of ${c.day}` : `observation of ${c.date} (day ${c.day})`} data-offset={c.offset}>
                    {fmt(row.unit, c.value)}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
      <div className="charts">
        {view.specs.map((s) => (
          <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={220} />
        ))}
      </div>
      <p className="muted">{EPISODES.flatMap((e) => (e.endNote ? [e.endNote] : [])).join(' · ')}. Context, not a forecast: the same distance from QT end is not the same state of the market.</p>
      <div className="charts">
        <TimeChart key={view.corridor.key} spec={view.corridor} themeKey={themeKey} onStatus={onStatus} height={280} />
      </div>
    </div>
  );
}
