/**
 * Reserve-management purchases (RMPs) of Treasury bills, from the NY Fed's outright Treasury operation
 * results (shared/data/derived/heliar-k__market-base/tsy_operations.csv, `is_rmp=True`; amounts in
 * **billions** of USD, columns submitted_b and accepted_b). The snapshot stores them as three series
 * in $bn: accepted by trade date (RMP_BILLS_ACCEPTED), submitted by trade date (RMP_BILLS_SUBMITTED)
 * and accepted by settlement date (RMP_BILLS_SETTLED: the day reserves rise). `rmpOperations` zips
 * them back into one row per operation.
 *
 * Everything here is pure: the totals by week (Thu … Wed, dated on the Wednesday, by settlement, so a
 * week lines up with the H.4.1 balance sheet) and by calendar month (by trade date), the cumulative
 * total since the first operation (2025-12-12), the announced pace (a preset's or scenario's
 * `rmpSchedule`), and the MBS paydowns (−Δ WSHOMCB) beside the Fed's implied bill reinvestment.
 *
 * What the operations are: since QT ended (2025-12-01) the FOMC reinvests all MBS principal into bills,
 * and the NY Fed buys those bills in the same operations as the RMPs; the file does not split them.
 * The data say so: Treasuries held (Δ TREAST) rose by the operations' settled amounts and about $1bn a
 * month more (TIPS inflation compensation), not by the operations plus the MBS paydowns; and the
 * operations of 2025-12-12 … 2026-01-14 total $54.4bn = the announced $40bn RMP + $14.6bn of MBS
 * paydowns. So the RMP proper is estimated as purchases − MBS paydowns, and compared with the pace.
 */
import { parseCsv } from '../parse/csv.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { addDays, epochDay, fromEpochDay, isIsoDate, weekday, type IsoDate } from '../time/iso-date.js';
import type { Series } from './series.js';
import type { RmpStep } from './projection.js';

/** The first reserve-management purchase (FOMC, 2025-12-10 statement; NY Fed operation OR 121225 1). */
export const RMP_START = '2025-12-12' as IsoDate;
/** QT ended and MBS principal has been reinvested into bills since this date (FOMC 2025-10-29). */
export const QT_END = '2025-12-01' as IsoDate;

export interface RmpOperation {
  readonly date: IsoDate;
  readonly settlementDate: IsoDate;
  /** $bn */
  readonly submittedBn: number;
  /** $bn */
  readonly acceptedBn: number;
}

/** The RMP rows of a `tsy_operations.csv` export (any order in the file), ascending by trade date. */
export function parseRmpOperations(text: string): Result<readonly RmpOperation[]> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined) return err('empty operations file');
  const col = (name: string): number => header.findIndex((h) => h.trim() === name);
  const iDate = col('date');
  const iSettle = col('settlement_date');
  const iRmp = col('is_rmp');
  const iSub = col('submitted_b');
  const iAcc = col('accepted_b');
  if (iDate < 0 || iSettle < 0 || iRmp < 0 || iSub < 0 || iAcc < 0) return err('operations file lacks date, settlement_date, is_rmp, submitted_b or accepted_b');
  const out: RmpOperation[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if ((r[iRmp] ?? '').trim() !== 'True') continue;
    const date = (r[iDate] ?? '').trim();
    const settlementDate = (r[iSettle] ?? '').trim();
    const submittedBn = Number((r[iSub] ?? '').trim());
    const acceptedBn = Number((r[iAcc] ?? '').trim());
    if (!isIsoDate(date) || !isIsoDate(settlementDate) || settlementDate < date) return err(`line ${i + 2}: bad trade or settlement date`);
    if (!Number.isFinite(submittedBn) || !Number.isFinite(acceptedBn) || acceptedBn < 0 || acceptedBn > submittedBn) return err(`line ${i + 2}: amounts are not billions accepted ≤ submitted`);
    // Billions: one bill purchase above $100bn would be a millions file read as billions.
    if (acceptedBn > 100) return err(`line ${i + 2}: ${acceptedBn} accepted is not a $bn amount`);
    out.push({ date, settlementDate, submittedBn, acceptedBn });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return ok(out);
}

