/**
 * Loads store series as columnar arrays once per command, and resolves "the value as of a date" with
 * the lineage an analyst needs to re-check it: series id, observation date, value, conversion.
 */
import { findSeries } from '../../../shared/catalog.js';
import { valueAsOf, type Series } from '../../../shared/compute/series.js';
import { STALENESS_DAYS } from '../../../shared/compute/align.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { getColumns } from '../db/repos/observations-repo.js';

export interface InputRef {
  readonly seriesId: string;
  readonly date: IsoDate;
  readonly value: number;
  readonly unit: string;
  readonly conversion: string;
}

/** Default look-back when taking a value "as of" a date. */
// The formula rule's limits (shared/compute/align.ts), except GDP: the indicators take the latest quarter
// stored for up to 400 days and say in their note when a newer one should have been published.
export const TOLERANCE_DAYS: Readonly<Record<'D' | 'W' | 'M' | 'Q', number>> = { ...STALENESS_DAYS, Q: 400 };

export class SeriesCache {
  private readonly cache = new Map<string, Series>();
  constructor(private readonly db: Db) {}

  get(id: string): Series {
    let s = this.cache.get(id);
    if (s === undefined) {
      s = getColumns(this.db, id);
      this.cache.set(id, s);
    }
    return s;
  }

  /** The last observation on or before `date` within the series' tolerance, with its lineage. */
  at(id: string, date: IsoDate, toleranceDays?: number): InputRef | null {
    const def = findSeries(id);
    if (def === undefined) return null;
    const p = valueAsOf(this.get(id), epochDay(date), toleranceDays ?? TOLERANCE_DAYS[def.frequency]);
    return p === null ? null : { seriesId: id, date: p.date, value: p.value, unit: def.conversion.canonical, conversion: def.conversion.label };
  }
}
