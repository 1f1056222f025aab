/** `indicators`, `project` and `fit`: the computation core from the command line. */
import { readFileSync, statSync } from 'node:fs';
import { findPreset, PRESETS } from '../../../shared/compute/presets.js';
import { crossings, MODEL_VERSION, type ScenarioInputs } from '../../../shared/compute/projection.js';
import { MAX_SCENARIO_BYTES, parseScenarioFile, projectScenario, type ScenarioFile } from '../../../shared/model/scenario.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import { curveLabelFor, projectionContext, saveFittedCurve } from '../analysis/projection-context.js';
import { AnchorDateError } from '../analysis/anchor-from-store.js';
import { anchorErrors } from '../analysis/backtest-from-store.js';
import { storeFormulaEnv } from '../analysis/formula-env.js';
import { FormulaError } from '../../../shared/compute/formula/ast.js';
import { evaluateFormula } from '../../../shared/compute/formula/evaluate.js';
import { parseFormula, printFormula } from '../../../shared/compute/formula/parse.js';
import { fromEpochDay } from '../../../shared/time/iso-date.js';
import { fitFromStore, type FitReport } from '../analysis/fit-from-store.js';
import { indicatorReport, type Indicator } from '../analysis/indicator-report.js';
import type { Db } from '../db/open-database.js';
import { table } from './format.js';
import { printBillYears } from './bill-years-output.js';
import { issuanceDefaultAt, issuanceDefaultNote } from '../../../shared/compute/bill-absorption-years.js';

export class CommandError extends Error {}

function fmtIndicator(i: Indicator): string {
  if (i.value === null) return `n/a (missing ${i.missing.join(', ')})`;
  switch (i.unit) {
    case 'bp':
      return `${i.value > 0 ? '+' : ''}${Math.round(i.value * 10) / 10} bp`;
    case 'usd_bn':
      return `$${i.value.toLocaleString('en-US', { maximumFractionDigits: 3 })}bn`;
    case 'percent':
      return `${i.value.toFixed(2)}%`;
    case 'pct_of_gdp':
      return `${i.value.toFixed(2)}% of GDP`;
    case 'pct_of_bank_assets':
      return `${i.value.toFixed(2)}% of bank assets`;
    case 'ratio':
      return i.value.toFixed(2);
    case 'days':
      return `${i.value} days`;
    default: {
      const never: never = i.unit;
      return String(never);
    }
  }
}

export function cmdIndicators(db: Db, asOf: string, json: boolean): void {
  if (!isIsoDate(asOf)) throw new CommandError(`--asof ${asOf} is not a date (YYYY-MM-DD)`);
  const r = indicatorReport(db, asOf);
  if (json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`Indicators as of ${r.asOf}\nmode: ${r.mode}`);
  if (r.markers.length > 0) console.log(`calendar: ${r.markers.map((m) => m.label).join(', ')}`);
  console.log(
    table(
      ['indicator', 'value', 'inputs (series date value)'],
      r.indicators.map((i) => [i.label.slice(0, 60), fmtIndicator(i), i.inputs.map((x) => `${x.seriesId} ${x.date} ${x.value}`).join('; ')]),
    ),
  );
  for (const i of r.indicators) if (i.note && i.value !== null) console.log(`  ${i.id}: ${i.note}`);
  console.log(`\nflags (${r.activeFlags} active):`);
  for (const f of r.flags) console.log(`  ${f.level.toUpperCase().padEnd(5)} ${f.id}${f.calendarExpected ? ' [calendar expected]' : ''}: ${f.detail}`);
}

