/**
 * `solve`: the one input that meets a target (issue 14 §2), on the same anchor, defaults and curve as
 * `project`, with the answer in words and a scenario file `project --scenario FILE` imports as it is.
 */
import { findPreset, PRESETS } from '../../../shared/compute/presets.js';
import type { ScenarioInputs } from '../../../shared/compute/projection.js';
import { firstMonthAfter, solve, SolveError, type SolveGoal, type SolveResult } from '../../../shared/compute/solve.js';
import { projectScenario, SCENARIO_FORMAT, type ScenarioOverrides } from '../../../shared/model/scenario.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import { projectionContext } from '../analysis/projection-context.js';
import type { Db } from '../db/open-database.js';
import { CommandError } from './analysis-commands.js';

export interface SolveOptions {
  readonly target?: string;
  readonly hold?: string;
  readonly floor?: string;
  readonly solveFor?: string;
  readonly by?: string;
  readonly from?: string;
  readonly preset?: string;
  /** An H.4.1 Wednesday to anchor at (default: the latest), as `anchorFromStore(db, { at })` takes it. */
  readonly anchor?: string;
  readonly json: boolean;
}

const num = (s: string, what: string): number => {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new CommandError(`${what} ${s} is not a number`);
  return v;
};

function byDate(opts: SolveOptions, anchorDate: IsoDate, horizonYears: number): IsoDate {
  if (opts.by !== undefined) {
    if (!isIsoDate(opts.by)) throw new CommandError(`--by ${opts.by} is not a date (YYYY-MM-DD)`);
    return opts.by;
  }
  // No date: the end of the scenario's horizon.
  const y = Number(anchorDate.slice(0, 4)) + horizonYears;
  return `${y}${anchorDate.slice(4)}` as IsoDate;
}

/** The goal from the flags: exactly one of --target, --hold, --floor. */
export function goalFromOptions(opts: SolveOptions, anchorDate: IsoDate, horizonYears: number): SolveGoal {
  const given = [opts.target, opts.hold, opts.floor].filter((x) => x !== undefined).length;
  if (given !== 1) throw new CommandError('solve needs exactly one of --target reserves-gdp=PP, --target spread<=BP, --hold reserves-gdp, --floor reserves=BN --solve-for tga');
  const fromMonth = opts.from ?? firstMonthAfter(anchorDate);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(fromMonth)) throw new CommandError(`--from ${fromMonth} must be a month (YYYY-MM): the first month at the solved RMP pace`);
  // A month before the projection starts would replace every RMP step in the scenario, the past ones
  // included, while changing nothing before the anchor (found: --from 2024-01 dropped the preset's steps).
  const first = firstMonthAfter(anchorDate);
  if (fromMonth < first) throw new CommandError(`--from ${fromMonth} is before the first projected month (${first}, after the anchor ${anchorDate}): the solved pace can only start then or later`);
  if (opts.floor !== undefined) {
    const m = /^reserves=(.+)$/.exec(opts.floor);
    if (!m?.[1]) throw new CommandError(`--floor ${opts.floor} must be reserves=BN (a floor in $bn)`);
    if (opts.solveFor !== 'tga') throw new CommandError('--floor reserves=BN is solved for the TGA level: add --solve-for tga');
    return { kind: 'reserves-floor-tga', floorBn: num(m[1], '--floor reserves=') };
  }
  if (opts.solveFor !== undefined && opts.solveFor !== 'rmp') throw new CommandError(`--solve-for ${opts.solveFor}: targets and --hold are solved for the RMP pace (rmp)`);
  const by = byDate(opts, anchorDate, horizonYears);
  if (opts.hold !== undefined) {
    if (opts.hold !== 'reserves-gdp') throw new CommandError(`--hold ${opts.hold}: only reserves-gdp can be held`);
    return { kind: 'hold-reserves-gdp', by, fromMonth };
  }
  const t = opts.target ?? '';
  const g = /^reserves-gdp=(.+)$/.exec(t);
  if (g?.[1]) return { kind: 'reserves-gdp', targetPct: num(g[1], '--target reserves-gdp='), by, fromMonth };
  const s = /^spread<=(.+)$/.exec(t);
  if (s?.[1]) return { kind: 'spread-max', maxBp: num(s[1], '--target spread<='), by, fromMonth };
  throw new CommandError(`--target ${t} must be reserves-gdp=PP or spread<=BP`);
}

const f2 = (x: number): string => x.toFixed(2);

