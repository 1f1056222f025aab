/** History + projection charts for the Scenario lab and Compare. */
import { crossings, type ProjectionPath } from '../../../shared/compute/projection.js';
import { epochDay } from '../../../shared/time/iso-date.js';
import type { ActualMonth } from '../../../shared/compute/backtest.js';
import type { ChartSeries, ChartSpec } from '../../charts/chart-spec.js';
import { colorFor } from '../../charts/palette.js';
import type { SeriesMap } from '../../app/series-data.js';
import { valueOn } from '../../app/series-data.js';

export interface History {
  readonly dates: number[];
  readonly reserves: (number | null)[];
  readonly ratio: (number | null)[];
  readonly nl: (number | null)[];
}

/** Weekly history since `fromDay`: WRESBAL, reserves/GDP (quarter in force) and NL_wed-style net liquidity. */
export function historyFrom(m: SeriesMap, fromDay: number): History {
  const res = m.get('WRESBAL');
  const out: History = { dates: [], reserves: [], ratio: [], nl: [] };
  if (!res) return out;
  res.dates.forEach((d, i) => {
    if (d < fromDay) return;
    const r = res.values[i] ?? null;
    const g = valueOn(m.get('GDP'), d);
    const w = valueOn(m.get('WALCL'), d);
    const t = valueOn(m.get('WDTGAL'), d);
    const rr = valueOn(m.get('RRPONTSYD'), d);
    out.dates.push(d);
    out.reserves.push(r);
    out.ratio.push(r !== null && g !== null ? (100 * r) / g : null);
    out.nl.push(w !== null && t !== null && rr !== null ? w - t - rr : null);
  });
  return out;
}

/** The x axis of history ∪ projection months and where each point comes from: the same for every tick of a drag. */
interface MergeShape {
  readonly x: number[];
  /** x index → history index, or −1. */
  readonly hi: number[];
  /** x index → projection month index, or −1. */
  readonly pi: number[];
}

/**
 * Shapes by history (the loaded series) and projection months (anchor month and length): a slider
 * tick changes values only, so the union and its index maps are built once per anchor and horizon
 * instead of four times per tick.
 */
const SHAPES = new WeakMap<History, Map<string, MergeShape>>();

function shapeOf(h: History, p: ProjectionPath): MergeShape {
  const key = `${p.dates[0] ?? ''}|${p.dates.length}`;
  let byKey = SHAPES.get(h);
  if (byKey === undefined) {
    byKey = new Map();
    SHAPES.set(h, byKey);
  }
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  const pd = p.dates.map((d) => epochDay(d));
  // The union of the weekly history days and the projection's month-ends, in order: from a past anchor
  // the projection's months fall inside the history (found: appended only after the history's end,
  // a past anchor's projection was not drawn at all).
  const x: number[] = [];
  const hi: number[] = [];
  const pi: number[] = [];
  for (let i = 0, j = 0; i < h.dates.length || j < pd.length; ) {
    const a = h.dates[i] ?? Number.POSITIVE_INFINITY;
    const b = pd[j] ?? Number.POSITIVE_INFINITY;
    if (a <= b) {
      x.push(a);
      hi.push(i++);
      pi.push(a === b ? j++ : -1);
    } else {
      x.push(b);
      hi.push(-1);
      pi.push(j++);
    }
  }
  const shape = { x, hi, pi };
  byKey.set(key, shape);
  return shape;
}

/** The days of `x` from `day` on, one array per x and day (the spread chart starts at the anchor), so its identity holds across ticks too. */
const FROM_DAY = new WeakMap<readonly number[], { day: number; x: number[] }>();
function daysFrom(x: readonly number[], day: number): number[] {
  const hit = FROM_DAY.get(x);
  if (hit !== undefined && hit.day === day) return hit.x;
  const out = x.filter((d) => d >= day);
  FROM_DAY.set(x, { day, x: out });
  return out;
}