export function cmdFit(db: Db, json: boolean): void {
  const f: FitReport = fitFromStore(db);
  saveFittedCurve(db, f);
  if (json) {
    console.log(JSON.stringify(f, null, 2));
    return;
  }
  console.log(`Reserve demand curve s(x) = α_k + β·exp(−γ(x − ${f.xRef})), s = EFFR − IORB (bp, weekly mean), x = reserves/GDP (%)`);
  console.log(`sample ${f.sample.from} … ${f.sample.to}: ${f.sample.weeks} weeks; excluded: ${f.excluded.join('; ')}`);
  console.log(table(['regime (IORB−lower / RRP−lower, bp)', 'from', 'to', 'weeks', 'α (bp)'], f.regimes.map((r) => [r.key, r.from, r.to, String(r.weeks), r.alpha.toFixed(3)])));
  console.log(`window: first week ${f.sample.from}, last week ${f.sample.to}, ${f.sample.weeks} weeks, of which ${f.weeks2019} in 2019`);
  const se = (i: number): string => (f.standardErrors === null ? 'n/a' : (f.standardErrors[i] ?? Number.NaN).toFixed(4));
  const nA = f.regimes.length;
  console.log(`β = ${f.beta.toFixed(4)} ± ${se(nA)} bp, γ = ${f.gamma.toFixed(4)} ± ${se(nA + 1)} per pp (± 1 standard error); RMSE ${f.rmseBp.toFixed(3)} bp, MAE ${f.maeBp.toFixed(3)} bp; converged: ${f.converged}`);
  console.log(`α ± SE (bp): ${f.regimes.map((r, i) => `${r.key} ${r.alpha.toFixed(3)} ± ${se(i)}`).join('; ')}`);
  const ba = f.bankAssets;
  if (ba !== null) {
    const sb = (i: number): string => (ba.standardErrors === null ? 'n/a' : (ba.standardErrors[i] ?? Number.NaN).toFixed(4));
    console.log(`on reserves/bank assets (x_ref ${ba.xRef}), ${ba.sample.from} … ${ba.sample.to}, ${ba.sample.weeks} weeks: β = ${ba.beta.toFixed(4)} ± ${sb(ba.alphas.length)} bp, γ = ${ba.gamma.toFixed(4)} ± ${sb(ba.alphas.length + 1)} per pp, RMSE ${ba.rmseBp.toFixed(3)} bp`);
  }
  console.log(`ample edge (latest regime): |slope| = 1 bp/pp at ${f.ampleEdgePct.theta1.toFixed(2)}% of GDP, 2 bp/pp at ${f.ampleEdgePct.theta2.toFixed(2)}%`);
  if (f.rollingOrigin.length > 0) console.log(`rolling-origin RMSE: ${f.rollingOrigin.map((r) => `${r.predictYear}: ${r.rmseBp.toFixed(2)} bp (n ${r.n})`).join(', ')}`);
  for (const w of f.warnings) console.log(`note: ${w}`);
  console.log('saved: `project` now uses this curve (latest regime α).');
}

/**
 * A scenario file as the app's import reads it (format, version, name, then the inputs): the same
 * byte limit and message first, then the same `parseScenarioFile`, so a file the app refuses is refused
 * here with the same words.
 */
export function loadScenarioFile(file: string): ScenarioFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new CommandError(`${file}: cannot read the scenario file (${e instanceof Error && 'code' in e ? String(e.code) : 'error'})`);
  }
  if (size > MAX_SCENARIO_BYTES) throw new CommandError(`${file}: the file is over ${MAX_SCENARIO_BYTES} bytes; nothing was imported`);
  const r = parseScenarioFile(readFileSync(file, 'utf8'));
  if (!r.ok) throw new CommandError(`${file}: ${r.error}`);
  return r.value;
}

