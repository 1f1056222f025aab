/**
 * The RMP tracker and the bills-absorption report from the store (issue 13 §1 and §4): the series
 * are read here, everything is computed by shared/compute/rmp-tracker.ts and bills-absorption.ts.
 * The CLI (`rmp`, `bills`) and the Analysis view print or draw the same objects.
 */
import { billsAbsorption, type BillsReport } from '../../../shared/compute/bills-absorption.js';
import { findPreset } from '../../../shared/compute/presets.js';
import type { RmpStep } from '../../../shared/compute/projection.js';
import { billsShareOfSoma, rmpOperations, rmpTracker, type BillsShare, type RmpOperation, type RmpTracker } from '../../../shared/compute/rmp-tracker.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { fromEpochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { getColumns } from '../db/repos/observations-repo.js';

export const RMP_PRESET = 'Fed RMP';

export interface RmpReport extends RmpTracker {
  readonly pace: { readonly name: string; readonly source: string; readonly schedule: readonly RmpStep[] };
  readonly scenario: { readonly name: string; readonly schedule: readonly RmpStep[]; readonly months: readonly { month: string; paceBn: number; cumulativeBn: number }[] } | null;
  readonly billsHeld: {
    readonly first: IsoDate | null;
    readonly last: IsoDate | null;
    readonly latest: BillsShare | null;
    readonly share: readonly BillsShare[];
    /** Where WSHOBL stops and what is missing, in words. */
    readonly gap: string;
  };
  readonly series: readonly string[];
}

function storeOps(db: Db): Result<readonly RmpOperation[]> {
  return rmpOperations(getColumns(db, 'RMP_BILLS_ACCEPTED'), getColumns(db, 'RMP_BILLS_SUBMITTED'), getColumns(db, 'RMP_BILLS_SETTLED'));
}

const lastDay = (db: Db, id: string): IsoDate | null => {
  const s = getColumns(db, id);
  return s.dates.length === 0 ? null : fromEpochDay(s.dates[s.dates.length - 1] ?? 0);
};

export function rmpReport(db: Db, opts: { readonly from?: IsoDate; readonly scenario?: { readonly name: string; readonly schedule: readonly RmpStep[] } } = {}): Result<RmpReport> {
  const ops = storeOps(db);
  if (!ops.ok) return ops;
  if (ops.value.length === 0) return err('no reserve-management operations in the store (RMP_BILLS_ACCEPTED is empty): run `sync --offline` to seed the bundled snapshot');
  const preset = findPreset(RMP_PRESET);
  if (preset === undefined) return err(`preset ${RMP_PRESET} is missing`);
  const schedule = preset.overrides.rmpSchedule ?? [];
  const treast = getColumns(db, 'TREAST');
  const wshomcb = getColumns(db, 'WSHOMCB');
  const wshobl = getColumns(db, 'WSHOBL');
  const t = rmpTracker(ops.value, schedule, { ...(opts.from ? { from: opts.from } : {}), treast, wshomcb });
  const share = billsShareOfSoma(wshobl, treast, wshomcb);
  const first = share[0]?.date ?? null;
  const last = share.at(-1)?.date ?? null;
  const treastLast = lastDay(db, 'TREAST');
  const gap =
    last === null
      ? 'no bills held outright (WSHOBL) in the store: the bills share of SOMA cannot be computed'
      : `bills held outright (WSHOBL) exists offline only ${first ?? ''} … ${last}; nothing from ${last} to ${treastLast ?? 'the last H.4.1 week'} (the RMP era has no WSHOBL: sync FRED to fill it)`;
  let scenario: RmpReport['scenario'] = null;
  if (opts.scenario) {
    const sc = rmpTracker(ops.value, opts.scenario.schedule, opts.from ? { from: opts.from } : {});
    scenario = { name: opts.scenario.name, schedule: opts.scenario.schedule, months: sc.months.map((m) => ({ month: m.month, paceBn: m.paceBn, cumulativeBn: m.paceCumulativeBn })) };
  }
  return ok({
    ...t,
    pace: { name: preset.name, source: preset.source, schedule },
    scenario,
    billsHeld: { first, last, latest: share.at(-1) ?? null, share, gap },
    series: ['RMP_BILLS_ACCEPTED', 'RMP_BILLS_SUBMITTED', 'RMP_BILLS_SETTLED', 'TREAST', 'WSHOMCB', 'WSHOBL'],
  });
}

export interface BillsReportOut extends BillsReport {
  readonly dataThrough: { readonly mspd: IsoDate | null; readonly auctions: IsoDate | null; readonly rmp: IsoDate | null; readonly wshomcb: IsoDate | null };
  readonly series: readonly string[];
}

export function billsReport(db: Db): Result<BillsReportOut> {
  const ops = storeOps(db);
  if (!ops.ok) return ops;
  const mspdBills = getColumns(db, 'MSPD_BILLS');
  if (mspdBills.dates.length === 0) return err('no MSPD bills outstanding in the store (MSPD_BILLS): run `sync --offline` to seed the bundled snapshot');
  const rmpThrough = lastDay(db, 'RMP_BILLS_SETTLED');
  const r = billsAbsorption({
    mspdBills,
    auctionMonthly: getColumns(db, 'BILLS_NET_ISSUE_M'),
    auctionWeekly: getColumns(db, 'BILLS_NET_ISSUE_W'),
    operations: ops.value,
    wshomcb: getColumns(db, 'WSHOMCB'),
    rmpThrough,
  });
  return ok({
    ...r,
    dataThrough: { mspd: lastDay(db, 'MSPD_BILLS'), auctions: lastDay(db, 'BILLS_NET_ISSUE_W'), rmp: rmpThrough, wshomcb: lastDay(db, 'WSHOMCB') },
    series: ['MSPD_BILLS', 'BILLS_NET_ISSUE_M', 'BILLS_NET_ISSUE_W', 'RMP_BILLS_SETTLED', 'WSHOMCB'],
  });
}