function merge(h: History, p: ProjectionPath, hist: (keyof Omit<History, 'dates'>) | null, proj: Float64Array): { x: number[]; h: (number | null)[]; p: (number | null)[]; on: (other: Float64Array) => (number | null)[] } {
  const { x, hi, pi } = shapeOf(h, p);
  const hv: (number | null)[] = hi.map((k) => (hist !== null && k >= 0 ? (h[hist][k] ?? null) : null));
  // Any path on the same months (the sensitivity band shares the anchor and horizon) maps onto x.
  const on = (other: Float64Array): (number | null)[] => pi.map((j) => (j < 0 ? null : (other[j] ?? null)));
  return { x, h: hv, p: on(proj), on };
}

export interface BandPath {
  readonly factor: number;
  readonly path: ProjectionPath;
}

/** The scales applied to every RMP step: the band the lab draws around the scenario. */
export const RMP_BAND_FACTORS: readonly number[] = [0.5, 0.75, 1.25, 1.5];

const bandColor = (factor: number): string => (Math.abs(factor - 1) > 0.3 ? '#D55E0055' : '#D55E00AA');

/**
 * A constant line (threshold, corridor edges) on a grid of weekly history and monthly projection: read
 * with the monthly limit, so it shows between projection months too (found: "10% threshold —").
 */
const CONSTANT = { frequency: 'M' } as const;
const WEEKLY_HISTORY: ReadonlySet<string> = new Set(['WRESBAL', 'RGDP', 'NL']);

/** What happened after a past anchor, drawn over the projection (Okabe–Ito bluish green: neither the history's nor the projection's colour). */
const ACTUAL_COLOR = '#009E73';

/**
 * From a past anchor, the weekly history after it is what actually happened: drawn as its own series
 * (issue 14 §1) so projection and outcome read side by side, and the history line stops at the anchor.
 */
function splitAtAnchor(values: (number | null)[], x: readonly number[], anchorDay: number): { before: (number | null)[]; after: (number | null)[] | null } {
  if (!x.some((d, i) => d > anchorDay && values[i] !== null)) return { before: values, after: null };
  return { before: values.map((v, i) => ((x[i] ?? 0) <= anchorDay ? v : null)), after: values.map((v, i) => ((x[i] ?? 0) > anchorDay ? v : null)) };
}

/** Monthly actuals (last Wednesday of each month) placed on the projection's month-end of that month. */
function actualOnMonths(x: readonly number[], p: ProjectionPath, actuals: readonly ActualMonth[], pick: (a: ActualMonth) => number | null): (number | null)[] {
  const byMonth = new Map(actuals.map((a) => [a.month, pick(a)]));
  const dayOfMonth = new Map(p.dates.map((d) => [epochDay(d), d.slice(0, 7)]));
  return x.map((d) => {
    const m = dayOfMonth.get(d);
    return m === undefined ? null : (byMonth.get(m) ?? null);
  });
}

