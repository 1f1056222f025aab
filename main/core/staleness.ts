/**
 * How old a series' last observation is against how often it is published. H.4.1 is released on
 * Thursday for the Wednesday before; daily rates appear the next business day; GDP about a month
 * after the quarter, and its date is the quarter's first day.
 */
import type { Frequency } from '../../shared/catalog.js';
import { daysBetween, type IsoDate } from '../../shared/time/iso-date.js';

const EXPECTED_LAG_DAYS: Record<Frequency, number> = { D: 5, W: 10, Q: 190 };

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
