/**
 * User-defined alerts: a series or formula (shared/compute/formula) against a threshold. Pure: the
 * caller evaluates the formula to a Series and says which days are calendar-expected (month-ends,
 * quarter-ends, tax and settlement dates: shared/compute/calendar.ts SEASONAL_KINDS).
 *
 * Conditions, on each observation of the formula's own dates:
 *   above v > t · at_or_above v ≥ t · below v < t · at_or_below v ≤ t
 *   crosses: the value moved from one side of t to the other since the previous observation
 *   (v₋₁ ≤ t < v or v₋₁ ≥ t > v).
 * A level alert *triggers* on the first observation of a run where its condition holds; it *fires*
 * (state `firing`) while the latest observation meets it. A crossing alert triggers on each crossing
 * and fires when the latest observation is one. With `skipCalendarExpected`, an observation on a
 * calendar-expected day does not count: the state is `expected` instead of `firing`, and no trigger
 * is recorded for it (the run may trigger on its next ordinary day).
 */
import { epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';
import { BusinessCalendar, markersBetween, SEASONAL_KINDS } from './calendar.js';
import { lowerIndex, type Series } from './series.js';

export type AlertOp = 'above' | 'at_or_above' | 'below' | 'at_or_below' | 'crosses';
export const ALERT_OPS: readonly AlertOp[] = ['above', 'at_or_above', 'below', 'at_or_below', 'crosses'];
export const ALERT_OP_SYMBOL: Readonly<Record<AlertOp, string>> = { above: '>', at_or_above: '≥', below: '<', at_or_below: '≤', crosses: 'crosses' };

export interface AlertDef {
  readonly id: string;
  readonly name: string;
  /** A catalog series id or a formula, e.g. `bp(SOFR, IORB)`. */
  readonly formula: string;
  readonly op: AlertOp;
  readonly threshold: number;
  readonly skipCalendarExpected: boolean;
  readonly enabled: boolean;
  /** Set on the seed presets. */
  readonly preset?: string;
}

export type AlertState = 'firing' | 'expected' | 'ok' | 'no_data' | 'error' | 'disabled';

export interface AlertTrigger {
  readonly date: IsoDate;
  readonly value: number;
}

export interface AlertEvaluation {
  readonly id: string;
  readonly state: AlertState;
  /** The latest observation of the formula (null with no data). */
  readonly lastDate: IsoDate | null;
  readonly lastValue: number | null;
  /** Formula unit (bp, usd_bn, percent…), from the formula evaluation. */
  readonly unit: string;
  /** Start of the current run of met observations (level alerts that fire or are expected). */
  readonly since: IsoDate | null;
  /** Triggers on or after `historyFrom`, newest last (at most MAX_TRIGGERS). */
  readonly triggers: readonly AlertTrigger[];
  /** Observations in the history window that met the condition but were calendar-expected. */
  readonly suppressed: number;
  readonly error?: string;
  /** "bp(SOFR, IORB) = +12 bp ≥ 10 on 2025-10-31". */
  readonly detail: string;
}

export const MAX_TRIGGERS = 50;

/** The seed thresholds of issue 13 §7 (the same as the stress flags' defaults, flags.ts). */
export const ALERT_PRESETS: readonly AlertDef[] = [
  { id: 'preset:sofr_iorb_pos', preset: 'sofr_iorb_pos', name: 'SOFR − IORB > 0 bp', formula: 'bp(SOFR, IORB)', op: 'above', threshold: 0, skipCalendarExpected: false, enabled: true },
  { id: 'preset:sofr_iorb_10', preset: 'sofr_iorb_10', name: 'SOFR − IORB ≥ 10 bp', formula: 'bp(SOFR, IORB)', op: 'at_or_above', threshold: 10, skipCalendarExpected: false, enabled: true },
  { id: 'preset:sofr_above_top', preset: 'sofr_above_top', name: 'SOFR above the top of the range', formula: 'bp(SOFR, DFEDTARU)', op: 'above', threshold: 0, skipCalendarExpected: false, enabled: true },
  { id: 'preset:srf_25', preset: 'srf_25', name: 'SRF take-up > $25bn', formula: 'RPONTTLD', op: 'above', threshold: 25, skipCalendarExpected: false, enabled: true },
  { id: 'preset:srf_50', preset: 'srf_50', name: 'SRF take-up > $50bn', formula: 'RPONTTLD', op: 'above', threshold: 50, skipCalendarExpected: false, enabled: true },
  { id: 'preset:reserves_gdp_10', preset: 'reserves_gdp_10', name: 'Reserves / GDP < 10%', formula: '100 * WRESBAL / GDP', op: 'below', threshold: 10, skipCalendarExpected: false, enabled: true },
  { id: 'preset:sofr_rrp_ma10_20', preset: 'sofr_rrp_ma10_20', name: '10-day SOFR − ON RRP ≥ 20 bp', formula: 'ma(bp(SOFR, RRPONTSYAWARD), 10)', op: 'at_or_above', threshold: 20, skipCalendarExpected: false, enabled: true },
  { id: 'preset:reserves_2500', preset: 'reserves_2500', name: 'Reserves < $2.5tn', formula: 'WRESBAL', op: 'below', threshold: 2500, skipCalendarExpected: false, enabled: true },
];

export function meets(op: Exclude<AlertOp, 'crosses'>, v: number, t: number): boolean {
  switch (op) {
    case 'above':
      return v > t;
    case 'at_or_above':
      return v >= t;
    case 'below':
      return v < t;
    case 'at_or_below':
      return v <= t;
  }
}

export function crosses(prev: number, v: number, t: number): boolean {
  return (prev <= t && v > t) || (prev >= t && v < t);
}

const fmt = (v: number): string => String(Math.round(v * 1000) / 1000);

export function conditionText(def: Pick<AlertDef, 'formula' | 'op' | 'threshold'>): string {
  return `${def.formula} ${ALERT_OP_SYMBOL[def.op]} ${fmt(def.threshold)}`;
}

/**
 * Evaluates one alert on the formula's values. `expectedDay(epochDay)` says whether a day is
 * calendar-expected; triggers are kept from `historyFrom` (epoch day) on.
 */
export function evaluateAlert(def: AlertDef, value: Series, unit: string, expectedDay: (day: number) => boolean, historyFrom: number): AlertEvaluation {
  const { dates, values } = value;
  const base = { id: def.id, unit };
  if (!def.enabled) return { ...base, state: 'disabled', lastDate: null, lastValue: null, since: null, triggers: [], suppressed: 0, detail: 'disabled' };
  // Finite observations only; start one before the window so a crossing or run start on its first day is seen.
  const start = lowerIndex(dates, historyFrom);
  // Walk back far enough to know whether a level run began before the window.
  let i0 = start;
  if (def.op !== 'crosses') {
    while (i0 > 0) {
      const v = values[i0 - 1] ?? Number.NaN;
      if (!Number.isFinite(v)) {
        i0--;
        continue;
      }
      if (!meets(def.op, v, def.threshold)) break;
      i0--;
    }
  }
  i0 = Math.max(0, i0 - 1);
  const triggers: AlertTrigger[] = [];
  let suppressed = 0;
  let prev = Number.NaN;
  let inRun = false;
  let runStart = -1;
  let lastIdx = -1;
  let lastMet = false;
  let lastExpected = false;
  for (let i = i0; i < dates.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const d = dates[i] ?? 0;
    const met = def.op === 'crosses' ? Number.isFinite(prev) && crosses(prev, v, def.threshold) : meets(def.op, v, def.threshold);
    const expected = met && def.skipCalendarExpected && expectedDay(d);
    const counts = met && !expected;
    if (def.op === 'crosses') {
      if (counts && d >= historyFrom) triggers.push({ date: fromEpochDay(d), value: v });
    } else if (!met) {
      inRun = false;
      runStart = -1;
    } else {
      if (runStart < 0) runStart = d;
      if (counts && !inRun) {
        inRun = true;
        if (d >= historyFrom) triggers.push({ date: fromEpochDay(d), value: v });
      }
    }
    if (expected && d >= historyFrom) suppressed++;
    prev = v;
    lastIdx = i;
    lastMet = met;
    lastExpected = expected;
  }
  if (lastIdx < 0) return { ...base, state: 'no_data', lastDate: null, lastValue: null, since: null, triggers: [], suppressed: 0, detail: `${conditionText(def)}: no observations` };
  const lastValue = values[lastIdx] ?? Number.NaN;
  const lastDate = fromEpochDay(dates[lastIdx] ?? 0);
  const state: AlertState = !lastMet ? 'ok' : lastExpected ? 'expected' : 'firing';
  const since = def.op !== 'crosses' && lastMet && runStart >= 0 ? fromEpochDay(runStart) : null;
  const word = state === 'firing' ? 'met' : state === 'expected' ? 'met on a calendar-expected day' : 'not met';
  return {
    ...base,
    state,
    lastDate,
    lastValue,
    since,
    triggers: triggers.slice(-MAX_TRIGGERS),
    suppressed,
    detail: `${def.formula} = ${fmt(lastValue)} ${unit} on ${lastDate}: ${conditionText(def)} ${word}`,
  };
}

/** Seasonal marker days (month-, quarter-, year-end, tax and settlement dates) of 1990–2040, built once per calendar. */
const seasonalDays = new WeakMap<BusinessCalendar, Set<number>>();
const defaultCalendar = new BusinessCalendar();

/** Calendar-expected days (month-, quarter-, year-end, tax and settlement dates): a set lookup per epoch day. */
export function calendarExpected(cal: BusinessCalendar = defaultCalendar): (day: number) => boolean {
  let set = seasonalDays.get(cal);
  if (set === undefined) {
    set = new Set<number>();
    for (const m of markersBetween(cal, '1990-01-01' as IsoDate, '2040-12-31' as IsoDate)) if (SEASONAL_KINDS.has(m.kind)) set.add(epochDay(m.date));
    seasonalDays.set(cal, set);
  }
  const s = set;
  return (day) => s.has(day);
}

/**
 * An alert's value with its unit as the app writes it ($3,029.659bn, 3.87%, +12 bp), never the unit's id:
 * the CLI listing and the desktop notification say it the same way.
 */
export function alertValueText(unit: string, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = (Math.round(Math.abs(v) * 1000) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });
  const sign = v < 0 ? '−' : '';
  if (unit === 'usd_bn') return `${sign}$${r}bn`;
  if (unit === 'percent') return `${sign}${r}%`;
  if (unit === 'bp') return `${v > 0 ? '+' : sign}${r} bp`;
  return `${sign}${r}`;
}