/** Daily sums for the snapshot: by trade date or by settlement date, $bn. */
export function rmpDaily(ops: readonly RmpOperation[], field: 'accepted' | 'submitted', by: 'trade' | 'settlement'): { date: IsoDate; value: number }[] {
  const m = new Map<IsoDate, number>();
  for (const o of ops) {
    const d = by === 'trade' ? o.date : o.settlementDate;
    m.set(d, (m.get(d) ?? 0) + (field === 'accepted' ? o.acceptedBn : o.submittedBn));
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value: Math.round(value * 1e6) / 1e6 }));
}

/**
 * One row per operation from the three stored series. Trade and settlement dates pair in order (an
 * operation settles before the next one trades); a mismatch in count or amount is an error.
 */
export function rmpOperations(accepted: Series, submitted: Series, settled: Series): Result<readonly RmpOperation[]> {
  const n = accepted.dates.length;
  if (submitted.dates.length !== n || settled.dates.length !== n) return err(`RMP series disagree: ${n} trade dates accepted, ${submitted.dates.length} submitted, ${settled.dates.length} settlement dates`);
  const out: RmpOperation[] = [];
  for (let i = 0; i < n; i++) {
    const a = accepted.values[i] ?? Number.NaN;
    if (submitted.dates[i] !== accepted.dates[i]) return err(`RMP submitted and accepted disagree on trade date ${fromEpochDay(accepted.dates[i] ?? 0)}`);
    if (Math.abs((settled.values[i] ?? Number.NaN) - a) > 1e-9) return err(`RMP settlement ${fromEpochDay(settled.dates[i] ?? 0)} does not match the operation of ${fromEpochDay(accepted.dates[i] ?? 0)}`);
    if ((settled.dates[i] ?? 0) < (accepted.dates[i] ?? 0)) return err(`RMP settlement before trade on ${fromEpochDay(accepted.dates[i] ?? 0)}`);
    out.push({ date: fromEpochDay(accepted.dates[i] ?? 0), settlementDate: fromEpochDay(settled.dates[i] ?? 0), submittedBn: submitted.values[i] ?? Number.NaN, acceptedBn: a });
  }
  return ok(out);
}

/** The Wednesday ending the Thursday … Wednesday (H.4.1) week containing `d`. */
export function weekEndingWed(d: IsoDate): IsoDate {
  return addDays(d, (3 - weekday(d) + 7) % 7);
}
export const monthOf = (d: IsoDate): string => d.slice(0, 7);

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The monthly pace a schedule sets for `month` (YYYY-MM): the last step starting on or before it. */
export function paceFor(schedule: readonly RmpStep[], month: string): number {
  let pace = 0;
  for (const s of [...schedule].sort((a, b) => (a.from < b.from ? -1 : 1))) if (s.from <= month) pace = s.perMonthBn;
  return pace;
}

/** Months from `from` to `to` inclusive, YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    if (k > to) break;
    out.push(k);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export interface RmpWeek {
  /** Wednesday ending the settlement week. */
  readonly weekEnding: IsoDate;
  readonly operations: number;
  readonly acceptedBn: number;
  readonly submittedBn: number;
}

export interface RmpMonth {
  readonly month: string;
  readonly operations: number;
  readonly acceptedBn: number;
  readonly submittedBn: number;
  /** Cumulative accepted through the month's end (or through the last operation in a partial month). */
  readonly cumulativeBn: number;
  /** The pace the schedule set for the month and its cumulative since RMP start. */
  readonly paceBn: number;
  readonly paceCumulativeBn: number;
  /** True when the data ends before the month does. */
  readonly partial: boolean;
  /** MBS paydowns (−Δ WSHOMCB, weeks whose Wednesday is in the month, after QT end), $bn; null without WSHOMCB for the month. */
  readonly mbsPaydownBn: number | null;
  /** Purchases − MBS paydowns: the RMP proper, estimated, $bn, and its cumulative. */
  readonly rmpEstimateBn: number | null;
  readonly rmpEstimateCumulativeBn: number | null;
}

