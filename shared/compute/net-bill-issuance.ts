/**
 * Net Treasury bill issuance from auction results (FiscalData `auctions_query`): on each day, the
 * amounts accepted in auctions settling that day minus the amounts accepted in earlier auctions of
 * bills maturing that day. Summed by H.4.1 week (Thursday … Wednesday, dated on the Wednesday, so it
 * lines up with WSHOBL and reserves) or by calendar month (dated on the month's first day, like FRED).
 *
 * Checked: by month it equals the MSPD change in bills outstanding to a median $0.2bn over 2021–2026
 * (test/shared/compute/net-bill-issuance.test.ts). Limits: a bill's maturity counts only if its
 * auction is in the file, so the series starts one
 * year (the longest bill, 52 weeks) after the file's first bill auction; days after the last auction
 * with results would show maturities only, so the series ends with the last period that has results.
 */
import { parseCsv } from '../parse/csv.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { addDays, epochDay, fromEpochDay, isIsoDate, weekday, type IsoDate } from '../time/iso-date.js';

export interface BillAuction {
  readonly issueDate: IsoDate;
  readonly maturityDate: IsoDate;
  /** Dollars accepted (total_accepted). */
  readonly acceptedUsd: number;
}

/** The bill auctions with results from an `auction_results.csv` export (other securities skipped). */
export function parseBillAuctions(text: string): Result<readonly BillAuction[]> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header === undefined) return err('empty auction file');
  const col = (name: string): number => header.findIndex((h) => h.trim() === name);
  const iType = col('security_type');
  const iIssue = col('issue_date');
  const iMat = col('maturity_date');
  const iAcc = col('total_accepted');
  if (iType < 0 || iIssue < 0 || iMat < 0 || iAcc < 0) return err('auction file lacks security_type, issue_date, maturity_date or total_accepted');
  const out: BillAuction[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if ((r[iType] ?? '').trim() !== 'Bill') continue;
    const acc = (r[iAcc] ?? '').trim();
    // The newest auctions are announced but have no results yet.
    if (acc === '') continue;
    const issueDate = (r[iIssue] ?? '').trim();
    const maturityDate = (r[iMat] ?? '').trim();
    const acceptedUsd = Number(acc);
    if (!isIsoDate(issueDate) || !isIsoDate(maturityDate)) return err(`line ${i + 2}: bad issue or maturity date`);
    if (!Number.isFinite(acceptedUsd) || acceptedUsd < 0) return err(`line ${i + 2}: total_accepted ${JSON.stringify(acc)} is not an amount`);
    out.push({ issueDate, maturityDate, acceptedUsd });
  }
  return ok(out);
}

export type IssuancePeriod = 'week' | 'month';

/** The Wednesday ending the Thursday … Wednesday week that contains `d`. */
function weekEnding(d: IsoDate): IsoDate {
  return addDays(d, (3 - weekday(d) + 7) % 7);
}

const monthStart = (d: IsoDate): IsoDate => `${d.slice(0, 7)}-01` as IsoDate;

/** Net issuance per period in dollars, ascending by period date. */
export function netBillIssuance(auctions: readonly BillAuction[], period: IssuancePeriod): { date: IsoDate; netUsd: number }[] {
  if (auctions.length === 0) return [];
  const key = period === 'week' ? weekEnding : monthStart;
  let firstIssue = Number.POSITIVE_INFINITY;
  let lastIssue = Number.NEGATIVE_INFINITY;
  for (const a of auctions) {
    const d = epochDay(a.issueDate);
    if (d < firstIssue) firstIssue = d;
    if (d > lastIssue) lastIssue = d;
  }
  // Complete periods only: from a year after the first issue (every maturing bill's auction is in the
  // file) to the last period that ends on or before the last issue date with results.
  const start = key(addDays(fromEpochDay(firstIssue), 366));
  const sums = new Map<string, number>();
  const add = (d: IsoDate, v: number): void => {
    const k = key(d);
    sums.set(k, (sums.get(k) ?? 0) + v);
  };
  for (const a of auctions) {
    add(a.issueDate, a.acceptedUsd);
    add(a.maturityDate, -a.acceptedUsd);
  }
  const lastDay = fromEpochDay(lastIssue);
  const lastComplete = period === 'week' ? (weekEnding(lastDay) === lastDay ? lastDay : addDays(weekEnding(lastDay), -7)) : lastCompleteMonth(lastDay);
  return [...sums.entries()]
    .filter(([d]) => d > start && d <= lastComplete)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([d, v]) => ({ date: d as IsoDate, netUsd: v }));
}

/** The first day of the last month that ended on or before `d`'s month (the month of `d` counts if `d` is its last day). */
function lastCompleteMonth(d: IsoDate): IsoDate {
  const next = addDays(d, 1);
  return next.slice(0, 7) !== d.slice(0, 7) ? monthStart(d) : monthStart(addDays(monthStart(d), -1));
}
