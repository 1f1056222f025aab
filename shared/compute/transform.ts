/**
 * FRED units transformations, with FRED's definitions
 * (https://fred.stlouisfed.org/docs/api/fred/series_observations.html#units):
 *   lin x_t · chg x_t − x_{t−1} · ch1 x_t − x_{t−n} · pch 100((x_t/x_{t−1}) − 1) · pc1 100((x_t/x_{t−n}) − 1)
 *   pca 100((x_t/x_{t−1})^n − 1) · cch 100(ln x_t − ln x_{t−1}) · cca 100·n(ln x_t − ln x_{t−1}) · log ln x_t
 * n = observations per year: 260 daily, 52 weekly, 12 monthly, 4 quarterly. For year-ago changes of
 * daily series the comparison is the as-of value one calendar year earlier (business-day counts drift).
 */
import type { Series } from './series.js';
import { indexAtOrBefore } from './series.js';

export type FredUnits = 'lin' | 'chg' | 'ch1' | 'pch' | 'pc1' | 'pca' | 'cch' | 'cca' | 'log';
export const FRED_UNITS: readonly FredUnits[] = ['lin', 'chg', 'ch1', 'pch', 'pc1', 'pca', 'cch', 'cca', 'log'];
export type SeriesFrequency = 'D' | 'W' | 'M' | 'Q';

export const OBS_PER_YEAR: Record<SeriesFrequency, number> = { D: 260, W: 52, M: 12, Q: 4 };

function yearAgoIndex(s: Series, i: number, f: SeriesFrequency): number {
  if (f !== 'D') return i - OBS_PER_YEAR[f];
  const t = new Date((s.dates[i] ?? 0) * 86_400_000);
  // The same calendar date one year earlier (29 Feb maps to 1 Mar), then the last observation on or before it.
  const sameDayLastYear = Date.UTC(t.getUTCFullYear() - 1, t.getUTCMonth(), t.getUTCDate()) / 86_400_000;
  return indexAtOrBefore(s, sameDayLastYear);
}

export function fredTransform(s: Series, units: FredUnits, f: SeriesFrequency): Series {
  const n = OBS_PER_YEAR[f];
  const out = new Float64Array(s.values.length);
  for (let i = 0; i < s.values.length; i++) {
    const x = s.values[i] ?? Number.NaN;
    const prev = i > 0 ? (s.values[i - 1] ?? Number.NaN) : Number.NaN;
    const ya = yearAgoIndex(s, i, f);
    const xa = ya >= 0 && ya < i ? (s.values[ya] ?? Number.NaN) : Number.NaN;
    let y: number;
    switch (units) {
      case 'lin':
        y = x;
        break;
      case 'chg':
        y = x - prev;
        break;
      case 'ch1':
        y = x - xa;
        break;
      case 'pch':
        y = 100 * (x / prev - 1);
        break;
      case 'pc1':
        y = 100 * (x / xa - 1);
        break;
      case 'pca':
        y = 100 * ((x / prev) ** n - 1);
        break;
      case 'cch':
        y = 100 * (Math.log(x) - Math.log(prev));
        break;
      case 'cca':
        y = 100 * n * (Math.log(x) - Math.log(prev));
        break;
      case 'log':
        y = Math.log(x);
        break;
      default: {
        const never: never = units;
        throw new Error(String(never));
      }
    }
    out[i] = Number.isFinite(y) ? y : Number.NaN;
  }
  return { dates: s.dates, values: out };
}
