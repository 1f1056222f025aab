/**
 * The Monitor's composite series, computed by the formula language's own alignment (shared/compute),
 * so each equals the Workspace formula of the same name on every date: one implementation.
 *  - Net liquidity (NL_daily): `WALCL - TGA_DTS - RRPONTSYD`, evaluated here on the loaded series.
 *  - Reserves / GDP, "as known then": `WRESBAL / GDP` evaluated by the core, which knows BEA's
 *    first-release dates (the renderer does not), loaded beside the series.
 */
import { alignOperands } from '../../../shared/compute/align.js';
import { catalogFormulaEnv } from '../../../shared/compute/formula/catalog-env.js';
import { evaluateFormula, operandOf, type FormulaEnv, type ResolvedSeries } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula } from '../../../shared/compute/formula/parse.js';
import { GDP_CONVENTIONS } from '../../../shared/compute/indicators.js';
import type { Series } from '../../../shared/compute/series.js';
import type { SeriesDataDto } from '../../../shared/ipc/contract.js';
import { api } from '../../api/client.js';
import { loadSeries, type SeriesMap } from '../../app/series-data.js';

export const NL_DAILY_FORMULA = 'WALCL - TGA_DTS - RRPONTSYD';
/** The key of the real-time reserves/GDP ratio in the Monitor's series map. */
export const RESERVES_GDP_FORMULA = 'WRESBAL / GDP';
export const GDP_AS_KNOWN_LABEL = GDP_CONVENTIONS.asKnown;

const toSeries = (d: SeriesDataDto): Series => ({ dates: Int32Array.from(d.dates), values: Float64Array.from(d.values) });

/** A formula environment over the loaded series map (no release calendar: GDP comes from the core). */
export function seriesMapEnv(m: SeriesMap): FormulaEnv {
  const cache = new Map<string, Series>();
  return catalogFormulaEnv((id) => {
    let s = cache.get(id);
    const dto = m.get(id);
    if (s === undefined && dto !== undefined) cache.set(id, (s = toSeries(dto)));
    return s;
  });
}

export interface NetLiquidityDaily {
  readonly x: number[];
  readonly nl: number[];
  /** The components as the formula took them on each date (WALCL as of the day, TGA, ON RRP). */
  readonly walcl: number[];
  readonly tga: number[];
  readonly rrp: number[];
}

/** NL_daily on the dates the Workspace formula `WALCL - TGA_DTS - RRPONTSYD` has, with its components. */
export function netLiquidityDaily(m: SeriesMap): NetLiquidityDaily {
  const env = seriesMapEnv(m);
  const nl = evaluateFormula(parseFormula(NL_DAILY_FORMULA), env).series;
  const resolved = ['WALCL', 'TGA_DTS', 'RRPONTSYD'].map((id) => env.resolve(id)).filter((r): r is ResolvedSeries => r !== undefined);
  const { grid, columns } = alignOperands(resolved.map(operandOf));
  const pos = new Map<number, number>();
  grid.forEach((d, i) => pos.set(d, i));
  const out: NetLiquidityDaily = { x: [], nl: [], walcl: [], tga: [], rrp: [] };
  if (nl === null) return out;
  for (let i = 0; i < nl.dates.length; i++) {
    const d = nl.dates[i] ?? 0;
    const p = pos.get(d) ?? -1;
    out.x.push(d);
    out.nl.push(nl.values[i] ?? Number.NaN);
    out.walcl.push(columns[0]?.[p] ?? Number.NaN);
    out.tga.push(columns[1]?.[p] ?? Number.NaN);
    out.rrp.push(columns[2]?.[p] ?? Number.NaN);
  }
  return out;
}

/**
 * The Monitor's series plus the real-time reserves/GDP ratio under the key RESERVES_GDP_FORMULA
 * (absent when the core cannot evaluate it, e.g. no GDP in the store).
 */
export async function loadMonitorSeries(ids: readonly string[], from: string): Promise<SeriesMap> {
  const [m, ratio] = await Promise.all([loadSeries(ids, from), api('formula:eval', { source: RESERVES_GDP_FORMULA }).catch(() => null)]);
  if (ratio === null) return m;
  const fromDay = Date.parse(`${from}T00:00:00Z`) / 86_400_000;
  const keep = ratio.dates.map((d, i) => [d, ratio.values[i] ?? Number.NaN] as const).filter(([d]) => d >= fromDay);
  const dto: SeriesDataDto = {
    id: RESERVES_GDP_FORMULA,
    title: `Reserves / GDP (${GDP_AS_KNOWN_LABEL})`,
    unit: ratio.unit,
    conversion: `formula ${ratio.formula}; GDP ${GDP_AS_KNOWN_LABEL}`,
    basis: 'week_avg',
    frequency: 'W',
    dates: keep.map(([d]) => d),
    values: keep.map(([, v]) => v),
  };
  return new Map([...m, [RESERVES_GDP_FORMULA, dto]]);
}

/** 10% of GDP as known then, on the reserves' dates: 0.1 · WRESBAL / (WRESBAL / GDP). */
export function tenPctGdpAsKnown(m: SeriesMap, x: readonly number[], reserves: readonly (number | null)[]): (number | null)[] {
  const r = m.get(RESERVES_GDP_FORMULA);
  if (r === undefined) return x.map(() => null);
  const ratioOn = new Map<number, number>();
  r.dates.forEach((d, i) => ratioOn.set(d, r.values[i] ?? Number.NaN));
  return x.map((d, i) => {
    const w = reserves[i] ?? null;
    const q = ratioOn.get(d);
    return w === null || q === undefined || !Number.isFinite(q) || q === 0 ? null : (0.1 * w) / q;
  });
}
