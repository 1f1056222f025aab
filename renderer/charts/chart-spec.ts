/** What a chart shows, independent of uPlot: built by views, drawn by TimeChart, exported to PNG/CSV. */
import { escapeRegExp } from '../format.js';
import type { ChartFrequency } from './as-of.js';

export type SeriesStyle = 'line' | 'step' | 'bars' | 'dash' | 'band-edge';

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly style?: SeriesStyle;
  readonly width?: number;
  /** How the stored value was derived from the published one (shown on hover and in exports). */
  readonly conversion?: string;
  /**
   * The observations themselves when `values` carries some forward for drawing (a policy rate stepped
   * across a shared daily grid, a weekly level as of each day): readouts, tables and CSV read these, so
   * a carried value is never shown as if it had been published on that date.
   */
  readonly observed?: readonly (number | null)[];
  /** Its own frequency (inferred from the spacing of its values when absent): readout limit and line breaks. */
  readonly frequency?: ChartFrequency;
  /** Which y axis it is drawn against (issue 12): 'right' adds a second axis with its own scale. */
  readonly axis?: 'left' | 'right';
}

/** A horizontal reference line with its label, in the unit of its axis (e.g. 10 labelled "10%"). */
export interface ChartRefLine {
  readonly value: number;
  readonly label: string;
  readonly axis?: 'left' | 'right';
}

export interface ChartBand {
  readonly upper: string;
  readonly lower: string;
  readonly fill: string;
}

export interface ChartSpec {
  readonly key: string;
  readonly title: string;
  /** Axis unit label, e.g. "$bn", "% per annum", "bp". */
  readonly unitLabel: string;
  /** Epoch days (UTC), ascending. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly bands?: readonly ChartBand[];
  readonly shadeCalendar?: boolean;
  /** Provenance footer lines: sources, last observation dates, scenario parameters. */
  readonly footer: readonly string[];
  /** A vertical line (e.g. the projection anchor), epoch day. */
  readonly marker?: { readonly day: number; readonly label: string };
  /**
   * The y axes' own labels when they differ from `unitLabel` (which the header and exports show):
   * with a right axis, `unitLabel` names both and each axis names its own unit.
   */
  readonly axisLabels?: { readonly left: string; readonly right: string };
  /** Logarithmic y scales (every value must be above zero; the view checks before asking). */
  readonly log?: boolean;
  readonly refLines?: readonly ChartRefLine[];
  /**
   * 'days-from-event': `x` holds day offsets from an event (…, −1, 0, +1, …), not calendar days: ticks,
   * readouts, tables and CSV read "+60 d" (the episode overlay), never a date.
   */
  readonly xAxis?: 'date' | 'days-from-event';
}

/** A day offset as the axis, readouts and exports show it: `−30 d`, `0 d`, `+60 d`. */
export const offsetText = (n: number): string => (n === 0 ? '0 d' : `${n > 0 ? '+' : '−'}${Math.abs(n)} d`);

/** An x value of the chart as text: an ISO date, or a day offset on an event-aligned chart. */
export const xText = (spec: Pick<ChartSpec, 'xAxis'>, day: number): string => (spec.xAxis === 'days-from-event' ? offsetText(day) : new Date(day * 86_400_000).toISOString().slice(0, 10));

/** Joins series given on their own dates onto the union of dates (null where a series has no value). */
export function joinOnDates(inputs: readonly { dates: readonly number[]; values: readonly number[] }[]): { x: number[]; columns: (number | null)[][] } {
  const all = new Set<number>();
  for (const s of inputs) for (const d of s.dates) all.add(d);
  const x = [...all].sort((a, b) => a - b);
  const pos = new Map(x.map((d, i) => [d, i]));
  const columns = inputs.map((s) => {
    const col: (number | null)[] = new Array<number | null>(x.length).fill(null);
    for (let i = 0; i < s.dates.length; i++) {
      const p = pos.get(s.dates[i] ?? 0);
      const v = s.values[i];
      if (p !== undefined && v !== undefined && Number.isFinite(v)) col[p] = v;
    }
    return col;
  });
  return { x, columns };
}

