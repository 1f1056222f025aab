/**
 * The monthly bill history the projection needs for its per-year private absorption (issue 14 §5):
 * net issuance (Δ MSPD bills outstanding) and the Fed's bill purchase operations, read once through
 * the bills report so the Bills panel, `bills`, the lab, Compare and `project` count the same months.
 */
import type { BillsHistory } from '../../../shared/compute/bill-absorption-years.js';
import type { Db } from '../db/open-database.js';
import { billsReport } from './rmp-bills-report.js';

/** Null when the store has no MSPD bills or no RMP operations (then no year gets a default). */
export function billsHistoryFromStore(db: Db): BillsHistory | null {
  const r = billsReport(db);
  if (!r.ok) return null;
  return { months: r.value.months.map((m) => ({ month: m.month, netIssuanceBn: m.netIssuanceBn, fedBn: m.fedBn })) };
}
