/**
 * A formula environment over catalog series, whatever holds their columns (the store in main, the
 * loaded series map in the renderer): one mapping from catalog units and frequencies to the
 * formula's, so the Workspace, the command line and the Monitor evaluate a formula the same way.
 */
import { findSeries, type SeriesDef } from '../../catalog.js';
import type { CanonicalUnit } from '../../model/units.js';
import type { Availability } from '../align.js';
import type { Series } from '../series.js';
import type { FormulaEnv, FormulaUnit } from './evaluate.js';

export function formulaUnitOf(u: CanonicalUnit): FormulaUnit {
  switch (u) {
    case 'usd_bn':
    case 'usd_bn_saar':
      return 'usd_bn';
    case 'percent':
      return 'percent';
    case 'index':
      return 'index';
    case 'usd_price':
      return 'usd_price';
    default: {
      const never: never = u;
      throw new Error(`unknown unit ${String(never)}`);
    }
  }
}

const EMPTY: Series = { dates: new Int32Array(0), values: new Float64Array(0) };

/** Catalog entries beyond the built-in ones, handed in by whoever can read them (the core: the user's FRED series). */
export interface ExtraCatalog {
  /** More series, resolved after the built-in catalog (a built-in id always wins). */
  readonly series?: readonly SeriesDef[];
  /** Why an id neither catalog has is unknown, when there is more to say (a series the user removed). */
  readonly unknown?: (id: string) => string | undefined;
}

/**
 * `columns(id)` gives a catalog series' observations (undefined when not loaded: the formula then has
 * no dates, rather than an "unknown series" error); `availability(id, series)` gives the publication
 * day of each observation for series taken "as known then" (GDP), where the caller knows them;
 * `extra` adds catalog entries this module cannot read itself (it stays pure: no database here).
 */
export function catalogFormulaEnv(columns: (id: string) => Series | undefined, availability?: (id: string, s: Series) => Availability | undefined, extra?: ExtraCatalog): FormulaEnv {
  const more = new Map((extra?.series ?? []).map((d) => [d.id.toUpperCase(), d] as const));
  const unknown = extra?.unknown;
  return {
    resolve: (id) => {
      const def = findSeries(id) ?? more.get(id.toUpperCase());
      if (def === undefined) return undefined;
      const series = columns(def.id) ?? EMPTY;
      const av = availability?.(def.id, series);
      return { series, unit: formulaUnitOf(def.conversion.canonical), frequency: def.frequency, ...(av === undefined ? {} : { availability: av }), ...(def.everyDay === true ? { everyDay: true } : {}) };
    },
    ...(unknown === undefined ? {} : { unknown }),
  };
}
