/**
 * One Workspace panel's chart from its evaluated series (issue 12): each series resampled to the
 * panel's frequency (FRED's avg / sum / eop), transformed by the panel's FRED units, joined on the
 * union of their dates, optionally rebased to 100 at its first value in the visible window, drawn
 * against the left or right axis, on a log scale when every value is above zero, with reference lines.
 * Pure (no DOM): what cannot be done (log of a value ≤ 0, rebasing from a value ≤ 0) is said in
 * `notes`, and the chart is drawn without it. A series with no finite value at all (`WRESBAL / 0`)
 * is not drawn but named in `unplottable`, with why; the dates a series loses to a division by zero
 * or an overflow, and an incomplete last period of a sum or average, are said in `notes`.
 */
import { resample, resampleComplete, type Aggregation, type IncompletePeriod, type TargetFrequency } from '../../../shared/compute/align.js';
import type { Series } from '../../../shared/compute/series.js';
import { fredTransform, type SeriesFrequency } from '../../../shared/compute/transform.js';
import type { PanelFreq, PanelUi } from '../../../shared/model/ui-state.js';
import { inferFrequency } from '../../charts/as-of.js';
import { joinOnDates, UNIT_TEXT, type ChartRefLine, type ChartSeries, type ChartSpec } from '../../charts/chart-spec.js';
import { colorFor, OKABE_ITO } from '../../charts/palette.js';
import { isoOfDay, valueFor } from '../../format.js';

export const FREQ_LABEL: Readonly<Record<PanelFreq, string>> = {
  native: 'native frequency',
  'W:avg': 'weekly (Wed), average',
  'W:sum': 'weekly (Wed), sum',
  'W:eop': 'weekly (Wed), end of period',
  'M:avg': 'monthly, average',
  'M:sum': 'monthly, sum',
  'M:eop': 'monthly, end of period',
  'Q:avg': 'quarterly, average',
  'Q:sum': 'quarterly, sum',
  'Q:eop': 'quarterly, end of period',
};

/** A series of the panel as `formula:eval` gave it, under its text in the panel's list. */
export interface EvaluatedSeries {
  readonly key: string;
  /** The formula as the core printed it. */
  readonly formula: string;
  readonly unit: string;
  readonly dates: readonly number[];
  readonly values: readonly number[];
  /** Dates the formula left out for want of a finite result (division by zero, overflow): formula:eval's `nonFinite`. */
  readonly nonFinite?: number;
}

export interface PanelChart {
  readonly spec: ChartSpec;
  /** Y axes drawn (2 when a series is on the right and another on the left). */
  readonly axes: 1 | 2;
  readonly log: boolean;
  readonly rebased: boolean;
  /** Each series' first value in the window, the one set to 100 (rebased only): for the readout and tests. */
  readonly bases: readonly { readonly key: string; readonly day: number; readonly value: number }[];
  readonly notes: readonly string[];
  /** The keys of the series drawn, in the order of `spec.series`. */
  readonly plotted: readonly string[];
  /** Series of the list left out of the chart, each with why (no finite value to draw). */
  readonly unplottable: readonly { readonly key: string; readonly error: string }[];
}

const DAY = 86_400;
const PERCENT_TRANSFORMS = new Set(['pch', 'pc1', 'pca', 'cch', 'cca']);
const unitLabel = (u: string): string => UNIT_TEXT[u] ?? u;

/** The unit a FRED units transform gives (percent changes are in percent, logs are plain numbers). */
function unitAfter(units: PanelUi['units'], unit: string): string {
  if (units === 'log') return 'number';
  return PERCENT_TRANSFORMS.has(units) ? 'percent' : unit;
}

const PERIOD_WORD: Readonly<Record<TargetFrequency, string>> = { W: 'week', M: 'month', Q: 'quarter' };

