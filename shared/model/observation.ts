import type { SeriesDef } from '../catalog.js';
import { guardViolation } from '../catalog.js';
import { toCanonical } from './units.js';
import type { IsoDate } from '../time/iso-date.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

/** One published observation in the source's native units; `null` = the source says "missing". */
export interface RawObservation {
  readonly date: IsoDate;
  readonly value: number | null;
}

/** One stored observation in canonical units. */
export interface Observation {
  readonly date: IsoDate;
  readonly value: number;
}

export interface PreparedBatch {
  readonly rows: readonly Observation[];
  /** Dates the source marked missing (holidays): not stored, so they never read as 0. */
  readonly missing: number;
}

/**
 * Converts a parsed batch to canonical units, sorts and de-duplicates by date, and applies the
 * magnitude guard. One impossible value rejects the whole batch: the units have probably changed
 * at the source, so none of the batch can be trusted.
 */
export function prepareBatch(def: SeriesDef, raw: readonly RawObservation[]): Result<PreparedBatch> {
  const byDate = new Map<string, number>();
  let missing = 0;
  for (const o of raw) {
    if (o.value === null) {
      missing++;
      continue;
    }
    const value = toCanonical(o.value, def.conversion);
    const problem = guardViolation(def, o.date, value);
    if (problem !== null) return err(problem);
    const prev = byDate.get(o.date);
    if (prev !== undefined && prev !== value) return err(`${def.id} ${o.date}: two different values in one response (${prev} and ${value})`);
    byDate.set(o.date, value);
  }
  const dates = [...byDate.keys()].sort();
  const rows = dates.map((date) => ({ date: date as IsoDate, value: byDate.get(date) ?? Number.NaN }));
  return ok({ rows, missing });
}
