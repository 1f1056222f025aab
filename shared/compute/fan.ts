/**
 * The uncertainty fan of issue 14 §3: a seeded Monte Carlo over the projection engine. Each path
 * draws the demand curve's (α, β, γ) from the fit's covariance (multivariate normal via Cholesky),
 * nominal GDP growth, currency growth and the TGA level, runs `project` on them, and the fan is the
 * 10/25/50/75/90% quantiles per month of reserves, reserves/GDP and the implied spread, plus the
 * distribution of the month reserves/GDP first crosses the ample threshold.
 *
 * Pure (no DOM, no store): the renderer runs it in a Web Worker, tests and the bench in Node. The
 * same request (seed included) gives the same result bit for bit. The normals are drawn from the seed
 * in a fixed order whatever the sds are (common random numbers), so dragging an sd or a slider moves
 * the fan smoothly instead of re-shuffling it.
 */
import { cholesky } from './linalg.js';
import { clipToCorridor, spreadAt } from './demand-curve.js';
import { plugFor, project, tgaAt, type Anchor, type ProjectionPath, type ScenarioInputs } from './projection.js';
import type { IsoDate } from '../time/iso-date.js';

/** The quantiles every fan reports, in this order. */
export const FAN_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;
export const DEFAULT_FAN_PATHS = 500;
export const DEFAULT_FAN_SEED = 1;
export const MAX_FAN_PATHS = 5000;

/** The user's sd for each uncertain input (the lab's number fields). */
export interface FanSds {
  /**
   * Multiplier on the fit's covariance of the latest regime's (α, β, γ): 1 = the fit's own asymptotic
   * uncertainty, 0 = none. Above 1 is meaningful: that covariance ignores the weekly serial
   * correlation of the residuals and so understates the real uncertainty (demand-fit.ts).
   */
  readonly curveCovScale: number;
  readonly ngdpGrowthSdPctYr: number;
  readonly currencyGrowthSdPctYr: number;
  readonly tgaLevelSdBn: number;
}

/** What the fan needs from the store, carried in the projection context (ProjectionContextDto.fan). */
export interface FanContext {
  /** Covariance of [α of the latest regime, β, γ] from the fit; null when there is no fit or it is singular. */
  readonly curveCovariance: readonly (readonly number[])[] | null;
  readonly curveParameterNames: readonly string[];
  /** Sds from history (main/core/analysis/fan-defaults.ts); `notes` says how each was computed. */
  readonly defaults: FanSds;
  readonly notes: readonly string[];
}

/** Upper limits the lab's fields and `checkFanSds` share: far beyond any history, below nonsense. */
export const FAN_SD_LIMITS: Readonly<Record<keyof FanSds, number>> = { curveCovScale: 25, ngdpGrowthSdPctYr: 10, currencyGrowthSdPctYr: 10, tgaLevelSdBn: 1000 };

/** Null when every sd is a finite number in [0, limit]; else what is wrong, naming the field. */
export function checkFanSds(s: FanSds): string | null {
  for (const k of Object.keys(FAN_SD_LIMITS) as (keyof FanSds)[]) {
    const v = s[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > FAN_SD_LIMITS[k]) return `${k} must be a number from 0 to ${FAN_SD_LIMITS[k]} (got ${String(v)})`;
  }
  return null;
}

/**
 * Null when `c` is a finite, symmetric 3×3 matrix with a Cholesky factor (positive semi-definite);
 * else why not. Used where a covariance crosses a boundary (the saved setting, the DTO).
 */
export function checkCurveCovariance(c: unknown): string | null {
  if (!Array.isArray(c) || c.length !== 3) return 'the curve covariance must be a 3×3 matrix';
  const rows: number[][] = [];
  for (const row of c as unknown[]) {
    if (!Array.isArray(row) || row.length !== 3 || !row.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) return 'the curve covariance must be a 3×3 matrix of finite numbers';
    rows.push(row);
  }
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < i; j++) {
      const a = rows[i]?.[j] ?? Number.NaN;
      const b = rows[j]?.[i] ?? Number.NaN;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return 'the curve covariance must be symmetric';
    }
  return cholesky(rows) === null ? 'the curve covariance is not positive semi-definite' : null;
}

