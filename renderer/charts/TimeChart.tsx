/**
 * uPlot kept imperative inside React (as Grafana's UPlotChart does): created once per spec key and
 * theme, `setData` when the data changes, `setSize` on resize, `destroy` on unmount.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { isoOfDay, valueFor } from '../format.js';
import { toCsv, type ChartSpec } from './chart-spec.js';
import type { ChartGroup } from './chart-group.js';
import { chartsToPng } from './export-png.js';
import { fileStamp, saveBlob } from './save.js';
import { buildOptions, readTheme, toUplotData } from './uplot-options.js';

export interface TimeChartProps {
  readonly spec: ChartSpec;
  readonly group?: ChartGroup;
  readonly height?: number;
  readonly themeKey: string;
  readonly onStatus?: (msg: string) => void;
}

function readout(u: uPlot, spec: ChartSpec): string {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined) return '';
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
  const specRef = useRef(spec);
  specRef.current = spec;
  const [busy, setBusy] = useState(false);
  const hasData = spec.x.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null));

  useEffect(() => {
    const el = holder.current;
    if (!el || !hasData) return;
    const width = Math.max(300, el.clientWidth);
    let u: uPlot | null = null;
    const create = (): uPlot => new uPlot(
      buildOptions(specRef.current, {
        width,
        height,
        scale: 1,
        theme: readTheme(),
        ...(group ? { group } : {}),
        onCursor: (p) => {
          if (info.current) info.current.textContent = readout(p, specRef.current);
        },
        onRange: (p) => {
          const sec = el.parentElement;
          const min = p.scales['x']?.min;
          const max = p.scales['x']?.max;
          if (sec && typeof min === 'number' && typeof max === 'number') {
            sec.dataset['xmin'] = String(Math.round(min / 86_400));
            sec.dataset['xmax'] = String(Math.round(max / 86_400));
          }
        },
      }),
      toUplotData(specRef.current),
      el,
    );
    if (group) group.quiet(() => (u = create()));
    else u = create();
    const chart = u as unknown as uPlot;
    plot.current = chart;
    group?.add(chart);
    const resize = (): void => chart.setSize({ width: Math.max(300, el.clientWidth), height });
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
    if (!u) return;
    const apply = (): void => {
      u.setData(toUplotData(spec), group?.currentRange() === null || group === undefined);
      const r = group?.currentRange();
      if (r) u.setScale('x', r);
    };
    if (group) group.quiet(apply);
    else apply();
  }, [spec, group]);

  const exportPng = async (): Promise<void> => {
    setBusy(true);
    try {
      const blob = await chartsToPng(spec.title, [spec], holder.current?.clientWidth ?? 900, group?.currentRange() ?? null);
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
                <i style={{ background: s.color }} />
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