/** Carries each value forward to later dates (for step-like policy rates on a shared grid). */
export function fillForward(col: readonly (number | null)[], maxGap = Number.POSITIVE_INFINITY): (number | null)[] {
  const out: (number | null)[] = [];
  let last: number | null = null;
  let gap = 0;
  for (const v of col) {
    if (v !== null) {
      last = v;
      gap = 0;
    } else gap++;
    out.push(v ?? (gap <= maxGap ? last : null));
  }
  return out;
}

/** What a series published (its observations), as opposed to what is drawn. */
export const observedOf = (s: ChartSeries): readonly (number | null)[] => s.observed ?? s.values;

/** Unit words for CSV headers and text alternatives. */
export const UNIT_TEXT: Readonly<Record<string, string>> = { usd_bn: '$bn', usd_bn_saar: '$bn SAAR', percent: '%', bp: 'bp', ratio: 'ratio', number: 'number', index: 'index', usd_price: 'USD' };

/** Basis abbreviations of legend labels, spelled out for a CSV header. */
const BASIS_WORDS: Readonly<Record<string, string>> = {
  'wk avg': 'week average',
  'week average': 'week average',
  Wed: 'Wednesday level',
  'Wed level': 'Wednesday level',
  'DTS daily': 'daily, DTS',
  daily: 'daily',
};

/**
 * A readable CSV column name: `WRESBAL ($bn, week average)` from the label `WRESBAL (wk avg)`. A label
 * naming its store series (`SRF take-up (RPONTTLD)`) is headed by that id; a computed one by its label.
 */
export function csvHeader(s: ChartSeries): string {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(s.label);
  const tokens = m ? (m[2] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '') : [];
  const basis = tokens.flatMap((t) => (BASIS_WORDS[t] ? [BASIS_WORDS[t]] : []));
  const rest = tokens.filter((t) => BASIS_WORDS[t] === undefined);
  const namesId = s.id.length > 2 && new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(s.id)}($|[^A-Za-z0-9_])`).test(s.label);
  const name = namesId ? s.id : m ? `${m[1] ?? ''}${rest.length > 0 ? ` (${rest.join(', ')})` : ''}` : s.label;
  return `${name} (${[UNIT_TEXT[s.unit] ?? s.unit, ...basis].join(', ')})`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export const csvField = (t: string): string => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

/**
 * The data behind a chart as CSV: one column per series with a readable header, the rows inside
 * `window` (epoch days, inclusive; null = the full history), rows with no value at all left out.
 */
export function toCsv(spec: ChartSpec, window: { from: number; to: number } | null = null): string {
  // Band edges (SOFR's 1st/99th percentiles) are data too: every series is a column.
  const shown = spec.series;
  const offsets = spec.xAxis === 'days-from-event';
  const head = [offsets ? 'days from event' : 'date', ...shown.map(csvHeader)].map(csvField);
  const lines = [head.join(',')];
  for (let i = 0; i < spec.x.length; i++) {
    const day = spec.x[i] ?? 0;
    if (window !== null && (day < window.from || day > window.to)) continue;
    const row = shown.map((s) => {
      const v = observedOf(s)[i];
      return v === null || v === undefined || !Number.isFinite(v) ? '' : String(Math.round(v * 1e9) / 1e9);
    });
    if (row.every((c) => c === '')) continue;
    lines.push([offsets ? String(day) : new Date(day * 86_400_000).toISOString().slice(0, 10), ...row].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A plain file name for a chart's export: its title in lower-case words, then the date. */
export function exportName(title: string, stamp: string, ext: 'csv' | 'png'): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug === '' ? 'chart' : slug}-${stamp}.${ext}`;
}
