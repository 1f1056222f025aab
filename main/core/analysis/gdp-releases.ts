/**
 * Which GDP quarter was public at a given moment (real-time mode, domain.md §2.2–2.3): the advance
 * estimate comes out about a month after the quarter ends. Known exceptions are listed by date.
 */
import { availableAt } from '../../../shared/compute/realtime.js';
import type { BusinessCalendar } from '../../../shared/compute/calendar.js';
import { easternInstant } from '../../../shared/compute/realtime.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';

/**
 * The 2025Q3 advance estimate was postponed by the October–November 2025 federal shutdown and first
 * published on 2025-12-23; that is why November-2025 commentary divides by 2025Q2 GDP.
 */
const ADVANCE_RELEASE_EXCEPTIONS: Readonly<Record<string, IsoDate>> = { '2025-07-01': '2025-12-23' as IsoDate };

export function gdpReleasedAt(quarterStart: IsoDate, cal: BusinessCalendar): number {
  const exception = ADVANCE_RELEASE_EXCEPTIONS[quarterStart];
  return exception !== undefined ? easternInstant(exception, 8, 30) : availableAt('gdp_advance', quarterStart, cal);
}
