/**
 * Events drawn as markers on the time charts (issue 13 §6): a sourced table of the policy and market
 * events the users date things by, the FOMC's target-range changes read from the stored range itself
 * (DFEDTARU/DFEDTARL, so they are never typed in by hand), and the user's own annotations.
 */
import { fromEpochDay, isIsoDate, type IsoDate } from '../time/iso-date.js';

export const EVENT_KINDS = ['fomc', 'balance_sheet', 'repo', 'debt_limit', 'recession', 'annotation'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ChartEvent {
  readonly date: IsoDate;
  /** Last day of a span (recessions, debt-limit episodes); absent for a one-day event. */
  readonly end?: IsoDate;
  readonly kind: EventKind;
  /** Short: drawn beside the marker. */
  readonly label: string;
  /** Where the fact comes from (a URL or the stored series it was read from). */
  readonly source: string;
}

export const EVENT_KIND_TEXT: Readonly<Record<EventKind, string>> = {
  fomc: 'FOMC target range',
  balance_sheet: 'balance sheet (QT, RMP)',
  repo: 'repo facilities and operations',
  debt_limit: 'debt limit',
  recession: 'NBER recession',
  annotation: 'your annotation',
};

const FED = 'https://www.federalreserve.gov/monetarypolicy/fomccalendars.htm';
const NYFED_2019 = 'https://www.newyorkfed.org/markets/desk-operations/repo';
const SRF = 'https://www.newyorkfed.org/markets/desk-operations/standing-repo-facility';
const NBER = 'https://www.nber.org/research/data/us-business-cycle-expansions-and-contractions';
const DEBT = 'https://crsreports.congress.gov/product/pdf/R/R43389';
const RMP_OPS = 'NY Fed Treasury operation results (stored RMP_BILLS_ACCEPTED: first operation 2025-12-12)';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`not a date: ${s}`);
  return s;
};

/** The sourced table. Spans carry `end`; one-day events none. Sorted by date (a test checks it). */
export const EVENTS: readonly ChartEvent[] = [
  { date: d('2001-03-01'), end: d('2001-11-30'), kind: 'recession', label: 'Recession 2001', source: NBER },
  { date: d('2007-12-01'), end: d('2009-06-30'), kind: 'recession', label: 'Recession 2007–09', source: NBER },
  { date: d('2008-10-09'), kind: 'repo', label: 'Interest on reserves starts (IOER)', source: FED },
  { date: d('2017-10-01'), kind: 'balance_sheet', label: 'QT1 starts', source: FED },
  { date: d('2019-03-02'), end: d('2019-08-02'), kind: 'debt_limit', label: 'Debt limit 2019', source: DEBT },
  { date: d('2019-07-31'), kind: 'balance_sheet', label: 'QT1 ends', source: FED },
  { date: d('2019-09-17'), kind: 'repo', label: 'Repo spike; Fed repo operations resume', source: NYFED_2019 },
  { date: d('2019-10-11'), kind: 'balance_sheet', label: 'Bill purchases announced (2019)', source: FED },
  { date: d('2020-02-01'), end: d('2020-04-30'), kind: 'recession', label: 'Recession 2020', source: NBER },
  { date: d('2021-07-29'), kind: 'repo', label: 'SRF set up; IOER becomes IORB', source: SRF },
  { date: d('2021-08-01'), end: d('2021-12-16'), kind: 'debt_limit', label: 'Debt limit 2021', source: DEBT },
  { date: d('2022-06-01'), kind: 'balance_sheet', label: 'QT2 starts', source: FED },
  { date: d('2023-01-19'), end: d('2023-06-03'), kind: 'debt_limit', label: 'Debt limit 2023', source: DEBT },
  { date: d('2024-06-01'), kind: 'balance_sheet', label: 'QT taper: Treasury cap $25bn', source: FED },
  { date: d('2025-01-02'), end: d('2025-07-04'), kind: 'debt_limit', label: 'Debt limit 2025', source: DEBT },
  { date: d('2025-04-01'), kind: 'balance_sheet', label: 'QT taper: Treasury cap $5bn', source: FED },
  { date: d('2025-06-26'), kind: 'repo', label: 'SRF morning operation added', source: SRF },
  { date: d('2025-12-01'), kind: 'balance_sheet', label: 'QT ends', source: FED },
  { date: d('2025-12-12'), kind: 'balance_sheet', label: 'RMP purchases start', source: RMP_OPS },
];

const pct = (v: number): string => v.toFixed(2);

/**
 * The target range's changes, read from the stored daily upper and lower limits: one event on each day
 * either limit differs from the day before ("Range 4.25–4.50%"). `days` are epoch days, aligned.
 */
export function rangeChangeEvents(days: readonly number[], upper: readonly (number | null)[], lower: readonly (number | null)[]): ChartEvent[] {
  const out: ChartEvent[] = [];
  let prevU: number | null = null;
  let prevL: number | null = null;
  for (let i = 0; i < days.length; i++) {
    const u = upper[i];
    const l = lower[i];
    if (u === null || u === undefined || l === null || l === undefined) continue;
    if (prevU !== null && prevL !== null && (Math.abs(u - prevU) > 1e-9 || Math.abs(l - prevL) > 1e-9)) {
      const day = days[i];
      if (day !== undefined) out.push({ date: fromEpochDay(day), kind: 'fomc', label: `Range ${pct(l)}–${pct(u)}%`, source: 'DFEDTARL / DFEDTARU (stored)' });
    }
    prevU = u;
    prevL = l;
  }
  return out;
}
