/** The weekly reserve attribution (shared/compute/attribution.ts) on the store's columns. */
import { attributeReserves, ATTRIBUTION_BASIS, type AttributionWeek } from '../../../shared/compute/attribution.js';
import type { IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { SeriesCache } from './series-cache.js';

export interface AttributionReport {
  readonly basis: string;
  readonly weeks: readonly AttributionWeek[];
}

export function attributionFromStore(db: Db, opts: { readonly from?: IsoDate; readonly to?: IsoDate } = {}): AttributionReport {
  const c = new SeriesCache(db);
  return { basis: ATTRIBUTION_BASIS, weeks: attributeReserves((id) => c.get(id), opts) };
}
