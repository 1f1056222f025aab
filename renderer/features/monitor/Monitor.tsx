/** The home screen: tiles for the numbers that matter now, then linked charts. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ChartGroup } from '../../charts/chart-group.js';
import { chartsToPng } from '../../charts/export-png.js';
import { fileStamp, saveBlob } from '../../charts/save.js';
import { TimeChart } from '../../charts/TimeChart.js';
import { presetOf, presetRange, RangeBar } from '../../app/RangeBar.js';
import { getUi, setUi, useUi } from '../../app/ui-store.js';
import { lastOf } from '../../app/series-data.js';
import { loadMonitorSeries } from './monitor-formulas.js';
import { useAsync } from '../../app/use-async.js';
import { corridorSpec, levelWord, MONITOR_IDS, netLiquiditySpec, reservesSpec, spreadsSpec, srfSpec, tgaRrpSpec, tiles } from './monitor-specs.js';
import { api } from '../../api/client.js';
import type { SeriesStatusDto } from '../../../shared/ipc/contract.js';

/** Which store series each tile is computed from, the one its "as of" date follows first. */
const TILE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  reserves: ['WRESBAL'],
  'reserves-gdp': ['WRESBAL', 'GDP'],
  tga: ['TGA_DTS'],
  onrrp: ['RRPONTSYD'],
  srf: ['RPONTTLD'],
  'net-liquidity': ['TGA_DTS', 'WALCL', 'RRPONTSYD'],
  'sofr-iorb': ['SOFR', 'IORB'],
  'effr-range': ['EFFR', 'DFEDTARL', 'DFEDTARU', 'IORB'],
};

interface TileFreshness {
  readonly text: string;
  readonly behind: boolean;
  readonly detail: string;
}

/**
 * A tile's freshness against the release calendar: its main input's word ("up to date", "3 releases
 * behind"), then how many other inputs are behind; the tooltip lists each input's expected date and schedule.
 */
function tileFreshness(key: string, status: ReadonlyMap<string, SeriesStatusDto>): TileFreshness | null {
  const inputs = (TILE_INPUTS[key] ?? []).map((id) => status.get(id)).filter((s): s is SeriesStatusDto => s !== undefined && s.lastDate !== null);
  const [main, ...rest] = inputs;
  if (main === undefined) return null;
  // The other inputs only as a count: the tile stays two lines; the tooltip lists each one.
  const others = rest.filter((s) => (s.releasesBehind ?? 0) > 0).length;
  const behind = inputs.some((s) => (s.releasesBehind ?? 0) > 0);
  const detail = inputs
    .map((s) => `${s.id}: last ${s.lastDate ?? '—'}, expected ${s.expectedLatest ?? '—'}${s.expectedEstimated ? ' (by rule)' : ''} — ${s.freshness}. ${s.schedule ?? ''}`)
    .join('\n');
  return { text: others === 0 ? main.freshness : `${main.freshness} · +${others} input${others === 1 ? '' : 's'} behind`, behind, detail };
}

