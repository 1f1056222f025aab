/**
 * Builds uPlot options from a ChartSpec. `scale` multiplies every size (fonts, strokes, paddings) so
 * an offscreen copy can be drawn at 2× pixel density for PNG export regardless of the screen.
 */
import uPlot from 'uplot';
import { BusinessCalendar, markersBetween } from '../../shared/compute/calendar.js';
import { fromEpochDay } from '../../shared/time/iso-date.js';
import { GAP_BREAK_DAYS, inferFrequency } from './as-of.js';
import { offsetText, type ChartRefLine, type ChartSeries, type ChartSpec } from './chart-spec.js';
import type { ChartGroup } from './chart-group.js';
import { visibleIndices } from './decimate.js';
import { bandsPlugin, type BandLayer, type EdgeLine } from './bands-layer.js';
import { eventsPlugin } from './events-layer.js';
import { themed } from './palette.js';

export interface Theme {
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  readonly bg: string;
  readonly shade: string;
}

export function readTheme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (n: string, d: string): string => cs.getPropertyValue(n).trim() || d;
  return { fg: v('--fg', '#1b1f24'), muted: v('--muted', '#5b6670'), grid: v('--grid', '#e3e6ea'), bg: v('--bg', '#ffffff'), shade: v('--shade', 'rgba(120,120,120,0.12)') };
}

const CAL = new BusinessCalendar();
/** Thin lines at the edge of a shaded range, and other 'band-edge' lines, are drawn at this opacity. */
const EDGE_ALPHA = 0.6;
/** A series whose line another layer draws (bands-layer.ts). */
const drawsNothing: uPlot.Series.PathBuilder = () => null;
const DAY = 86_400;

/** What the calendar shading draws at a visible span (days): the legend lists the same. */
export type CalendarLayer = 'quarter_end' | 'month_end' | 'tax' | 'settlement';
export function calendarLayers(spanDays: number): CalendarLayer[] {
  if (spanDays > 365 * 6) return [];
  return [
    'quarter_end',
    ...(spanDays < 550 ? (['month_end'] as const) : []),
    ...(spanDays < 365 * 3 ? (['tax'] as const) : []),
    ...(spanDays < 200 ? (['settlement'] as const) : []),
  ];
}

export const CALENDAR_LAYER_TEXT: Readonly<Record<CalendarLayer, string>> = {
  quarter_end: 'quarter-/year-end ±2 business days',
  month_end: 'month-end',
  tax: 'tax dates',
  settlement: 'coupon settlements',
};