export interface FanRequest {
  readonly anchor: Anchor;
  readonly inputs: ScenarioInputs;
  readonly curveCovariance: readonly (readonly number[])[] | null;
  readonly sds: FanSds;
  readonly paths: number;
  readonly seed: number;
}

/** Five columns (one per FAN_QUANTILES entry), each one value per month t = 0 … N. */
export type FanBands = readonly Float64Array[];

/** When reserves/GDP first crosses the threshold, over the paths (§4.5 definition per path). */
export interface FanCrossing {
  /** 'down' = first month below (x_{t−1} ≥ thr > x_t), 'up' = first month at or above. */
  readonly direction: 'down' | 'up';
  /** Per FAN_QUANTILES entry: the first month by which that share of paths has crossed; null = not within the horizon. */
  readonly months: readonly { readonly q: number; readonly t: number | null; readonly date: IsoDate | null }[];
  /** Share of paths that do not cross within the horizon. */
  readonly neverShare: number;
}

export interface FanResult {
  readonly dates: readonly IsoDate[];
  readonly paths: number;
  readonly seed: number;
  readonly thresholdPct: number;
  /** Status of t = 0, the same on every path (the anchor is data). */
  readonly statusAtStart: 'already above' | 'already below';
  readonly reserves: FanBands;
  readonly reservesGdpPct: FanBands;
  readonly spreadBp: FanBands;
  readonly down: FanCrossing;
  readonly up: FanCrossing;
}

/** mulberry32: a 32-bit state, full period 2³², fast and well enough mixed for a few thousand normals. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // (0, 1]: never 0, so Box–Muller's log is always finite.
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967296;
  };
}

/** The normals a fan draws: six per path (see `pathInputs`), path after path, from `seed`. */
export function fanNormals(seed: number, paths: number): Float64Array {
  const out = new Float64Array(NORMALS_PER_PATH * paths);
  fillNormals(mulberry32(seed), out);
  return out;
}

const NORMALS_PER_PATH = 6;

/** Standard normals in pairs (Box–Muller), always two uniforms per pair so the stream stays aligned. */
function fillNormals(u: () => number, out: Float64Array): void {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const th = 2 * Math.PI * u();
    out[i] = r * Math.cos(th);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(th);
  }
}

/** Type-7 (linear) quantile of an ascending column: equal values give that value exactly. */
function quantileSorted(col: Float64Array, q: number): number {
  const h = (col.length - 1) * q;
  const lo = Math.floor(h);
  const a = col[lo] ?? Number.NaN;
  const frac = h - lo;
  return frac === 0 ? a : a + frac * ((col[lo + 1] ?? a) - a);
}

/**
 * The FAN_QUANTILES of each month's n values (column-major `all`). Paths keep nearly the same rank from
 * one month to the next (each holds its draws for the whole horizon), so each month is gathered in the
 * previous month's order and insertion-sorted: close to linear, where the native typed-array sort
 * took over half the fan's time. A month that reorders a lot falls back to the native sort; the
 * sorted values, hence the quantiles, are the same either way.
 */
function quantileColumns(all: Float64Array, n: number, L: number): Float64Array[] {
  const out = FAN_QUANTILES.map(() => new Float64Array(L));
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const col = new Float64Array(n);
  const maxShifts = 32 * n;
  for (let t = 0; t < L; t++) {
    const off = t * n;
    for (let i = 0; i < n; i++) col[i] = all[off + (perm[i] ?? 0)] ?? Number.NaN;
    let shifts = 0;
    for (let i = 1; i < n && shifts <= maxShifts; i++) {
      const v = col[i] ?? Number.NaN;
      const pv = perm[i] ?? 0;
      let j = i - 1;
      while (j >= 0 && (col[j] ?? Number.NaN) > v) {
        col[j + 1] = col[j] ?? Number.NaN;
        perm[j + 1] = perm[j] ?? 0;
        j--;
      }
      col[j + 1] = v;
      perm[j + 1] = pv;
      shifts += i - 1 - j;
    }
    // Still a permutation of the month's values (and `perm` still a permutation of the paths).
    if (shifts > maxShifts) col.sort();
    for (let k = 0; k < FAN_QUANTILES.length; k++) {
      const o = out[k];
      if (o !== undefined) o[t] = quantileSorted(col, FAN_QUANTILES[k] ?? 0.5);
    }
  }
  return out;
}

