/**
 * Resolves formula identifiers to store series with their catalog units and frequencies: the
 * built-in catalog and the FRED series the user added (their unit, frequency and basis from the user
 * catalog row); an id the user removed says so. GDP carries its first-release dates, so on a daily
 * or weekly grid (`WRESBAL / GDP`) it is taken as known on each date: the latest quarter BEA had
 * published, until the next one was (gdp-releases.ts), not the quarter containing the date.
 * `asof(GDP)` gives that other convention (latest vintage, no limit).
 */
import { catalogFormulaEnv } from '../../../shared/compute/formula/catalog-env.js';
import type { FormulaEnv } from '../../../shared/compute/formula/evaluate.js';
import { removedMessage, removedSeries, userSeriesDefs } from '../catalog/user-catalog.js';
import type { Db } from '../db/open-database.js';
import { gdpAvailability, gdpReleaseCalendar, type GdpReleaseCalendar } from './gdp-releases.js';
import { SeriesCache } from './series-cache.js';

/** Series taken "as known then" on a higher-frequency grid, because their publication dates are known. */
const REAL_TIME_IDS: ReadonlySet<string> = new Set(['GDP']);

export function storeFormulaEnv(db: Db, releases?: GdpReleaseCalendar): FormulaEnv {
  const cache = new SeriesCache(db);
  let cal = releases;
  return catalogFormulaEnv(
    (id) => cache.get(id),
    (id, s) => {
      if (!REAL_TIME_IDS.has(id)) return undefined;
      cal ??= gdpReleaseCalendar(db);
      return gdpAvailability(s, cal);
    },
    {
      series: userSeriesDefs(db),
      unknown: (id) => {
        const r = removedSeries(db, id);
        return r === undefined ? undefined : removedMessage(r);
      },
    },
  );
}