function calendarPlugin(theme: Theme, scale: number): uPlot.Plugin {
  // Markers are recomputed only when the visible range changes, not on every redraw.
  let cacheKey = '';
  let cached: ReturnType<typeof markersBetween> = [];
  return {
    hooks: {
      drawClear: [
        (u: uPlot) => {
          const min = u.scales['x']?.min;
          const max = u.scales['x']?.max;
          if (min === undefined || max === undefined || min === null || max === null) return;
          const span = (max - min) / DAY;
          const layers = new Set(calendarLayers(span));
          if (layers.size === 0) return;
          const from = fromEpochDay(Math.floor(min / DAY));
          const to = fromEpochDay(Math.ceil(max / DAY));
          const ctx = u.ctx;
          const top = u.bbox.top;
          const h = u.bbox.height;
          ctx.save();
          if (`${from}/${to}` !== cacheKey) {
            cacheKey = `${from}/${to}`;
            cached = markersBetween(CAL, from, to);
          }
          for (const m of cached) {
            const x = u.valToPos(Date.parse(`${m.date}T00:00:00Z`) / 1000, 'x', true);
            const w = Math.max(1, u.valToPos(Date.parse(`${m.date}T00:00:00Z`) / 1000 + DAY, 'x', true) - x);
            if (m.kind === 'quarter_end' || m.kind === 'year_end') {
              ctx.fillStyle = theme.shade;
              ctx.fillRect(x, top, w, h);
            } else if ((m.kind === 'tax_corporate' || m.kind === 'tax_individual') && layers.has('tax')) {
              ctx.strokeStyle = theme.muted;
              ctx.globalAlpha = 0.5;
              ctx.setLineDash([3 * scale, 3 * scale]);
              ctx.lineWidth = scale;
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + h);
              ctx.stroke();
              ctx.setLineDash([]);
              ctx.globalAlpha = 1;
            } else if (m.kind === 'month_end' && layers.has('month_end')) {
              ctx.fillStyle = theme.shade;
              ctx.globalAlpha = 0.5;
              ctx.fillRect(x, top, w, h);
              ctx.globalAlpha = 1;
            } else if (m.kind === 'coupon_settlement' && layers.has('settlement')) {
              // A small tick on the bottom edge: settlements coincide with other markers too often to shade.
              ctx.fillStyle = theme.muted;
              ctx.beginPath();
              ctx.moveTo(x + w / 2, top + h - 7 * scale);
              ctx.lineTo(x + w / 2 - 4 * scale, top + h);
              ctx.lineTo(x + w / 2 + 4 * scale, top + h);
              ctx.closePath();
              ctx.fill();
            }
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** The uPlot scale a series or reference line of this axis uses ('y' left, 'y2' right). */
const scaleOf = (axis: 'left' | 'right' | undefined): string => (axis === 'right' ? 'y2' : 'y');

/**
 * Horizontal reference lines (issue 12): dashed across the plot in the text colour, each label at the
 * line's right end on a backing of the page colour (above the line, or below it at the top edge).
 */
function refLinesPlugin(lines: readonly ChartRefLine[], theme: Theme, scale: number): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { left, top, width, height } = u.bbox;
          const ctx = u.ctx;
          ctx.save();
          ctx.font = `${11 * scale}px system-ui, sans-serif`;
          ctx.textAlign = 'right';
          for (const l of lines) {
            const key = scaleOf(l.axis);
            if (u.scales[key] === undefined) continue;
            const y = u.valToPos(l.value, key, true);
            if (!Number.isFinite(y) || y < top || y > top + height) continue;
            ctx.strokeStyle = theme.fg;
            ctx.globalAlpha = 0.75;
            ctx.setLineDash([6 * scale, 4 * scale]);
            ctx.lineWidth = scale;
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
            ctx.globalAlpha = 1;
            if (l.label === '') continue;
            const below = y - 16 * scale < top;
            const w = ctx.measureText(l.label).width + 6 * scale;
            const x = left + width - 4 * scale;
            const boxTop = below ? y + 2 * scale : y - 15 * scale;
            ctx.fillStyle = theme.bg;
            ctx.globalAlpha = 0.85;
            ctx.fillRect(x - w + 3 * scale, boxTop, w, 13 * scale);
            ctx.globalAlpha = 1;
            ctx.fillStyle = theme.fg;
            ctx.textBaseline = 'top';
            ctx.fillText(l.label, x, boxTop + 1.5 * scale);
          }
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * A y scale: logarithmic when the spec asks (base 10), and widened to take in the reference lines of
 * its axis, so a line outside the data's range is still drawn (on a log scale only lines above zero).
 */
function yScale(spec: ChartSpec, axis: 'left' | 'right'): uPlot.Scale {
  const refs = (spec.refLines ?? []).filter((l) => (l.axis ?? 'left') === axis && Number.isFinite(l.value) && (spec.log !== true || l.value > 0)).map((l) => l.value);
  const range: uPlot.Range.Function = (_u, dataMin, dataMax) => {
    const has = typeof dataMin === 'number' && typeof dataMax === 'number' && Number.isFinite(dataMin) && Number.isFinite(dataMax);
    const lo = Math.min(...refs, ...(has ? [dataMin] : []));
    const hi = Math.max(...refs, ...(has ? [dataMax] : []));
    return spec.log === true ? uPlot.rangeLog(lo, hi, 10, true) : uPlot.rangeNum(lo, hi, 0.1, true);
  };
  return { ...(spec.log === true ? { distr: 3, log: 10 } : {}), ...(refs.length > 0 ? { range } : {}) };
}

function markerPlugin(day: number, label: string, theme: Theme, scale: number): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const x = u.valToPos(day * DAY, 'x', true);
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = theme.muted;
          ctx.setLineDash([4 * scale, 4 * scale]);
          ctx.lineWidth = scale;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillStyle = theme.muted;
          ctx.font = `${11 * scale}px system-ui, sans-serif`;
          ctx.fillText(label, x + 4 * scale, u.bbox.top + 12 * scale);
          ctx.restore();
        },
      ],
    },
  };
}

