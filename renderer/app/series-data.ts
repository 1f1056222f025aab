/** Loads store series for charts, as maps from id to columnar data. */
import { api } from '../api/client.js';
import type { SeriesDataDto } from '../../shared/ipc/contract.js';
import { indexAtOrBefore } from '../../shared/compute/series.js';

export type SeriesMap = ReadonlyMap<string, SeriesDataDto>;

export async function loadSeries(ids: readonly string[], from?: string): Promise<SeriesMap> {
  const list = await api('series:get', { ids, ...(from ? { from } : {}) });
  return new Map(list.map((s) => [s.id, s]));
}

export function lastOf(s: SeriesDataDto | undefined): { day: number; value: number } | null {
  if (!s || s.dates.length === 0) return null;
  const i = s.dates.length - 1;
  return { day: s.dates[i] ?? 0, value: s.values[i] ?? Number.NaN };
}

/** The last value on or before a day. */
export function valueOn(s: SeriesDataDto | undefined, day: number): number | null {
  if (!s) return null;
  const i = indexAtOrBefore(s, day);
  return i < 0 ? null : (s.values[i] ?? null);
}

export const footerFor = (m: SeriesMap, ids: readonly string[], source: string): string[] => [
  `Source: ${source}. Series (last observation): ${ids
    .map((id) => {
      const s = m.get(id);
      const l = lastOf(s);
      return l ? `${id} ${new Date(l.day * 86_400_000).toISOString().slice(0, 10)}` : `${id} n/a`;
    })
    .join(', ')}`,
  'Money in $bn (H.4.1 millions ÷ 1,000); rates in % p.a.; spreads in bp. Made with Reservoir.',
];
