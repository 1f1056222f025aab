/**
 * How old a series' last observation is, and how far it is behind its release calendar. The age rule
 * (days against a lag per frequency) is kept for `ageDays`; "stale" and the freshness word come from
 * the release calendar in shared/compute/freshness.ts, which knows that H.4.1 is out on Thursday for
 * the Wednesday and GDP a month after the quarter, so a Wednesday value read on Monday is up to date.
 */
import type { FreshnessFieldsDto } from '../../shared/ipc/contract.js';
import { findSeries, type Frequency } from '../../shared/catalog.js';
import { BusinessCalendar } from '../../shared/compute/calendar.js';
import { freshness, GDP_BY_RULE, type GdpReleaseDates } from '../../shared/compute/freshness.js';
import { easternInstant } from '../../shared/compute/realtime.js';
import { daysBetween, isoDateOfInstant, type IsoDate } from '../../shared/time/iso-date.js';
import { gdpReleaseCalendar } from './analysis/gdp-releases.js';
import type { Db } from './db/open-database.js';

const EXPECTED_LAG_DAYS: Record<Frequency, number> = { D: 5, W: 10, M: 45, Q: 190 };

export interface Staleness {
  readonly ageDays: number;
  readonly stale: boolean;
}

export function staleness(frequency: Frequency, last: IsoDate | null, today: IsoDate): Staleness | null {
  if (last === null) return null;
  // A clock that runs behind can put "today" before the last observation: that is zero days old, not negative.
  const ageDays = Math.max(0, daysBetween(last, today));
  return { ageDays, stale: ageDays > EXPECTED_LAG_DAYS[frequency] };
}

/**
 * GDP first-release dates for the release calendar, from the store's table of BEA's real dates
 * (gdp-releases.ts, 8:30 a.m. ET as BEA publishes). A quarter the table lacks (the next one) comes back
 * null, so freshness falls back to the rule and labels it estimated.
 */
export function gdpReleaseDates(db: Db): GdpReleaseDates {
  const table = gdpReleaseCalendar(db);
  return {
    firstRelease(quarterStart) {
      const known = table.known(quarterStart);
      return known === null ? null : easternInstant(known, 8, 30);
    },
  };
}

let cal: BusinessCalendar | null = null;
const calendar = (): BusinessCalendar => (cal ??= new BusinessCalendar());

/** One declaration for the boundary: the DTO's fields are what this module computes. */
export type FreshnessFields = FreshnessFieldsDto;

export interface SeriesLike {
  readonly id: string;
  readonly source: string;
  readonly frequency: string;
  readonly basis: string;
  readonly lastDate: string | null;
}

/** `gdp` defaults to the rule for every quarter; the router and `status` pass the store's table. */
export function freshnessFields(s: SeriesLike, nowMs: number, gdp: GdpReleaseDates = GDP_BY_RULE): FreshnessFields {
  const last = s.lastDate as IsoDate | null;
  const age = staleness(s.frequency as Frequency, last, isoDateOfInstant(nowMs));
  const endsOn = findSeries(s.id)?.dates.to as IsoDate | undefined;
  const f = freshness({ id: s.id, source: s.source, frequency: s.frequency, basis: s.basis, ...(endsOn === undefined ? {} : { endsOn }) }, last, nowMs, { calendar: calendar(), gdp });
  if (f === null) {
    return { ageDays: age?.ageDays ?? null, stale: age?.stale ?? null, release: null, schedule: null, expectedLatest: null, expectedEstimated: false, releasesBehind: null, freshness: last === null ? 'no data' : 'no release calendar', nextObservation: null, nextReleaseAt: null, nextEstimated: false };
  }
  return {
    ageDays: age?.ageDays ?? null,
    stale: f.releasesBehind === null ? null : f.releasesBehind > 0,
    release: f.release,
    schedule: f.schedule,
    expectedLatest: f.expectedLatest,
    expectedEstimated: f.expectedEstimated,
    releasesBehind: f.releasesBehind,
    freshness: f.word,
    nextObservation: f.next?.date ?? null,
    nextReleaseAt: f.next === null ? null : new Date(f.next.at).toISOString(),
    nextEstimated: f.next?.estimated ?? false,
  };
}
