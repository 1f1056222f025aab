/**
 * Which GDP quarter was public on a date (real-time mode, domain.md §2.2–2.3): BEA's actual first
 * release of each quarter, from the dates bundled with the snapshot (gdp-first-release.csv, from
 * ALFRED vintages: every quarter from 1991-Q4). Shutdowns moved several releases well past the usual
 * month after the quarter (2013-Q3 on 2013-11-07, 2018-Q4 on 2019-02-28, 2025-Q3 on 2025-12-23,
 * 2025-Q4 on 2026-02-20), so no rule stands in for a date we have. Where no real date exists (before
 * 1991-Q4, or a quarter newer than the bundled dates) the old rule — the end of the month after the
 * quarter — is used and labelled approximate.
 */
import type { Availability } from '../../../shared/compute/align.js';
import type { Series } from '../../../shared/compute/series.js';
import { addDays, epochDay, fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { getSetting } from '../db/repos/settings-repo.js';
import { snapshotDir } from '../paths.js';
import { FIRST_REAL_QUARTER, GDP_RELEASES_SETTING, parseGdpReleaseDates, quarterLabel, readGdpReleaseDates } from '../snapshot/gdp-release-dates.js';

export type GdpReleaseBasis = 'BEA first release (ALFRED vintage)' | 'approximate (before 1991-Q4)' | 'approximate (no release date known for this quarter)';

export interface GdpRelease {
  readonly quarter: string;
  readonly quarterStart: IsoDate;
  readonly firstReleaseDate: IsoDate;
  readonly basis: GdpReleaseBasis;
}

export interface GdpReleaseCalendar {
  /** The quarter's first publication: the real date where known, else the labelled approximation. */
  release(quarterStart: IsoDate): GdpRelease;
  /** The real first-release date, or null when none is known. */
  known(quarterStart: IsoDate): IsoDate | null;
  /** Where the real dates came from, for reports. */
  readonly source: string;
}

/** The advance-estimate rule, for quarters without a real date: the last day of the month after the quarter. */
export function approximateFirstRelease(quarterStart: IsoDate): IsoDate {
  const y = Number(quarterStart.slice(0, 4));
  const m = Number(quarterStart.slice(5, 7));
  const after = m + 4; // the first day of this month, less a day, is the last day of the month after the quarter
  const yy = y + Math.floor((after - 1) / 12);
  const mm = ((after - 1) % 12) + 1;
  return addDays(`${yy}-${String(mm).padStart(2, '0')}-01` as IsoDate, -1);
}

export function nextQuarter(quarterStart: IsoDate): IsoDate {
  const y = Number(quarterStart.slice(0, 4));
  const m = Number(quarterStart.slice(5, 7)) + 3;
  return (m > 12 ? `${y + 1}-${String(m - 12).padStart(2, '0')}-01` : `${y}-${String(m).padStart(2, '0')}-01`) as IsoDate;
}

export function gdpReleaseCalendarFrom(dates: ReadonlyMap<IsoDate, IsoDate>, source: string): GdpReleaseCalendar {
  return {
    source,
    known: (q) => dates.get(q) ?? null,
    release: (q) => {
      const real = dates.get(q);
      if (real !== undefined) return { quarter: quarterLabel(q), quarterStart: q, firstReleaseDate: real, basis: 'BEA first release (ALFRED vintage)' };
      return { quarter: quarterLabel(q), quarterStart: q, firstReleaseDate: approximateFirstRelease(q), basis: q < FIRST_REAL_QUARTER ? 'approximate (before 1991-Q4)' : 'approximate (no release date known for this quarter)' };
    },
  };
}

const parsedByText = new Map<string, ReadonlyMap<IsoDate, IsoDate>>();

function fromText(text: string, source: string): GdpReleaseCalendar | null {
  let dates = parsedByText.get(text);
  if (dates === undefined) {
    const p = parseGdpReleaseDates(text);
    if (!p.ok) return null;
    dates = p.value;
    parsedByText.set(text, dates);
  }
  return gdpReleaseCalendarFrom(dates, source);
}

/**
 * The calendar for a store: the dates kept in its settings when the snapshot was seeded, else the
 * bundled file beside the sources (command line, browser mode, tests), else none (every date then
 * approximate, and labelled so).
 */
export function gdpReleaseCalendar(db: Db): GdpReleaseCalendar {
  const kept = getSetting(db, GDP_RELEASES_SETTING);
  const fromDb = kept === null ? null : fromText(kept, 'gdp-first-release.csv (kept in the data dir)');
  if (fromDb !== null) return fromDb;
  let bundled: string | null;
  try {
    const r = readGdpReleaseDates(snapshotDir());
    bundled = r.ok ? r.value : null;
  } catch {
    // The packaged Electron bundle has no module URL to find the folder from; the seed keeps the dates in the store instead.
    bundled = null;
  }
  const fromFile = bundled === null ? null : fromText(bundled, 'resources/snapshot/gdp-first-release.csv');
  return fromFile ?? gdpReleaseCalendarFrom(new Map(), 'none (no release dates found: all approximate)');
}

/**
 * GDP's availability for the formula language: each quarter public from its first release; the last
 * stored quarter is superseded on the real release date of the next one, when that date is known.
 */
export function gdpAvailability(gdp: Series, cal: GdpReleaseCalendar): Availability {
  const days = new Int32Array(gdp.dates.length);
  for (let i = 0; i < days.length; i++) days[i] = epochDay(cal.release(fromEpochDay(gdp.dates[i] ?? 0)).firstReleaseDate);
  const n = gdp.dates.length;
  const next = n === 0 ? null : cal.known(nextQuarter(fromEpochDay(gdp.dates[n - 1] ?? 0)));
  return next === null ? { days } : { days, nextDay: epochDay(next) };
}

/** The latest quarter of `gdp` first published on or before `asOf` (end of that day), with its release. */
export function gdpKnownOn(gdp: Series, asOf: IsoDate, cal: GdpReleaseCalendar): { index: number; release: GdpRelease } | null {
  for (let i = gdp.dates.length - 1; i >= 0; i--) {
    if (!Number.isFinite(gdp.values[i] ?? Number.NaN)) continue;
    const r = cal.release(fromEpochDay(gdp.dates[i] ?? 0));
    if (r.firstReleaseDate <= asOf) return { index: i, release: r };
  }
  return null;
}
