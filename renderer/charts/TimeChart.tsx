/**
 * uPlot kept imperative inside React (as Grafana's UPlotChart does): created once per spec key and
 * theme, `setData` when the data changes, `setSize` on resize, `destroy` on unmount.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { isoOfDay, valueFor } from '../format.js';
import { toCsv, type ChartSpec } from './chart-spec.js';
import type { ChartGroup } from './chart-group.js';
import { chartsToPng } from './export-png.js';
import { themed } from './palette.js';
import { fileStamp, saveBlob } from './save.js';
import { buildOptions, drawData, drawKey, readTheme, type DrawData } from './uplot-options.js';

export interface TimeChartProps {
  readonly spec: ChartSpec;
  readonly group?: ChartGroup;
  readonly height?: number;
  readonly themeKey: string;
  readonly onStatus?: (msg: string) => void;
}

function readout(u: uPlot, spec: ChartSpec, source: Int32Array | null): string {
  const shown = u.cursor.idx;
  if (shown === null || shown === undefined) return '';
  // A decimated chart's point i is the spec's point source[i].
  const idx = source === null ? shown : (source[shown] ?? shown);
  const day = spec.x[idx];
  if (day === undefined) return '';
  const parts = spec.series
    .filter((s) => s.style !== 'band-edge')
    .map((s) => {
      // As of the cursor date: the last value on or before it, with its own date.
      for (let i = idx; i >= 0 && i > idx - 400; i--) {
        const v = s.values[i];
        if (v !== null && v !== undefined && Number.isFinite(v)) {
          const d = spec.x[i] ?? day;
          return `${s.label} ${valueFor(s.unit, v)}${d !== day ? ` (${isoOfDay(d)})` : ''}${s.conversion ? ` · ${s.id}: ${s.conversion}` : ''}`;
        }
      }
      return `${s.label} —`;
    });
  return `${isoOfDay(day)} — ${parts.join('  |  ')}`;
}

export function TimeChart({ spec, group, height = 240, themeKey, onStatus }: TimeChartProps): React.JSX.Element {
  const holder = useRef<HTMLDivElement>(null);
  const info = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const drawn = useRef<DrawData>({ data: [[]], source: null, key: '' });
  // The spec the chart was last given, so the data effect does not redo what creation just did.
  const drawnSpec = useRef<ChartSpec | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;
  const [busy, setBusy] = useState(false);
  const hasData = spec.x.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null));

  // Widths are read in a layout effect: React runs every chart's layout effects before any passive
  // effect, so a page of charts costs one forced layout instead of one per chart (each creation below
  // adds DOM, which made the next chart's read lay the page out again).
  const measured = useRef(0);
  useLayoutEffect(() => {
    measured.current = holder.current?.clientWidth ?? 0;
  }, [spec.key, themeKey, height, hasData, spec.series.length, group]);

  useEffect(() => {
    const el = holder.current;
    if (!el || !hasData) return;
    const pixels = (w: number): number => Math.ceil(w * (window.devicePixelRatio || 1));
    let shownWidth = Math.max(300, measured.current);
    let buckets = pixels(shownWidth);
    let u: uPlot | null = null;
    // Re-decimates for the visible window after a zoom, pan, range preset or resize. It runs after
    // uPlot's current commit (a microtask, before the frame is painted) and does not propagate.
    let pending = false;
    const refine = (p: uPlot): void => {
      if (pending || drawn.current.source === null) return;
      const min = p.scales['x']?.min;
      const max = p.scales['x']?.max;
      if (typeof min !== 'number' || typeof max !== 'number' || drawKey({ min, max }, buckets) === drawn.current.key) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        if (plot.current !== p) return;
        const next = drawData(specRef.current, buckets, { min, max });
        drawn.current = next;
        drawnSpec.current = specRef.current;
        const apply = (): void => p.batch(() => {
          p.setData(next.data, false);
          // Same range: uPlot re-ranges y on the new data and redraws (no setScale hook fires).
          p.setScale('x', { min, max });
        });
        if (group) group.quiet(apply);
        else apply();
        const sec = el.parentElement;
        if (sec) sec.dataset['points'] = String(next.data[0]?.length ?? 0);
      });
    };
    const create = (): uPlot => {
      const range = group?.currentRange() ?? null;
      drawn.current = drawData(specRef.current, buckets, range);
      drawnSpec.current = specRef.current;
      return new uPlot(
        buildOptions(specRef.current, {
          width: shownWidth,
          height,
          scale: 1,
          theme: readTheme(),
          ...(group ? { group } : {}),
          onCursor: (p) => {
            if (info.current) info.current.textContent = readout(p, specRef.current, drawn.current.source);
          },
          onRange: (p) => {
            const sec = el.parentElement;
            const min = p.scales['x']?.min;
            const max = p.scales['x']?.max;
            if (sec && typeof min === 'number' && typeof max === 'number') {
              sec.dataset['xmin'] = String(Math.round(min / 86_400));
              sec.dataset['xmax'] = String(Math.round(max / 86_400));
            }
            // How many points uPlot was handed (fewer than the spec's when decimated): for tests and support.
            if (sec) sec.dataset['points'] = String(p.data[0]?.length ?? 0);
            refine(p);
          },
        }),
        drawn.current.data,
        el,
      );
    };
    if (group) group.quiet(() => (u = create()));
    else u = create();
    const chart = u as unknown as uPlot;
    plot.current = chart;
    group?.add(chart);
    const resize = (): void => {
      const w = Math.max(300, el.clientWidth);
      // The observer also reports the first layout: redrawing at the same size would double the first draw.
      if (w === shownWidth) return;
      shownWidth = w;
      chart.setSize({ width: w, height });
      buckets = pixels(w);
      refine(chart);
    };
    const ro = new ResizeObserver(() => (group ? group.quiet(resize) : resize()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      group?.remove(chart);
      chart.destroy();
      plot.current = null;
    };
    // Re-created when the chart's identity, theme or shape changes; data updates go through setData.
  }, [spec.key, themeKey, height, hasData, spec.series.length, group]);

  useEffect(() => {
    const u = plot.current;
    if (!u || drawnSpec.current === spec) return;
    drawnSpec.current = spec;
    const apply = (): void => {
      const r = group?.currentRange() ?? null;
      const buckets = Math.ceil(u.width * (window.devicePixelRatio || 1));
      drawn.current = drawData(spec, buckets, r);
      u.setData(drawn.current.data, r === null);
      if (r) u.setScale('x', r);
    };
    if (group) group.quiet(apply);
    else apply();
  }, [spec, group]);

  const exportPng = async (): Promise<void> => {
    setBusy(true);
    try {
      const blob = await chartsToPng(null, [spec], holder.current?.clientWidth ?? 900, group?.currentRange() ?? null);
      onStatus?.(await saveBlob(`${spec.key}-${fileStamp()}.png`, 'image/png', blob));
    } catch (e) {
      onStatus?.(`export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async (): Promise<void> => {
    onStatus?.(await saveBlob(`${spec.key}-${fileStamp()}.csv`, 'text/csv', new Blob([toCsv(spec)], { type: 'text/csv' })));
  };

  return (
    <section className="chart" data-chart={spec.key}>
      <header className="chart-head">
        <h3>
          {spec.title} <span className="unit">({spec.unitLabel})</span>
        </h3>
        <div className="legend">
          {spec.series
            .filter((s) => s.style !== 'band-edge')
            .map((s) => (
              <span key={s.id} className="legend-item" title={s.conversion ?? ''}>
                <i style={{ background: themed(s.color, 'var(--fg)') }} />
                {s.label}
              </span>
            ))}
        </div>
        <div className="chart-actions">
          <button type="button" onClick={() => void exportPng()} disabled={busy || !hasData} title="Export this chart to PNG (2×, with legend and sources)">
            PNG
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={!hasData} title="Export the data behind this chart to CSV">
            CSV
          </button>
        </div>
      </header>
      {hasData ? <div ref={holder} className="plot" /> : <div className="empty">No data for this chart yet: the series it needs are not in the store. Open Data → Sync now, or import a CSV.</div>}
      <div ref={info} className="readout" aria-live="off" />
      <footer className="chart-foot">{spec.footer.join(' · ')}</footer>
    </section>
  );
}