/** The curve's bounds in the fit (demand-fit.ts): a draw outside them would be a curve the fit cannot produce. */
const BETA_MIN = 0;
const BETA_MAX = 500;
const GAMMA_MIN = 0.01;
const GAMMA_MAX = 5;
/** A growth rate at or below −100%/yr has no monthly root; far beyond any sd the lab allows anyway. */
const GROWTH_MIN_PCT = -50;

/**
 * The inputs of path p from its six normals z: z0…z2 → (α, β, γ) = curve + √scale·L·z, z3 → NGDP
 * growth, z4 → currency growth, z5 → TGA level. Exported for the test that checks the draws.
 */
export function pathInputs(req: FanRequest, chol: readonly (readonly number[])[] | null, z: Float64Array): ScenarioInputs {
  const inp = req.inputs;
  const s = req.sds;
  let { alpha, beta, gamma } = inp.curve;
  // The covariance is the reserves/GDP fit's: it says nothing about a curve on reserves/bank assets.
  if (chol !== null && s.curveCovScale > 0 && inp.curve.basis === 'gdp') {
    const k = Math.sqrt(s.curveCovScale);
    const z0 = z[0] ?? 0;
    const z1 = z[1] ?? 0;
    const z2 = z[2] ?? 0;
    const r0 = chol[0] ?? [];
    const r1 = chol[1] ?? [];
    const r2 = chol[2] ?? [];
    alpha += k * ((r0[0] ?? 0) * z0);
    beta += k * ((r1[0] ?? 0) * z0 + (r1[1] ?? 0) * z1);
    gamma += k * ((r2[0] ?? 0) * z0 + (r2[1] ?? 0) * z1 + (r2[2] ?? 0) * z2);
    beta = Math.min(BETA_MAX, Math.max(BETA_MIN, beta));
    gamma = Math.min(GAMMA_MAX, Math.max(GAMMA_MIN, gamma));
  }
  const ngdp = Math.max(GROWTH_MIN_PCT, inp.ngdpGrowthPctYr + s.ngdpGrowthSdPctYr * (z[3] ?? 0));
  const cur = Math.max(GROWTH_MIN_PCT, inp.currencyGrowthPctYr + s.currencyGrowthSdPctYr * (z[4] ?? 0));
  const dTga = s.tgaLevelSdBn * (z[5] ?? 0);
  // The TGA at t = 0 is data; what is uncertain is where Treasury's cash policy takes it. So each path
  // glides from the anchor to the scenario's level shifted by its draw: "hold" becomes a glide to the
  // anchor level + draw over the scenario's glide months (3 by default, about one refunding quarter),
  // "target" shifts the target, "path" shifts every month. Never below zero (the Treasury's account
  // cannot be overdrawn). With a zero sd the path is the deterministic one exactly (+0 everywhere).
  const tga: Partial<ScenarioInputs> =
    inp.tgaMode === 'hold'
      ? { tgaMode: 'target', tgaTargetBn: Math.max(0, req.anchor.TGA + dTga) }
      : inp.tgaMode === 'target'
        ? { tgaTargetBn: Math.max(0, inp.tgaTargetBn + dTga) }
        : { tgaPathBn: inp.tgaPathBn.map((v) => Math.max(0, v + dTga)) };
  return { ...inp, ...tga, curve: { ...inp.curve, alpha, beta, gamma }, ngdpGrowthPctYr: ngdp, currencyGrowthPctYr: cur };
}

/**
 * What a fan path shares with the scenario's deterministic path: none of the drawn inputs (curve,
 * NGDP and currency growth, TGA) touches the asset side, ON RRP or the other liabilities, so those are
 * taken once from `project` and each path recomputes only reserves, its ratio and the spread.
 */
export interface LightBase {
  readonly L: number;
  /** SOMA + other assets before SRF lending, $bn (the engine's aPre). */
  readonly aPre: Float64Array;
  readonly rrp: Float64Array;
  /** Other liabilities (the plug plus its drift), $bn. */
  readonly onl: Float64Array;
  readonly month: Int32Array;
}

