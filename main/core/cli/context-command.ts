/** `context`: net liquidity against markets, and the repo market by segment (issue 13 §5). */
import { CONTEXT_ASSETS, CONTEXT_LAGS, CONTEXT_WINDOWS, contextReport, NL_INPUT_IDS, NL_LABEL, REPO_RATE_IDS, REPO_VOLUME_IDS, yearlyMeans, type ContextReport } from '../../../shared/compute/context.js';
import type { Columns } from '../../../shared/compute/episode.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';
import { getColumns } from '../db/repos/observations-repo.js';
import type { Db } from '../db/open-database.js';
import { CommandError } from './analysis-commands.js';
import { table } from './format.js';

export function contextInputsFromStore(db: Db): (id: string) => Columns | undefined {
  const m = new Map<string, Columns>();
  for (const a of CONTEXT_ASSETS) m.set(a.id, getColumns(db, a.id));
  for (const [id] of [...REPO_VOLUME_IDS, ...REPO_RATE_IDS]) m.set(id, getColumns(db, id));
  for (const id of NL_INPUT_IDS) m.set(id, getColumns(db, id));
  return (id) => m.get(id);
}

const r2 = (r: number | null): string => (r === null ? '—' : r.toFixed(2));
const pct = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);

export function cmdContext(db: Db, opts: { from?: string; to?: string; window?: string; json: boolean }): ContextReport & { repo: unknown } {
  for (const [k, v] of [['--from', opts.from], ['--to', opts.to]] as const) if (v !== undefined && !isIsoDate(v)) throw new CommandError(`${k} ${v} is not a date (YYYY-MM-DD)`);
  const window = opts.window === undefined ? 26 : Number(opts.window);
  if (!Number.isInteger(window) || window < 8 || window > 260) throw new CommandError(`--window ${opts.window ?? ''}: a whole number of weeks, 8 … 260 (e.g. ${CONTEXT_WINDOWS.join(', ')})`);
  const get = contextInputsFromStore(db);
  const r = contextReport(get, { ...(opts.from && isIsoDate(opts.from) ? { from: opts.from } : {}), ...(opts.to && isIsoDate(opts.to) ? { to: opts.to } : {}), window });
  const repo = [...REPO_VOLUME_IDS.map(([id, label]) => ({ id, label, unit: 'usd_bn' })), ...REPO_RATE_IDS.map(([id, label]) => ({ id, label, unit: 'percent' }))].map((s) => ({ ...s, years: yearlyMeans(get(s.id)).filter((y) => y.year >= 2018) }));
  const out = { ...r, repo };
  if (opts.json) {
    console.log(JSON.stringify(out, null, 2));
    return out;
  }
  console.log(`Market context: ${NL_LABEL}\nweekly (Wednesday) changes, ${r.from} … ${r.to ?? '—'} (${r.weeks} weeks); rolling window ${r.window} weeks`);
  console.log(r.caveat);
  console.log(
    table(
      ['series', 'change', 'corr (full)', 'n', `corr (last ${r.window} wk)`, ...CONTEXT_LAGS.map((k) => (k === 0 ? 'lag 0' : k > 0 ? `NL leads ${k}` : `NL lags ${-k}`))],
      r.rows.map((x) => [x.label + (x.proxy ? ' [proxy]' : ''), x.change === 'diff' ? 'bp' : 'log %', r2(x.full.r), String(x.full.n), x.latestRolling === null ? '—' : `${r2(x.latestRolling.r)} (${x.latestRolling.week})`, ...x.leadLag.map((l) => r2(l.r))]),
    ),
  );
  console.log(`\n"QE lifts gold and bitcoin", checked: ${r.claim[0]?.blockWeeks ?? 13}-week blocks, mean log return when net liquidity rose vs fell`);
  console.log(table(['asset', 'NL rose: blocks', 'mean', 'NL fell: blocks', 'mean'], r.claim.map((c) => [c.assetId, String(c.rose.n), pct(c.rose.meanPct), String(c.fell.n), pct(c.fell.meanPct)])));
  for (const a of CONTEXT_ASSETS) if (a.proxy) console.log(`  ${a.id}: ${a.proxy}`);
  console.log('\nRepo market by segment (OFR Short-term Funding Monitor, bundled to 2025-01) beside SOFR volume (NY Fed): calendar-year means');
  const years = [...new Set(repo.flatMap((s) => s.years.map((y) => y.year)))].sort();
  console.log(table(['series', 'unit', ...years.map(String)], repo.map((s) => [s.label, s.unit === 'usd_bn' ? '$bn' : '%', ...years.map((y) => { const v = s.years.find((q) => q.year === y); return v === undefined ? '—' : s.unit === 'usd_bn' ? v.mean.toFixed(0) : v.mean.toFixed(2); })])));
  console.log('  GCF overnight volume/rate (…_OO_P) publish on few days only; the GCF row above uses all tenors for volume.');
  return out;
}