export function Monitor({ themeKey, onStatus, registerExport }: { themeKey: string; onStatus: (m: string) => void; registerExport: (f: (() => Promise<void>) | null) => void }): React.JSX.Element {
  // The series plus the core's real-time `WRESBAL / GDP` (GDP as known then) for the reserves chart.
  const [data] = useAsync(() => loadMonitorSeries(MONITOR_IDS, '2015-01-01'), []);
  const [catalog] = useAsync(() => api('series:list', {}), []);
  const status = useMemo(() => new Map(catalog.status === 'ready' ? catalog.value.map((s) => [s.id, s] as const) : []), [catalog]);
  const group = useMemo(() => new ChartGroup('monitor'), []);
  const width = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);

  const specs = useMemo(() => (data.status === 'ready' ? [reservesSpec(data.value), netLiquiditySpec(data.value), corridorSpec(data.value), spreadsSpec(data.value), srfSpec(data.value), tgaRrpSpec(data.value)] : []), [data]);
  const lastDay = data.status === 'ready' ? Math.max(...[...data.value.values()].map((s) => lastOf(s)?.day ?? 0)) : 0;

  const firstDay = lastDay - 366 * 12;
  const range = useUi('monitor');
  useEffect(() => {
    if (data.status !== 'ready' || lastDay === 0) return;
    // The range the user left (kept across views and restarts): a preset follows the data, a zoom is
    // kept as it was. First time: the last year, so the 2025 funding pressure is in sight.
    const saved = getUi('monitor');
    const r = saved?.preset ? presetRange(saved.preset, lastDay, firstDay) : (saved?.range ?? presetRange('1Y', lastDay, firstDay));
    const t = setTimeout(() => group.setRange(r), 0);
    return () => clearTimeout(t);
  }, [data.status, lastDay, firstDay, group]);
  useEffect(
    () =>
      group.subscribe((r) => {
        if (r === null || lastDay === 0) return;
        const preset = presetOf(r, lastDay, firstDay);
        const cur = getUi('monitor');
        if (preset !== null ? cur?.preset === preset : cur?.preset === null && cur.range?.min === r.min && cur.range.max === r.max) return;
        setUi('monitor', preset !== null ? { preset, range: null } : { preset: null, range: { min: r.min, max: r.max } });
      }),
    [group, lastDay, firstDay],
  );

  const exportAll = async (): Promise<void> => {
    setExporting(true);
    try {
      const t0 = performance.now();
      // As many columns as the Monitor shows on screen (its grid wraps by width).
      const shown = width.current?.querySelectorAll<HTMLElement>('.charts > section.chart') ?? [];
      const columns = Math.max(1, new Set([...shown].map((e) => e.offsetLeft)).size);
      const blob = await chartsToPng('Reservoir — Monitor', specs, width.current?.clientWidth ?? 1100, group.currentRange(), [], columns);
      // Recorded for the benchmark (composition and PNG encoding, before the save).
      document.body.dataset['lastExportMs'] = String(performance.now() - t0);
      onStatus(await saveBlob(`monitor-${fileStamp()}.png`, 'image/png', blob));
    } catch (e) {
      onStatus(`export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const exportRef = useRef(exportAll);
  exportRef.current = exportAll;
  useEffect(() => {
    registerExport(() => exportRef.current());
    return () => registerExport(null);
  }, [registerExport]);

  if (data.status === 'loading') return <div className="state">Loading the store…</div>;
  if (data.status === 'error') return <div className="state error">Could not read the store: {data.error}</div>;
  const today = Math.floor(Date.now() / 86_400_000);
  return (
    <div className="view monitor" ref={width}>
      <div className="tiles">
        {tiles(data.value, today).map((t) => {
          const fresh = tileFreshness(t.key, status);
          return (
            <article key={t.key} className={`tile level-${t.level}`} data-tile={t.key} title={t.note}>
              <div className="tile-label">{t.label}</div>
              <div className="tile-value">{t.value}</div>
              <div className="tile-change">{t.change}</div>
              <div className="tile-meta">
                <span className={`flag flag-${t.level}`}>{t.level === 'ok' ? '● ok' : t.level === 'watch' ? '▲ watch' : '■ alert'}</span>
                <span>as of {t.asOf}</span>
                {fresh ? (
                  <span className={fresh.behind ? 'stale' : ''} data-freshness={fresh.behind ? 'behind' : 'current'} title={fresh.detail}>
                    {fresh.text}
                  </span>
                ) : null}
              </div>
              <span className="sr-only">{levelWord(t.level)}</span>
            </article>
          );
        })}
      </div>
      <div className="toolbar">
        <RangeBar group={group} lastDay={lastDay} firstDay={firstDay} active={range?.preset ?? null} />
        <button type="button" onClick={() => void exportAll()} disabled={exporting} data-action="export-monitor">
          Export Monitor PNG
        </button>
      </div>
      <div className="charts">
        {specs.map((s) => (
          <TimeChart key={s.key} spec={s} group={group} themeKey={themeKey} onStatus={onStatus} height={s.key === 'corridor' ? 280 : 220} />
        ))}
      </div>
    </div>
  );
}
