/** Resolves formula identifiers to store series with their catalog units. */
import { findSeries } from '../../../shared/catalog.js';
import type { FormulaEnv, FormulaUnit } from '../../../shared/compute/formula/evaluate.js';
import type { Db } from '../db/open-database.js';
import { SeriesCache } from './series-cache.js';

const SPACING: Record<'D' | 'W' | 'Q', number> = { D: 1, W: 7, Q: 91 };

export function storeFormulaEnv(db: Db): FormulaEnv {
  const cache = new SeriesCache(db);
  return {
    resolve: (id) => {
      const def = findSeries(id);
      if (def === undefined) return undefined;
      const unit: FormulaUnit = def.conversion.canonical === 'percent' ? 'percent' : 'usd_bn';
      return { series: cache.get(def.id), unit, spacingDays: SPACING[def.frequency] };
    },
  };
}
