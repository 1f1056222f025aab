/**
 * "Is this 2019 again?" (issue 13 §3): the 2019 episode (QT ended 2019-07-31, the repo spike of
 * 2019-09-17, IOER as the administered rate) against 2025–26 (QT ended 2025-12-01, SRF take-up of
 * $50.35bn on 2025-10-31), each series re-dated in days from a chosen event. Pure: the caller hands in
 * the store series (reserves/GDP already evaluated "as known then" by the core's formula env).
 */
import { epochDay, fromEpochDay, isIsoDate, type IsoDate } from '../time/iso-date.js';
import { indexAtOrBefore } from './series.js';

/** A series as columns of epoch days and canonical values (store Series and IPC DTOs both fit). */
export interface Columns {
  readonly dates: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export type EpisodeId = '2019' | '2025';
export type EpisodeAlign = 'qt-end' | 'spike' | { readonly dates: Readonly<Partial<Record<EpisodeId, IsoDate>>> };

export interface EpisodeDef {
  readonly id: EpisodeId;
  readonly label: string;
  readonly qtEnd: IsoDate;
  /** The funding-stress day the episode is remembered for. */
  readonly spike: IsoDate;
  readonly spikeLabel: string;
  /** The administered rate on reserves then. */
  readonly adminRateId: 'IOER' | 'IORB';
  /** Fed repo usage: the 2019 temporary operations (Treasury tranche), the SRF now. */
  readonly repoId: 'RPONTSYD' | 'RPONTTLD';
  readonly repoLabel: string;
  /** The last day the episode is drawn to (2019 stops before the March 2020 pandemic response). */
  readonly end?: IsoDate;
  readonly endNote?: string;
}

export const EPISODES: readonly EpisodeDef[] = [
  {
    id: '2019',
    label: '2019',
    qtEnd: '2019-07-31' as IsoDate,
    spike: '2019-09-17' as IsoDate,
    spikeLabel: 'repo spike 2019-09-17',
    adminRateId: 'IOER',
    repoId: 'RPONTSYD',
    repoLabel: 'Fed repo operations, Treasury collateral (RPONTSYD)',
    end: '2020-02-29' as IsoDate,
    endNote: '2019 is cut at 2020-02-29: from March 2020 the pandemic response (QE, the TGA build-up) is another episode',
  },
  {
    id: '2025',
    label: '2025–26',
    qtEnd: '2025-12-01' as IsoDate,
    spike: '2025-10-31' as IsoDate,
    spikeLabel: 'SRF take-up $50.35bn 2025-10-31',
    adminRateId: 'IORB',
    repoId: 'RPONTTLD',
    repoLabel: 'SRF take-up, all tranches (RPONTTLD)',
  },
];

/** The panels of the overlay, in the order drawn. */
export type EpisodeMetric = 'reservesGdp' | 'sofrSpread' | 'repo' | 'tga' | 'rrp';
export interface MetricDef {
  readonly id: EpisodeMetric;
  readonly title: string;
  readonly unit: 'percent' | 'bp' | 'usd_bn';
  /** How far back (days) a value may be and still count as of an offset. */
  readonly toleranceDays: number;
  readonly note: string;
}
export const EPISODE_METRICS: readonly MetricDef[] = [
  { id: 'reservesGdp', title: 'Reserves / GDP (GDP as known then)', unit: 'percent', toleranceDays: 8, note: 'WRESBAL (week average) / GDP, each week with the latest quarter BEA had published' },
  { id: 'sofrSpread', title: 'SOFR − administered rate (IOER in 2019, IORB now)', unit: 'bp', toleranceDays: 4, note: 'bp(SOFR, IOER) in 2019, bp(SOFR, IORB) in 2025–26' },
  { id: 'repo', title: 'Fed repo usage (2019 operations, SRF now)', unit: 'usd_bn', toleranceDays: 4, note: '2019: RPONTSYD, the Treasury tranche of the temporary operations only (agency and MBS tranches are not in it); now: RPONTTLD, all SRF tranches. A business day without a row had no operation (0)' },
  { id: 'tga', title: 'Treasury General Account (Wednesday level)', unit: 'usd_bn', toleranceDays: 8, note: 'WDTGAL, H.4.1 Wednesday level (the DTS daily series starts 2022)' },
  { id: 'rrp', title: 'ON RRP take-up (daily)', unit: 'usd_bn', toleranceDays: 4, note: 'RRPONTSYD' },
];

/** The store series the episode needs (plus the reserves/GDP ratio, evaluated by the caller). */
export const EPISODE_SERIES_IDS = ['SOFR', 'IOER', 'IORB', 'RPONTSYD', 'RPONTTLD', 'WDTGAL', 'RRPONTSYD'] as const;
export const RESERVES_GDP_KEY = 'WRESBAL / GDP';

export interface EpisodeInputs {
  /** By store id, plus RESERVES_GDP_KEY: the ratio WRESBAL / GDP (not percent). */
  readonly get: (id: string) => Columns | undefined;
}

/** Days drawn either side of the anchor. */
export const EPISODE_WINDOW = { before: 180, after: 365 } as const;
export const EPISODE_OFFSETS: readonly number[] = [-90, -30, 0, 30, 60, 90];

export function anchorOf(e: EpisodeDef, align: EpisodeAlign): IsoDate {
  if (align === 'qt-end') return e.qtEnd;
  if (align === 'spike') return e.spike;
  return align.dates[e.id] ?? e.qtEnd;
}

export function alignLabel(align: EpisodeAlign): string {
  if (align === 'qt-end') return 'QT end';
  if (align === 'spike') return 'repo / SRF spike';
  return 'chosen dates';
}

/**
 * Parses `qt-end`, `spike`, a date, or two dates `D2019,Dnow`. A single date anchors the episode it
 * falls in (2019 if before 2021, 2025–26 otherwise); the other episode stays on its QT end.
 */
export function parseAlign(s: string): EpisodeAlign | null {
  if (s === 'qt-end' || s === 'spike') return s;
  const parts = s.split(',').map((p) => p.trim());
  if (!parts.every((p) => isIsoDate(p)) || parts.length < 1 || parts.length > 2) return null;
  const ds = parts as IsoDate[];
  if (ds.length === 2) return { dates: { '2019': ds[0] as IsoDate, '2025': ds[1] as IsoDate } };
  const d = ds[0] as IsoDate;
  return { dates: d < '2021-01-01' ? { '2019': d } : { '2025': d } };
}

export interface EpisodeLine {
  readonly episode: EpisodeId;
  readonly metric: EpisodeMetric;
  /** Days from the anchor. */
  readonly offsets: number[];
  readonly dates: number[];
  readonly values: number[];
}

function isWeekday(day: number): boolean {
  const w = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday: 0 = Sunday
  return w !== 0 && w !== 6;
}

/** The metric's own observations (in its unit) on [from, to]. */
function metricColumns(inp: EpisodeInputs, e: EpisodeDef, m: EpisodeMetric, from: number, to: number): { dates: number[]; values: number[] } {
  const out = { dates: [] as number[], values: [] as number[] };
  const push = (d: number, v: number): void => {
    if (d >= from && d <= to && Number.isFinite(v)) {
      out.dates.push(d);
      out.values.push(v);
    }
  };
  const each = (c: Columns | undefined, f: (d: number, v: number) => void): void => {
    if (!c) return;
    for (let i = 0; i < c.dates.length; i++) f(c.dates[i] ?? 0, c.values[i] ?? Number.NaN);
  };
  switch (m) {
    case 'reservesGdp':
      // The formula gives a ratio; the panel reads percent of GDP.
      each(inp.get(RESERVES_GDP_KEY), (d, v) => push(d, Math.round(v * 1e8) / 1e6));
      break;
    case 'tga':
      each(inp.get('WDTGAL'), push);
      break;
    case 'rrp':
      each(inp.get('RRPONTSYD'), push);
      break;
    case 'sofrSpread': {
      const admin = inp.get(e.adminRateId);
      each(inp.get('SOFR'), (d, v) => {
        if (!admin) return;
        const i = indexAtOrBefore(admin, d);
        // The administered rate on the same day (it is a 7-day series: every calendar day has a row).
        if (i < 0 || (admin.dates[i] ?? 0) !== d) return;
        push(d, Math.round((v - (admin.values[i] ?? Number.NaN)) * 1000) / 10);
      });
      break;
    }
    case 'repo': {
      const c = inp.get(e.repoId);
      if (!c || c.dates.length === 0) break;
      const first = c.dates[0] ?? 0;
      const last = c.dates[c.dates.length - 1] ?? 0;
      const by = new Map<number, number>();
      each(c, (d, v) => by.set(d, v));
      for (let d = Math.max(from, first); d <= Math.min(to, last); d++) {
        const v = by.get(d);
        if (v !== undefined) push(d, v);
        else if (isWeekday(d)) push(d, 0);
      }
      break;
    }
    default: {
      const never: never = m;
      throw new Error(String(never));
    }
  }
  return out;
}

/** Every metric of both episodes, re-dated in days from each episode's anchor. */
export function episodeLines(inp: EpisodeInputs, align: EpisodeAlign, window: { before: number; after: number } = EPISODE_WINDOW): EpisodeLine[] {
  const lines: EpisodeLine[] = [];
  for (const e of EPISODES) {
    const a = epochDay(anchorOf(e, align));
    for (const m of EPISODE_METRICS) {
      const c = metricColumns(inp, e, m.id, a - window.before, Math.min(a + window.after, e.end === undefined ? Number.POSITIVE_INFINITY : epochDay(e.end)));
      lines.push({ episode: e.id, metric: m.id, offsets: c.dates.map((d) => d - a), dates: c.dates, values: c.values });
    }
  }
  return lines;
}

export interface OffsetValue {
  readonly offset: number;
  /** The calendar day anchor + offset. */
  readonly day: IsoDate;
  /** The observation used (on or before the day, within the metric's tolerance), or null. */
  readonly date: IsoDate | null;
  readonly value: number | null;
}

/** A line's value as of each offset. */
export function valuesAtOffsets(line: EpisodeLine, anchor: IsoDate, offsets: readonly number[], toleranceDays: number): OffsetValue[] {
  const a = epochDay(anchor);
  return offsets.map((o) => {
    const i = indexAtOrBefore({ dates: line.offsets }, o);
    const ok = i >= 0 && o - (line.offsets[i] ?? 0) <= toleranceDays;
    return { offset: o, day: fromEpochDay(a + o), date: ok ? fromEpochDay(line.dates[i] ?? 0) : null, value: ok ? (line.values[i] ?? null) : null };
  });
}

export interface KeyFact {
  readonly id: string;
  readonly text: string;
  readonly seriesId: string;
  readonly date: IsoDate | null;
  readonly value: number | null;
  readonly unit: 'percent' | 'bp' | 'usd_bn';
}

function on(c: Columns | undefined, d: IsoDate): number | null {
  if (!c) return null;
  const i = indexAtOrBefore(c, epochDay(d));
  return i >= 0 && (c.dates[i] ?? 0) === epochDay(d) ? (c.values[i] ?? null) : null;
}

/** The first day after `d` on which a step series differs from its value on `d`. */
function nextChange(c: Columns | undefined, d: IsoDate): { date: IsoDate; value: number } | null {
  if (!c) return null;
  const i = indexAtOrBefore(c, epochDay(d));
  if (i < 0) return null;
  const v0 = c.values[i];
  for (let j = i + 1; j < c.dates.length; j++) if (c.values[j] !== v0) return { date: fromEpochDay(c.dates[j] ?? 0), value: c.values[j] ?? Number.NaN };
  return null;
}

/** The largest value on [from, to]. */
function peak(c: Columns | undefined, from: IsoDate, to: IsoDate): { date: IsoDate; value: number } | null {
  if (!c) return null;
  let best: { date: IsoDate; value: number } | null = null;
  for (let i = 0; i < c.dates.length; i++) {
    const d = c.dates[i] ?? 0;
    const v = c.values[i] ?? Number.NaN;
    if (d < epochDay(from) || d > epochDay(to) || !Number.isFinite(v)) continue;
    if (best === null || v > best.value) best = { date: fromEpochDay(d), value: v };
  }
  return best;
}

/** The facts the episodes are remembered for, read from the data (never typed in). */
export function keyFacts(inp: EpisodeInputs): KeyFact[] {
  const sofr = inp.get('SOFR');
  const ioer = inp.get('IOER');
  const ops19 = inp.get('RPONTSYD');
  const srf = inp.get('RPONTTLD');
  const f = (id: string, text: string, seriesId: string, date: IsoDate | null, value: number | null, unit: KeyFact['unit']): KeyFact => ({ id, text, seriesId, date, value, unit });
  const d = (s: string): IsoDate => s as IsoDate;
  const cut = nextChange(ioer, d('2019-09-17'));
  const sofrPeak19 = peak(sofr, d('2019-07-01'), d('2019-12-31'));
  const srfPeak = peak(srf, d('2025-01-01'), d('2026-12-31'));
  return [
    f('sofr-2019-09-17', 'SOFR on the repo spike day', 'SOFR', d('2019-09-17'), on(sofr, d('2019-09-17')), 'percent'),
    f('sofr-peak-2019', 'Highest SOFR in the second half of 2019', 'SOFR', sofrPeak19?.date ?? null, sofrPeak19?.value ?? null, 'percent'),
    f('ioer-2019-09-17', 'IOER on the spike day', 'IOER', d('2019-09-17'), on(ioer, d('2019-09-17')), 'percent'),
    f('ioer-cut', 'IOER after the spike (first change)', 'IOER', cut?.date ?? null, cut?.value ?? null, 'percent'),
    f('ops-2019-09-17', 'Fed repo operation 2019-09-17 (Treasury tranche)', 'RPONTSYD', d('2019-09-17'), on(ops19, d('2019-09-17')), 'usd_bn'),
    f('ops-2019-09-18', 'Fed repo operation 2019-09-18 (Treasury tranche)', 'RPONTSYD', d('2019-09-18'), on(ops19, d('2019-09-18')), 'usd_bn'),
    f('ops-2019-09-19', 'Fed repo operation 2019-09-19 (Treasury tranche)', 'RPONTSYD', d('2019-09-19'), on(ops19, d('2019-09-19')), 'usd_bn'),
    f('srf-2025-10-31', 'SRF take-up 2025-10-31', 'RPONTTLD', d('2025-10-31'), on(srf, d('2025-10-31')), 'usd_bn'),
    f('srf-2025-12-01', 'SRF take-up 2025-12-01 (QT end)', 'RPONTTLD', d('2025-12-01'), on(srf, d('2025-12-01')), 'usd_bn'),
    f('srf-peak', 'Largest SRF take-up since 2025', 'RPONTTLD', srfPeak?.date ?? null, srfPeak?.value ?? null, 'usd_bn'),
  ];
}

export interface EpisodeReport {
  readonly align: string;
  readonly anchors: Readonly<Record<EpisodeId, IsoDate>>;
  readonly offsets: readonly number[];
  readonly rows: readonly { readonly metric: EpisodeMetric; readonly title: string; readonly unit: MetricDef['unit']; readonly episodes: Readonly<Record<EpisodeId, readonly OffsetValue[]>> }[];
  readonly facts: readonly KeyFact[];
  readonly notes: readonly string[];
}

/** Both episodes at fixed offsets from the anchor, and the key facts: what the CLI prints. */
export function episodeReport(inp: EpisodeInputs, align: EpisodeAlign, offsets: readonly number[] = EPISODE_OFFSETS): EpisodeReport {
  const span = Math.max(...offsets.map(Math.abs)) + 10;
  const lines = episodeLines(inp, align, { before: span, after: span });
  const anchors = Object.fromEntries(EPISODES.map((e) => [e.id, anchorOf(e, align)])) as Record<EpisodeId, IsoDate>;
  const rows = EPISODE_METRICS.map((m) => ({
    metric: m.id,
    title: m.title,
    unit: m.unit,
    episodes: Object.fromEntries(
      EPISODES.map((e) => {
        const line = lines.find((l) => l.episode === e.id && l.metric === m.id);
        return [e.id, line ? valuesAtOffsets(line, anchors[e.id], offsets, m.toleranceDays) : []];
      }),
    ) as Record<EpisodeId, OffsetValue[]>,
  }));
  return {
    align: alignLabel(align),
    anchors,
    offsets,
    rows,
    facts: keyFacts(inp),
    notes: [...EPISODE_METRICS.map((m) => `${m.title}: ${m.note}`), ...EPISODES.flatMap((e) => (e.endNote ? [e.endNote] : []))],
  };
}