/** A period as the note names it: 2026-10, 2026 Q4, the week ending 2026-10-14. */
function periodName(d: IncompletePeriod, f: TargetFrequency): string {
  const iso = isoOfDay(d.period);
  if (f === 'M') return iso.slice(0, 7);
  if (f === 'Q') return `${iso.slice(0, 4)} Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
  return `the week ending ${iso}`;
}

const infinite = (v: number): boolean => Math.abs(v) === Number.POSITIVE_INFINITY;

interface Prepared {
  readonly dates: number[];
  readonly values: number[];
  readonly frequency: SeriesFrequency;
  /** Values that were there and are not finite: the formula's nonFinite, and ±Infinity from the aggregation. */
  readonly nonFinite: number;
  /** The last period of a sum or average, left out as the data does not reach its end. */
  readonly incomplete: IncompletePeriod | null;
  /** Finite values after aggregation and transform (what can be drawn). */
  readonly finite: number;
}

/**
 * The series on the panel's frequency and units, and the frequency its values are now at. A sum or
 * an average leaves out a last period the data does not cover to its end (resampleComplete); the
 * end of period keeps it (its value is the latest observation, not a part of a total).
 */
function prepared(e: EvaluatedSeries, p: PanelUi): Prepared {
  let nonFinite = (e.nonFinite ?? 0) + e.values.filter((v) => !Number.isFinite(v)).length;
  let s: Series = { dates: Int32Array.from(e.dates), values: Float64Array.from(e.values) };
  let f: SeriesFrequency = inferFrequency(e.dates, e.values);
  let incomplete: IncompletePeriod | null = null;
  if (p.freq !== 'native') {
    const [tf, agg] = p.freq.split(':') as [TargetFrequency, Aggregation];
    if (agg === 'eop') s = resample(s, tf, agg);
    else {
      const r = resampleComplete(s, tf, agg);
      s = r.series;
      incomplete = r.dropped;
    }
    f = tf;
  }
  // ±Infinity from the aggregation is an overflow (a sum past 1.8e308). The transform gives NaN for
  // what it cannot compute, its own gaps (no previous value) included: those are not counted.
  nonFinite += s.values.filter(infinite).length;
  const t = fredTransform(s, p.units, f);
  const values = Array.from(t.values);
  return { dates: Array.from(t.dates), values, frequency: f, nonFinite, incomplete, finite: values.filter((v) => Number.isFinite(v)).length };
}

const dates = (n: number): string => `${n.toLocaleString('en-US')} date${n === 1 ? '' : 's'}`;

/** Why a series that had values has none to draw, or null when it has some (or never had any: not in the store). */
function unplottableWhy(e: EvaluatedSeries, r: Prepared, p: PanelUi): string | null {
  if (r.finite > 0) return null;
  const steps = [p.freq === 'native' ? null : FREQ_LABEL[p.freq], p.units === 'lin' ? null : `the ${p.units} transform`].filter((x) => x !== null);
  const after = e.values.some((v) => Number.isFinite(v)) && steps.length > 0 ? ` after ${steps.join(' and ')}` : '';
  if (r.nonFinite > 0) return `${e.key} gives no finite values (division by zero or overflow) on any date${after}.`;
  if (r.incomplete !== null && p.freq !== 'native') {
    const tf = p.freq.split(':')[0] as TargetFrequency;
    return `${e.key} has no complete ${PERIOD_WORD[tf]} yet: its data ends ${isoOfDay(r.incomplete.lastObservation)}, before ${periodName(r.incomplete, tf)} does.`;
  }
  if (e.values.length > 0) return `${e.key} has no value left${after} (${e.values.length === 1 ? 'one observation' : `${e.values.length.toLocaleString('en-US')} observations`}).`;
  return null;
}

/** Colours: a catalog id keeps its own colour in every view (design.md §7); others take the next free one. */
function colours(keys: readonly string[], panelIndex: number): string[] {
  const used = new Set<string>();
  return keys.map((k, i) => {
    // colorFor gives the same colour at any position only when the id has a fixed colour of its own.
    const own = colorFor(k, 0) === colorFor(k, 1) ? colorFor(k, 0) : null;
    let c = own !== null && !used.has(own) ? own : null;
    for (let j = 0; c === null && j < OKABE_ITO.length; j++) {
      const cand = OKABE_ITO[(panelIndex + i + j) % OKABE_ITO.length] ?? '#0072B2';
      if (!used.has(cand)) c = cand;
    }
    const out = c ?? OKABE_ITO[i % OKABE_ITO.length] ?? '#0072B2';
    used.add(out);
    return out;
  });
}

/** A short stable hash of the chart's shape, for its key (a new key makes a new uPlot). */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

const distinct = (xs: readonly string[]): string[] => [...new Set(xs)];

/**
 * @param window the visible x range of the linked charts in epoch days (null: all of the data); a
 *   rebased series is 100 at its first value on or after `window.from`.
 */
export function panelChart(p: PanelUi, given: readonly EvaluatedSeries[], window: { readonly from: number; readonly to: number } | null, panelIndex: number): PanelChart {
  const notes: string[] = [];
  const unplottable: { key: string; error: string }[] = [];
  const prep: (Prepared & { e: EvaluatedSeries })[] = [];
  for (const e of given) {
    const r = prepared(e, p);
    const why = unplottableWhy(e, r, p);
    if (why === null) prep.push({ e, ...r });
    else unplottable.push({ key: e.key, error: why });
  }
  for (const r of prep) if (r.nonFinite > 0) notes.push(`${r.e.key}: ${dates(r.nonFinite)} left out, where it gives no finite value (division by zero or overflow).`);
  const cut = prep.filter((r) => r.incomplete !== null);
  if (cut.length > 0 && p.freq !== 'native') {
    const tf = p.freq.split(':')[0] as TargetFrequency;
    const each = cut.map((r) => (r.incomplete === null ? '' : `${periodName(r.incomplete, tf)} for ${r.e.key} (its data ends ${isoOfDay(r.incomplete.lastObservation)})`));
    notes.push(`The incomplete last ${PERIOD_WORD[tf]} is left out: ${each.join('; ')}. FRED's own aggregation also reports complete periods only.`);
  }
  const evaluated = prep.map((r) => r.e);
  const { x, columns } = joinOnDates(prep);
  const keys = evaluated.map((e) => e.key);
  const right = new Set(p.right ?? []);
  const onRight = keys.map((k) => right.has(k));
  // A right axis needs a left one beside it: with every series on the right, they are drawn on the left.
  const dual = onRight.some((r) => r) && onRight.some((r) => !r);
  if (!dual && onRight.some((r) => r) && keys.length > 0) notes.push('Every series is set to the right axis: drawn on the left (put one on the left to use two axes).');
  const axisOf = (i: number): 'left' | 'right' => (dual && onRight[i] === true ? 'right' : 'left');

  const drawnUnit = (k: number): string => unitAfter(p.units, prep[k]?.e.unit ?? 'number');
  // Rebase: each series ÷ its first value in the window × 100, refused if any such value is ≤ 0.
  let values: (number | null)[][] = columns;
  let rebased = false;
  const bases: { key: string; day: number; value: number }[] = [];
  if (p.rebase === true && keys.length > 0) {
    const from = window?.from ?? Number.NEGATIVE_INFINITY;
    const to = window?.to ?? Number.POSITIVE_INFINITY;
    const problems: string[] = [];
    columns.forEach((col, k) => {
      const i = x.findIndex((d, j) => d >= from && d <= to && col[j] !== null && Number.isFinite(col[j] ?? Number.NaN));
      const key = keys[k] ?? '';
      const v = i < 0 ? null : (col[i] ?? null);
      if (i < 0 || v === null) problems.push(`${key} has no value in the window`);
      else if (v <= 0) problems.push(`${key} starts the window at ${valueFor(drawnUnit(k), v)} on ${isoOfDay(x[i] ?? 0)}`);
      else bases.push({ key, day: x[i] ?? 0, value: v });
    });
    if (problems.length > 0) {
      notes.push(`Not rebased: ${problems.join('; ')}. Rebasing to 100 needs a first value above zero.`);
      bases.length = 0;
    } else {
      values = columns.map((col, k) => {
        const b = bases[k]?.value ?? 1;
        return col.map((v) => (v === null ? null : (v / b) * 100));
      });
      rebased = true;
    }
  }

  const unitOf = (k: number): string => (rebased ? 'index' : drawnUnit(k));

  // Log scale: only when every value drawn is above zero (log of 0 or less does not exist).
  let log = false;
  if (p.log === true) {
    const bad: string[] = [];
    values.forEach((col, k) => {
      let min = Number.POSITIVE_INFINITY;
      let at = 0;
      col.forEach((v, i) => {
        if (v !== null && Number.isFinite(v) && v < min) {
          min = v;
          at = x[i] ?? 0;
        }
      });
      if (min <= 0) bad.push(`${keys[k] ?? ''} goes down to ${valueFor(unitOf(k), min)} (${isoOfDay(at)})`);
    });
    if (bad.length > 0) notes.push(`Log scale off: ${bad.join('; ')}. A log scale needs every value above zero.`);
    else log = keys.length > 0;
  }

  const colour = colours(keys, panelIndex);
  const series: ChartSeries[] = evaluated.map((e, k) => ({
    id: /^[A-Z0-9_]{1,40}$/.test(e.key) ? e.key : `F${k + 1}`,
    label: `${e.formula}${axisOf(k) === 'right' ? ' (rhs)' : ''}`,
    unit: unitOf(k),
    color: colour[k] ?? '#0072B2',
    values: values[k] ?? [],
    frequency: prep[k]?.frequency ?? 'D',
    ...(p.step ? { style: 'step' as const } : {}),
    ...(axisOf(k) === 'right' ? { axis: 'right' as const } : {}),
    conversion: `formula ${e.formula}, FRED units ${p.units}${p.freq === 'native' ? '' : `, ${FREQ_LABEL[p.freq]}`}${rebased ? `, rebased (100 = ${valueFor(drawnUnit(k), bases[k]?.value)} on ${isoOfDay(bases[k]?.day ?? 0)})` : ''}`,
  }));

  const label = (side: 'left' | 'right'): string => {
    const us = distinct(series.filter((s) => (s.axis ?? 'left') === side).map((s) => unitLabel(s.unit)));
    if (us.length > 1) notes.push(`The ${side} axis mixes ${us.join(' and ')}: put one of them on the ${side === 'left' ? 'right' : 'left'} axis.`);
    return us.join(' / ');
  };
  const left = label('left');
  const rightLabel = dual ? label('right') : '';
  const refLines: ChartRefLine[] = (p.refLines ?? []).map((l) => ({ value: l.value, label: l.label, axis: dual ? l.axis : 'left' }));
  if (!dual && (p.refLines ?? []).some((l) => l.axis === 'right')) notes.push('A reference line is set on the right axis, which has no series: drawn on the left.');

  const shape = JSON.stringify([series.map((s) => [s.id, s.label, s.color, s.unit, s.axis ?? 'left']), p.step, log, rebased, left, rightLabel, refLines, p.units, p.freq]);
  const printed = evaluated.map((e) => e.formula).join(', ');
  const spec: ChartSpec = {
    // Keyed by the panel's id (a chart never carries over to the panel that takes its place) and by
    // its shape: uPlot keeps the strokes, axes and scales it was created with.
    key: `ws-${p.id}-${hash(shape)}`,
    title: `${printed}${p.units === 'lin' ? '' : ` [${p.units}]`}${p.freq === 'native' ? '' : ` (${FREQ_LABEL[p.freq]})`}${rebased ? ' rebased to 100' : ''}`,
    unitLabel: dual ? `${left} · rhs ${rightLabel}` : left,
    ...(dual ? { axisLabels: { left, right: rightLabel } } : {}),
    x,
    series,
    shadeCalendar: true,
    ...(log ? { log: true } : {}),
    ...(refLines.length > 0 ? { refLines } : {}),
    footer: [
      `${evaluated.length === 1 ? 'Formula' : 'Formulas'}: ${evaluated.map((e) => `${e.formula} (${unitLabel(e.unit)})`).join('; ')}; transform ${p.units}${p.freq === 'native' ? '' : `; ${FREQ_LABEL[p.freq]}${cut.length > 0 ? ' (incomplete last period left out)' : ''}`}${rebased ? `; rebased to 100 at each series' first value in the window (${bases.map((b, k) => `${b.key} ${valueFor(drawnUnit(k), b.value)} on ${isoOfDay(b.day)}`).join('; ')})` : ''}${log ? '; log scale' : ''}. Dates of its highest-frequency series; the others as of each date within their staleness limit; GDP as known then. Made with Reservoir.`,
    ],
  };
  return { spec, axes: dual ? 2 : 1, log, rebased, bases, notes, plotted: keys, unplottable };
}

/** The visible window in epoch days from a ChartGroup range (uPlot seconds). */
export const windowDays = (r: { readonly min: number; readonly max: number } | null): { from: number; to: number } | null => (r === null ? null : { from: r.min / DAY, to: r.max / DAY });
