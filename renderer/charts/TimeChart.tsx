/**
 * uPlot kept imperative inside React (as Grafana's UPlotChart does): created once per spec key and
 * theme, `setData` when the data changes, `setSize` on resize, `destroy` on unmount. Around it: a
 * legend box that reads every series as of the cursor's date, the calendar-shading legend, a text
 * alternative, a table view, and PNG/CSV exports.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { readoutValue, valueFor } from '../format.js';
import { inferFrequency, READOUT_LIMIT_DAYS, valueAsOf } from './as-of.js';
import { exportName, observedOf, toCsv, UNIT_TEXT, xText, type ChartSpec } from './chart-spec.js';
import type { ChartGroup } from './chart-group.js';
import { chartsToPng } from './export-png.js';
import { chartEvents, eventsVersion, subscribeEvents } from './events-layer.js';
import { themed } from './palette.js';
import { fileStamp, saveBlob } from './save.js';
import { buildOptions, CALENDAR_LAYER_TEXT, calendarLayers, drawData, drawKey, readTheme, type CalendarLayer, type DrawData } from './uplot-options.js';

export interface TimeChartProps {
  readonly spec: ChartSpec;
  readonly group?: ChartGroup;
  readonly height?: number;
  readonly themeKey: string;
  readonly onStatus?: (msg: string) => void;
  /** False: shares the group's cursor but keeps its own x range (a chart that starts at the projection anchor). */
  readonly linkRange?: boolean;
}

const DAY = 86_400;
/** Rows a chart's table shows at most (newest first); the CSV holds them all. */
const TABLE_ROWS = 500;

interface ReadoutItem {
  readonly id: string;
  readonly value: string;
  /** The observation's own date when it is older than the day read. */
  readonly own: string;
}

const shownSeries = (spec: ChartSpec): ChartSpec['series'] => spec.series.filter((s) => s.style !== 'band-edge');

/**
 * Each shown series as of `day`: its last value on or before it, within its own frequency's staleness
 * limit (found: the cursor in Oct-2020 showed 2022-04-18 net liquidity; a chart's nearest point is not
 * the value as of the cursor's date).
 */
export function readoutAt(spec: ChartSpec, day: number, limits: ReadonlyMap<string, number> | null): ReadoutItem[] {
  return shownSeries(spec).map((s) => {
    // No limits: each series' own last value (the legend box away from the cursor), dated when older.
    const a = valueAsOf(spec.x, observedOf(s), day, limits === null ? Number.POSITIVE_INFINITY : (limits.get(s.id) ?? READOUT_LIMIT_DAYS.D));
    return { id: s.id, value: a === null ? '—' : readoutValue(s.unit, a.value), own: a !== null && a.day !== day ? xText(spec, a.day) : '' };
  });
}

/** The day under the cursor (null when the cursor is off the plot). */
function cursorDay(u: uPlot): number | null {
  const left = u.cursor.left;
  if (left === undefined || left === null || left < 0) return null;
  const sec = u.posToVal(left, 'x');
  return Number.isFinite(sec) ? Math.round(sec / DAY) : null;
}

/** The last day with any value (the legend box shows it while the cursor is elsewhere). */
function lastDataDay(spec: ChartSpec): number | null {
  for (let i = spec.x.length - 1; i >= 0; i--) if (spec.series.some((s) => observedOf(s)[i] !== null && observedOf(s)[i] !== undefined)) return spec.x[i] ?? null;
  return null;
}

