/** `rmp` and `bills` (issue 13 §1, §4): the RMP tracker and who absorbs the bills, from the store. */
import { billsReport, rmpReport } from '../analysis/rmp-bills-report.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { CommandError, loadScenarioFile } from './analysis-commands.js';
import { table } from './format.js';

const bn = (x: number | null, digits = 3): string => (x === null ? 'n/a' : x.toFixed(digits));
const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((a / b) * 100).toFixed(1)}%`);

export function cmdRmp(db: Db, opts: { from?: string; scenario?: string; json: boolean }): void {
  if (opts.from !== undefined && !isIsoDate(opts.from)) throw new CommandError(`--from ${opts.from} is not a date (YYYY-MM-DD)`);
  const file = opts.scenario === undefined ? undefined : loadScenarioFile(opts.scenario);
  const scenario = file === undefined ? undefined : { name: file.name, schedule: file.overrides.rmpSchedule ?? [] };
  const r = rmpReport(db, { ...(opts.from !== undefined && isIsoDate(opts.from) ? { from: opts.from } : {}), ...(scenario ? { scenario } : {}) });
  if (!r.ok) throw new CommandError(r.error);
  const v = r.value;
  if (opts.json) {
    console.log(JSON.stringify(v, null, 2));
    return;
  }
  console.log(`Reserve-management bill purchases (NY Fed operations, is_rmp), all amounts $bn`);
  console.log(`${v.operations.length} operations ${v.firstDate ?? ''} … ${v.lastDate ?? ''}: accepted $${bn(v.totalAcceptedBn)}bn of $${bn(v.totalSubmittedBn)}bn submitted`);
  console.log(`announced pace ("${v.pace.name}" preset: ${v.pace.schedule.map((s) => `$${s.perMonthBn}bn/month from ${s.from}`).join(', ')}): ${v.pace.source}`);
  console.log('The operations carry the RMPs and the reinvestment of MBS principal into bills together (Δ TREAST ≈ operations settled); RMP proper is estimated as purchases − MBS paydowns.');
  if (v.lastCompleteMonth !== null) {
    const pd = v.paydownsThroughLastCompleteMonthBn;
    const est = v.rmpEstimateThroughLastCompleteMonthBn;
    console.log(`through ${v.lastCompleteMonth} (last complete month): bought $${bn(v.acceptedThroughLastCompleteMonthBn)}bn = MBS paydowns $${bn(pd)}bn + RMP proper (est.) $${bn(est)}bn; announced RMP pace $${bn(v.paceThroughLastCompleteMonthBn, 0)}bn${est === null ? '' : ` (est. RMP at ${pct(est, v.paceThroughLastCompleteMonthBn)} of pace)`}`);
  }
  console.log(`through ${v.lastDate ?? ''} (a partial month counts its full pace): bought $${bn(v.totalAcceptedBn)}bn vs $${bn(v.paceThroughLastMonthBn, 0)}bn`);
  console.log('\nOperations (trade date, settlement date, accepted, submitted, cover):');
  console.log(table(['trade', 'settles', 'accepted $bn', 'submitted $bn', 'cover'], v.operations.map((o) => [o.date, o.settlementDate, bn(o.acceptedBn), bn(o.submittedBn), (o.submittedBn / o.acceptedBn).toFixed(2)]), new Set([2, 3, 4])));
  const scen = new Map((v.scenario?.months ?? []).map((m) => [m.month, m]));
  console.log('\nBy month (trade date):');
  const mh = ['month', 'ops', 'accepted $bn', 'cumulative $bn', 'MBS paydown $bn', 'RMP est. $bn', 'RMP est. cum. $bn', 'pace $bn', 'pace cum. $bn', ...(v.scenario ? [`${v.scenario.name} cum. $bn`] : []), 'note'];
  console.log(
    table(
      mh,
      v.months.map((m) => [m.month, String(m.operations), bn(m.acceptedBn), bn(m.cumulativeBn), bn(m.mbsPaydownBn), bn(m.rmpEstimateBn), bn(m.rmpEstimateCumulativeBn), String(m.paceBn), bn(m.paceCumulativeBn, 0), ...(v.scenario ? [bn(scen.get(m.month)?.cumulativeBn ?? null, 0)] : []), m.partial ? 'partial month' : '']),
      new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
  );
  console.log('\nBy week (settlement, Thu–Wed, dated on the Wednesday):');
  console.log(table(['week ending', 'ops', 'accepted $bn', 'submitted $bn'], v.weeks.map((w) => [w.weekEnding, String(w.operations), bn(w.acceptedBn), bn(w.submittedBn)]), new Set([1, 2, 3])));
  console.log(`\nBills held outright: ${v.billsHeld.gap}`);
  if (v.billsHeld.latest) console.log(`  latest: ${v.billsHeld.latest.date} WSHOBL $${bn(v.billsHeld.latest.billsBn)}bn = ${v.billsHeld.latest.sharePct.toFixed(2)}% of SOMA securities (TREAST + WSHOMCB $${bn(v.billsHeld.latest.somaBn)}bn)`);
  const mt = v.mbsTotals;
  console.log(`\nMBS paydowns (−Δ WSHOMCB) and Treasuries bought outside the operations (Δ TREAST − operations settled), weeks ending ${mt.from ?? ''} … ${mt.to ?? ''}:`);
  console.log(table(['week ending', 'MBS paydown $bn', 'Δ TREAST $bn', 'ops settled $bn', 'outside ops $bn'], v.mbs.map((w) => [w.weekEnding, bn(w.paydownBn), bn(w.treasuryChangeBn), bn(w.rmpSettledBn), bn(w.impliedReinvestBn)]), new Set([1, 2, 3, 4])));
  console.log(
    `total: MBS paydowns $${bn(mt.paydownBn)}bn; Treasuries +$${bn(mt.treasuryChangeBn)}bn, of which the bill operations $${bn(mt.rmpSettledBn)}bn and $${bn(mt.impliedReinvestBn)}bn outside them (TIPS inflation compensation, small coupon operations). The paydowns were not bought on top of the operations: by the FOMC's policy they are inside them, so of $${bn(mt.rmpSettledBn)}bn bought, about $${bn(mt.paydownBn)}bn (${pct(mt.paydownBn, mt.rmpSettledBn)}) replaced MBS paydowns.`,
  );
  console.log(`series: ${v.series.join(', ')}`);
}

