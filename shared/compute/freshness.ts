/**
 * Freshness against the release calendar (issue 10 §4, domain.md §2.2). "Days since the last
 * observation" calls every weekly and quarterly series stale; what an analyst wants to know is whether
 * the store holds the latest observation its publisher has put out by now. So each series gets a
 * release schedule (which dates it is observed on, and when each observation becomes public), from
 * which follow the expected latest observation at an instant and the number of releases between the
 * last stored one and it.
 *
 * Schedules are keyed by series id, then source, then frequency, with a conservative fallback for
 * anything unknown (it errs towards "up to date" rather than calling fresh data behind). The clock is a
 * parameter: nothing here reads the time.
 */
import { addDays, daysInMonth, isoDateOfInstant, weekday, type IsoDate } from '../time/iso-date.js';
import { BusinessCalendar } from './calendar.js';
import { availableAt, easternInstant } from './realtime.js';

/** Which dates a series is observed on. */
export type Grid =
  | { readonly kind: 'business_day' }
  | { readonly kind: 'calendar_day' }
  /** One observation a week on this weekday (0 = Sunday … 6 = Saturday). */
  | { readonly kind: 'week'; readonly weekday: number }
  /** One a month, dated on its first day (FRED) or its last (Treasury's month-end statements). */
  | { readonly kind: 'month'; readonly dated: 'first' | 'last' }
  | { readonly kind: 'quarter' };

export interface ReleaseInstant {
  /** Epoch ms when the observation is first public. */
  readonly at: number;
  /**
   * True when the day itself comes from a rule of thumb (a GDP quarter BEA's table does not have, a
   * monthly "fourth Tuesday", a fallback). A documented schedule ("next business day, about 8:00 a.m.
   * ET") is not an estimate even though the minute varies.
   */
  readonly estimated: boolean;
}

export interface ReleaseSchedule {
  /** The publication, in words ('H.4.1', 'DTS', 'NY Fed reference rates', …); groups series in the UI. */
  readonly release: string;
  /** The schedule in words, as the Data view and `status` show it. */
  readonly describe: string;
  readonly grid: Grid;
  /** When the observation dated `d` (a grid date) is published. */
  publishedAt(d: IsoDate, cal: BusinessCalendar): ReleaseInstant;
  /** The last observation the source will ever publish (a discontinued series). */
  readonly endsOn?: IsoDate;
}

/**
 * First-release instants of GDP quarters (BEA's advance estimates). A bundled table of BEA's dates can
 * implement this; `null` for a quarter it does not know (a future one) makes the schedule fall back to
 * the rule in `availableAt('gdp_advance', …)`, and the result says it is estimated.
 */
export interface GdpReleaseDates {
  firstRelease(quarterStart: IsoDate): number | null;
}

/** No table: every quarter by rule. */
export const GDP_BY_RULE: GdpReleaseDates = { firstRelease: () => null };

/** What identifies a series' schedule: the catalog's fields, as strings so new sources and frequencies fit. */
export interface ScheduleKey {
  readonly id: string;
  readonly source: string;
  readonly frequency: string;
  readonly basis: string;
  /** The last date of a discontinued series (the catalog's `dates.to`). */
  readonly endsOn?: IsoDate;
}

export interface FreshnessOptions {
  readonly calendar?: BusinessCalendar;
  readonly gdp?: GdpReleaseDates;
}

export interface Freshness {
  readonly release: string;
  readonly schedule: string;
  /** The newest observation the publisher has released by the instant asked about. */
  readonly expectedLatest: IsoDate;
  /** Whether `expectedLatest` rests on an approximate rule (e.g. a GDP quarter not in BEA's table). */
  readonly expectedEstimated: boolean;
  /** Releases between the last stored observation and `expectedLatest`; null with no data. */
  readonly releasesBehind: number | null;
  /** "up to date", "1 release behind", "N releases behind", or "no data". */
  readonly word: string;
  /** The observation after `expectedLatest` and when it is due. */
  readonly next: { readonly date: IsoDate; readonly at: number; readonly estimated: boolean } | null;
}