/** The answer as a sentence; unreachable answers give the range the input can reach. */
export function describeSolve(r: SolveResult, growth: number | null = null): string {
  const g = r.goal;
  const [m0, m1] = r.range.metric;
  if (g.kind === 'reserves-floor-tga') {
    if (r.status === 'unreachable') return `Unreachable: even a TGA of $0bn leaves reserves at a low of $${m0.toFixed(1)}bn, below the $${g.floorBn}bn floor (a TGA of $0–3000bn gives lows of $${m1.toFixed(1)}–${m0.toFixed(1)}bn).`;
    if (r.status === 'not-binding') return `Not binding: even a TGA of $${r.value ?? 0}bn keeps reserves at or above $${g.floorBn}bn (low $${(r.metric ?? 0).toFixed(1)}bn).`;
    return `A TGA level of at most $${(r.value ?? 0).toFixed(1)}bn (tgaMode "target") keeps reserves at or above $${g.floorBn}bn through the horizon (low $${(r.metric ?? 0).toFixed(1)}bn).`;
  }
  const from = g.fromMonth;
  if (g.kind === 'spread-max') {
    if (r.status === 'unreachable') return `Unreachable: the highest implied EFFR − IORB to ${g.by} is ${f2(m1)} bp even at $1000bn/month from ${from} (range ${f2(m1)} to ${f2(m0)} bp for $0–1000bn/month), above ${g.maxBp} bp.`;
    if (r.status === 'not-binding') return `Not binding: with no RMP purchases from ${from} the implied EFFR − IORB stays at or below ${g.maxBp} bp to ${g.by} (high ${f2(r.metric ?? 0)} bp).`;
    return `An RMP pace of $${(r.value ?? 0).toFixed(3)}bn/month from ${from} keeps the implied EFFR − IORB at or below ${g.maxBp} bp to ${g.by} (high ${f2(r.metric ?? 0)} bp).`;
  }
  const what = g.kind === 'reserves-gdp' ? `reserves/GDP of ${g.targetPct}%` : `reserves/GDP held at the anchor's ${f2(r.target)}%`;
  if (r.status === 'unreachable') return `Unreachable: a constant RMP pace of $0–1000bn/month from ${from} gives reserves/GDP of ${f2(m0)}–${f2(m1)}% at ${g.by}, which does not include ${f2(r.target)}%.`;
  const pace = r.value ?? 0;
  const perYear = g.kind === 'hold-reserves-gdp' && growth !== null ? `: reserves must grow about $${growth.toFixed(0)}bn a year to keep pace with GDP, and with the other drains (currency, TGA, ON RRP, runoff) that takes $${(pace * 12).toFixed(0)}bn a year of purchases` : '';
  return `A constant RMP pace of $${pace.toFixed(3)}bn/month ($${(pace * 12).toFixed(1)}bn/year) from ${from} gives ${what} at ${g.by} (${(r.metric ?? 0).toFixed(4)}%)${perYear}.`;
}

/** The scenario file: the preset's overrides plus the solved input, so `project --scenario` runs exactly what was solved. */
export function solveScenario(name: string, presetOverrides: ScenarioOverrides, r: SolveResult): { format: string; version: 1; name: string; inputs: ScenarioOverrides } {
  return { format: SCENARIO_FORMAT, version: 1, name: name.slice(0, 80), inputs: { ...presetOverrides, ...r.overrides } };
}

export function cmdSolve(db: Db, opts: SolveOptions): void {
  const preset = opts.preset === undefined ? undefined : findPreset(opts.preset);
  if (opts.preset !== undefined && preset === undefined) throw new CommandError(`unknown preset ${opts.preset}; presets: ${PRESETS.map((p) => `"${p.name}"`).join(', ')}`);
  if (opts.anchor !== undefined && !isIsoDate(opts.anchor)) throw new CommandError(`--anchor ${opts.anchor} is not a date (YYYY-MM-DD)`);
  const ctx = projectionContext(db, opts.anchor !== undefined ? { at: opts.anchor } : undefined);
  const anchor = ctx.anchor.anchor;
  const presetOverrides: ScenarioOverrides = preset?.overrides ?? {};
  const inputs: ScenarioInputs = { ...ctx.inputs, ...presetOverrides };
  // The starting scenario must be computable (the same rules as project), or no answer means anything.
  const start = projectScenario(anchor, inputs);
  if (!start.ok) throw new CommandError(`cannot solve on ${preset?.name ?? 'the defaults'}: ${start.error}`);
  const goal = goalFromOptions(opts, anchor.date, inputs.horizonYears);
  let r: SolveResult;
  try {
    r = solve(anchor, inputs, goal);
  } catch (e) {
    if (e instanceof SolveError) throw new CommandError(e.message);
    throw e;
  }
  // The answer as project will run it: validated and checked (no negative reserves).
  const check = r.status === 'unreachable' ? null : projectScenario(anchor, { ...inputs, ...r.overrides });
  const checkError = check !== null && !check.ok ? check.error : null;
  // Reserves growth per year from the anchor to --by, on the solved run: the "$bn a year to keep pace with GDP" figure.
  const t = r.byMonth;
  const growthBnYr = check !== null && check.ok && t !== null ? (((check.value.reserves[t] ?? 0) - (check.value.reserves[0] ?? 0)) * 12) / t : null;
  const words = describeSolve(r, growthBnYr);
  const scenario = r.status === 'unreachable' ? null : solveScenario(`solve: ${opts.target ?? opts.hold ?? opts.floor ?? ''} (${preset?.name ?? 'defaults'})`, presetOverrides, r);
  if (opts.json) {
    console.log(
      JSON.stringify(
        {
          anchor: anchor.date,
          base: preset?.name ?? 'defaults (Fed RMP schedule)',
          goal,
          status: r.status,
          input: r.input,
          value: r.value,
          ...(r.input === 'rmp-pace' && r.value !== null ? { perYearBn: r.value * 12 } : {}),
          ...(growthBnYr !== null ? { reservesGrowthBnPerYear: growthBnYr } : {}),
          metric: r.metric,
          target: r.target,
          unit: r.unit,
          achievable: r.range,
          evaluations: r.evaluations,
          answer: words,
          projectRefused: checkError,
          scenario,
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(`Solve on ${preset?.name ?? 'the defaults (Fed RMP schedule)'}, anchor ${anchor.date}; curve ${ctx.curveLabel}`);
  console.log(words);
  if (checkError !== null) console.log(`note: project refuses this answer: ${checkError}`);
  if (scenario !== null) console.log(`scenario (save as a file for project --scenario FILE):\n${JSON.stringify(scenario, null, 2)}`);
}