export function TimeChart({ spec, group, height = 240, themeKey, onStatus, linkRange = true }: TimeChartProps): React.JSX.Element {
  const holder = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  const dateEl = useRef<HTMLSpanElement>(null);
  const valueEls = useRef<Map<string, HTMLSpanElement>>(new Map());
  /** Where the mouse rests over the plot (client px), kept across a rebuild of the chart. */
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const plot = useRef<uPlot | null>(null);
  const drawn = useRef<DrawData>({ data: [[]], source: null, key: '' });
  // The spec the chart was last given, so the data effect does not redo what creation just did.
  const drawnSpec = useRef<ChartSpec | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;
  const [busy, setBusy] = useState(false);
  const [table, setTable] = useState(false);
  // Read by the range hook: the window is tracked in state only while the table shows (a slider tick
  // redraws every chart, and must not re-render each one).
  const tableRef = useRef(table);
  tableRef.current = table;
  const [csvRange, setCsvRange] = useState<'visible' | 'full'>('visible');
  const [layers, setLayers] = useState<readonly CalendarLayer[]>([]);
  const [window_, setWindow] = useState<{ from: number; to: number } | null>(null);
  const hasData = spec.x.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null));
  // Each series' readout limit, by its own frequency (inferred once per spec, not per hover).
  // Worked out at the first hover, not at the first draw (a page of charts draws before anyone hovers).
  const limitsCache = useRef<{ spec: ChartSpec; limits: ReadonlyMap<string, number> } | null>(null);
  const limitsOf = (sp: ChartSpec): ReadonlyMap<string, number> => {
    if (limitsCache.current?.spec !== sp) limitsCache.current = { spec: sp, limits: new Map(sp.series.map((s) => [s.id, READOUT_LIMIT_DAYS[s.frequency ?? inferFrequency(sp.x, observedOf(s))]] as const)) };
    return limitsCache.current.limits;
  };
  // A catalog id (WRESBAL) names its conversion; a computed series (an id like "sofr-resid") is named by
  // its label, so no internal id reaches the page (found: "sofr-resid: includes SOFR's usual gap…").
  const conversions = useMemo(() => [...new Set(spec.series.flatMap((s) => (s.conversion ? [`${/^[A-Z0-9_]+$/.test(s.id) ? s.id : s.label}: ${s.conversion}`] : [])))], [spec]);

  /** Writes the legend box for a day (the cursor's, or the latest when the cursor leaves). */
  const showReadout = (day: number | null, atCursor: boolean): void => {
    const sp = specRef.current;
    const d = day ?? lastDataDay(sp);
    // Written only when changed: a slider tick re-reads every chart's box, mostly to the same text.
    const write = (el: HTMLElement | null | undefined, t: string): void => {
      if (el && el.textContent !== t) el.textContent = t;
    };
    write(dateEl.current, d === null ? '' : atCursor ? xText(sp, d) : `latest ${xText(sp, d)}`);
    if (d === null) return;
    for (const item of readoutAt(sp, d, atCursor ? limitsOf(sp) : null)) write(valueEls.current.get(item.id), item.own ? `${item.value} (${item.own})` : item.value);
  };
  const showRef = useRef(showReadout);
  showRef.current = showReadout;
  // New data (a slider tick) keeps the reading at the cursor's date while the cursor is on the chart.
  // Never written inside the tick: a text change there made uPlot's redraw (which reads the plot's
  // position) lay out the whole page synchronously.
  // While the cursor is elsewhere the box shows the latest values: during a slider drag those follow at
  // most every 120 ms (a frame's budget goes to the charts), and exactly once the drag stops.
  const pendingReadout = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const u = plot.current;
    const d = u ? cursorDay(u) : null;
    if (d !== null) {
      requestAnimationFrame(() => showRef.current(d, true));
      return;
    }
    if (pendingReadout.current !== null) return;
    pendingReadout.current = setTimeout(() => {
      pendingReadout.current = null;
      // The chart may have been rebuilt under the mouse meanwhile, its cursor put back: read it then.
      const now = plot.current;
      const at = now ? cursorDay(now) : null;
      showRef.current(at, at !== null);
    }, 120);
  }, [spec]);
  useEffect(
    () => () => {
      if (pendingReadout.current !== null) clearTimeout(pendingReadout.current);
    },
    [],
  );

  // Widths are read in a layout effect: React runs every chart's layout effects before any passive
  // effect, so a page of charts costs one forced layout instead of one per chart (each creation below
  // adds DOM, which made the next chart's read lay the page out again).
  const measured = useRef(0);
  useLayoutEffect(() => {
    measured.current = holder.current?.clientWidth ?? 0;
  }, [spec.key, themeKey, height, hasData, spec.series.length, group, linkRange]);

  useEffect(() => {
    const el = holder.current;
    if (!el || !hasData) return;
    const ranged = linkRange ? group : undefined;
    const pixels = (w: number): number => Math.ceil(w * (window.devicePixelRatio || 1));
    let shownWidth = Math.max(300, measured.current);
    let buckets = pixels(shownWidth);
    let u: uPlot | null = null;
    let layerKey = '';
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
    const theme = readTheme();
    const create = (): uPlot => {
      const range = ranged?.currentRange() ?? null;
      drawn.current = drawData(specRef.current, buckets, range);
      drawnSpec.current = specRef.current;
      return new uPlot(
        buildOptions(specRef.current, {
          width: shownWidth,
          height,
          scale: 1,
          theme,
          ...(group ? { group } : {}),
          linkRange,
          onCursor: (p) => {
            const d = cursorDay(p);
            showRef.current(d, d !== null);
          },
          onReset: (p) => {
            if (ranged) ranged.resetHome();
            else {
              const xs = p.data[0];
              if (xs && xs.length > 1) p.setScale('x', { min: xs[0] ?? 0, max: xs[xs.length - 1] ?? 0 });
            }
          },
          onRange: (p) => {
            const sec = el.parentElement;
            const min = p.scales['x']?.min;
            const max = p.scales['x']?.max;
            if (typeof min === 'number' && typeof max === 'number') {
              if (sec) {
                sec.dataset['xmin'] = String(Math.round(min / DAY));
                sec.dataset['xmax'] = String(Math.round(max / DAY));
              }
              const next = specRef.current.shadeCalendar ? calendarLayers((max - min) / DAY) : [];
              if (next.join() !== layerKey) {
                layerKey = next.join();
                setLayers(next);
              }
              if (tableRef.current) setWindow({ from: Math.round(min / DAY), to: Math.round(max / DAY) });
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
    ranged?.add(chart);
    // The colours this chart was drawn with: a theme toggle must redraw with the new ones at once.
    if (section.current) section.current.dataset['gridColor'] = theme.grid;
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
    const leave = (): void => {
      pointer.current = null;
      showRef.current(null, false);
    };
    const move = (e: MouseEvent): void => {
      pointer.current = { x: e.clientX, y: e.clientY };
    };
    chart.over.addEventListener('mouseleave', leave);
    chart.over.addEventListener('mousemove', move);
    // Rebuilt under a resting mouse (the RMP band's lines appear or go as a pace crosses zero): the
    // cursor comes back where the mouse is, instead of vanishing until the mouse moves (found by a user).
    // Replayed as the mouse event uPlot listens to, so the linked charts follow as on a real hover.
    const at = pointer.current;
    if (at !== null)
      requestAnimationFrame(() => {
        if (plot.current !== chart) return;
        const r = chart.over.getBoundingClientRect();
        if (at.x >= r.left && at.x <= r.right && at.y >= r.top && at.y <= r.bottom) chart.over.dispatchEvent(new MouseEvent('mousemove', { clientX: at.x, clientY: at.y, bubbles: true }));
      });
    return () => {
      ro.disconnect();
      chart.over.removeEventListener('mouseleave', leave);
      chart.over.removeEventListener('mousemove', move);
      ranged?.remove(chart);
      chart.destroy();
      plot.current = null;
    };
    // Re-created when the chart's identity, theme or shape changes; data updates go through setData.
  }, [spec.key, themeKey, height, hasData, spec.series.length, group, linkRange]);

  useEffect(() => {
    const u = plot.current;
    if (!u || drawnSpec.current === spec) return;
    drawnSpec.current = spec;
    const ranged = linkRange ? group : undefined;
    const apply = (): void => {
      const r = ranged?.currentRange() ?? null;
      const buckets = Math.ceil(u.width * (window.devicePixelRatio || 1));
      drawn.current = drawData(spec, buckets, r);
      u.setData(drawn.current.data, r === null);
      if (r) u.setScale('x', r);
      ranged?.dataChanged();
    };
    if (group) group.quiet(apply);
    else apply();
  }, [spec, group, linkRange]);

  // The events layer (markers) is drawn by a plugin reading the window's one list: a change redraws.
  const eventsKey = useSyncExternalStore(subscribeEvents, eventsVersion);
  useEffect(() => {
    if (eventsKey > 0) plot.current?.redraw(false, false);
  }, [eventsKey]);

  const visibleRange = (): { min: number; max: number } | null => {
    const u = plot.current;
    const min = u?.scales['x']?.min;
    const max = u?.scales['x']?.max;
    return typeof min === 'number' && typeof max === 'number' ? { min, max } : null;
  };
  const exportPng = async (): Promise<void> => {
    setBusy(true);
    try {
      const blob = await chartsToPng(null, [spec], holder.current?.clientWidth ?? 900, visibleRange());
      onStatus?.(await saveBlob(exportName(spec.title, fileStamp(), 'png'), 'image/png', blob));
    } catch (e) {
      onStatus?.(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async (): Promise<void> => {
    const r = visibleRange();
    const w = csvRange === 'visible' && r !== null ? { from: Math.floor(r.min / DAY), to: Math.ceil(r.max / DAY) } : null;
    onStatus?.(await saveBlob(exportName(spec.title, fileStamp(), 'csv'), 'text/csv', new Blob([toCsv(spec, w)], { type: 'text/csv' })));
  };

  const series = shownSeries(spec);
  // The legend's elements depend on the series' names and colours only (the values are written into
  // them imperatively): kept as one element across data updates, so a slider tick does not re-render
  // and re-diff every legend item of every chart.
  const legendKey = series.map((s) => `${s.id}\u0000${s.label}\u0000${s.color}`).join('\u0001');
  const legend = useMemo(
    () => (
      <div className="readout" data-readout aria-live="off">
        <span className="readout-date" ref={dateEl} />
        {series.map((s) => (
          <span key={s.id} className="legend-item" data-series={s.id}>
            <i style={{ background: themed(s.color, 'var(--fg)') }} aria-hidden="true" />
            <span className="legend-label">{s.label}</span>{' '}
            <span
              className="legend-value"
              ref={(e) => {
                if (e) valueEls.current.set(s.id, e);
                else valueEls.current.delete(s.id);
              }}
            />
          </span>
        ))}
      </div>
    ),
    // `series` is read only through what legendKey names.
    [legendKey],
  );
  const describe = (): string => {
    const first = spec.x[0];
    const labels = shownSeries(spec).map((s) => s.label);
    const latest = lastDataDay(spec);
    const ends = latest === null ? [] : readoutAt(spec, latest, null).map((r, i) => `${labels[i] ?? r.id} ${r.value}${r.own ? ` on ${r.own}` : ''}`);
    return `${spec.title}, in ${spec.unitLabel}, ${first === undefined ? 'no data' : `from ${xText(spec, first)} to ${xText(spec, spec.x[spec.x.length - 1] ?? first)}`}. Latest: ${ends.join('; ')}.`;
  };
  const describeRef = useRef(describe);
  describeRef.current = describe;
  // The text alternative follows the data a moment later (a slider drag changes it on every tick; a
  // screen reader reads it when the chart is reached, not on every tick).
  // Throttled, not debounced: one timer per quarter second however fast the ticks come.
  const altTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (altTimer.current !== null) return;
    altTimer.current = setTimeout(() => {
      altTimer.current = null;
      holder.current?.setAttribute('aria-label', describeRef.current());
    }, 250);
  }, [spec, hasData]);
  useEffect(
    () => () => {
      if (altTimer.current !== null) clearTimeout(altTimer.current);
    },
    [],
  );

  return (
    <section className="chart" data-chart={spec.key} ref={section} data-events={spec.xAxis !== 'days-from-event' && chartEvents().enabled ? 'on' : 'off'}>
      <header className="chart-head">
        <h3>
          {spec.title} <span className="unit">({spec.unitLabel})</span>
        </h3>
        <div className="chart-actions">
          <button
            type="button"
            onClick={() => {
              const r = visibleRange();
              setWindow(r === null ? null : { from: Math.round(r.min / DAY), to: Math.round(r.max / DAY) });
              setTable((t) => !t);
            }} aria-pressed={table} disabled={!hasData} data-action="table" aria-label={`Table of ${spec.title}`} title="Show the data behind this chart as a table">
            Table
          </button>
          <button type="button" onClick={() => void exportPng()} disabled={busy || !hasData} aria-label={`PNG of ${spec.title}`} title="Export this chart to PNG (2×, with legend and sources)">
            PNG
          </button>
          {/* A button, not a select: eight native selects made the first layout of a page of charts 30 ms
              slower (the 8-chart bench), for a two-way choice. */}
          <button type="button" onClick={() => setCsvRange((r) => (r === 'full' ? 'visible' : 'full'))} disabled={!hasData} data-input="csv-range" data-value={csvRange} aria-label={`CSV export range for ${spec.title}: ${csvRange === 'full' ? 'full history' : 'visible range'}; press to switch`} title="What the CSV button exports: the visible range or the full history (press to switch)">
            {csvRange === 'full' ? 'full history' : 'visible range'}
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={!hasData} aria-label={`CSV of ${spec.title}`} title="Export the data behind this chart to CSV">
            CSV
          </button>
        </div>
      </header>
      {/* The legend box: every series with its value as of the cursor's date (the latest otherwise). */}
      {legend}
      {hasData ? (
        <div ref={holder} className="plot" role="img" aria-label={spec.title} />
      ) : (
        <div className="empty">No data for this chart yet: the series it needs are not in the store. Open Data → Sync now, or import a CSV.</div>
      )}
      {layers.length > 0 ? (
        <div className="calendar-legend" data-calendar-legend>
          Shading:{' '}
          {layers.map((l) => (
            <span key={l} className={`cal-key cal-${l}`}>
              <i aria-hidden="true" />
              {CALENDAR_LAYER_TEXT[l]}
            </span>
          ))}
        </div>
      ) : null}
      {conversions.length > 0 ? <div className="conversions">{conversions.join(' · ')}</div> : null}
      {table && hasData ? <DataTable spec={spec} window={window_} /> : null}
      <footer className="chart-foot">{spec.footer.join(' · ')}</footer>
    </section>
  );
}

/** The chart's data in the visible window as a table (newest first), for keyboard and screen-reader users. */
function DataTable({ spec, window }: { spec: ChartSpec; window: { from: number; to: number } | null }): React.JSX.Element {
  const rows: number[] = [];
  for (let i = spec.x.length - 1; i >= 0 && rows.length < TABLE_ROWS; i--) {
    const d = spec.x[i] ?? 0;
    if (window !== null && (d < window.from || d > window.to)) continue;
    if (spec.series.some((s) => observedOf(s)[i] !== null && observedOf(s)[i] !== undefined)) rows.push(i);
  }
  return (
    <div className="chart-table" data-chart-table tabIndex={0} role="region" aria-label={`${spec.title}: data table`}>
      <table>
        <caption>
          {spec.title}: {rows.length} rows{rows.length === TABLE_ROWS ? ` (the newest ${TABLE_ROWS} in the visible range; the CSV has all)` : ' in the visible range'}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">{spec.xAxis === 'days-from-event' ? 'days from event' : 'date'}</th>
            {spec.series.map((s) => (
              <th key={s.id} scope="col">
                {s.label} ({UNIT_TEXT[s.unit] ?? s.unit})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i}>
              <th scope="row">{xText(spec, spec.x[i] ?? 0)}</th>
              {spec.series.map((s) => (
                <td key={s.id}>{valueFor(s.unit, observedOf(s)[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
