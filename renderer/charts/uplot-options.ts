/**
 * Builds uPlot options from a ChartSpec. `scale` multiplies every size (fonts, strokes, paddings) so
 * an offscreen copy can be drawn at 2× pixel density for PNG export regardless of the screen.
 */
import uPlot from 'uplot';
import { BusinessCalendar, markersBetween } from '../../shared/compute/calendar.js';
import { fromEpochDay } from '../../shared/time/iso-date.js';
import type { ChartSpec } from './chart-spec.js';
import type { ChartGroup } from './chart-group.js';
import { visibleIndices } from './decimate.js';
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
const DAY = 86_400;

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
          if (span > 365 * 6) return;
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
            } else if ((m.kind === 'tax_corporate' || m.kind === 'tax_individual') && span < 365 * 3) {
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
            } else if (m.kind === 'month_end' && span < 550) {
              ctx.fillStyle = theme.shade;
              ctx.globalAlpha = 0.5;
              ctx.fillRect(x, top, w, h);
              ctx.globalAlpha = 1;
            }
          }
          ctx.restore();
        },
      ],
    },
  };
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
}

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
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8, 12 * s] }) : undefined;
  const stepped = uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
  return {
    width: o.width,
    height: o.height,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    legend: { show: false },
    padding: [8 * s, 12 * s, 0, 0],
    cursor: o.group ? { sync: { key: o.group.key, setSeries: false }, drag: { x: true, y: false, setScale: true } } : { show: false },
    scales: { x: { time: true } },
    axes: [axis(2), axis(3, spec.unitLabel)],
    series: [
      {},
      ...spec.series.map((x): uPlot.Series => ({
        label: x.label,
        stroke: themed(x.color, o.theme.fg),
        width: (x.width ?? (x.style === 'band-edge' ? 0.5 : 1.5)) * s,
        spanGaps: true,
        points: { show: false },
        ...(x.style === 'dash' ? { dash: [6 * s, 4 * s] } : {}),
        ...(x.style === 'step' && stepped ? { paths: stepped } : {}),
        ...(x.style === 'bars' && bars ? { paths: bars, fill: themed(x.color, o.theme.fg), spanGaps: false } : {}),
        ...(x.style === 'band-edge' ? { alpha: 0.6 } : {}),
      })),
    ],
    bands: (spec.bands ?? []).flatMap((b) => {
      const hi = seriesIndex.get(b.upper);
      const lo = seriesIndex.get(b.lower);
      return hi !== undefined && lo !== undefined ? [{ series: [hi, lo] as [number, number], fill: b.fill }] : [];
    }),
    plugins: [...(spec.shadeCalendar ? [calendarPlugin(o.theme, s)] : []), ...(spec.marker ? [markerPlugin(spec.marker.day, spec.marker.label, o.theme, s)] : [])],
    hooks: {
      setScale: [
        (u: uPlot, key: string) => {
          if (key !== 'x') return;
          o.onRange?.(u);
          o.group?.onScale(u);
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