export function lightBase(anchor: Anchor, inp: ScenarioInputs, base: ProjectionPath): LightBase {
  const L = base.dates.length;
  const aPre = new Float64Array(L);
  const onl = new Float64Array(L);
  const month = new Int32Array(L);
  let o = plugFor(anchor);
  for (let t = 0; t < L; t++) {
    if (t > 0) o += inp.onlDriftBn;
    // The same operations in the same order as the engine (soma = Tc + Tb + M, then + OA), so each
    // double is the engine's bit for bit.
    aPre[t] = (base.soma[t] ?? Number.NaN) + anchor.OA;
    onl[t] = o;
    month[t] = Number((base.dates[t] ?? '').slice(5, 7));
  }
  return { L, aPre, rrp: base.rrp, onl, month };
}

/**
 * The engine's reserves, reserves/GDP and spread for inputs that differ from the base scenario only in
 * the drawn fields, exogenous SRF only (with the SRF lending at the ceiling the lending depends on
 * the curve and GDP, so `fan` runs the full engine). Written into column-major buffers at path p of
 * n; test/shared/compute/fan.test.ts checks it against `project` bit for bit.
 */
export function lightPath(anchor: Anchor, inp: ScenarioInputs, b: LightBase, p: number, n: number, outR: Float64Array, outX: Float64Array, outS: Float64Array): void {
  const cGrowth = (1 + inp.currencyGrowthPctYr / 100) ** (1 / 12);
  const gdpBase = 1 + inp.ngdpGrowthPctYr / 100;
  const baBase = 1 + inp.bankAssetsGrowthPctYr / 100;
  const gdpBasis = inp.curve.basis === 'gdp';
  let C = anchor.C;
  let TGA = anchor.TGA;
  for (let t = 0; t < b.L; t++) {
    if (t > 0) {
      C *= cGrowth;
      TGA = tgaAt(anchor.TGA, inp, t, b.month[t] ?? 0);
    }
    const gdp = anchor.GDP0 * gdpBase ** (t / 12);
    const srfT = t === 0 ? 0 : inp.srfUsageBn;
    const rPre = (b.aPre[t] ?? Number.NaN) - C - TGA - (b.rrp[t] ?? Number.NaN) - anchor.FRRP - (b.onl[t] ?? Number.NaN);
    const R = t === 0 ? anchor.R0 : rPre + srfT;
    const xG = (100 * R) / gdp;
    const x = gdpBasis ? xG : (100 * R) / (anchor.BA0 * baBase ** (t / 12));
    const i = t * n + p;
    outR[i] = R;
    outX[i] = xG;
    outS[i] = clipToCorridor(spreadAt(inp.curve, x), inp.corridor);
  }
}

function crossingDistribution(firstT: Int32Array, dates: readonly IsoDate[], direction: 'down' | 'up'): FanCrossing {
  // "Never" sorts last (as +∞): the q-quantile is the first month by which a share q of all paths has
  // crossed (the inverse of the empirical distribution), null when fewer than q cross at all.
  const n = firstT.length;
  const sorted = Float64Array.from(firstT, (t) => (t < 0 ? Number.POSITIVE_INFINITY : t)).sort();
  let never = 0;
  for (let i = 0; i < n; i++) if ((firstT[i] ?? -1) < 0) never++;
  const months = FAN_QUANTILES.map((q) => {
    const v = sorted[Math.max(0, Math.ceil(q * n) - 1)] ?? Number.POSITIVE_INFINITY;
    const t = Number.isFinite(v) ? v : null;
    return { q, t, date: t === null ? null : (dates[t] ?? null) };
  });
  return { direction, months, neverShare: n === 0 ? 0 : never / n };
}

/**
 * Runs the fan. Throws on an invalid request (sds out of range, a covariance that is not 3×3 PSD,
 * path count outside 1 … MAX_FAN_PATHS); `project` throws ProjectionInputError as it always does.
 */
