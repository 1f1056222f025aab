/**
 * Who absorbs the Treasury bills: net bill issuance, the Fed's bill purchases, and the rest (private
 * absorption = net issuance − Fed purchases), by month, by calendar year and by week. All $bn.
 *
 * - Net issuance by month: the change in MSPD bills outstanding from one month-end to the next (the
 *   Treasury's own count); the auction-based figure (issued − maturing, BILLS_NET_ISSUE_M) beside it.
 *   By week: the auction-based BILLS_NET_ISSUE_W (Thu … Wed, dated on the Wednesday).
 * - Fed purchases: the NY Fed's bill purchase operations (is_rmp, by settlement date). Since QT ended on
 *   2025-12-01 these operations carry both the reserve-management purchases and the reinvestment of
 *   all MBS principal into bills (rmp-tracker.ts says how the data show it), so the Fed total is the
 *   operations' total, and the split beside it is an estimate: MBS reinvestment = MBS paydowns
 *   (−Δ WSHOMCB, a Thu … Wed week counted in the month of its Thursday), RMP proper = operations − paydowns.
 *   Adding the paydowns to the operations would count the reinvested bills twice. Before December
 *   2025 the Fed's bill purchases are not known offline (bills held outright, WSHOBL, is missing after
 *   2023-03), so Fed and private are left empty there.
 */
import { addDays, epochDay, fromEpochDay, type IsoDate } from '../time/iso-date.js';
import type { Series } from './series.js';
import { lastThursday, monthEnd, monthOf, paydownMonth, QT_END, weekEndingWed, type RmpOperation } from './rmp-tracker.js';

/** The source articles' 2026 figures (Goldman Sachs via the articles): an assumption, not data. */
export const GOLDMAN_2026 = {
  year: 2026,
  netBillsBn: 870,
  fedBn: 480,
  privateBn: 390,
  source: 'Source articles citing Goldman Sachs: 2026 net bill issuance about $870bn, Fed purchases about $480bn (RMPs plus MBS reinvestment), private absorption about $390bn. A full-year forecast, not data.',
} as const;

export interface BillsMonth {
  readonly month: string;
  /** Δ MSPD bills outstanding, $bn; null without both month-ends. */
  readonly netIssuanceBn: number | null;
  /** Auction-based net issuance for the month, $bn. */
  readonly auctionNetBn: number | null;
  /** Bill purchase operations settled in the month (RMP + MBS reinvestment), $bn = the Fed figure. */
  readonly fedBn: number | null;
  /** Of which, estimated: MBS reinvestment (= paydowns) and RMP proper (= fed − paydowns). */
  readonly mbsReinvestBn: number | null;
  readonly rmpProperBn: number | null;
  readonly privateBn: number | null;
  /** False when an input ends inside the month (the Fed figure is then left empty). */
  readonly fedComplete: boolean;
}

export interface BillsYear {
  readonly year: number;
  /** Months with a net-issuance figure and the last of them. */
  readonly months: number;
  readonly throughMonth: string | null;
  readonly netIssuanceBn: number;
  /** Months that also have a complete Fed figure, and the sums over those months only. */
  readonly fedMonths: number;
  readonly netIssuanceFedMonthsBn: number;
  readonly fedBn: number;
  readonly privateBn: number;
  readonly partial: boolean;
}

export interface BillsWeek {
  readonly weekEnding: IsoDate;
  readonly netIssuanceBn: number;
  /** Bill purchase operations settled in the week (RMP + reinvestment) = the Fed figure. */
  readonly fedBn: number | null;
  readonly mbsReinvestBn: number | null;
  readonly privateBn: number | null;
}

export interface BillsReport {
  readonly months: readonly BillsMonth[];
  readonly years: readonly BillsYear[];
  readonly weeks: readonly BillsWeek[];
  readonly lastNetIssuanceMonth: string | null;
  readonly lastFedMonth: string | null;
  readonly goldman2026: typeof GOLDMAN_2026;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function byDay(s: Series): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < s.dates.length; i++) m.set(s.dates[i] ?? 0, s.values[i] ?? Number.NaN);
  return m;
}

/** Weekly −Δ WSHOMCB for Wednesdays after QT end with the Wednesday before present, keyed by Wednesday (epoch day). */
function mbsPaydowns(wshomcb: Series): Map<number, number> {
  const lv = byDay(wshomcb);
  const out = new Map<number, number>();
  const qt = epochDay(QT_END);
  for (const [d, v] of lv) {
    if (d <= qt) continue;
    const prev = lv.get(d - 7);
    if (prev !== undefined) out.set(d, prev - v);
  }
  return out;
}