export interface MbsWeek {
  readonly weekEnding: IsoDate;
  /** −Δ WSHOMCB, $bn (positive = holdings fell). */
  readonly paydownBn: number;
  /** Δ TREAST, $bn. */
  readonly treasuryChangeBn: number;
  /** RMP settled in the week, $bn. */
  readonly rmpSettledBn: number;
  /** Δ TREAST − RMP settled: the Treasury purchases that were not RMPs (MBS reinvestment into bills, plus TIPS inflation compensation and small coupon operations), $bn. */
  readonly impliedReinvestBn: number;
}

export interface RmpTracker {
  readonly operations: readonly RmpOperation[];
  readonly weeks: readonly RmpWeek[];
  readonly months: readonly RmpMonth[];
  readonly totalAcceptedBn: number;
  readonly totalSubmittedBn: number;
  readonly firstDate: IsoDate | null;
  readonly lastDate: IsoDate | null;
  /** Cumulative pace through the last operation's month (a partial month counted in full) and through the last complete month. */
  readonly paceThroughLastMonthBn: number;
  readonly acceptedThroughLastCompleteMonthBn: number;
  readonly paceThroughLastCompleteMonthBn: number;
  readonly lastCompleteMonth: string | null;
  /** Through the last complete month: MBS paydowns and the estimated RMP proper (purchases − paydowns). */
  readonly paydownsThroughLastCompleteMonthBn: number | null;
  readonly rmpEstimateThroughLastCompleteMonthBn: number | null;
  readonly mbs: readonly MbsWeek[];
  readonly mbsTotals: { readonly from: IsoDate | null; readonly to: IsoDate | null; readonly paydownBn: number; readonly impliedReinvestBn: number; readonly rmpSettledBn: number; readonly treasuryChangeBn: number };
}

/** The last day of month `m` (YYYY-MM). */
export function monthEnd(m: string): IsoDate {
  const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return addDays(next as IsoDate, -1);
}

/**
 * `dataThrough`: the date the operation data is complete to (the file's last operation, unless the
 * caller knows better); a month ending after it is partial. `from` limits operations (trade date).
 */
