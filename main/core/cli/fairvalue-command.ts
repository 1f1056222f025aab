/** `fairvalue`: actual EFFR − IORB and SOFR − IORB against the fitted curve, and the rolling fit (issue 14 §4). */
import type { ResidualStats } from '../../../shared/compute/fair-value.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import { fairValueFromStore, LATE_2025, type FairValueReport } from '../analysis/fair-value-from-store.js';
import type { Db } from '../db/open-database.js';
import { CommandError } from './analysis-commands.js';
import { table } from './format.js';

const sbp = (v: number | null, d = 1): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(d)}`);
const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)}%`);
const statLine = (name: string, s: ResidualStats): string =>
  s.n === 0 ? `  ${name}: no weeks` : `  ${name}: mean residual ${sbp(s.meanBp, 2)} bp (sd ${s.sdBp === null ? '—' : s.sdBp.toFixed(2)}, min ${sbp(s.minBp)}, max ${sbp(s.maxBp)}; n ${s.n} weeks): actual ${sbp(s.meanActualBp, 2)} bp vs implied ${sbp(s.meanImpliedBp, 2)} bp`;

/**
 * A standard error as printed: none when there is none, and "± (not identified)" when the Jacobian is
 * near-singular and the delta method gives a meaningless number (found: "γ 5.000 ± 74418304786418.844"
 * for a window whose γ sat at its bound).
 */
const seText = (se: number | null, dp: number): string => (se === null ? '' : !Number.isFinite(se) || se > 1000 ? ' ± (not identified)' : ` ± ${se.toFixed(dp)}`);

export function cmdFairValue(db: Db, opts: { from?: string; to?: string; windowYears?: string; json: boolean }): FairValueReport {
  for (const [k, v] of [['--from', opts.from], ['--to', opts.to]] as const) if (v !== undefined && !isIsoDate(v)) throw new CommandError(`${k} ${v} is not a date (YYYY-MM-DD)`);
  const from = opts.from !== undefined && isIsoDate(opts.from) ? opts.from : LATE_2025.from;
  const to = opts.to !== undefined && isIsoDate(opts.to) ? opts.to : LATE_2025.to;
  if (from > to) throw new CommandError(`--from ${from} is after --to ${to}`);
  const windowYears = opts.windowYears === undefined ? 2 : Number(opts.windowYears);
  if (!Number.isInteger(windowYears) || windowYears < 1 || windowYears > 10) throw new CommandError(`--window-years ${opts.windowYears ?? ''}: a whole number of years, 1 … 10`);
  const r = fairValueFromStore(db, { from, to, windowYears });
  if (opts.json) {
    console.log(JSON.stringify(r, null, 2));
    return r;
  }
  const c = r.curve;
  console.log(`Fair value: actual spreads against the demand curve s(x) = α_regime + β·exp(−γ(x − ${c.xRef})), x = reserves/GDP (%)`);
  console.log(`curve ${c.label}: β = ${c.beta.toFixed(4)} bp, γ = ${c.gamma.toFixed(4)} per pp, RMSE ${c.rmseBp.toFixed(2)} bp; latest regime ${c.regimes[c.regimes.length - 1]?.key ?? '—'} α = ${(c.regimes[c.regimes.length - 1]?.alphaBp ?? Number.NaN).toFixed(3)} bp`);
  const s = r.summary;
  console.log(`\nResidual (actual − implied, bp; positive = above fair value), weeks ${s.from} … ${s.to}:`);
  console.log(statLine('EFFR − IORB', s.effr));
  console.log(statLine('SOFR − IORB', s.sofr));
  console.log(`  SOFR's usual gap to the curve (mean residual ${s.baselineFrom} … ${s.baselineTo}): ${sbp(s.sofrBaselineBp, 2)} bp; the window net of it: ${sbp(s.sofrNetOfBaselineBp, 2)} bp`);
  console.log('\nBy quarter (mean residual, bp):');
  console.log(table(['quarter', 'weeks', 'EFFR − IORB', 'implied', 'EFFR resid', 'SOFR − IORB', 'SOFR resid'], r.quarters.map((q) => [q.quarter, String(q.effr.n), sbp(q.effr.meanActualBp, 2), sbp(q.effr.meanImpliedBp, 2), sbp(q.effr.meanBp, 2), sbp(q.sofr.meanActualBp, 2), sbp(q.sofr.meanBp, 2)])));
  const w = r.rolling.windows;
  const count = (st: string): number => w.filter((x) => x.status === st).length;
  console.log(`\nRolling fit: ${r.rolling.windowYears}-year windows stepping ${r.rolling.stepMonths} months (${w.length} windows: ${count('identified')} identified, ${count('weak')} weak, ${count('not-identified')} not identified)`);
  console.log('ample edge = reserves/GDP where |slope| reaches 1 and 2 bp/pp (± delta-method SE, a lower bound); * = outside the window’s own range (extrapolated)');
  console.log(
    table(
      ['window', 'weeks', 'x range (%)', 'status', 'α (bp)', 'β (bp)', 'γ (/pp)', 'edge 1 bp/pp', 'edge 2 bp/pp', 'why'],
      w.map((x) => [
        `${x.from} … ${x.to}`,
        String(x.weeks),
        x.xMinPct === null || x.xMaxPct === null ? '—' : `${x.xMinPct.toFixed(2)}–${x.xMaxPct.toFixed(2)}`,
        x.status,
        x.alphaBp === null ? '—' : x.alphaBp.toFixed(2),
        x.beta === null ? '—' : x.beta.toFixed(2),
        x.gamma === null ? '—' : `${x.gamma.toFixed(3)}${seText(x.gammaSe, 3)}`,
        x.edge1Pct === null ? '—' : `${pct(x.edge1Pct)}${seText(x.edge1SePp, 2)}${x.edge1InSample ? '' : '*'}`,
        x.edge2Pct === null ? '—' : `${pct(x.edge2Pct)}${seText(x.edge2SePp, 2)}${x.edge2InSample ? '' : '*'}`,
        x.reason ?? '',
      ]),
    ),
  );
  for (const n of r.notes) console.log(`note: ${n}`);
  return r;
}
