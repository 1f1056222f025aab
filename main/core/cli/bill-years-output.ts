/**
 * The `project` command's per-year bill table (issue 14 §5): Fed purchases with the anchor year's
 * actual months beside the projected ones, net issuance and where it comes from, private absorption.
 */
import { billYearIssuanceSource, billYearSpan, type BillYear } from '../../../shared/compute/bill-absorption-years.js';
import { table } from './format.js';

const bn = (x: number | null, dp = 0): string => (x === null ? '—' : x.toFixed(dp));

export function printBillYears(rows: readonly BillYear[], defaultNote: string): void {
  console.log(`\nBill supply by calendar year, $bn (private absorption = net issuance − Fed purchases; ${defaultNote}):`);
  console.log(
    table(
      ['year', 'months', 'Fed actual', 'Fed projected', 'Fed total', 'net issuance', 'issuance from', 'issued so far', 'private'],
      rows.map((b) => [
        String(b.year),
        billYearSpan(b),
        b.actualMonths > 0 ? bn(b.fedActualBn, 1) : '',
        bn(b.fedProjectedBn, 1),
        bn(b.fedBn, 1),
        bn(b.netIssuanceBn, 1),
        billYearIssuanceSource(b),
        b.issuedSoFarBn === null ? '' : `${bn(b.issuedSoFarBn, 1)} (${b.issuedSoFarMonths} months)`,
        b.privateBn === null ? `— (${b.why ?? 'unknown'})` : bn(b.privateBn, 1),
      ]),
      new Set([2, 3, 4, 5, 8]),
    ),
  );
}
