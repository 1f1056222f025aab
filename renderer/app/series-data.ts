/** Loads store series for charts, as maps from id to columnar data. */
import { api } from '../api/client.js';
import type { SeriesDataDto } from '../../shared/ipc/contract.js';
import { indexAtOrBefore } from '../../shared/compute/series.js';
import { STALENESS_DAYS } from '../../shared/compute/align.js';

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

/**
 * How old a value may be and still count "as of" a later day, by its own frequency: the formula rule's
 * table (shared/compute/align.ts). Quarterly GDP is exempt: it stays in force until
 * the next release, which its own real-time rule handles.
 */
const STALE_DAYS: Readonly<Record<string, number>> = { ...STALENESS_DAYS, Q: Number.POSITIVE_INFINITY };

/** The last value on or before a day, within the series' staleness limit (null beyond it). */
export function valueOn(s: SeriesDataDto | undefined, day: number): number | null {
  if (!s) return null;
  const i = indexAtOrBefore(s, day);
  if (i < 0) return null;
  const limit = STALE_DAYS[s.frequency] ?? 4;
  return day - (s.dates[i] ?? Number.NEGATIVE_INFINITY) > limit ? null : (s.values[i] ?? null);
}

/**
 * The latest observation of `primary` on whose date every one of `others` has a value within its
 * staleness limit: a reading never mixes a new rate with a target range from two months before
 * (found: EFFR of 2026-10-08 placed in the range of 2026-08-21, "1.52" of the way up).
 */
export function lastCommon(primary: SeriesDataDto | undefined, others: readonly (SeriesDataDto | undefined)[]): { day: number; value: number } | null {
  if (!primary) return null;
  for (let i = primary.dates.length - 1, steps = 0; i >= 0 && steps < 400; i--, steps++) {
    const day = primary.dates[i] ?? 0;
    if (others.every((o) => valueOn(o, day) !== null)) return { day, value: primary.values[i] ?? Number.NaN };
  }
  return null;
}

/** The unit note a footer carries: only the units its chart shows (no "money in $bn" on a rates chart). */
const UNIT_NOTES: Readonly<Record<string, string>> = {
  usd_bn: 'money in $bn (published millions ÷ 1,000)',
  percent: 'rates in % p.a.',
  bp: 'spreads in bp',
};

/**
 * A chart's provenance footer: its sources, each series' last observation, and a note on the units it
 * shows (`derived` names units computed from the series, e.g. bp spreads of two rates).
 */
export const footerFor = (m: SeriesMap, ids: readonly string[], source: string, derived: readonly string[] = []): string[] => {
  const units = new Set([...ids.map((id) => m.get(id)?.unit ?? ''), ...derived]);
  const notes = [...units].flatMap((u) => (UNIT_NOTES[u] ? [UNIT_NOTES[u]] : []));
  return [
    `Source: ${source}. Series (last observation): ${ids
      .map((id) => {
        const l = lastOf(m.get(id));
        return l ? `${id} ${new Date(l.day * 86_400_000).toISOString().slice(0, 10)}` : `${id} n/a`;
      })
      .join(', ')}`,
    `${notes.length > 0 ? `${notes.join('; ').replace(/^./, (c) => c.toUpperCase())}${notes[notes.length - 1]?.endsWith('.') ? '' : '.'} ` : ''}Made with Reservoir.`,
  ];
};