export function labSpecs(h: History, p: ProjectionPath, scenarioLine: string, thresholdPct: number, corridor: { floorBp: number; capBp: number }, band: readonly BandPath[] = [], actuals: readonly ActualMonth[] = [], knownThroughDay?: number): ChartSpec[] {
  const anchorDay = p.dates[0] === undefined ? 0 : epochDay(p.dates[0]);
  const marker = { day: anchorDay, label: 'anchor' };
  const foot = [`Projection: ${scenarioLine}`, 'History: WRESBAL (week average), GDP (quarter in force), WALCL − WDTGAL − ON RRP. Projection: reserves from WRBWFRBL (Wednesday) and GDP rolled forward to the anchor, so the two can differ at the seam. Model: monthly balance-sheet identity projection (README, Scenario lab). Made with Reservoir.'];
  const res = merge(h, p, 'reserves', p.reserves);
  const ratio = merge(h, p, 'ratio', p.reservesGdpPct);
  const nl = merge(h, p, 'nl', p.netLiquidity);
  const spread = merge(h, p, null, p.spreadBp);
  // Split only from a past anchor (months of actuals after it): at the latest anchor the few weeks
  // of reserves newer than the last complete H.4.1 stay plain history.
  const past = actuals.length > 0;
  const keep = (v: (number | null)[]): { before: (number | null)[]; after: (number | null)[] | null } => ({ before: v, after: null });
  // History is what was known on the anchor's H.4.1 Wednesday (found: split at the month-end before
  // it, the weeks up to the Wednesday were drawn as "after the anchor").
  const splitDay = knownThroughDay ?? anchorDay;
  const resS = past ? splitAtAnchor(res.h, res.x, splitDay) : keep(res.h);
  const ratioS = past ? splitAtAnchor(ratio.h, ratio.x, splitDay) : keep(ratio.h);
  const nlS = past ? splitAtAnchor(nl.h, nl.x, splitDay) : keep(nl.h);
  // Frequencies said, not inferred on every slider tick: weekly history, monthly projections.
  const line = (id: string, label: string, unit: string, color: string, values: (number | null)[], style?: ChartSeries['style']): ChartSeries => ({ id, label, unit, color, values, frequency: WEEKLY_HISTORY.has(id) ? 'W' : 'M', ...(style ? { style } : {}) });
  // Thin lines for the band, each labelled with its factor (colour is not the only cue). Not on net
  // liquidity: there it moves one-for-one with reserves, and each line is redrawn on every tick.
  const bandLines = (m: ReturnType<typeof merge>, id: string, unit: string, pick: (q: ProjectionPath) => Float64Array): ChartSeries[] =>
    band.map((b) => ({ ...line(`${id}_RMPx${b.factor}`, `RMP ×${b.factor}`, unit, bandColor(b.factor), m.on(pick(b.path))), width: 1 }));
  return [
    { key: 'lab-reserves', title: 'Reserves: history and projection', unitLabel: '$bn', x: res.x, series: [line('WRESBAL', 'Reserves (history, wk avg)', 'usd_bn', colorFor('WRESBAL'), resS.before), ...(resS.after ? [{ ...line('R_ACT', 'Reserves (actual after the anchor, wk avg)', 'usd_bn', ACTUAL_COLOR, resS.after), frequency: 'W' as const }] : []), line('R_PROJ', 'Reserves (projection)', 'usd_bn', '#D55E00', res.p, 'dash'), ...bandLines(res, 'R_PROJ', 'usd_bn', (q) => q.reserves)], footer: foot, marker },
    {
      key: 'lab-ratio',
      title: `Reserves / GDP with the ${thresholdPct}% line`,
      unitLabel: '% of GDP',
      x: ratio.x,
      series: [line('RGDP', 'Reserves/GDP (history)', 'percent', colorFor('WRESBAL'), ratioS.before), ...(ratioS.after ? [{ ...line('RGDP_ACT', 'Reserves/GDP (actual after the anchor)', 'percent', ACTUAL_COLOR, ratioS.after), frequency: 'W' as const }] : []), line('RGDP_PROJ', 'Reserves/GDP (projection)', 'percent', '#D55E00', ratio.p, 'dash'), ...bandLines(ratio, 'RGDP_PROJ', 'percent', (q) => q.reservesGdpPct), { ...line('THR', `${thresholdPct}% threshold`, 'percent', '#888888', ratio.x.map(() => thresholdPct), 'step'), ...CONSTANT }],
      footer: foot,
      marker,
    },
    { key: 'lab-nl', title: 'Net liquidity: history and projection', unitLabel: '$bn', x: nl.x, series: [line('NL', 'Net liquidity (history, Wed)', 'usd_bn', colorFor('NL'), nlS.before), ...(nlS.after ? [{ ...line('NL_ACT', 'Net liquidity (actual after the anchor)', 'usd_bn', ACTUAL_COLOR, nlS.after), frequency: 'W' as const }] : []), line('NL_PROJ', 'Net liquidity (projection)', 'usd_bn', '#D55E00', nl.p, 'dash')], footer: foot, marker },
    {
      key: 'lab-spread',
      title: 'Implied EFFR − IORB with the corridor',
      unitLabel: 'bp',
      x: daysFrom(spread.x, anchorDay),
      series: [
        line('S_PROJ', 'Implied EFFR − IORB', 'bp', '#D55E00', spread.p.filter((_, i) => (spread.x[i] ?? 0) >= anchorDay)),
        ...(past ? [line('S_ACT', 'EFFR − IORB actual (last Wednesday of the month)', 'bp', ACTUAL_COLOR, actualOnMonths(spread.x, p, actuals, (a) => a.spreadBp).filter((_, i) => (spread.x[i] ?? 0) >= anchorDay))] : []),
        ...bandLines(spread, 'S_PROJ', 'bp', (q) => q.spreadBp).map((b) => ({ ...b, values: b.values.filter((_, i) => (spread.x[i] ?? 0) >= anchorDay) })),
        { ...line('CAP', 'SRF ceiling (top − IORB)', 'bp', '#888888', daysFrom(spread.x, anchorDay).map(() => corridor.capBp), 'step'), ...CONSTANT },
        { ...line('FLOOR', 'ON RRP floor (RRP − IORB)', 'bp', '#56B4E9', daysFrom(spread.x, anchorDay).map(() => corridor.floorBp), 'step'), ...CONSTANT },
      ],
      footer: foot,
    },
    ...(past ? [tgaRrpSpec(p, actuals, foot, marker)] : []),
  ];
}