export interface BuildOptions {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly theme: Theme;
  readonly group?: ChartGroup;
  readonly onCursor?: (u: uPlot) => void;
  /** Told about every x-range change (the view records it on the chart element for tests and exports). */
  readonly onRange?: (u: uPlot) => void;
  /** Double-click: back to the view's active range preset (or the whole data) instead of this chart's own data range. */
  readonly onReset?: (u: uPlot) => void;
  /** False: the chart shares the group's cursor but keeps its own x range (the lab's projection-only spread chart). */
  readonly linkRange?: boolean;
}

/** ISO tick labels whatever the locale: years, months or days by the spacing uPlot chose. */
export function isoTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  const n = incr >= 360 * DAY ? 4 : incr >= 28 * DAY ? 7 : 10;
  // Zoomed to hours, uPlot ticks every few hours: each date is written once, at its first tick (found:
  // the same date four times along a day).
  let last = '';
  return splits.map((t) => {
    const text = new Date(t * 1000).toISOString().slice(0, n);
    if (incr < DAY && text === last) return '';
    last = text;
    return text;
  });
}

/** Tick steps of an event-aligned axis (x in seconds, as uPlot gets every chart's days): 1 day … 1 year. */
const OFFSET_INCRS = [1, 2, 7, 14, 30, 60, 90, 180, 365].map((n) => n * DAY);
/** "+60 d" tick labels of an event-aligned chart. */
export function offsetTicks(_u: uPlot, splits: number[]): string[] {
  return splits.map((t) => offsetText(Math.round(t / DAY)));
}

/**
 * Where a series' line breaks: between consecutive observations more than a few periods of its
 * frequency apart (in canvas pixels, as uPlot's gap clip wants them). Shorter runs of nulls (a weekly
 * series on a daily grid) are bridged. Decimated data keeps at most a couple of pixels between points
 * where the data is contiguous, so only gaps wider than that count.
 */
function gapRefiner(limitDays: number): uPlot.Series.GapsRefiner {
  const limit = limitDays * DAY;
  return (u, sidx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[sidx];
    const out: uPlot.Series.Gaps = [];
    if (!xs || !ys) return out;
    let prev = -1;
    for (let i = idx0; i <= idx1; i++) {
      const v = ys[i];
      if (v === null || v === undefined) continue;
      if (prev >= 0 && (xs[i] ?? 0) - (xs[prev] ?? 0) > limit) {
        const a = Math.round(u.valToPos(xs[prev] ?? 0, 'x', true));
        const b = Math.round(u.valToPos(xs[i] ?? 0, 'x', true));
        if (b - a > 3) out.push([a + 1, b - 1]);
      }
      prev = i;
    }
    return out;
  };
}

const breakDays = (spec: ChartSpec, x: ChartSeries): number => GAP_BREAK_DAYS[x.frequency ?? inferFrequency(spec.x, x.values)];

