/**
 * What moved reserves each week: the change in Wednesday-level reserve balances (WRBWFRBL) split by
 * the balance-sheet identity of domain.md §1.2,
 *
 *   ΔR = ΔSOMA (Treasury coupons + bills + MBS + agency debt) + Δrepo (SRF, FIMA)
 *        − ΔTGA − ΔON RRP − Δcurrency + Δother,
 *
 * each term given as its contribution to ΔR (a TGA build is negative). Δother is the residual that
 * makes the sum exact: loans, swaps, float, premiums, foreign RRP, other deposits and capital, and any
 * term whose series is missing that week (said per week in `unknown`). Sums are taken in integer
 * millions ($bn × 1000, as H.4.1 publishes), so the components add up to ΔR exactly.
 *
 * Basis: Wednesday levels for reserves, SOMA, repo (WORAL, else the NY Fed daily repo take-up on the
 * Wednesday), TGA and ON RRP (WLRRAOL, else the NY Fed daily ON RRP take-up on the Wednesday).
 * Currency is the only week average (WCURCIR): no Wednesday-level currency series is stored, so the
 * difference between its week average and its Wednesday level lands in Δother.
 */
import { epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';
import { indexAtOrBefore, type Series } from './series.js';

export type AttributionKey = 'treasuries' | 'bills' | 'mbs' | 'agency' | 'repo' | 'tga' | 'onrrp' | 'currency' | 'other';

/** Sign of each term in ΔR: assets add, absorbing liabilities drain. */
interface TermDef {
  readonly key: AttributionKey;
  readonly label: string;
  readonly sign: 1 | -1;
  /** Series tried in order; the first with a value on both Wednesdays is used. */
  readonly sources: readonly string[];
}

export const ATTRIBUTION_TERMS: readonly TermDef[] = [
  { key: 'treasuries', label: 'SOMA Treasuries (ex bills where bills are known)', sign: 1, sources: ['TREAST'] },
  { key: 'bills', label: 'SOMA Treasury bills', sign: 1, sources: ['WSHOBL'] },
  { key: 'mbs', label: 'SOMA MBS', sign: 1, sources: ['WSHOMCB'] },
  { key: 'agency', label: 'SOMA agency debt', sign: 1, sources: ['WSHOFADSL'] },
  { key: 'repo', label: 'SRF and other repo', sign: 1, sources: ['WORAL', 'RPONTTLD', 'RPONTSYD'] },
  { key: 'tga', label: 'TGA', sign: -1, sources: ['WDTGAL'] },
  { key: 'onrrp', label: 'ON RRP', sign: -1, sources: ['WLRRAOL', 'RRPONTSYD'] },
  { key: 'currency', label: 'Currency in circulation', sign: -1, sources: ['WCURCIR'] },
];

export const ATTRIBUTION_KEYS: readonly AttributionKey[] = [...ATTRIBUTION_TERMS.map((t) => t.key), 'other'];
export const ATTRIBUTION_LABELS: Readonly<Record<AttributionKey, string>> = {
  ...(Object.fromEntries(ATTRIBUTION_TERMS.map((t) => [t.key, t.label])) as Record<Exclude<AttributionKey, 'other'>, string>),
  other: 'Other (residual: loans, swaps, float, foreign RRP, other deposits, capital, and terms not known that week)',
};

export const RESERVES_SERIES = 'WRBWFRBL';

export const ATTRIBUTION_BASIS =
  'Wednesday levels (reserves WRBWFRBL, SOMA TREAST/WSHOBL/WSHOMCB/WSHOFADSL, TGA WDTGAL, repo WORAL or NY Fed take-up on the Wednesday, ON RRP WLRRAOL or NY Fed take-up on the Wednesday); currency is a week average (WCURCIR), its gap to the Wednesday level falls in Other; Other is the residual, so the components sum exactly to ΔR';

export interface AttributionTerm {
  readonly key: AttributionKey;
  /** Contribution to ΔR, $bn (sign applied: a TGA build is negative). 0 when not known that week. */
  readonly bn: number;
  /** The series used and its two Wednesday values ($bn); null for Other and for unknown terms. */
  readonly seriesId: string | null;
  readonly fromValue: number | null;
  readonly toValue: number | null;
}

export interface AttributionWeek {
  readonly week: IsoDate;
  readonly prev: IsoDate;
  readonly reservesFrom: number;
  readonly reservesTo: number;
  /** ΔR, $bn. */
  readonly change: number;
  /** In ATTRIBUTION_KEYS order; their `bn` sum to `change` exactly (in $mn). */
  readonly terms: readonly AttributionTerm[];
  /** Terms with no series value on both Wednesdays: their change is inside Other. */
  readonly unknown: readonly AttributionKey[];
}

const mn = (bn: number): number => Math.round(bn * 1000);

/** Value on exactly `day` (Wednesday level or that day's operation), or NaN. */
function on(s: Series | undefined, day: number): number {
  if (s === undefined) return Number.NaN;
  const i = indexAtOrBefore(s, day);
  return i >= 0 && s.dates[i] === day ? (s.values[i] ?? Number.NaN) : Number.NaN;
}

/**
 * Every week ending on a Wednesday with reserve balances on it and on the Wednesday before, within
 * [from, to] (the week's own date). `get` returns the store column of a series (undefined when absent).
 */
export function attributeReserves(get: (id: string) => Series | undefined, opts: { readonly from?: IsoDate; readonly to?: IsoDate } = {}): AttributionWeek[] {
  const res = get(RESERVES_SERIES);
  if (res === undefined) return [];
  const cols = new Map<string, Series | undefined>();
  const col = (id: string): Series | undefined => {
    if (!cols.has(id)) cols.set(id, get(id));
    return cols.get(id);
  };
  const lo = opts.from === undefined ? Number.NEGATIVE_INFINITY : epochDay(opts.from);
  const hi = opts.to === undefined ? Number.POSITIVE_INFINITY : epochDay(opts.to);
  const out: AttributionWeek[] = [];
  for (let i = 1; i < res.dates.length; i++) {
    const d1 = res.dates[i] ?? 0;
    const d0 = res.dates[i - 1] ?? 0;
    if (d1 < lo || d1 > hi || d1 - d0 !== 7) continue;
    const r0 = res.values[i - 1] ?? Number.NaN;
    const r1 = res.values[i] ?? Number.NaN;
    if (!Number.isFinite(r0) || !Number.isFinite(r1)) continue;
    const dR = mn(r1) - mn(r0);
    const terms: AttributionTerm[] = [];
    const unknown: AttributionKey[] = [];
    let explained = 0;
    let billsMn: number | null = null;
    for (const t of ATTRIBUTION_TERMS) {
      let used: { id: string; a: number; b: number } | null = null;
      for (const id of t.sources) {
        const s = col(id);
        const a = on(s, d0);
        const b = on(s, d1);
        if (Number.isFinite(a) && Number.isFinite(b)) {
          used = { id, a, b };
          break;
        }
      }
      if (used === null) {
        unknown.push(t.key);
        terms.push({ key: t.key, bn: 0, seriesId: null, fromValue: null, toValue: null });
        continue;
      }
      const c = t.sign * (mn(used.b) - mn(used.a));
      if (t.key === 'bills') billsMn = c;
      terms.push({ key: t.key, bn: c / 1000, seriesId: used.id, fromValue: used.a, toValue: used.b });
      explained += c;
    }
    // Bills are part of TREAST: where they are known, the Treasuries term is coupons only.
    if (billsMn !== null) {
      const ti = terms.findIndex((t) => t.key === 'treasuries');
      const tr = terms[ti];
      if (tr !== undefined && tr.seriesId !== null) {
        terms[ti] = { ...tr, bn: (mn(tr.bn) - billsMn) / 1000 };
        explained -= billsMn;
      }
    }
    const otherMn = dR - explained;
    terms.push({ key: 'other', bn: otherMn / 1000, seriesId: null, fromValue: null, toValue: null });
    out.push({ week: fromEpochDay(d1), prev: fromEpochDay(d0), reservesFrom: r0, reservesTo: r1, change: dR / 1000, terms, unknown });
  }
  return out;
}

/** The term of a week by key. */
export function termOf(w: AttributionWeek, key: AttributionKey): AttributionTerm | undefined {
  return w.terms.find((t) => t.key === key);
}
