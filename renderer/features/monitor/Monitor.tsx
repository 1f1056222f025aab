/** The home screen: tiles for the numbers that matter now, then linked charts. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShellAction } from '../../app/shell-actions.js';
import { ChartGroup } from '../../charts/chart-group.js';
import { csvField } from '../../charts/chart-spec.js';
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
import type { RangePreset } from '../../../shared/model/ui-state.js';
import type { Tile } from './monitor-specs.js';

/** The Monitor's window on history: its charts and "Max" start here (the Workspace reads full histories). */
const MONITOR_FROM = '2015-01-01';

/** The PNG's as-of line: the tiles' newest and oldest data dates and the export date. */
function asOfLine(ts: readonly Tile[]): string {
  const dates = ts.map((t) => t.asOf).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const exported = new Date().toISOString().slice(0, 10);
  return dates.length === 0 ? `Exported ${exported}.` : `Data as of ${dates[dates.length - 1] ?? ''} (newest) to ${dates[0] ?? ''} (oldest tile input); exported ${exported}. Range shown on the charts below.`;
}

/** The tiles as CSV: what each shows, exactly as on screen, with its flag, as-of date and freshness. */
export function tilesCsv(ts: readonly Tile[], status: ReadonlyMap<string, SeriesStatusDto>): string {
  const head = ['tile', 'value', 'change', 'flag', 'as_of', 'freshness', 'inputs', 'thresholds'];
  const rows = ts.map((t) => {
    const inputs = TILE_INPUTS[t.key] ?? [];
    const fresh = tileFreshness(t.key, status);
    return [t.label, t.value, t.change, levelWord(t.level), t.asOf, fresh?.text ?? '', inputs.join(' '), t.note];
  });
  return `${[head, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

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
  const [data] = useAsync(() => loadMonitorSeries(MONITOR_IDS, MONITOR_FROM), []);
  const [catalog] = useAsync(() => api('series:list', {}), []);
  const status = useMemo(() => new Map(catalog.status === 'ready' ? catalog.value.map((s) => [s.id, s] as const) : []), [catalog]);
  const group = useMemo(() => new ChartGroup('monitor'), []);
  const width = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);

  const specs = useMemo(() => (data.status === 'ready' ? [reservesSpec(data.value), netLiquiditySpec(data.value), corridorSpec(data.value), spreadsSpec(data.value), srfSpec(data.value), tgaRrpSpec(data.value)] : []), [data]);
  const lastDay = data.status === 'ready' ? Math.max(...[...data.value.values()].map((s) => lastOf(s)?.day ?? 0)) : 0;

  // "Max" is everything the Monitor loaded (found: a fixed 12 years that started before the data did).
  const loadedFrom = data.status === 'ready' ? Math.min(...[...data.value.values()].map((s) => s.dates[0] ?? Number.POSITIVE_INFINITY)) : Number.POSITIVE_INFINITY;
  const firstDay = Number.isFinite(loadedFrom) ? loadedFrom : lastDay - 366 * 12;
  const range = useUi('monitor');
  // Double-click returns to the preset in use (or the last one chosen before a zoom), not to the
  // clicked chart's own data range.
  const homePreset = useRef<RangePreset>(getUi('monitor')?.preset ?? '1Y');
  if (range?.preset) homePreset.current = range.preset;
  useEffect(() => {
    group.setHome(() => (lastDay === 0 ? null : presetRange(homePreset.current, lastDay, firstDay)));
    return () => group.setHome(null);
  }, [group, lastDay, firstDay]);
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
      const shownTiles = data.status === 'ready' ? tiles(data.value, Math.floor(Date.now() / 86_400_000)) : [];
      const blob = await chartsToPng('Reservoir — Monitor', specs, width.current?.clientWidth ?? 1100, group.currentRange(), [], columns, {
        subtitle: asOfLine(shownTiles),
        tiles: shownTiles.map((t) => ({ label: t.label, value: t.value, change: t.change, meta: `${levelWord(t.level)} · as of ${t.asOf}`, level: t.level })),
      });
      // Recorded for the benchmark (composition and PNG encoding, before the save).
      document.body.dataset['lastExportMs'] = String(performance.now() - t0);
      document.body.dataset['lastExportTiles'] = String(shownTiles.length);
      onStatus(await saveBlob(`monitor-${fileStamp()}.png`, 'image/png', blob));
    } catch (e) {
      onStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const exportTiles = async (): Promise<void> => {
    if (data.status !== 'ready') return;
    try {
      const csv = tilesCsv(tiles(data.value, Math.floor(Date.now() / 86_400_000)), status);
      onStatus(await saveBlob(`monitor-tiles-${fileStamp()}.csv`, 'text/csv', new Blob([csv], { type: 'text/csv' })));
    } catch (e) {
      onStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const exportRef = useRef(exportAll);
  exportRef.current = exportAll;
  useEffect(() => {
    registerExport(() => exportRef.current());
    return () => registerExport(null);
  }, [registerExport]);
  // The desktop app's File → Export PNG / Export CSV (issue 15 §3): the E shortcut's and the Tiles CSV
  // button's code, run once the Monitor's data is there (the menu may have just switched to it).
  const [wanted, setWanted] = useState<'png' | 'csv' | null>(null);
  useShellAction('export-png', () => setWanted('png'));
  useShellAction('export-csv', () => setWanted('csv'));
  const tilesRef = useRef(exportTiles);
  tilesRef.current = exportTiles;
  useEffect(() => {
    if (wanted === null || data.status !== 'ready') return;
    setWanted(null);
    void (wanted === 'png' ? exportRef.current() : tilesRef.current());
  }, [wanted, data.status]);

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
        <RangeBar group={group} lastDay={lastDay} firstDay={firstDay} active={range?.preset ?? null} maxNote={`Max: since ${MONITOR_FROM} (every series' full history is in the Workspace)`} />
        <button type="button" onClick={() => void exportAll()} disabled={exporting} data-action="export-monitor">
          Export Monitor PNG
        </button>
        <button type="button" onClick={() => void exportTiles()} data-action="export-tiles" title="The eight tiles as CSV: value, change, flag, as-of date and freshness">
          Tiles CSV
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