/** From a past anchor only: the TGA and ON RRP paths against what happened (they drive most of the reserves errors). */
function tgaRrpSpec(p: ProjectionPath, actuals: readonly ActualMonth[], foot: string[], marker: { day: number; label: string }): ChartSpec {
  const x = p.dates.map((d) => epochDay(d));
  const proj = (a: Float64Array): (number | null)[] => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  return {
    key: 'lab-tga-rrp',
    title: 'TGA and ON RRP: projection and what happened',
    unitLabel: '$bn',
    x,
    series: [
      { id: 'TGA_PROJ', label: 'TGA (projection)', unit: 'usd_bn', color: '#0072B2', values: proj(p.tga), frequency: 'M', style: 'dash' },
      { id: 'TGA_ACT', label: 'TGA (actual, last Wednesday)', unit: 'usd_bn', color: '#0072B2', values: actualOnMonths(x, p, actuals, (a) => a.tgaBn), frequency: 'M' },
      { id: 'RRP_PROJ', label: 'ON RRP (projection)', unit: 'usd_bn', color: '#E69F00', values: proj(p.rrp), frequency: 'M', style: 'dash' },
      { id: 'RRP_ACT', label: 'ON RRP (actual, last Wednesday)', unit: 'usd_bn', color: '#E69F00', values: actualOnMonths(x, p, actuals, (a) => a.onrrpBn), frequency: 'M' },
    ],
    footer: foot,
    marker,
  };
}

export function crossingSummary(p: ProjectionPath, thresholdPct: number): string {
  const c = crossings(p.reservesGdpPct, p.dates, thresholdPct);
  if (c.up) return `reserves/GDP reaches ${thresholdPct}% in ${c.up.date} (month ${c.up.t}, ${c.up.value.toFixed(2)}%)`;
  if (c.statusAtStart === 'already above') return `reserves/GDP is already above ${thresholdPct}%${c.down ? `; falls below in ${c.down.date}` : ''}`;
  return `reserves/GDP stays below ${thresholdPct}% through ${p.dates[p.dates.length - 1] ?? ''} (ends at ${c.valueAtEnd.toFixed(2)}%)`;
}

/** One line per band member: when each reaches the threshold, so the band reads as a range of dates. */
export function bandSummary(band: readonly BandPath[], thresholdPct: number): string {
  return band
    .map((b) => {
      const c = crossings(b.path.reservesGdpPct, b.path.dates, thresholdPct);
      return `×${b.factor}: ${c.up ? c.up.date : c.statusAtStart === 'already above' ? 'already above' : 'not within the horizon'}`;
    })
    .join(' · ');
}