// ---------------------------------------------------------------------------------------------------
// Grid arithmetic

const iso = (y: number, m: number, d: number): IsoDate => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
const ym = (d: IsoDate): [number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
/** The month `k` months after (y, m), as [year, month]. */
const shiftMonth = (y: number, m: number, k: number): [number, number] => {
  const idx = y * 12 + (m - 1) + k;
  return [Math.floor(idx / 12), (idx % 12) + 1];
};
const monthDate = (y: number, m: number, dated: 'first' | 'last'): IsoDate => iso(y, m, dated === 'first' ? 1 : daysInMonth(y, m));

/** The latest grid date on or before `d`. */
function floorGrid(g: Grid, d: IsoDate, cal: BusinessCalendar): IsoDate {
  switch (g.kind) {
    case 'business_day': {
      let x = d;
      while (!cal.isBusinessDay(x)) x = addDays(x, -1);
      return x;
    }
    case 'calendar_day':
      return d;
    case 'week':
      return addDays(d, -((weekday(d) - g.weekday + 7) % 7));
    case 'month': {
      const [y, m] = ym(d);
      if (g.dated === 'first') return iso(y, m, 1);
      const last = monthDate(y, m, 'last');
      if (d === last) return d;
      const [py, pm] = shiftMonth(y, m, -1);
      return monthDate(py, pm, 'last');
    }
    case 'quarter': {
      const [y, m] = ym(d);
      return iso(y, m - ((m - 1) % 3), 1);
    }
    default: {
      const never: never = g;
      throw new Error(String(never));
    }
  }
}

/** The grid date after grid date `d`. */
function nextGrid(g: Grid, d: IsoDate, cal: BusinessCalendar): IsoDate {
  switch (g.kind) {
    case 'business_day':
      return cal.addBusinessDays(d, 1);
    case 'calendar_day':
      return addDays(d, 1);
    case 'week':
      return addDays(d, 7);
    case 'month': {
      const [y, m] = ym(d);
      const [ny, nm] = shiftMonth(y, m, 1);
      return monthDate(ny, nm, g.dated);
    }
    case 'quarter': {
      const [y, m] = ym(d);
      const [ny, nm] = shiftMonth(y, m, 3);
      return iso(ny, nm, 1);
    }
    default: {
      const never: never = g;
      throw new Error(String(never));
    }
  }
}

const prevGrid = (g: Grid, d: IsoDate, cal: BusinessCalendar): IsoDate => floorGrid(g, addDays(d, -1), cal);

// ---------------------------------------------------------------------------------------------------
// Schedules

const exact = (at: number): ReleaseInstant => ({ at, estimated: false });
const approx = (at: number): ReleaseInstant => ({ at, estimated: true });
const BUSINESS: Grid = { kind: 'business_day' };
const SEVEN_DAY: Grid = { kind: 'calendar_day' };
const WEDNESDAY: Grid = { kind: 'week', weekday: 3 };

/**
 * H.4.1: Thursday 4:30 p.m. ET for the week ended Wednesday [S3]. When that Thursday is a Federal
 * Reserve holiday (Thanksgiving; Christmas or New Year's Day on a Thursday) the release moves to the
 * next business day, the Friday (verify against the Board's release-date page each year). The
 * observation keeps its Wednesday date even when the Wednesday itself is a holiday.
 */
const H41: ReleaseSchedule = {
  release: 'H.4.1',
  describe: 'Fed H.4.1: Thursdays 4:30 p.m. ET for the Wednesday (the next business day when Thursday is a holiday)',
  grid: WEDNESDAY,
  publishedAt: (d, cal) => exact(easternInstant(cal.rollForward(addDays(d, 1)), 16, 30)),
};

/** H.8 (bank balance sheets): Fridays 4:15 p.m. ET, for the week ended the Wednesday nine days before. */
const H8: ReleaseSchedule = {
  release: 'H.8',
  describe: 'Fed H.8: Fridays 4:15 p.m. ET for the week ended the Wednesday nine days earlier',
  grid: WEDNESDAY,
  publishedAt: (d, cal) => exact(easternInstant(cal.rollForward(addDays(d, 9)), 16, 15)),
};

/**
 * DTS: around 4:00 p.m. ET for the previous business day [S9]. On the Fed's business calendar; Treasury
 * also closes the Friday before a Saturday holiday (2026-07-03), so that one day is expected in vain.
 */
const DTS: ReleaseSchedule = {
  release: 'DTS',
  describe: 'Treasury Daily Treasury Statement: 4:00 p.m. ET for the previous business day',
  grid: BUSINESS,
  publishedAt: (d, cal) => exact(easternInstant(cal.addBusinessDays(d, 1), 16, 0)),
};

/** NY Fed reference rates (SOFR, EFFR, TGCR, BGCR, OBFR, their percentiles and volumes): next business day, about 8:00 a.m. ET. */
const NYFED_RATES: ReleaseSchedule = {
  release: 'NY Fed reference rates',
  describe: 'NY Fed reference rates: the next business day, about 8:00 a.m. ET',
  grid: BUSINESS,
  publishedAt: (d, cal) => exact(easternInstant(cal.addBusinessDays(d, 1), 8, 0)),
};

/**
 * FRED's copies of NY Fed rates: FRED posts them the same business day as the NY Fed, about an hour
 * later (modelled as 9:00 a.m. ET). DFF and the administered rates are FRED "7-day" series (weekends
 * carry Friday's value), so their grid is every calendar day and a weekend's values arrive on Monday.
 */
const FRED_RATES_7DAY: ReleaseSchedule = {
  release: 'Fed rates via FRED',
  describe: 'FRED daily (7-day) rates: posted the next business day, about 9:00 a.m. ET (the NY Fed publishes about an hour earlier)',
  grid: SEVEN_DAY,
  publishedAt: (d, cal) => exact(easternInstant(cal.addBusinessDays(d, 1), 9, 0)),
};

const FRED_NYFED_COPY: ReleaseSchedule = {
  release: 'NY Fed reference rates (FRED copy)',
  describe: 'FRED copy of a NY Fed rate: the next business day, about 9:00 a.m. ET (an hour after the NY Fed)',
  grid: BUSINESS,
  publishedAt: (d, cal) => exact(easternInstant(cal.addBusinessDays(d, 1), 9, 0)),
};

/** ON RRP and repo operation results on FRED: the same day, about 4:30 p.m. ET [S9]. */
const FRED_OPS: ReleaseSchedule = {
  release: 'ON RRP & repo operations',
  describe: 'NY Fed operation results via FRED: the same business day, about 4:30 p.m. ET',
  grid: BUSINESS,
  publishedAt: (d) => exact(easternInstant(d, 16, 30)),
};

/** The NY Fed's own operation results come shortly after each operation closes (verify the times). */
const nyfedOps = (what: string, hour: number, minute: number): ReleaseSchedule => ({
  release: 'ON RRP & repo operations',
  describe: `NY Fed ${what} results: the same business day, about ${hour > 12 ? hour - 12 : hour}:${String(minute).padStart(2, '0')} ${hour >= 12 ? 'p.m.' : 'a.m.'} ET`,
  grid: BUSINESS,
  publishedAt: (d) => exact(easternInstant(d, hour, minute)),
});

const gdpSchedule = (gdp: GdpReleaseDates): ReleaseSchedule => ({
  release: 'BEA GDP',
  describe: "BEA GDP advance estimate: BEA's release date where known, otherwise about the end of the month after the quarter (by rule)",
  grid: { kind: 'quarter' },
  publishedAt: (d, cal) => {
    const known = gdp.firstRelease(d);
    return known !== null ? exact(known) : approx(availableAt('gdp_advance', d, cal));
  },
});

/** The n-th `wd` weekday of a month. */
function nthWeekdayOf(y: number, m: number, wd: number, n: number): IsoDate {
  const first = iso(y, m, 1);
  return addDays(first, ((wd - weekday(first) + 7) % 7) + 7 * (n - 1));
}

/** H.6 money stock (M2SL): the fourth Tuesday of the following month, 1:00 p.m. ET (approximately; the Board's calendar rules). */
const H6: ReleaseSchedule = {
  release: 'H.6',
  describe: 'Fed H.6 money stock: about the fourth Tuesday of the following month, 1:00 p.m. ET',
  grid: { kind: 'month', dated: 'first' },
  publishedAt: (d, cal) => {
    const [y, m] = shiftMonth(...ym(d), 1);
    return approx(easternInstant(cal.rollForward(nthWeekdayOf(y, m, 2, 4)), 13, 0));
  },
};

/** Treasury's Monthly Statement of the Public Debt: the fourth business day of the following month, about 3:00 p.m. ET. */
const mspd = (dated: 'first' | 'last'): ReleaseSchedule => ({
  release: 'Treasury MSPD',
  describe: 'Treasury Monthly Statement of the Public Debt: the fourth business day of the following month, about 3:00 p.m. ET',
  grid: { kind: 'month', dated },
  publishedAt: (d, cal) => {
    const [y, m] = shiftMonth(...ym(d), 1);
    return approx(easternInstant(cal.addBusinessDays(addDays(iso(y, m, 1), -1), 4), 15, 0));
  },
});

/** Any other monthly series: by the last business day of the following month (conservative). */
const genericMonthly = (dated: 'first' | 'last'): ReleaseSchedule => ({
  release: 'monthly',
  describe: 'monthly: assumed published by the last business day of the following month (no release calendar on file)',
  grid: { kind: 'month', dated },
  publishedAt: (d, cal) => {
    const [y, m] = shiftMonth(...ym(d), 1);
    return approx(easternInstant(cal.lastBusinessDayOfMonth(y, m), 17, 0));
  },
});

/** Any other daily series: the next business day, late afternoon ET (H.15-style; conservative). */
const genericDaily = (release: string): ReleaseSchedule => ({
  release,
  describe: `${release} daily: assumed published the next business day by 5:00 p.m. ET (no release calendar on file)`,
  grid: BUSINESS,
  publishedAt: (d, cal) => approx(easternInstant(cal.addBusinessDays(d, 1), 17, 0)),
});

/** Any other weekly series: eight days after the observation, on the weekday it is dated (conservative). */
const genericWeekly = (release: string, wd: number): ReleaseSchedule => ({
  release,
  describe: `${release} weekly: assumed published within eight days of the observation (no release calendar on file)`,
  grid: { kind: 'week', weekday: wd },
  publishedAt: (d, cal) => approx(easternInstant(cal.rollForward(addDays(d, 8)), 17, 0)),
});

/**
 * H.6 weekly M2 (weeks dated on Monday) comes out with the monthly H.6, about the fourth Tuesday of the
 * month, covering weeks that ended at least a week before it.
 */
const H6_WEEKLY: ReleaseSchedule = {
  release: 'H.6',
  describe: 'Fed H.6 money stock, weekly: with the monthly release (about the fourth Tuesday), for weeks ended a week or more before',
  grid: { kind: 'week', weekday: 1 },
  publishedAt: (d, cal) => {
    const due = addDays(d, 8);
    const [y, m] = ym(due);
    let r = cal.rollForward(nthWeekdayOf(y, m, 2, 4));
    if (r < due) r = cal.rollForward(nthWeekdayOf(...shiftMonth(y, m, 1), 2, 4));
    return approx(easternInstant(r, 13, 0));
  },
};

/** H.10 (the broad dollar index): daily values, released weekly on Monday at 4:15 p.m. ET for the week before. */
const H10: ReleaseSchedule = {
  release: 'H.10',
  describe: 'Fed H.10 dollar index: daily values released Mondays 4:15 p.m. ET for the previous week',
  grid: BUSINESS,
  publishedAt: (d, cal) => exact(easternInstant(cal.rollForward(addDays(d, 8 - (weekday(d) === 0 ? 7 : weekday(d)))), 16, 15)),
};

/** Net bill issuance computed from auction results: known once the week or month has settled. */
const auctions = (grid: Grid): ReleaseSchedule => ({
  release: 'Treasury auctions',
  describe: 'computed from Treasury auction results: available the business day after the period ends',
  grid,
  publishedAt: (d, cal) => {
    const end = grid.kind === 'month' ? monthDate(...ym(d), 'last') : d;
    return approx(easternInstant(cal.addBusinessDays(end, 1), 17, 0));
  },
});

/** A 7-day market price (bitcoin): the day's close is known just after midnight UTC. */
const SEVEN_DAY_PRICE: ReleaseSchedule = {
  release: 'market prices',
  describe: 'market close, 7 days a week: available the next day',
  grid: SEVEN_DAY,
  publishedAt: (d) => approx(easternInstant(addDays(d, 1), 1, 0)),
};

/** An exchange-traded close: the same business day, after the 4:00 p.m. ET close. */
const EXCHANGE_CLOSE: ReleaseSchedule = {
  release: 'market prices',
  describe: 'exchange close: the same business day, after 4:00 p.m. ET (Fed business days; the exchange calendar differs slightly)',
  grid: BUSINESS,
  publishedAt: (d) => approx(easternInstant(d, 17, 0)),
};

const SEVEN_DAY_FRED = new Set(['DFF', 'IORB', 'IOER', 'DFEDTARU', 'DFEDTARL']);
const NYFED_RATE_ID = /^(SOFR|EFFR|TGCR|BGCR|OBFR)/;
const FRED_OPS_ID = /^(RRPONT|RPONT)/;
const H15_ID = /^(DGS|DTB|DCPF|DCPN)/;

/** The schedule for a series, or null when its frequency is one this module does not know. */
export function scheduleFor(key: ScheduleKey, opts: FreshnessOptions = {}, lastDate: IsoDate | null = null): ReleaseSchedule | null {
  const s = baseSchedule(key, opts.gdp ?? GDP_BY_RULE, lastDate);
  if (s === null) return null;
  const ends = key.endsOn;
  return ends === undefined ? s : { ...s, endsOn: ends, describe: `${s.describe}; discontinued after ${ends}` };
}

function baseSchedule(key: ScheduleKey, gdp: GdpReleaseDates, lastDate: IsoDate | null): ReleaseSchedule | null {
  const { id, source, frequency, basis } = key;
  // A month-end date (Treasury's statements) versus a first-of-month date (FRED).
  const dated: 'first' | 'last' = basis === 'month_end' || (lastDate !== null && lastDate.slice(8) !== '01') ? 'last' : 'first';
  const weekdayOfLast = lastDate === null ? 3 : weekday(lastDate);
  if (/^BILLS_NET_ISSUE/.test(id)) return auctions(frequency === 'M' ? { kind: 'month', dated } : { kind: 'week', weekday: weekdayOfLast });
  if (id === 'TGA_DTS' || (source === 'fiscaldata' && frequency === 'D')) return DTS;
  if (/MSPD/.test(id) || ((source === 'fiscaldata' || source === 'treasury') && frequency === 'M')) return mspd(dated);
  if (/^M[12](SL|NS)$/.test(id)) return H6;
  if (/^WM[12](SL|NS)$/.test(id)) return H6_WEEKLY;
  if (frequency === 'Q') return gdpSchedule(gdp);
  if (frequency === 'W') {
    if (/W027[SN]BOG$/.test(id)) return H8;
    if (source === 'fred' && (basis === 'wed_level' || basis === 'week_avg')) return H41;
    return genericWeekly(source, weekdayOfLast);
  }
  if (frequency === 'M') return genericMonthly(dated);
  if (frequency !== 'D') return null;
  if (source === 'nyfed') {
    if (id === 'ONRRP_NYF') return nyfedOps('ON RRP operation', 13, 30);
    if (id === 'SRF_AM') return nyfedOps('morning repo operation', 9, 0);
    if (id.startsWith('RMP_BILLS_')) return nyfedOps('outright bill purchase (RMP) operation', 11, 0);
    if (/^SRF_/.test(id)) return nyfedOps('afternoon repo operation', 14, 0);
    return NYFED_RATES;
  }
  if (source === 'fred') {
    if (SEVEN_DAY_FRED.has(id)) return FRED_RATES_7DAY;
    if (FRED_OPS_ID.test(id)) return FRED_OPS;
    if (NYFED_RATE_ID.test(id)) return FRED_NYFED_COPY;
    if (id === 'DTWEXBGS' || /^DEX/.test(id)) return H10;
    if (H15_ID.test(id)) return genericDaily('H.15');
    return genericDaily('FRED');
  }
  if (source === 'ofr') return genericDaily('OFR Short-term Funding Monitor');
  if (source === 'yahoo') return /BTC/.test(id) ? SEVEN_DAY_PRICE : EXCHANGE_CLOSE;
  return genericDaily(source);
}

// ---------------------------------------------------------------------------------------------------
// Expected latest and releases behind

/** The newest grid date whose release is at or before `nowMs`. */
export function expectedLatest(s: ReleaseSchedule, nowMs: number, cal: BusinessCalendar): { date: IsoDate; estimated: boolean } {
  // Every schedule publishes on or after the observation's own day, so the day after "now" in UTC
  // (never earlier than the New York date) is a safe place to start walking back.
  let c = floorGrid(s.grid, addDays(isoDateOfInstant(nowMs), 1), cal);
  if (s.endsOn !== undefined && c > s.endsOn) c = floorGrid(s.grid, s.endsOn, cal);
  for (let k = 0; k < 1000; k++) {
    const r = s.publishedAt(c, cal);
    if (r.at <= nowMs) return { date: c, estimated: r.estimated };
    c = prevGrid(s.grid, c, cal);
  }
  return { date: c, estimated: true };
}

/**
 * Releases that carry observations after `last`, up to and including `expected`: distinct publication
 * instants, not dates, because one Monday release of a 7-day series brings Friday, Saturday and Sunday.
 */
/**
 * Counts already made, per calendar and schedule (by its `publishedAt`, which fixes the count with the
 * grid): twenty OFR series ending on the same day share one count, which the catalog's listing at start
 * used to redo for each (~90 ms of the first window's wait).
 */
const counted = new WeakMap<BusinessCalendar, WeakMap<ReleaseSchedule['publishedAt'], Map<string, number>>>();

export function releasesBetween(s: ReleaseSchedule, last: IsoDate, expected: IsoDate, cal: BusinessCalendar): number {
  if (last >= expected) return 0;
  let bySchedule = counted.get(cal);
  if (bySchedule === undefined) counted.set(cal, (bySchedule = new WeakMap()));
  let memo = bySchedule.get(s.publishedAt);
  if (memo === undefined) bySchedule.set(s.publishedAt, (memo = new Map()));
  const key = `${JSON.stringify(s.grid)}|${last}|${expected}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size > 10_000) memo.clear();
  const n = countReleases(s, last, expected, cal);
  memo.set(key, n);
  return n;
}

function countReleases(s: ReleaseSchedule, last: IsoDate, expected: IsoDate, cal: BusinessCalendar): number {
  let n = 0;
  let prevAt = Number.NaN;
  // Bounded so that a decades-old last date cannot spin (100k business days is ~400 years).
  for (let g = nextGrid(s.grid, floorGrid(s.grid, last, cal), cal), k = 0; g <= expected && k < 100_000; g = nextGrid(s.grid, g, cal), k++) {
    const at = s.publishedAt(g, cal).at;
    if (at !== prevAt) n++;
    prevAt = at;
  }
  return n;
}

export function freshnessWord(releasesBehind: number | null): string {
  if (releasesBehind === null) return 'no data';
  if (releasesBehind <= 0) return 'up to date';
  return releasesBehind === 1 ? '1 release behind' : `${releasesBehind} releases behind`;
}

let defaultCalendar: BusinessCalendar | null = null;
const calendarOf = (opts: FreshnessOptions): BusinessCalendar => opts.calendar ?? (defaultCalendar ??= new BusinessCalendar());

/** Freshness of a series whose last stored observation is `last`, at instant `nowMs`; null with no schedule. */
export function freshness(key: ScheduleKey, last: IsoDate | null, nowMs: number, opts: FreshnessOptions = {}): Freshness | null {
  const cal = calendarOf(opts);
  const s = scheduleFor(key, opts, last);
  if (s === null) return null;
  const exp = expectedLatest(s, nowMs, cal);
  const behind = last === null ? null : releasesBetween(s, last, exp.date, cal);
  const nextDate = nextGrid(s.grid, exp.date, cal);
  const next = s.endsOn !== undefined && nextDate > s.endsOn ? null : { date: nextDate, ...s.publishedAt(nextDate, cal) };
  return { release: s.release, schedule: s.describe, expectedLatest: exp.date, expectedEstimated: exp.estimated, releasesBehind: behind, word: freshnessWord(behind), next };
}

// ---------------------------------------------------------------------------------------------------
// A set of inputs (the Monitor's): which are behind, and the span of their data dates

export interface InputFreshness {
  readonly id: string;
  readonly frequency: string;
  readonly lastDate: string | null;
  readonly releasesBehind: number | null;
}

export interface BehindSummary {
  readonly behind: readonly InputFreshness[];
  readonly withData: number;
  /** Newest and oldest last observation among the dated-by-day inputs (quarters are dated on their first day, so they sit apart). */
  readonly newest: { readonly id: string; readonly date: string } | null;
  readonly oldest: { readonly id: string; readonly date: string } | null;
  /** Behind quarterly inputs, said separately ("GDP 2026Q1"). */
  readonly quarters: readonly { readonly id: string; readonly quarter: string; readonly releasesBehind: number }[];
}

export const quarterLabel = (d: string): string => `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;

/** Null when every input with data is up to date. */
export function summarizeBehind(inputs: readonly InputFreshness[]): BehindSummary | null {
  const withData = inputs.filter((s) => s.lastDate !== null);
  const behind = withData.filter((s) => (s.releasesBehind ?? 0) > 0);
  if (behind.length === 0) return null;
  let newest: { id: string; date: string } | null = null;
  let oldest: { id: string; date: string } | null = null;
  for (const s of withData) {
    if (s.frequency === 'Q' || s.lastDate === null) continue;
    if (newest === null || s.lastDate > newest.date) newest = { id: s.id, date: s.lastDate };
    if (oldest === null || s.lastDate < oldest.date) oldest = { id: s.id, date: s.lastDate };
  }
  const quarters = behind.filter((s) => s.frequency === 'Q' && s.lastDate !== null).map((s) => ({ id: s.id, quarter: quarterLabel(s.lastDate ?? ''), releasesBehind: s.releasesBehind ?? 0 }));
  return { behind, withData: withData.length, newest, oldest, quarters };
}