export function rmpTracker(
  allOps: readonly RmpOperation[],
  schedule: readonly RmpStep[],
  opts: { readonly from?: IsoDate; readonly dataThrough?: IsoDate; readonly treast?: Series; readonly wshomcb?: Series } = {},
): RmpTracker {
  const ops = allOps.filter((o) => opts.from === undefined || o.date >= opts.from);
  const weeks = new Map<IsoDate, { n: number; a: number; s: number }>();
  const months = new Map<string, { n: number; a: number; s: number }>();
  for (const o of ops) {
    const w = weekEndingWed(o.settlementDate);
    const wk = weeks.get(w) ?? { n: 0, a: 0, s: 0 };
    weeks.set(w, { n: wk.n + 1, a: wk.a + o.acceptedBn, s: wk.s + o.submittedBn });
    const m = monthOf(o.date);
    const mo = months.get(m) ?? { n: 0, a: 0, s: 0 };
    months.set(m, { n: mo.n + 1, a: mo.a + o.acceptedBn, s: mo.s + o.submittedBn });
  }
  const firstDate = ops[0]?.date ?? null;
  const lastDate = ops.at(-1)?.date ?? null;
  const through = opts.dataThrough ?? lastDate;
  const monthRows: RmpMonth[] = [];
  let cum = 0;
  let paceCum = 0;
  let estCum: number | null = 0;
  const paydowns = opts.wshomcb ? monthlyPaydowns(opts.wshomcb) : new Map<string, { bn: number; complete: boolean }>();
  if (firstDate !== null && lastDate !== null) {
    for (const m of monthsBetween(monthOf(firstDate), monthOf(lastDate))) {
      const x = months.get(m) ?? { n: 0, a: 0, s: 0 };
      cum += x.a;
      const pace = paceFor(schedule, m);
      paceCum += pace;
      const pd = paydowns.get(m);
      const mbsPaydownBn = pd !== undefined && pd.complete ? r3(pd.bn) : null;
      const est = mbsPaydownBn === null ? null : r3(x.a - mbsPaydownBn);
      estCum = est === null || estCum === null ? null : estCum + est;
      monthRows.push({
        month: m,
        operations: x.n,
        acceptedBn: r3(x.a),
        submittedBn: r3(x.s),
        cumulativeBn: r3(cum),
        paceBn: pace,
        paceCumulativeBn: r3(paceCum),
        partial: through === null || monthEnd(m) > through,
        mbsPaydownBn,
        rmpEstimateBn: est,
        rmpEstimateCumulativeBn: estCum === null ? null : r3(estCum),
      });
    }
  }
  const complete = monthRows.filter((m) => !m.partial).at(-1);
  const lastSettle = allOps.at(-1)?.settlementDate;
  // Weeks after the operation data ends would show Treasuries bought in operations the file lacks.
  const mbs = opts.treast && opts.wshomcb && lastSettle !== undefined ? mbsWeeks(opts.treast, opts.wshomcb, allOps, opts.from ?? QT_END, weekEndingWed(lastSettle)) : [];
  const sum = (f: (w: MbsWeek) => number): number => r3(mbs.reduce((s, w) => s + f(w), 0));
  return {
    operations: ops,
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([weekEnding, x]) => ({ weekEnding, operations: x.n, acceptedBn: r3(x.a), submittedBn: r3(x.s) })),
    months: monthRows,
    totalAcceptedBn: r3(ops.reduce((s, o) => s + o.acceptedBn, 0)),
    totalSubmittedBn: r3(ops.reduce((s, o) => s + o.submittedBn, 0)),
    firstDate,
    lastDate,
    paceThroughLastMonthBn: r3(paceCum),
    acceptedThroughLastCompleteMonthBn: complete?.cumulativeBn ?? 0,
    paceThroughLastCompleteMonthBn: complete?.paceCumulativeBn ?? 0,
    lastCompleteMonth: complete?.month ?? null,
    paydownsThroughLastCompleteMonthBn: complete === undefined ? null : sumOrNull(monthRows.filter((m) => m.month <= complete.month).map((m) => m.mbsPaydownBn)),
    rmpEstimateThroughLastCompleteMonthBn: complete?.rmpEstimateCumulativeBn ?? null,
    mbs,
    mbsTotals: {
      from: mbs[0]?.weekEnding ?? null,
      to: mbs.at(-1)?.weekEnding ?? null,
      paydownBn: sum((w) => w.paydownBn),
      impliedReinvestBn: sum((w) => w.impliedReinvestBn),
      rmpSettledBn: sum((w) => w.rmpSettledBn),
      treasuryChangeBn: sum((w) => w.treasuryChangeBn),
    },
  };
}

/** The last Thursday of month `m` (YYYY-MM): the week it starts is the month's last paydown week. */
export function lastThursday(m: string): IsoDate {
  const end = monthEnd(m);
  return addDays(end, -((weekday(end) - 4 + 7) % 7));
}

function sumOrNull(xs: readonly (number | null)[]): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return r3(s);
}

/** The month a Thursday … Wednesday week is counted in: the month of its Thursday (the paydown of the week ending 2026-07-01 is June's). */
export const paydownMonth = (wednesday: IsoDate): string => monthOf(addDays(wednesday, -6));

/**
 * MBS paydowns by calendar month: −Δ WSHOMCB for each Wednesday after QT end, counted in the month of
 * the week's Thursday; a month is complete when the week starting on its last Thursday is in the data.
 */