export function billsAbsorption(inputs: {
  readonly mspdBills: Series;
  readonly auctionMonthly: Series;
  readonly auctionWeekly: Series;
  readonly operations: readonly RmpOperation[];
  readonly wshomcb: Series;
  /** The date the RMP operation data is complete to (its last settlement). */
  readonly rmpThrough: IsoDate | null;
}): BillsReport {
  const { mspdBills, auctionMonthly, auctionWeekly, operations, wshomcb, rmpThrough } = inputs;
  const mspdByMonth = new Map<string, number>();
  for (let i = 0; i < mspdBills.dates.length; i++) mspdByMonth.set(monthOf(fromEpochDay(mspdBills.dates[i] ?? 0)), mspdBills.values[i] ?? Number.NaN);
  const auctionByMonth = new Map<string, number>();
  for (let i = 0; i < auctionMonthly.dates.length; i++) auctionByMonth.set(monthOf(fromEpochDay(auctionMonthly.dates[i] ?? 0)), auctionMonthly.values[i] ?? Number.NaN);
  const rmpByMonth = new Map<string, number>();
  const rmpByWeek = new Map<number, number>();
  for (const o of operations) {
    rmpByMonth.set(monthOf(o.settlementDate), (rmpByMonth.get(monthOf(o.settlementDate)) ?? 0) + o.acceptedBn);
    const w = epochDay(weekEndingWed(o.settlementDate));
    rmpByWeek.set(w, (rmpByWeek.get(w) ?? 0) + o.acceptedBn);
  }
  const paydowns = mbsPaydowns(wshomcb);
  const mbsByMonth = new Map<string, number>();
  for (const [d, v] of paydowns) mbsByMonth.set(paydownMonth(fromEpochDay(d)), (mbsByMonth.get(paydownMonth(fromEpochDay(d))) ?? 0) + v);
  const lastMbs = wshomcb.dates.length > 0 ? fromEpochDay(wshomcb.dates[wshomcb.dates.length - 1] ?? 0) : null;
  const fedStart = monthOf(QT_END);

  const monthKeys = [...new Set([...mspdByMonth.keys(), ...auctionByMonth.keys()])].sort();
  const months: BillsMonth[] = [];
  for (const m of monthKeys) {
    const level = mspdByMonth.get(m);
    const prevMonth = monthOf(addDays(`${m}-01` as IsoDate, -1));
    const prev = mspdByMonth.get(prevMonth);
    const net = level !== undefined && prev !== undefined ? r3(level - prev) : null;
    const auction = auctionByMonth.get(m);
    let ops: number | null = null;
    let mbs: number | null = null;
    let fedComplete = false;
    if (m >= fedStart) {
      ops = r3(rmpByMonth.get(m) ?? 0);
      mbs = r3(mbsByMonth.get(m) ?? 0);
      // The last Wednesday of the month must be in WSHOMCB and the operations must run to the month's end.
      const end = monthEnd(m);
      // The paydown week starting on the month's last Thursday must be in WSHOMCB.
      fedComplete = rmpThrough !== null && rmpThrough >= end && lastMbs !== null && lastMbs >= addDays(lastThursday(m), 6);
    }
    const fed = ops !== null && fedComplete ? ops : null;
    const mbsIn = fed !== null ? mbs : null;
    months.push({
      month: m,
      netIssuanceBn: net,
      auctionNetBn: auction === undefined ? null : r3(auction),
      fedBn: fed,
      mbsReinvestBn: mbsIn,
      rmpProperBn: fed !== null && mbsIn !== null ? r3(fed - mbsIn) : null,
      privateBn: fed !== null && net !== null ? r3(net - fed) : null,
      fedComplete,
    });
  }

  const years: BillsYear[] = [];
  for (const y of [...new Set(months.map((m) => Number(m.month.slice(0, 4))))].sort()) {
    const ms = months.filter((m) => Number(m.month.slice(0, 4)) === y && m.netIssuanceBn !== null);
    if (ms.length === 0) continue;
    const withFed = ms.filter((m) => m.fedBn !== null && m.privateBn !== null);
    years.push({
      year: y,
      months: ms.length,
      throughMonth: ms.at(-1)?.month ?? null,
      netIssuanceBn: r3(ms.reduce((s, m) => s + (m.netIssuanceBn ?? 0), 0)),
      fedMonths: withFed.length,
      netIssuanceFedMonthsBn: r3(withFed.reduce((s, m) => s + (m.netIssuanceBn ?? 0), 0)),
      fedBn: r3(withFed.reduce((s, m) => s + (m.fedBn ?? 0), 0)),
      privateBn: r3(withFed.reduce((s, m) => s + (m.privateBn ?? 0), 0)),
      partial: ms.length < 12,
    });
  }

  const weeks: BillsWeek[] = [];
  const qt = epochDay(QT_END);
  for (let i = 0; i < auctionWeekly.dates.length; i++) {
    const d = auctionWeekly.dates[i] ?? 0;
    if (d <= qt) continue;
    const net = auctionWeekly.values[i] ?? Number.NaN;
    const mbs = paydowns.get(d);
    const haveRmp = rmpThrough !== null && epochDay(rmpThrough) >= d;
    const fed = haveRmp ? (rmpByWeek.get(d) ?? 0) : null;
    weeks.push({ weekEnding: fromEpochDay(d), netIssuanceBn: r3(net), fedBn: fed === null ? null : r3(fed), mbsReinvestBn: mbs === undefined ? null : r3(mbs), privateBn: fed === null ? null : r3(net - fed) });
  }

  return {
    months,
    years,
    weeks,
    lastNetIssuanceMonth: months.filter((m) => m.netIssuanceBn !== null).at(-1)?.month ?? null,
    lastFedMonth: months.filter((m) => m.fedBn !== null).at(-1)?.month ?? null,
    goldman2026: GOLDMAN_2026,
  };
}