export function fan(req: FanRequest): FanResult {
  const sdProblem = checkFanSds(req.sds);
  if (sdProblem !== null) throw new Error(sdProblem);
  if (!Number.isInteger(req.paths) || req.paths < 1 || req.paths > MAX_FAN_PATHS) throw new Error(`paths must be a whole number from 1 to ${MAX_FAN_PATHS}`);
  if (req.curveCovariance !== null) {
    const c = checkCurveCovariance(req.curveCovariance);
    if (c !== null) throw new Error(c);
  }
  const chol = req.curveCovariance === null ? null : cholesky(req.curveCovariance);
  const n = req.paths;
  const thr = req.inputs.ampleThresholdGdpPct;
  const normals = fanNormals(req.seed, n);
  // The deterministic path: the months, and what every path shares (lightBase).
  const base = project(req.anchor, req.inputs);
  const dates = base.dates;
  const L = dates.length;
  const light = req.inputs.srfMode === 'exogenous' ? lightBase(req.anchor, req.inputs, base) : null;
  // Column-major (month t's n values contiguous), so each month's quantiles sort one subarray in place.
  const res = new Float64Array(L * n);
  const ratio = new Float64Array(L * n);
  const spread = new Float64Array(L * n);
  const downT = new Int32Array(n);
  const upT = new Int32Array(n);
  const statusAtStart: FanResult['statusAtStart'] = (base.reservesGdpPct[0] ?? Number.NaN) >= thr ? 'already above' : 'already below';
  for (let p = 0; p < n; p++) {
    const inp = pathInputs(req, chol, normals.subarray(NORMALS_PER_PATH * p, NORMALS_PER_PATH * (p + 1)));
    if (light !== null) lightPath(req.anchor, inp, light, p, n, res, ratio, spread);
    else {
      const path = project(req.anchor, inp);
      for (let t = 0; t < L; t++) {
        const i = t * n + p;
        res[i] = path.reserves[t] ?? Number.NaN;
        ratio[i] = path.reservesGdpPct[t] ?? Number.NaN;
        spread[i] = path.spreadBp[t] ?? Number.NaN;
      }
    }
    // §4.5 per path (as `crossings`): first down (x_{t−1} ≥ thr > x_t) and first up (x_{t−1} < thr ≤ x_t).
    let down = -1;
    let up = -1;
    for (let t = 1; t < L && (down < 0 || up < 0); t++) {
      const a = ratio[(t - 1) * n + p] ?? Number.NaN;
      const b = ratio[t * n + p] ?? Number.NaN;
      if (down < 0 && a >= thr && thr > b) down = t;
      if (up < 0 && a < thr && thr <= b) up = t;
    }
    downT[p] = down;
    upT[p] = up;
  }
  const bands = (all: Float64Array): Float64Array[] => quantileColumns(all, n, L);
  return {
    dates,
    paths: n,
    seed: req.seed,
    thresholdPct: thr,
    statusAtStart,
    reserves: bands(res),
    reservesGdpPct: bands(ratio),
    spreadBp: bands(spread),
    down: crossingDistribution(downT, dates, 'down'),
    up: crossingDistribution(upT, dates, 'up'),
  };
}

const ym = (d: IsoDate | null): string => (d === null ? '' : d.slice(0, 7));

/**
 * The crossing in words, in the direction that matters from the start: "falls below" when reserves/GDP
 * starts above the threshold, "reaches" when it starts below. E.g. "falls below 10% — 50%: 2027-05;
 * 10–90%: 2026-11 … 2028-02; 12% of paths never within the horizon (500 paths, seed 1)".
 */
export function fanCrossingText(f: FanResult): string {
  const c = f.statusAtStart === 'already above' ? f.down : f.up;
  const verb = c.direction === 'down' ? 'falls below' : 'reaches';
  const last = ym(f.dates[f.dates.length - 1] ?? null);
  const at = (q: number): string => {
    const m = c.months.find((x) => x.q === q);
    return m === undefined || m.date === null ? `after ${last}` : ym(m.date);
  };
  const never = `${Math.round(100 * c.neverShare)}% of paths never within the horizon (to ${last})`;
  const tail = `${f.paths} paths, seed ${f.seed}`;
  if (c.neverShare >= 1) return `reserves/GDP ${verb} ${f.thresholdPct}% on no path within the horizon (to ${last}; ${tail})`;
  return `reserves/GDP ${verb} ${f.thresholdPct}% — 50%: ${at(0.5)}; 10–90%: ${at(0.1)} … ${at(0.9)}; ${never} (${tail})`;
}