export function cmdProject(db: Db, opts: { preset?: string; scenario?: string; json: boolean; years?: string; anchor?: string }): void {
  if (opts.preset !== undefined && opts.scenario !== undefined) throw new CommandError('give either --preset or --scenario, not both');
  const preset = opts.preset === undefined ? undefined : findPreset(opts.preset);
  if (opts.preset !== undefined && preset === undefined) throw new CommandError(`unknown preset ${opts.preset}; presets: ${PRESETS.map((p) => `"${p.name}"`).join(', ')}`);
  const years = opts.years === undefined ? undefined : Number(opts.years);
  if (years !== undefined && !(Number.isInteger(years) && years >= 1 && years <= 10)) throw new CommandError(`--years ${opts.years} must be a whole number from 1 to 10`);
  const file = opts.scenario !== undefined ? loadScenarioFile(opts.scenario) : undefined;
  if (opts.anchor !== undefined && !isIsoDate(opts.anchor)) throw new CommandError(`--anchor ${opts.anchor} is not a date (YYYY-MM-DD)`);
  let ctx: ReturnType<typeof projectionContext>;
  try {
    // --anchor, else the scenario file's own anchor, else the latest.
    const at = opts.anchor ?? file?.overrides.anchorWednesday;
    ctx = projectionContext(db, at === undefined ? undefined : { at });
  } catch (e) {
    if (e instanceof AnchorDateError) throw new CommandError(e.message);
    throw e;
  }
  const a = ctx.anchor;
  const overrides = file?.overrides ?? preset?.overrides ?? {};
  const inputs: ScenarioInputs = { ...ctx.inputs, ...overrides, ...(years !== undefined ? { horizonYears: years } : {}) };
  // The curve the engine runs on: a scenario file's own curve replaces the store's, and the report says which.
  const curve = inputs.curve;
  const label = overrides.curve !== undefined ? curveLabelFor(curve, `from the scenario file ${opts.scenario ?? ''}`) : ctx.curveLabel;
  const run = projectScenario(a.anchor, inputs, ctx.bills);
  if (!run.ok) throw new CommandError(`cannot project ${opts.scenario ?? preset?.name ?? 'the defaults'}: ${run.error}; nothing was computed`);
  const p = run.value;
  // From a past anchor: what actually happened, and the projection's errors (empty at the latest anchor).
  const backtest = anchorErrors(db, a, inputs);
  const gdpX = crossings(p.reservesGdpPct, p.dates, inputs.ampleThresholdGdpPct);
  const baX = Number.isFinite(a.anchor.BA0) ? crossings(p.reservesBaPct, p.dates, inputs.ampleThresholdBaPct) : null;
  const sX = crossings(p.spreadBp, p.dates, 0);
  const name = preset?.name ?? (file !== undefined ? `${file.name} (${opts.scenario ?? ''})` : 'defaults (Fed RMP schedule)');
  if (opts.json) {
    const months = p.dates.map((d, t) => ({
      date: d,
      reservesBn: p.reserves[t],
      reservesGdpPct: p.reservesGdpPct[t],
      reservesBaPct: Number.isFinite(p.reservesBaPct[t] ?? Number.NaN) ? p.reservesBaPct[t] : null,
      somaBn: p.soma[t],
      billsBn: p.tb[t],
      assetsBn: p.assets[t],
      tgaBn: p.tga[t],
      onrrpBn: p.rrp[t],
      currencyBn: p.currency[t],
      netLiquidityBn: p.netLiquidity[t],
      srfBn: p.srf[t],
      spreadBp: p.spreadBp[t],
      effrImpliedPct: p.effrImpliedPct[t],
      regime: p.regime[t],
      slopeBpPerPp: p.slopeBpPerPp[t],
    }));
    console.log(
      JSON.stringify(
        {
          scenario: name,
          source: preset?.source ?? null,
          modelVersion: MODEL_VERSION,
          anchor: { ...a.anchor, BA0: Number.isFinite(a.anchor.BA0) ? a.anchor.BA0 : null, wednesday: a.wednesday, gdpQuarter: a.gdpQuarter, plugOnlBn: p.plugOnl, fallbacks: a.fallbacks },
          curve: { ...curve, label },
          inputs: { ...inputs, curve: undefined },
          dataDefaults: a.dataDefaultsNotes,
          crossings: { reservesGdp: gdpX, reservesBankAssets: baX, spreadAtOrAboveZero: sX },
          billPurchasesByYear: p.billPurchasesByYear,
          billIssuanceDefault: { note: issuanceDefaultNote(ctx.bills, a.anchor.date), ...(ctx.bills === null ? {} : { value: issuanceDefaultAt(ctx.bills, a.anchor.date) }) },
          months,
          actualVsProjected: backtest,
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(`Projection: ${name}${preset ? `\n  ${preset.source}` : ''}`);
  console.log(`anchor ${a.anchor.date} (stocks from the H.4.1 Wednesday ${a.wednesday}); GDP from ${a.gdpQuarter} rolled forward; curve ${label}`);
  for (const f of a.fallbacks) console.log(`  fallback: ${f}`);
  for (const n of a.dataDefaultsNotes) console.log(`  default: ${n}`);
  const rows = p.dates.map((d, t) => [d, (p.reserves[t] ?? 0).toFixed(0), (p.reservesGdpPct[t] ?? 0).toFixed(2), (p.tb[t] ?? 0).toFixed(0), (p.tga[t] ?? 0).toFixed(0), (p.rrp[t] ?? 0).toFixed(1), (p.netLiquidity[t] ?? 0).toFixed(0), (p.spreadBp[t] ?? 0).toFixed(2), `${p.regime[t] ?? ''} (${(p.slopeBpPerPp[t] ?? 0).toFixed(2)} bp/pp)`]);
  console.log(table(['month', 'reserves $bn', 'R/GDP %', 'bills $bn', 'TGA $bn', 'ON RRP $bn', 'net liq $bn', 'EFFR−IORB bp', 'regime (slope)'], rows.filter((_, t) => t % 3 === 0 || t === rows.length - 1), new Set([1, 2, 3, 4, 5, 6, 7])));
  const say = (what: string, c: ReturnType<typeof crossings>): string =>
    c.up ? `${what}: crosses up in ${c.up.date} (t = ${c.up.t}, t* = ${c.up.tStar.toFixed(3)}, ${c.up.value.toFixed(4)})` : `${what}: ${c.statusAtStart} at the anchor; no up-crossing within ${p.dates.length - 1} months (end ${c.valueAtEnd.toFixed(4)})`;
  console.log(say(`reserves/GDP ≥ ${inputs.ampleThresholdGdpPct}%`, gdpX));
  if (baX) console.log(say(`reserves/bank assets ≥ ${inputs.ampleThresholdBaPct}%`, baX));
  console.log(say('EFFR − IORB ≥ 0 bp', sX));
  if (backtest.length > 0) {
    console.log(`\nactual vs projected (actual: last H.4.1 Wednesday of the month; error = projected − actual; naive = no change from the anchor):`);
    console.log(table(['variable', 'horizon', 'month', 'projected', 'actual', 'error', 'naive error'], backtest.map((e) => [e.variable, `+${e.horizonMonths}m`, e.month, e.projected.toFixed(2), e.actual.toFixed(2), e.error.toFixed(2), e.naiveError === null ? '—' : e.naiveError.toFixed(2)]), new Set([3, 4, 5, 6])));
  }
  printBillYears(p.billPurchasesByYear, issuanceDefaultNote(ctx.bills, a.anchor.date));
}

export const ASOF_DEFAULT = (): IsoDate => new Date().toISOString().slice(0, 10) as IsoDate;

export function cmdFormula(db: Db, source: string | undefined, opts: { from?: string; to?: string; json: boolean }): void {
  if (source === undefined) throw new CommandError('formula needs an expression, e.g. formula "bp(SOFR, IORB)"');
  let value;
  let canonical: string;
  try {
    const ast = parseFormula(source);
    canonical = printFormula(ast);
    value = evaluateFormula(ast, storeFormulaEnv(db));
  } catch (e) {
    if (e instanceof FormulaError) throw new CommandError(e.describe(source));
    throw e;
  }
  const rows: { date: string; value: number }[] = [];
  if (value.series === null) rows.push({ date: '', value: value.scalar });
  else
    for (let i = 0; i < value.series.dates.length; i++) {
      const date = fromEpochDay(value.series.dates[i] ?? 0);
      const v = value.series.values[i] ?? Number.NaN;
      if ((opts.from && date < opts.from) || (opts.to && date > opts.to) || !Number.isFinite(v)) continue;
      rows.push({ date, value: Math.round(v * 1e9) / 1e9 });
    }
  if (opts.json) {
    console.log(JSON.stringify({ formula: canonical, unit: value.unit, observations: rows }, null, 2));
    return;
  }
  console.log(`${canonical}   [unit: ${value.unit}]`);
  console.log(table(['date', 'value'], rows.slice(-40).map((r) => [r.date, String(r.value)]), new Set([1])));
  if (rows.length > 40) console.log(`(${rows.length - 40} earlier rows not shown; use --from/--to or --json)`);
}
