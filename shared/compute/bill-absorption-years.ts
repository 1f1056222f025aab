/**
 * Private bill absorption per calendar year for a projection (domain.md §4.4 "per calendar year",
 * issue 14 §5): private_Y = net bill issuance_Y − Fed bill purchases_Y, where both are whole calendar
 * years. The anchor's year is never a part-year against a full year: its Fed purchases are the months
 * already in the data (actual) plus the projected months.
 *
 * - Fed purchases, actual months: the NY Fed's bill purchase operations settled in the month (RMPs and
 *   MBS reinvestment together, bills-absorption.ts). Bills held outright (WSHOBL, the H.4.1 bills
 *   holdings) is not in the store after 2023-03, so its change cannot be used offline. Months before QT
 *   ended (2025-12-01) count 0: the engine's Fed bill purchases (§4.4) are post-QT purchases only, and
 *   during QT maturing bills were rolled over at auction, not bought.
 * - Net issuance: the scenario's assumption for the year (a full-year figure, e.g. the Goldman
 *   baseline's $870bn for 2026) or, without one, the default from history: the net issuance of the
 *   latest 12 months in the data (Δ MSPD bills outstanding) up to the anchor month. Twelve whole months
 *   carry no seasonal bias (April's tax-season paydown is in every window once), and for the anchor's
 *   year it is exactly "the months issued so far this year, then the rest of the year as in the same
 *   months a year earlier". A calendar year of history would be up to 11 months older; a multi-year
 *   average would mix in 2020's +$2.5tn and 2021's −$1.2tn.
 * - No look-ahead: from a past anchor only months up to the anchor month are read.
 */
import type { IsoDate } from '../time/iso-date.js';
import { QT_END } from './rmp-tracker.js';

/** One month of bills history as the projection context ships it, $bn. */
export interface BillsHistoryMonth {
  readonly month: string;
  /** Δ MSPD bills outstanding over the month; null without both month-ends. */
  readonly netIssuanceBn: number | null;
  /** Fed bill purchase operations settled in the month; null before 2025-12 (unknown offline) or when the data ends inside the month. */
  readonly fedBn: number | null;
}

export interface BillsHistory {
  readonly months: readonly BillsHistoryMonth[];
}

/** The default net issuance for a year without an assumption, and the 12 months it sums. */
export interface IssuanceDefault {
  readonly annualBn: number;
  /** The 12 months by calendar month (index 0 = January), for a year the horizon cuts short. */
  readonly byCalendarMonthBn: readonly number[];
  readonly fromMonth: string;
  readonly throughMonth: string;
}

export interface BillYear {
  readonly year: number;
  /** Fed bill purchases in the calendar year, $bn: actual months plus projected months (projected months only when the actual ones are unknown; privateBn is then null). */
  readonly fedBn: number;
  /** Net issuance − Fed purchases for the whole year; null when either is unknown (`why` says which). */
  readonly privateBn: number | null;
  readonly projectedMonths: number;
  readonly fedProjectedBn: number;
  /** Months of the year up to the anchor month (0 for the years after the anchor's). */
  readonly actualMonths: number;
  readonly fedActualBn: number | null;
  /** Net issuance over the months the row covers (`issuanceMonths`), $bn. */
  readonly netIssuanceBn: number | null;
  readonly issuance: 'assumption' | 'default' | 'none';
  /**
   * 12, or fewer for the year the horizon ends in (it starts in January): that year is compared over
   * the same months, the default's own months or the assumption pro rata, never a part-year of Fed
   * purchases against a full year of issuance.
   */
  readonly issuanceMonths: number;
  /** Anchor year: net issuance already in the data this year (months up to the anchor month), else null. */
  readonly issuedSoFarBn: number | null;
  readonly issuedSoFarMonths: number;
  readonly why: string | null;
}