export function buildOptions(spec: ChartSpec, o: BuildOptions): uPlot.Options {
  const s = o.scale;
  const font = `${11 * s}px system-ui, -apple-system, Segoe UI, sans-serif`;
  const axis = (side: 0 | 1 | 2 | 3, label?: string): uPlot.Axis => ({
    side,
    stroke: o.theme.muted,
    font,
    labelFont: font,
    ticks: { stroke: o.theme.grid, width: s, size: 5 * s },
    grid: { stroke: o.theme.grid, width: s },
    size: side === 2 ? 36 * s : 62 * s,
    space: side === 2 ? 60 * s : 30 * s,
    gap: 4 * s,
    ...(label ? { label, labelSize: 16 * s, labelGap: 2 * s } : {}),
  });
  const seriesIndex = new Map(spec.series.map((x, i) => [x.id, i + 1]));
  const rightAxis = spec.series.some((x) => x.axis === 'right');
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8, 12 * s] }) : undefined;
  const stepped = uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
  // Where each series' line breaks (its frequency inferred once): for uPlot's gaps and the bands layer alike.
  const gapDays = spec.series.map((x) => breakDays(spec, x));
  // Shaded ranges are polygons in our own layer (bands-layer.ts), and the thin lines at their edges
  // are drawn there too: uPlot keeps those series for scales and the cursor but draws nothing for them.
  const bands = (spec.bands ?? []).flatMap((b): BandLayer[] => {
    const upper = seriesIndex.get(b.upper);
    const lower = seriesIndex.get(b.lower);
    return upper !== undefined && lower !== undefined ? [{ upper, lower, fill: b.fill, step: [upper, lower].some((i) => spec.series[i - 1]?.style === 'step') }] : [];
  });
  const inBand = new Set(bands.flatMap((b) => [b.upper, b.lower]));
  const drawnByLayer = (x: ChartSeries, i: number): boolean => x.style === 'band-edge' && inBand.has(i + 1);
  const edgeWidth = (x: ChartSeries): number => (x.width ?? (x.style === 'band-edge' ? 0.5 : 1.5)) * s;
  const edges = spec.series.flatMap((x, i): EdgeLine[] => (drawnByLayer(x, i) ? [{ series: i + 1, stroke: themed(x.color, o.theme.fg), width: edgeWidth(x), alpha: EDGE_ALPHA }] : []));
  return {
    width: o.width,
    height: o.height,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { show: false },
    // Room on the right for half of the last ISO date label (uPlot centres tick labels on their tick).
    padding: [8 * s, 34 * s, 0, 0],
    // Every chart has a cursor and drag-to-zoom; linked charts share the cursor (uPlot's sync key).
    // No hover points: the readout gives each series as of the cursor's date, not the nearest point.
    cursor: {
      ...(o.group
        ? {
            sync: {
              key: o.group.key,
              setSeries: false,
              // uPlot syncs a drag zoom through the same key (mousedown/mouseup): a chart with its own
              // range shares the cursor only.
              ...(o.linkRange === false ? { filters: { pub: (type: string) => type !== 'mousedown' && type !== 'mouseup', sub: (type: string) => type !== 'mousedown' && type !== 'mouseup' } } : {}),
            },
          }
        : {}),
      drag: { x: true, y: false, setScale: true },
      points: { show: false },
      ...(o.onReset
        ? {
            bind: {
              dblclick: (u: uPlot) => () => {
                o.onReset?.(u);
                return null;
              },
            },
          }
        : {}),
    },
    // A second y axis (issue 12) only when a series asks for it; its grid would cross the left one's.
    scales: { x: { time: spec.xAxis !== 'days-from-event' }, ...(spec.log === true || (spec.refLines ?? []).length > 0 ? { y: yScale(spec, 'left') } : {}), ...(rightAxis ? { y2: yScale(spec, 'right') } : {}) },
    // ISO dates are wider than uPlot's default labels: more room between ticks so none overlaps.
    axes: [spec.xAxis === 'days-from-event' ? { ...axis(2), values: offsetTicks, incrs: OFFSET_INCRS, space: 60 * s } : { ...axis(2), values: isoTicks, space: 90 * s }, axis(3, spec.axisLabels?.left ?? spec.unitLabel), ...(rightAxis ? [{ ...axis(1, spec.axisLabels?.right ?? spec.unitLabel), scale: 'y2', grid: { show: false } }] : [])],
    series: [
      {},
      ...spec.series.map((x, i): uPlot.Series => ({
        label: x.label,
        stroke: themed(x.color, o.theme.fg),
        width: edgeWidth(x),
        spanGaps: false,
        // Bars stand alone: nothing to break, and a gap clip would cut the bars at its edges.
        ...(x.style === 'bars' ? {} : { gaps: gapRefiner(gapDays[i] ?? Number.POSITIVE_INFINITY) }),
        points: { show: false },
        ...(x.style === 'dash' ? { dash: [6 * s, 4 * s] } : {}),
        ...(x.style === 'step' && stepped ? { paths: stepped } : {}),
        ...(x.style === 'bars' && bars ? { paths: bars, fill: themed(x.color, o.theme.fg), spanGaps: false } : {}),
        ...(x.style === 'band-edge' ? { alpha: EDGE_ALPHA } : {}),
        ...(drawnByLayer(x, i) ? { paths: drawsNothing } : {}),
        ...(x.axis === 'right' ? { scale: 'y2' } : {}),
      })),
    ],
    plugins: [
      ...(bands.length > 0 ? [bandsPlugin({ bands, edges, breakSeconds: (i) => (gapDays[i - 1] ?? Number.POSITIVE_INFINITY) * DAY })] : []),
      ...(spec.shadeCalendar ? [calendarPlugin(o.theme, s)] : []), ...(spec.xAxis !== 'days-from-event' ? [eventsPlugin(o.theme, s)] : []), ...(spec.marker ? [markerPlugin(spec.marker.day, spec.marker.label, o.theme, s)] : []), ...((spec.refLines ?? []).length > 0 ? [refLinesPlugin(spec.refLines ?? [], o.theme, s)] : [])],
    hooks: {
      setScale: [
        (u: uPlot, key: string) => {
          if (key !== 'x') return;
          o.onRange?.(u);
          if (o.linkRange !== false) o.group?.onScale(u);
        },
      ],
      ...(o.onCursor ? { setCursor: [(u: uPlot) => o.onCursor?.(u)] } : {}),
    },
  };
}