export function cmdBills(db: Db, opts: { year?: string; json: boolean }): void {
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1980 && year <= 2100)) throw new CommandError(`--year ${opts.year ?? ''} is not a year`);
  const r = billsReport(db);
  if (!r.ok) throw new CommandError(r.error);
  const v = r.value;
  const months = year === undefined ? v.months.filter((m) => m.month >= '2025-01') : v.months.filter((m) => m.month.startsWith(String(year)));
  const years = year === undefined ? v.years : v.years.filter((y) => y.year === year);
  const weeks = year === undefined ? v.weeks : v.weeks.filter((w) => w.weekEnding.startsWith(String(year)));
  if (opts.json) {
    console.log(JSON.stringify({ ...v, months: year === undefined ? v.months : months, years, weeks }, null, 2));
    return;
  }
  const dt = v.dataThrough;
  console.log(`Who absorbs the bills, $bn. Net issuance = Δ MSPD bills outstanding (auctions' issued − maturing beside it); Fed = the NY Fed's bill purchase operations settled (RMPs and MBS reinvestment together, from 2025-12; split estimated as MBS reinvestment = paydowns, RMP = the rest); private = net − Fed.`);
  console.log(`data through: MSPD ${dt.mspd ?? 'n/a'}, auctions ${dt.auctions ?? 'n/a'}, RMP ${dt.rmp ?? 'n/a'}, WSHOMCB ${dt.wshomcb ?? 'n/a'}; Fed purchases are not known offline before 2025-12 (no WSHOBL)`);
  console.log(`\nBy month${year === undefined ? ' (2025 on; --year Y or --json for the rest)' : ''}:`);
  console.log(table(['month', 'net (MSPD)', 'net (auctions)', 'Fed', 'of which MBS (est.)', 'RMP (est.)', 'private', 'note'], months.map((m) => [m.month, bn(m.netIssuanceBn, 1), bn(m.auctionNetBn, 1), bn(m.fedBn, 1), bn(m.mbsReinvestBn, 1), bn(m.rmpProperBn, 1), bn(m.privateBn, 1), m.month >= '2025-12' && !m.fedComplete ? 'Fed data incomplete' : m.netIssuanceBn === null ? 'no MSPD yet' : '']), new Set([1, 2, 3, 4, 5, 6])));
  console.log('\nBy calendar year (months with data; a part-year is said to be one):');
  console.log(table(['year', 'months', 'net (MSPD)', 'Fed months', 'net in Fed months', 'Fed', 'private', 'note'], years.map((y) => [String(y.year), String(y.months), bn(y.netIssuanceBn, 1), String(y.fedMonths), y.fedMonths === 0 ? 'n/a' : bn(y.netIssuanceFedMonthsBn, 1), y.fedMonths === 0 ? 'n/a' : bn(y.fedBn, 1), y.fedMonths === 0 ? 'n/a' : bn(y.privateBn, 1), y.partial ? `part-year through ${y.throughMonth ?? ''}` : '']), new Set([1, 2, 3, 4, 5, 6])));
  const g = v.goldman2026;
  const y26 = v.years.find((y) => y.year === g.year);
  console.log(`\nAssumption (not data) — ${g.source}`);
  console.log(table(['2026', 'Goldman full year (assumption)', 'data so far'], [
    ['net bill issuance', bn(g.netBillsBn, 0), y26 ? `${bn(y26.netIssuanceBn, 1)} (${y26.months} months, through ${y26.throughMonth ?? ''})` : 'n/a'],
    ['Fed purchases', bn(g.fedBn, 0), y26 && y26.fedMonths > 0 ? `${bn(y26.fedBn, 1)} (${y26.fedMonths} months)` : 'n/a'],
    ['private absorption', bn(g.privateBn, 0), y26 && y26.fedMonths > 0 ? `${bn(y26.privateBn, 1)} (${y26.fedMonths} months)` : 'n/a'],
  ], new Set([1])));
  const last = v.months.filter((m) => m.privateBn !== null).at(-1);
  if (last) console.log(`latest month with all inputs: ${last.month}: net $${bn(last.netIssuanceBn, 1)}bn − Fed $${bn(last.fedBn, 1)}bn (est. MBS reinvestment ${bn(last.mbsReinvestBn, 1)} + RMP ${bn(last.rmpProperBn, 1)}) = private $${bn(last.privateBn, 1)}bn`);
  if (weeks.length > 0) {
    console.log('\nBy week since QT ended (auctions, Thu–Wed):');
    console.log(table(['week ending', 'net (auctions)', 'Fed', 'MBS paydown', 'private'], weeks.map((w) => [w.weekEnding, bn(w.netIssuanceBn, 1), bn(w.fedBn, 1), bn(w.mbsReinvestBn, 1), bn(w.privateBn, 1)]), new Set([1, 2, 3, 4])));
  }
  console.log(`series: ${v.series.join(', ')}`);
}