/** What the engine accumulates per calendar year. */
export interface ProjectedBillYear {
  readonly year: number;
  readonly fedBn: number;
  readonly months: number;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const QT_END_MONTH = QT_END.slice(0, 7);
const monthKey = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;

/** Months indexed by key, built once per history object (the lab reprojects on every slider tick). */
const INDEX = new WeakMap<BillsHistory, Map<string, BillsHistoryMonth>>();
function indexOf(h: BillsHistory): Map<string, BillsHistoryMonth> {
  let ix = INDEX.get(h);
  if (ix === undefined) {
    ix = new Map(h.months.map((m) => [m.month, m]));
    INDEX.set(h, ix);
  }
  return ix;
}

/** The latest month on or before the anchor month with a net-issuance figure, and the 12 months to it (all needed). */
export function issuanceDefaultAt(h: BillsHistory, anchorDate: IsoDate): IssuanceDefault | null {
  const ix = indexOf(h);
  const anchorMonth = anchorDate.slice(0, 7);
  const last = h.months.filter((m) => m.month <= anchorMonth && m.netIssuanceBn !== null).at(-1);
  if (last === undefined) return null;
  let y = Number(last.month.slice(0, 4));
  let mo = Number(last.month.slice(5, 7));
  let sum = 0;
  let from = last.month;
  const byMonth = new Array<number>(12).fill(0);
  for (let k = 0; k < 12; k++) {
    const v = ix.get(monthKey(y, mo))?.netIssuanceBn;
    if (v === undefined || v === null) return null;
    sum += v;
    byMonth[mo - 1] = v;
    from = monthKey(y, mo);
    mo -= 1;
    if (mo === 0) {
      mo = 12;
      y -= 1;
    }
  }
  return { annualBn: r3(sum), byCalendarMonthBn: byMonth, fromMonth: from, throughMonth: last.month };
}

/**
 * The complete per-year table. Without a history (a caller that has no store) the anchor's year gets
 * no private figure when months of it precede the anchor: its actual Fed purchases are unknown.
 */
export function billAbsorptionByYear(projected: readonly ProjectedBillYear[], anchorDate: IsoDate, assumptions: Readonly<Record<string, number>>, history: BillsHistory | null): BillYear[] {
  const def = history === null ? null : issuanceDefaultAt(history, anchorDate);
  const ix = history === null ? null : indexOf(history);
  const ay = Number(anchorDate.slice(0, 4));
  const am = Number(anchorDate.slice(5, 7));
  return projected.map((p) => {
    const actualMonths = p.year === ay ? am : 0;
    let fedActual: number | null = 0;
    let missing: string[] = [];
    let soFar: number | null = null;
    let soFarMonths = 0;
    if (actualMonths > 0) {
      if (ix === null) {
        fedActual = null;
        missing = [`${monthKey(ay, 1)}…${monthKey(ay, am)}`];
      } else {
        let s = 0;
        let issued = 0;
        for (let mo = 1; mo <= am; mo++) {
          const k = monthKey(ay, mo);
          const row = ix.get(k);
          if (row?.netIssuanceBn !== undefined && row.netIssuanceBn !== null) {
            issued += row.netIssuanceBn;
            soFarMonths++;
          }
          if (k < QT_END_MONTH) continue;
          if (row?.fedBn === undefined || row.fedBn === null) missing.push(k);
          else s += row.fedBn;
        }
        fedActual = missing.length > 0 ? null : r3(s);
        soFar = soFarMonths > 0 ? r3(issued) : null;
      }
    }
    const assumed = assumptions[String(p.year)];
    const covered = Math.min(12, actualMonths + p.months);
    let net: number | null;
    if (covered === 12) net = assumed ?? def?.annualBn ?? null;
    else if (assumed !== undefined) net = (assumed * covered) / 12;
    else net = def === null ? null : r3(def.byCalendarMonthBn.slice(0, covered).reduce((a, b) => a + b, 0));
    const fed = fedActual === null ? p.fedBn : fedActual + p.fedBn;
    const why =
      fedActual === null
        ? `Fed bill purchases for ${missing.join(', ')} are not in the data`
        : net === null
          ? 'no net issuance assumption and no 12 months of MSPD history to default from'
          : null;
    return {
      year: p.year,
      fedBn: fed,
      privateBn: why === null && net !== null ? net - fed : null,
      projectedMonths: p.months,
      fedProjectedBn: p.fedBn,
      actualMonths,
      fedActualBn: fedActual,
      netIssuanceBn: net,
      issuance: assumed !== undefined ? 'assumption' : net !== null ? 'default' : 'none',
      issuanceMonths: covered,
      issuedSoFarBn: soFar,
      issuedSoFarMonths: soFarMonths,
      why,
    };
  });
}

/** The default in words, for the lab, Compare and the CLI (one sentence, the same everywhere). */
export function issuanceDefaultNote(h: BillsHistory | null, anchorDate: IsoDate): string {
  const d = h === null ? null : issuanceDefaultAt(h, anchorDate);
  if (d === null) return 'no default net bill issuance: the store has no 12 months of MSPD bills outstanding up to the anchor';
  return `net bill issuance without an assumption = the latest 12 months in the data (Δ MSPD bills outstanding ${d.fromMonth} … ${d.throughMonth}): $${d.annualBn.toFixed(1)}bn a year`;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const span = (a: number, b: number): string => (a === b ? (MONTH_ABBR[a - 1] ?? '') : `${MONTH_ABBR[a - 1] ?? ''}–${MONTH_ABBR[b - 1] ?? ''}`);

/** Which months of the year are data and which are projected, in words ("Jan–Jul actual + Aug–Dec projected"). */
export function billYearSpan(b: BillYear): string {
  // Projected months follow the actual ones; the year the horizon ends in starts in January.
  const first = b.actualMonths + 1;
  const last = b.actualMonths + b.projectedMonths;
  const proj = b.projectedMonths === 12 ? '12 months projected' : `${span(first, last)} projected${last < 12 ? ' (horizon end)' : ''}`;
  return b.actualMonths > 0 ? `${span(1, b.actualMonths)} actual + ${proj}` : proj;
}

/** Where the year's net issuance comes from, in words. */
export function billYearIssuanceSource(b: BillYear): string {
  const part = b.issuanceMonths < 12;
  if (b.issuance === 'assumption') return part ? `scenario assumption × ${b.issuanceMonths}/12` : 'scenario assumption';
  if (b.issuance === 'default') return part ? `default: ${span(1, b.issuanceMonths)} of the latest 12 months` : 'default: latest 12 months';
  return 'none';
}