/** The column as uPlot wants it (NaN/±Infinity as gaps), copied only when it has such values. */
function gapsAsNull(values: readonly (number | null)[]): readonly (number | null)[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !Number.isFinite(v)) return values.map((w) => (w === null || !Number.isFinite(w) ? null : w));
  }
  return values;
}

function toUplotData(spec: ChartSpec): uPlot.AlignedData {
  return [spec.x.map((d) => d * DAY), ...spec.series.map((x) => gapsAsNull(x.values))] as uPlot.AlignedData;
}

/** What a chart hands to uPlot: the (possibly decimated) data and, when decimated, each point's index in the spec. */
export interface DrawData {
  readonly data: uPlot.AlignedData;
  readonly source: Int32Array | null;
  /** The window and width this was decimated for ('' when nothing was dropped). */
  readonly key: string;
}

/** The key `drawData` would give for this window and width, so a chart can tell when to re-decimate. */
export function drawKey(window: { min: number; max: number }, buckets: number): string {
  return `${Math.round(window.min / DAY)}/${Math.round(window.max / DAY)}/${buckets}`;
}

/**
 * Data for a chart `buckets` device pixels wide showing `window` (uPlot x units, seconds; null = all):
 * decimated to the pixel width (M4) when the series have many more points than pixels. Bars are
 * never decimated (their width comes from the spacing of the points).
 */
export function drawData(spec: ChartSpec, buckets: number, window: { min: number; max: number } | null): DrawData {
  const cols = spec.series.map((x) => x.values);
  const idx = spec.series.some((x) => x.style === 'bars') ? null : visibleIndices(spec.x, cols, Math.max(1, Math.round(buckets)), window === null ? null : { from: window.min / DAY, to: window.max / DAY });
  if (idx === null) return { data: toUplotData(spec), source: null, key: '' };
  const xs = new Array<number>(idx.length);
  for (let i = 0; i < idx.length; i++) xs[i] = (spec.x[idx[i] ?? 0] ?? 0) * DAY;
  const ys = cols.map((c) => {
    const out = new Array<number | null>(idx.length);
    for (let i = 0; i < idx.length; i++) {
      const v = c[idx[i] ?? 0];
      out[i] = v === null || v === undefined || !Number.isFinite(v) ? null : v;
    }
    return out;
  });
  // Keyed by the window actually shown, so the first zoom-free redraw is recognised as already done.
  const shown = window ?? { min: (spec.x[0] ?? 0) * DAY, max: (spec.x[spec.x.length - 1] ?? 0) * DAY };
  return { data: [xs, ...ys] as uPlot.AlignedData, source: idx, key: drawKey(shown, Math.round(buckets)) };
}
