/**
 * `backtest`: the projection from every monthly anchor in a range against what happened (issue 14 §1),
 * error statistics by horizon beside a naive "no change" projection, so an analyst can see whether the
 * model beats holding today's level before betting a view on it.
 */
import type { BacktestVariable, ErrorStats } from '../../../shared/compute/backtest.js';
import { findPreset, PRESETS } from '../../../shared/compute/presets.js';
import type { ScenarioOverrides } from '../../../shared/model/scenario.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import { backtestFromStore, type BacktestReport } from '../analysis/backtest-from-store.js';
import type { Db } from '../db/open-database.js';
import { CommandError, loadScenarioFile } from './analysis-commands.js';
import { table } from './format.js';

export interface BacktestOptions {
  readonly preset?: string;
  readonly scenario?: string;
  readonly from?: string;
  readonly to?: string;
  readonly json: boolean;
}

/** 2022 onwards by default: QT2, the ON RRP drain and the end of QT, the period the tool is built for. */
export const BACKTEST_DEFAULT_FROM = '2022-01-01' as IsoDate;

const UNIT: Readonly<Record<BacktestVariable, string>> = {
  reservesBn: '$bn',
  reservesGdpPct: 'pp',
  tgaBn: '$bn',
  onrrpBn: '$bn',
  netLiquidityBn: '$bn',
  spreadBp: 'bp',
};

const LABEL: Readonly<Record<BacktestVariable, string>> = {
  reservesBn: 'reserves',
  reservesGdpPct: 'reserves/GDP',
  tgaBn: 'TGA',
  onrrpBn: 'ON RRP',
  netLiquidityBn: 'net liquidity',
  spreadBp: 'EFFR − IORB',
};

const digits = (v: BacktestVariable): number => (v === 'reservesGdpPct' || v === 'spreadBp' ? 2 : 0);

function dateOption(s: string | undefined, flag: string, fallback: IsoDate): IsoDate {
  if (s === undefined) return fallback;
  if (!isIsoDate(s)) throw new CommandError(`${flag} ${s} is not a date (YYYY-MM-DD)`);
  return s;
}

/** The statistics as JSON numbers (NaN, for an empty sample, becomes null). */
const statsJson = (s: ErrorStats): { n: number; meanError: number | null; meanAbsError: number | null; rmse: number | null } => {
  const f = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { n: s.n, meanError: f(s.meanError), meanAbsError: f(s.meanAbsError), rmse: f(s.rmse) };
};

export function backtestJson(name: string, r: BacktestReport): unknown {
  return {
    scenario: name,
    from: r.from,
    to: r.to,
    anchors: r.anchors,
    skipped: r.skipped,
    curve: r.curveLabel,
    errorDefinition: 'projected − actual; actual on the last H.4.1 Wednesday of the month; naive = the anchor value held flat',
    summary: r.summary.map((s) => ({ variable: s.variable, unit: UNIT[s.variable], horizonMonths: s.horizonMonths, model: statsJson(s.model), naive: statsJson(s.naive) })),
    errors: r.errors,
  };
}

export function cmdBacktest(db: Db, opts: BacktestOptions): void {
  if (opts.preset !== undefined && opts.scenario !== undefined) throw new CommandError('give either --preset or --scenario, not both');
  const preset = opts.preset === undefined ? undefined : findPreset(opts.preset);
  if (opts.preset !== undefined && preset === undefined) throw new CommandError(`unknown preset ${opts.preset}; presets: ${PRESETS.map((p) => `"${p.name}"`).join(', ')}`);
  const file = opts.scenario !== undefined ? loadScenarioFile(opts.scenario) : undefined;
  const from = dateOption(opts.from, '--from', BACKTEST_DEFAULT_FROM);
  const to = dateOption(opts.to, '--to', new Date().toISOString().slice(0, 10) as IsoDate);
  if (from > to) throw new CommandError(`--from ${from} is after --to ${to}`);
  const overrides: ScenarioOverrides = file?.overrides ?? preset?.overrides ?? {};
  const r = backtestFromStore(db, { overrides, from, to });
  const name = preset?.name ?? (file !== undefined ? `${file.name} (${opts.scenario ?? ''})` : 'defaults (Fed RMP schedule)');
  if (opts.json) {
    console.log(JSON.stringify(backtestJson(name, r), null, 2));
    return;
  }
  if (r.anchors.length === 0) throw new CommandError(`no H.4.1 anchor with the needed data between ${from} and ${to}${r.skipped.length > 0 ? `; skipped: ${r.skipped.slice(0, 3).join('; ')}` : ''}`);
  console.log(`Back-test: ${name}`);
  console.log(`${r.anchors.length} monthly anchors (last H.4.1 Wednesday of each month), ${r.anchors[0] ?? ''} … ${r.anchors[r.anchors.length - 1] ?? ''}; curve ${r.curveLabel}`);
  console.log('The curve is today\'s fit for every anchor, so spread errors carry that look-ahead; the data defaults (GDP, runoff, TGA) are as known at each anchor.');
  for (const s of r.skipped) console.log(`  skipped ${s}`);
  console.log('error = projected − actual (actual: the last H.4.1 Wednesday of the month); naive = the anchor\'s value held flat\n');
  const rows = r.summary.map((s) => {
    const d = digits(s.variable);
    const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
    const better = Number.isFinite(s.model.rmse) && Number.isFinite(s.naive.rmse) ? (s.model.rmse < s.naive.rmse ? 'model' : s.model.rmse > s.naive.rmse ? 'naive' : 'tie') : '—';
    return [`${LABEL[s.variable]} (${UNIT[s.variable]})`, `+${s.horizonMonths}m`, String(s.model.n), f(s.model.meanError), f(s.model.meanAbsError), f(s.model.rmse), f(s.naive.meanError), f(s.naive.meanAbsError), f(s.naive.rmse), better];
  });
  console.log(table(['variable', 'horizon', 'n', 'mean err', 'mean |err|', 'RMSE', 'naive mean', 'naive |err|', 'naive RMSE', 'lower RMSE'], rows, new Set([2, 3, 4, 5, 6, 7, 8])));
}