export function monthlyPaydowns(wshomcb: Series): Map<string, { bn: number; complete: boolean }> {
  const lv = new Map<number, number>();
  for (let i = 0; i < wshomcb.dates.length; i++) lv.set(wshomcb.dates[i] ?? 0, wshomcb.values[i] ?? Number.NaN);
  const out = new Map<string, { bn: number; complete: boolean }>();
  const qt = epochDay(QT_END);
  const last = wshomcb.dates.length > 0 ? (wshomcb.dates[wshomcb.dates.length - 1] ?? 0) : -Infinity;
  for (const [d, v] of lv) {
    if (d <= qt) continue;
    const prev = lv.get(d - 7);
    const m = paydownMonth(fromEpochDay(d));
    const cur = out.get(m) ?? { bn: 0, complete: true };
    out.set(m, { bn: cur.bn + (prev === undefined ? 0 : prev - v), complete: cur.complete && prev !== undefined });
  }
  for (const [m, x] of out) {
    // The week whose Thursday is the month's last Thursday ends on the Wednesday after it.
    if (epochDay(weekEndingWed(addDays(lastThursday(m), 1))) > last) out.set(m, { ...x, complete: false });
  }
  return out;
}

/**
 * Weekly MBS paydowns and what went back into Treasuries, for the weeks ending after `from` where both
 * Wednesday levels exist for the week and the week before (7 days apart).
 */
export function mbsWeeks(treast: Series, wshomcb: Series, ops: readonly RmpOperation[], from: IsoDate, to?: IsoDate): MbsWeek[] {
  const level = (s: Series): Map<number, number> => {
    const m = new Map<number, number>();
    for (let i = 0; i < s.dates.length; i++) m.set(s.dates[i] ?? 0, s.values[i] ?? Number.NaN);
    return m;
  };
  const t = level(treast);
  const b = level(wshomcb);
  const settledByWeek = new Map<number, number>();
  for (const o of ops) {
    const w = epochDay(weekEndingWed(o.settlementDate));
    settledByWeek.set(w, (settledByWeek.get(w) ?? 0) + o.acceptedBn);
  }
  const out: MbsWeek[] = [];
  const fromDay = epochDay(from);
  const toDay = to === undefined ? Number.POSITIVE_INFINITY : epochDay(to);
  for (let i = 0; i < wshomcb.dates.length; i++) {
    const d = wshomcb.dates[i] ?? 0;
    if (d <= fromDay || d > toDay) continue;
    const b0 = b.get(d - 7);
    const b1 = b.get(d);
    const t0 = t.get(d - 7);
    const t1 = t.get(d);
    if (b0 === undefined || b1 === undefined || t0 === undefined || t1 === undefined) continue;
    const rmp = settledByWeek.get(d) ?? 0;
    const dt = t1 - t0;
    out.push({ weekEnding: fromEpochDay(d), paydownBn: r3(b0 - b1), treasuryChangeBn: r3(dt), rmpSettledBn: r3(rmp), impliedReinvestBn: r3(dt - rmp) });
  }
  return out;
}

export interface BillsShare {
  readonly date: IsoDate;
  /** WSHOBL, $bn */
  readonly billsBn: number;
  /** TREAST + WSHOMCB, $bn */
  readonly somaBn: number;
  readonly sharePct: number;
}

/** Bills as a share of SOMA securities (Treasuries + MBS; agency debt, under $3bn, left out), on the Wednesdays all three exist. */
export function billsShareOfSoma(wshobl: Series, treast: Series, wshomcb: Series): BillsShare[] {
  const t = new Map<number, number>();
  for (let i = 0; i < treast.dates.length; i++) t.set(treast.dates[i] ?? 0, treast.values[i] ?? Number.NaN);
  const m = new Map<number, number>();
  for (let i = 0; i < wshomcb.dates.length; i++) m.set(wshomcb.dates[i] ?? 0, wshomcb.values[i] ?? Number.NaN);
  const out: BillsShare[] = [];
  for (let i = 0; i < wshobl.dates.length; i++) {
    const d = wshobl.dates[i] ?? 0;
    const tv = t.get(d);
    const mv = m.get(d);
    const bills = wshobl.values[i] ?? Number.NaN;
    if (tv === undefined || mv === undefined) continue;
    const soma = tv + mv;
    out.push({ date: fromEpochDay(d), billsBn: r3(bills), somaBn: r3(soma), sharePct: Math.round((bills / soma) * 10000) / 100 });
  }
  return out;
}
