/**
 * What Compare shows, as pure functions of the compared scenarios (issue 12, "Compare that cannot
 * mislead"): which differences a metric offers, the selection on arrival, the charts and the
 * milestone table. Compare.tsx only wires these to the store and the page.
 */
import { crossings, type ProjectionPath, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { billYearSpan } from '../../../shared/compute/bill-absorption-years.js';
import { PRESETS } from '../../../shared/compute/presets.js';
import { inputChanges, inputsParts } from '../../../shared/model/scenario-label.js';
import type { CompareMetric, CompareMode, CompareRef, CompareScale, CompareUi } from '../../../shared/model/ui-state.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { ChartSeries, ChartSpec } from '../../charts/chart-spec.js';
import { SCENARIO_COLORS } from '../../charts/palette.js';
import { bpText, escapeRegExp, money } from '../../format.js';
import type { FanResult } from '../../../shared/compute/fan.js';
import { actualSeries, alignmentNote, fanSeries, unionDays, type ActualsByAnchor } from './compare-anchors.js';

/** What a metric is decides how two scenarios may be compared on it (never the data at hand). */
export type MetricKind = 'money' | 'ratio' | 'spread';

export interface MetricDef {
  readonly label: string;
  readonly kind: MetricKind;
  readonly unit: string;
  readonly unitLabel: string;
}

export const METRICS: Readonly<Record<CompareMetric, MetricDef>> = {
  reserves: { label: 'Reserves', kind: 'money', unit: 'usd_bn', unitLabel: '$bn' },
  reservesGdpPct: { label: 'Reserves / GDP', kind: 'ratio', unit: 'percent', unitLabel: '% of GDP' },
  netLiquidity: { label: 'Net liquidity', kind: 'money', unit: 'usd_bn', unitLabel: '$bn' },
  spreadBp: { label: 'Implied EFFR − IORB', kind: 'spread', unit: 'bp', unitLabel: 'bp' },
};

/**
 * The "near zero" rule for "% vs baseline", by kind. A relative difference is offered only where
 * every value is positive and far from zero by construction: money stocks (reserves below zero are
 * refused by checkProjection; net liquidity is trillions) and ratios to GDP. A spread is signed and
 * crosses zero in normal use (EFFR − IORB is about −7 bp with abundant reserves and positive near
 * scarcity), so a percentage of it explodes and flips sign as the baseline passes zero: spreads are
 * always compared as differences, in bp.
 */
export const RELATIVE_OFFERED: Readonly<Record<MetricKind, boolean>> = { money: true, ratio: true, spread: false };

/** A difference keeps the metric's own unit: $bn for money, percentage points for a ratio, bp for a spread. */
export const DIFFERENCE: Readonly<Record<MetricKind, { readonly unit: string; readonly label: string; readonly words: string }>> = {
  money: { unit: '$bn change', label: '$bn', words: 'in $bn' },
  ratio: { unit: 'pp', label: 'pp', words: 'in percentage points' },
  spread: { unit: 'bp', label: 'bp', words: 'in bp' },
};

export function modesFor(metric: CompareMetric): readonly CompareMode[] {
  return RELATIVE_OFFERED[METRICS[metric].kind] ? ['level', 'delta', 'pct'] : ['level', 'delta'];
}

/** The mode shown: a stored "%" on a metric that does not offer it is shown as the difference. */
export function effectiveMode(mode: CompareMode, metric: CompareMetric): CompareMode {
  return modesFor(metric).includes(mode) ? mode : 'delta';
}

export function modeLabel(mode: CompareMode, metric: CompareMetric): string {
  switch (mode) {
    case 'level':
      return 'Level';
    case 'delta':
      return `Difference (${DIFFERENCE[METRICS[metric].kind].label})`;
    case 'pct':
      return '% vs baseline';
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/** One compared scenario: saved (by id) or a preset projected on the current data (by name). */
export interface Entry {
  readonly ref: CompareRef;
  readonly kind: 'saved' | 'preset';
  readonly name: string;
  readonly inputs: ScenarioInputs;
  readonly anchorDate: IsoDate;
  readonly dataAsOf: string;
  readonly curveLabel: string;
  readonly modelVersion: number | null;
  readonly path: ProjectionPath;
  /** For a saved scenario whose name is a preset's (or the old "Fed RMP 22:03:42" default) but whose inputs are not. */
  readonly misnamed: string | null;
}

export const presetLabel = (name: string): string => `${name} (preset)`;

/** Five lines at most: one per colour of the scenario palette (the baseline is the first). */
export const MAX_SHOWN = SCENARIO_COLORS.length;

/**
 * A saved scenario named like a preset (or like the default name older builds gave: the preset's name
 * and a time) whose inputs differ from what that preset sets: what the name hides, in words.
 */
export function misnamedNote(name: string, inputs: ScenarioInputs): string | null {
  for (const p of PRESETS) {
    if (name !== p.name && !new RegExp(`^${escapeRegExp(p.name)} \\d\\d:\\d\\d:\\d\\d$`).test(name)) continue;
    const c = inputChanges(inputs, { ...inputs, ...p.overrides });
    if (c.words.length > 0 || c.unnamed) return `not the ${p.name} preset: ${c.words.length > 0 ? c.words.join(', ') : 'other inputs'}`;
  }
  return null;
}

export interface Selection {
  readonly baseline: CompareRef | null;
  /** Baseline first, then the others as the lists show them (presets, then saved). */
  readonly shown: readonly CompareRef[];
  /** Nothing (still there) was chosen: the arrival selection. */
  readonly arrival: boolean;
}

/**
 * The selection shown. Ids of scenarios deleted since stay in the store (an Undo brings them back)
 * but are neither shown nor counted. With nothing chosen, or nothing chosen that still exists: the
 * user's saved scenarios, the first as baseline; with none saved, the presets, the first (the Fed's
 * own path) as baseline. A new user sees a comparison at once, not an empty page.
 */
export function resolveSelection(stored: CompareUi | undefined, saved: readonly number[], presets: readonly string[]): Selection {
  const order = [...presets, ...saved];
  const exists = (r: CompareRef): boolean => (typeof r === 'number' ? saved.includes(r) : presets.includes(r));
  let baseline = stored?.baseline ?? null;
  if (baseline !== null && !exists(baseline)) baseline = null;
  let picked = (stored?.picked ?? []).filter(exists);
  let arrival = false;
  if (baseline === null && picked.length === 0) {
    arrival = true;
    picked = saved.length > 0 ? saved.slice(0, MAX_SHOWN) : presets.slice(0, MAX_SHOWN);
    baseline = picked[0] ?? null;
  }
  baseline ??= order.find((r) => picked.includes(r)) ?? null;
  const others = order.filter((r) => r !== baseline && picked.includes(r));
  return { baseline, shown: (baseline === null ? others : [baseline, ...others]).slice(0, MAX_SHOWN), arrival };
}

/** The months every compared path has, from the latest anchor on (domain.md §4.6: compare only from the later anchor): differences and milestones. */
export function commonDays(entries: readonly Entry[]): { startDay: number; days: number[] } {
  const startDay = Math.max(...entries.map((e) => epochDay(e.anchorDate)));
  const days = [...new Set(entries.flatMap((e) => e.path.dates.map((d) => epochDay(d))))].filter((d) => d >= startDay).sort((a, b) => a - b);
  return { startDay, days };
}

const valuesOn = (e: Entry, metric: CompareMetric, days: readonly number[]): (number | null)[] => {
  const pos = new Map(e.path.dates.map((d, i) => [epochDay(d), i]));
  const col = e.path[metric];
  return days.map((d) => {
    const i = pos.get(d);
    const v = i === undefined ? undefined : col[i];
    return v === undefined || !Number.isFinite(v) ? null : v;
  });
};

const colorOf = (k: number): string => SCENARIO_COLORS[k % SCENARIO_COLORS.length] ?? '#000000';

/** Everything a scenario was computed from, one aspect per part: inputs, anchor, data, curve and model. */
export function entryParts(e: Entry): string[] {
  return [...inputsParts(e.inputs), `anchor ${e.anchorDate}`, `data as of ${e.dataAsOf}`, `curve ${e.curveLabel}`, `model v${e.modelVersion ?? '?'}`];
}

/** The parts every compared scenario shares (said once), and each one's own. One scenario: all its own. */
export function splitParts(entries: readonly Entry[]): { readonly common: readonly string[]; readonly own: readonly (readonly string[])[] } {
  const parts = entries.map(entryParts);
  if (parts.length < 2) return { common: [], own: parts };
  const common = (parts[0] ?? []).filter((x) => parts.every((q) => q.includes(x)));
  return { common, own: parts.map((q) => q.filter((x) => !common.includes(x))) };
}

const nameOf = (e: Entry): string => `${e.name}${e.misnamed ? ` (${e.misnamed})` : ''}`;
export const ownText = (own: readonly string[] | undefined): string => (own && own.length > 0 ? own.join('; ') : 'only the inputs common to all');

/**
 * What the footers say (issue 12: they repeated a name that did not match the inputs): each scenario
 * by what sets it apart, then what they all share, so every input and the data behind each line is stated.
 */
export function footerLines(entries: readonly Entry[]): string[] {
  const { common, own } = splitParts(entries);
  return [...entries.map((e, k) => `${nameOf(e)}: ${ownText(own[k])}`), ...(common.length > 0 ? [`Common to all: ${common.join('; ')}`] : [])];
}

/** What a level chart adds (issue 14 §6): actuals after each past anchor, and each scenario's fan (`fans[k]` for `entries[k]`). */
export interface LevelExtras {
  readonly actuals?: ActualsByAnchor;
  readonly fans?: readonly (FanResult | null)[];
}

/**
 * The overlay: every compared scenario on one chart, as levels or as differences from the baseline.
 * Levels: each scenario from its own anchor on one date axis (the union of their month-ends), with
 * what happened after each past anchor and, when given, each fan. Differences need a value of every
 * scenario in the same month, so they start at the later anchor (domain.md §4.6).
 */
export function overlaySpec(entries: readonly Entry[], metric: CompareMetric, mode: CompareMode, extras: LevelExtras = {}): ChartSpec | null {
  const base = entries[0];
  if (base === undefined) return null;
  const m = METRICS[metric];
  const diff = DIFFERENCE[m.kind];
  const shown = effectiveMode(mode, metric);
  const days = shown === 'level' ? unionDays(entries) : commonDays(entries).days;
  const aligned = alignmentNote(entries);
  const acts = shown === 'level' && extras.actuals !== undefined ? actualSeries(entries, metric, m.unit, extras.actuals, days) : [];
  const fan = shown === 'level' && extras.fans !== undefined ? fanSeries(entries, extras.fans, metric, m.unit, days) : { series: [], bands: [] };
  const b = valuesOn(base, metric, days);
  const title = shown === 'level' ? `${m.label}: level` : shown === 'delta' ? `${m.label}: difference from “${base.name}” ${diff.words}` : `${m.label}: % difference from “${base.name}”`;
  const notes =
    shown === 'pct'
      ? [`% difference = 100 × (scenario − baseline) / baseline, offered for ${m.kind === 'money' ? 'money stocks' : 'ratios to GDP'} only (always far from zero).`]
      : m.kind === 'spread' && shown === 'delta'
        ? ['Spreads cross zero, so they are compared as differences in bp, never as a percentage.']
        : [];
  return {
    key: `compare-${metric}-${shown}`,
    title,
    unitLabel: shown === 'level' ? m.unitLabel : shown === 'delta' ? `${diff.label} vs baseline` : '% vs baseline',
    x: days,
    ...(fan.bands.length > 0 ? { bands: fan.bands } : {}),
    series: [...fan.series, ...acts, ...entries.map((e, k) => {
      const v = valuesOn(e, metric, days);
      return {
        id: `S${k}`,
        label: `${e.name}${k === 0 ? ' — baseline' : ''}`,
        unit: shown === 'level' ? m.unit : shown === 'delta' ? diff.unit : '% change',
        color: colorOf(k),
        values: v.map((x, i) => {
          const y = b[i] ?? null;
          if (x === null || shown === 'level') return x;
          if (y === null) return null;
          return shown === 'delta' ? x - y : y === 0 ? null : (100 * (x - y)) / Math.abs(y);
        }),
      };
    })],
    footer: [
      ...footerLines(entries),
      ...notes,
      ...(aligned !== null ? [aligned] : []),
      ...(acts.length > 0 ? ['Actual: the last H.4.1 Wednesday of each month after the anchor, on that month-end.'] : []),
      ...(fan.bands.length > 0 ? [`Shaded: each scenario's 10–90% fan (${fanPaths(extras.fans)} seeded paths, sds from history at its own anchor).`] : []),
    ],
  };
}

const fanPaths = (fans: readonly (FanResult | null)[] | undefined): string => [...new Set((fans ?? []).flatMap((f) => (f === null ? [] : [f.paths])))].join('/');

/** Grey, drawn under a panel's own line; as band edges they stay out of the legend and the readout. */
const OTHERS_COLOR = '#8d99a6';

/**
 * One panel per scenario, on the common months. Shared scale: every panel also carries the other
 * scenarios as thin grey lines, so each panel holds the same values and uPlot gives every one the
 * same y-range (ChartSpec has no y-range of its own); the grey lines are real data, named in the CSV.
 */
export function smallSpecs(entries: readonly Entry[], metric: CompareMetric, scale: CompareScale): ChartSpec[] {
  if (entries.length === 0) return [];
  const m = METRICS[metric];
  // Levels: each panel from its scenario's own anchor, on the one date axis of the overlay.
  const days = unionDays(entries);
  const cols = entries.map((e) => valuesOn(e, metric, days));
  const { common, own: parts } = splitParts(entries);
  return entries.map((e, k) => {
    const own: ChartSeries = { id: `S${k}`, label: `${m.label}${k === 0 ? ' — baseline' : ''}`, unit: m.unit, color: colorOf(k), values: cols[k] ?? [] };
    const others: ChartSeries[] = scale === 'shared' ? entries.flatMap((o, j) => (j === k ? [] : [{ id: `S${j}`, label: `${o.name} (grey, for scale)`, unit: m.unit, color: OTHERS_COLOR, values: cols[j] ?? [], style: 'band-edge' as const, width: 1 }])) : [];
    return {
      key: `small-${k}-${metric}-${scale}`,
      title: e.name,
      unitLabel: m.unitLabel,
      x: days,
      series: [...others, own],
      footer: [
        `${nameOf(e)}: ${ownText(parts[k])}`,
        ...(common.length > 0 ? ['Inputs common to all: in the footer of the chart above'] : []),
        scale === 'shared' ? 'Same y-scale in every panel; grey: the other scenarios.' : 'Each panel scaled to its own data: read the axis before comparing heights.',
      ],
    };
  });
}

export interface MilestoneRow {
  readonly key: string;
  readonly label: string;
  readonly cells: readonly string[];
}

export interface MilestoneTable {
  readonly rows: readonly MilestoneRow[];
  /** Rows equal in every scenario shown: said once below the table instead of as a row that compares nothing. */
  readonly same: readonly { readonly label: string; readonly value: string }[];
}

/** The index of the common start in a path: its last month on or before `startDay`. */
const startIndex = (p: ProjectionPath, startDay: number): number => {
  let i0 = 0;
  p.dates.forEach((d, i) => {
    if (epochDay(d) <= startDay) i0 = i;
  });
  return i0;
};

/** The extreme strictly after the start (projected months only: the anchor is data, not an outcome). */
function extremeAfter(values: Float64Array, i0: number, better: (a: number, b: number) => boolean): number | null {
  let best: number | null = null;
  for (let i = i0 + 1; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === null || better(v, values[best] ?? v)) best = i;
  }
  return best;
}

function extremeCell(p: ProjectionPath, values: Float64Array, i0: number, lowest: boolean, fmt: (v: number) => string): string {
  const i = extremeAfter(values, i0, lowest ? (a, b) => a < b : (a, b) => a > b);
  if (i === null) return '—';
  const where = i === i0 + 1 ? `; first projected month, ${lowest ? 'higher' : 'lower'} after` : i === values.length - 1 ? '; at the horizon end' : '';
  return `${fmt(values[i] ?? Number.NaN)} (${p.dates[i] ?? ''}${where})`;
}

function crossingCell(e: Entry, i0: number): string {
  const p = e.path;
  const c = crossings(p.reservesGdpPct.subarray(i0), p.dates.slice(i0), e.inputs.ampleThresholdGdpPct);
  if (c.up) return c.up.date;
  if (c.statusAtStart === 'already above') return `already above at ${p.dates[i0] ?? ''}${c.down ? `; below from ${c.down.date}` : ''}`;
  return `not by ${p.dates[p.dates.length - 1] ?? ''} (${c.valueAtEnd.toFixed(2)}% then)`;
}

function billsCell(e: Entry): string {
  const first = e.path.dates[1];
  return e.path.billPurchasesByYear
    .slice(0, 4)
    .map((b, j) => {
      // The anchor year: whole-year total when its months in the data are known, else the projected months only.
      const part = j === 0 && first !== undefined && first.slice(5, 7) !== '01' ? (b.actualMonths > 0 && b.fedActualBn !== null ? ` (${billYearSpan(b)})` : ` (from ${first.slice(0, 7)})`) : '';
      return `${b.year}${part}: ${money(b.fedBn)}`;
    })
    .join(', ');
}

/**
 * Issue 14 §5: net issuance − Fed purchases, whole calendar years. A scenario's own issuance figure is
 * named; the default (latest 12 months of history) is said once under the table, not in every cell.
 */
function privateBillsCell(e: Entry): string {
  return e.path.billPurchasesByYear
    .slice(0, 4)
    .map((b) => `${b.year}: ${b.privateBn === null ? `— (${b.why ?? 'unknown'})` : `${money(b.privateBn)}${b.issuance === 'assumption' && b.netIssuanceBn !== null ? ` (issuance ${money(b.netIssuanceBn)} assumed)` : ''}`}`)
    .join('; ');
}

export function milestoneTable(entries: readonly Entry[]): MilestoneTable {
  const { startDay } = commonDays(entries);
  const thresholds = [...new Set(entries.map((e) => e.inputs.ampleThresholdGdpPct))];
  const starts = entries.map((e) => startIndex(e.path, startDay));
  const all: MilestoneRow[] = [
    { key: 'cross', label: thresholds.length === 1 ? `First month reserves/GDP ≥ ${thresholds[0] ?? ''}%` : 'First month reserves/GDP ≥ its threshold', cells: entries.map((e, k) => crossingCell(e, starts[k] ?? 0)) },
    { key: 'minReserves', label: 'Lowest reserves after the anchor', cells: entries.map((e, k) => extremeCell(e.path, e.path.reserves, starts[k] ?? 0, true, money)) },
    { key: 'peakSpread', label: 'Highest implied EFFR − IORB after the anchor', cells: entries.map((e, k) => extremeCell(e.path, e.path.spreadBp, starts[k] ?? 0, false, bpText)) },
    { key: 'bills', label: 'Fed bill purchases per year', cells: entries.map(billsCell) },
    { key: 'privateBills', label: 'Private bill absorption per year (net issuance − Fed purchases)', cells: entries.map(privateBillsCell) },
  ];
  if (entries.length < 2) return { rows: all, same: [] };
  const equal = (r: MilestoneRow): boolean => r.cells.every((c) => c === r.cells[0]);
  return { rows: all.filter((r) => !equal(r)), same: all.filter(equal).map((r) => ({ label: r.label, value: r.cells[0] ?? '' })) };
}
