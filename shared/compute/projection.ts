/**
 * The monthly projection engine of domain.md §4: state calibrated at an anchor (§4.2), inputs
 * (§4.3), the update in the order of §4.4, crossing detection (§4.5). Pure and deterministic, so a
 * saved scenario recomputes bit for bit; typed arrays and one pass so five 10-year scenarios fit
 * inside a frame.
 */
import { regimeForSlope, regimeWithHysteresis } from './regime-label.js';
import { ceilingShare, clipToCorridor, spreadAt, type Corridor, type CurveParams } from './demand-curve.js';
import { daysFromCivil, daysInMonth, type IsoDate } from '../time/iso-date.js';
import { billAbsorptionByYear, type BillsHistory, type BillYear } from './bill-absorption-years.js';

export const MODEL_VERSION = 1;

/** Stocks at the anchor, $bn (Wednesday levels ÷ 1000), plus denominators. */
export interface Anchor {
  /** Month-end of t = 0. */
  readonly date: IsoDate;
  readonly Tc: number;
  readonly Tb: number;
  readonly M: number;
  readonly OA: number;
  readonly C: number;
  readonly TGA: number;
  readonly RRP: number;
  readonly FRRP: number;
  readonly R0: number;
  readonly GDP0: number;
  /** NaN when bank assets are unknown (then R/BA is NaN). */
  readonly BA0: number;
}

/**
 * An anchor as it arrives over IPC or HTTP: JSON has no NaN, so an unknown bank-assets figure comes
 * back as null. Turned back into NaN here, at the one place anchors cross into the renderer.
 */
export function reviveAnchor(a: Anchor): Anchor {
  const ba: unknown = a.BA0;
  return typeof ba === 'number' ? a : { ...a, BA0: Number.NaN };
}

export interface RmpStep {
  /** First calendar month (YYYY-MM) at this pace. */
  readonly from: string;
  readonly perMonthBn: number;
}

export interface ScenarioInputs {
  /**
   * The H.4.1 Wednesday the scenario is anchored at (issue 14 §1); absent: the latest in the store.
   * The engine never reads it (it gets the anchor itself): the callers that build the anchor do, so a
   * saved scenario or a scenario file replays the moment it was made for.
   */
  readonly anchorWednesday?: IsoDate;
  readonly horizonYears: number;
  readonly qtEndDate: IsoDate;
  readonly capTsyBn: number;
  readonly capMbsBn: number;
  readonly mbsPaydownMode: 'fixed' | 'proportional';
  readonly mbsPaydownFixedBn: number;
  readonly mbsPaydownRatePctYr: number;
  readonly mbsReinvestShare: number;
  readonly rmpSchedule: readonly RmpStep[];
  readonly tgaMode: 'hold' | 'target' | 'path';
  readonly tgaTargetBn: number;
  readonly tgaGlideMonths: number;
  readonly tgaPathBn: readonly number[];
  readonly tgaAprilBumpBn: number;
  readonly onrrpFloorBn: number;
  readonly onrrpDecay: number;
  readonly currencyGrowthPctYr: number;
  readonly ngdpGrowthPctYr: number;
  readonly bankAssetsGrowthPctYr: number;
  readonly srfMode: 'exogenous' | 'ceiling';
  readonly srfUsageBn: number;
  readonly onlDriftBn: number;
  /** Net bill issuance by calendar year, $bn (for the private-absorption output). */
  readonly netBillIssuanceBn: Readonly<Record<string, number>>;
  readonly curve: CurveParams;
  readonly corridor: Corridor;
  /** IORB in percent, for EFFR implied = IORB + s/100. */
  readonly iorbPct: number;
  readonly ampleThresholdGdpPct: number;
  readonly ampleThresholdBaPct: number;
  /** |slope| below θ1 = abundant, below θ2 = ample, else scarce (bp per pp). */
  readonly regimeThetas: readonly [number, number];
}

export interface ProjectionPath {
  readonly dates: readonly IsoDate[];
  readonly soma: Float64Array;
  readonly tb: Float64Array;
  readonly tc: Float64Array;
  readonly m: Float64Array;
  readonly assets: Float64Array;
  readonly reserves: Float64Array;
  readonly reservesGdpPct: Float64Array;
  readonly reservesBaPct: Float64Array;
  readonly currency: Float64Array;
  readonly tga: Float64Array;
  readonly rrp: Float64Array;
  readonly netLiquidity: Float64Array;
  readonly srf: Float64Array;
  readonly spreadBp: Float64Array;
  readonly slopeBpPerPp: Float64Array;
  readonly effrImpliedPct: Float64Array;
  readonly billsShare: Float64Array;
  readonly gdp: Float64Array;
  readonly qtFraction: Float64Array;
  readonly regime: readonly ('abundant' | 'ample' | 'scarce')[];
  readonly plugOnl: number;
  /** Per calendar year; the anchor's year adds the months already in the data when a history is given (bill-absorption-years.ts). */
  readonly billPurchasesByYear: readonly BillYear[];
}

/** Month-end labels are built once per month index and reused: string building dominated the run time. */
const MONTH_END_CACHE = new Map<number, IsoDate>();
function monthEnd(y: number, m: number): IsoDate {
  const key = y * 12 + m;
  let d = MONTH_END_CACHE.get(key);
  if (d === undefined) {
    d = `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}` as IsoDate;
    MONTH_END_CACHE.set(key, d);
  }
  return d;
}

const dayMs = (d: IsoDate): number => Date.parse(`${d}T00:00:00Z`);

function qtFractionMs(qtEndMs: number, y: number, m: number): number {
  // daysFromCivil(y, m, 1) × 86,400,000 is Date.UTC(y, m − 1, 1), without a Date call per month.
  return Math.min(1, Math.max(0, (qtEndMs - daysFromCivil(y, m, 1) * 86_400_000) / 86_400_000 / daysInMonth(y, m)));
}

/** f_t = clamp((qt_end − first_day(t)) / days_in_month(t), 0, 1). */
export function qtFraction(qtEnd: IsoDate, y: number, m: number): number {
  return qtFractionMs(dayMs(qtEnd), y, m);
}

/** The schedule as (month index y·12 + m − 1, pace) pairs, so the monthly loop compares integers. */
function rmpSteps(schedule: readonly RmpStep[]): { idx: Int32Array; pace: Float64Array } {
  return {
    idx: Int32Array.from(schedule.map((s) => Number(s.from.slice(0, 4)) * 12 + Number(s.from.slice(5, 7)) - 1)),
    pace: Float64Array.from(schedule.map((s) => s.perMonthBn)),
  };
}

/**
 * Thrown by `project` for inputs no number can come out of (a denominator the curve needs is unknown,
 * an anchor figure is not finite). `validateScenario` (shared/model/scenario.ts) refuses these, and
 * everything else it refuses, with a message naming the field; the engine checks only what would
 * otherwise turn into NaN, so a caller that skipped validation gets an error instead of NaN.
 */
export class ProjectionInputError extends Error {}

/** N = 12 × horizon_years months (§4.1); validation requires a whole number of years in [1, 10]. */
export function horizonMonths(horizonYears: number): number {
  return Math.round(12 * Math.min(10, Math.max(1, horizonYears)));
}

/** Calendar year and month (1–12) of month t after an anchor month. */
export function monthAfter(anchorDate: IsoDate, t: number): { y: number; mo: number } {
  const mi = Number(anchorDate.slice(5, 7)) - 1 + t;
  return { y: Number(anchorDate.slice(0, 4)) + Math.floor(mi / 12), mo: (mi % 12) + 1 };
}

/** TGA_t per tga_mode plus the April bump (§4.3; step 6): one function, so the validator refuses exactly the months the engine would make negative. */
export function tgaAt(anchorTga: number, inp: Pick<ScenarioInputs, 'tgaMode' | 'tgaTargetBn' | 'tgaGlideMonths' | 'tgaPathBn' | 'tgaAprilBumpBn'>, t: number, month: number): number {
  let tga: number;
  if (inp.tgaMode === 'hold') tga = anchorTga;
  else if (inp.tgaMode === 'target') tga = anchorTga + ((inp.tgaTargetBn - anchorTga) * Math.min(t, inp.tgaGlideMonths)) / Math.max(1, inp.tgaGlideMonths);
  else tga = inp.tgaPathBn[Math.min(t, inp.tgaPathBn.length) - 1] ?? anchorTga;
  if (month === 4) tga += inp.tgaAprilBumpBn;
  return tga;
}

const ANCHOR_FIGURES = ['Tc', 'Tb', 'M', 'OA', 'C', 'TGA', 'RRP', 'FRRP', 'R0', 'GDP0'] as const;

function assertComputable(anchor: Anchor, inp: ScenarioInputs): void {
  for (const k of ANCHOR_FIGURES) if (!Number.isFinite(anchor[k])) throw new ProjectionInputError(`the anchor's ${k} is not a number`);
  if (!(anchor.GDP0 > 0)) throw new ProjectionInputError(`the anchor's GDP (${anchor.GDP0} $bn) must be positive`);
  if (inp.curve.basis === 'bank_assets' && !(anchor.BA0 > 0 && Number.isFinite(anchor.BA0)))
    throw new ProjectionInputError('curve.basis "bank_assets" needs bank assets (TLAACBW027SBOG) at the anchor, and there are none');
}

export function plugFor(a: Anchor): number {
  return a.Tc + a.Tb + a.M + a.OA - a.C - a.TGA - a.RRP - a.FRRP - a.R0;
}

/**
 * `bills` (the store's monthly bill history, from the projection context) completes the per-year bill
 * table: default net issuance for years without an assumption and the anchor year's actual months.
 * It changes no other output.
 */
export function project(anchor: Anchor, inp: ScenarioInputs, bills?: BillsHistory | null): ProjectionPath {
  assertComputable(anchor, inp);
  const N = horizonMonths(inp.horizonYears);
  const L = N + 1;
  const arr = (): Float64Array => new Float64Array(L);
  const out = {
    soma: arr(),
    tb: arr(),
    tc: arr(),
    m: arr(),
    assets: arr(),
    reserves: arr(),
    reservesGdpPct: arr(),
    reservesBaPct: arr(),
    currency: arr(),
    tga: arr(),
    rrp: arr(),
    netLiquidity: arr(),
    srf: arr(),
    spreadBp: arr(),
    slopeBpPerPp: arr(),
    effrImpliedPct: arr(),
    billsShare: arr(),
    gdp: arr(),
    qtFraction: arr(),
  };
  const dates: IsoDate[] = [];
  const regime: ('abundant' | 'ample' | 'scarce')[] = [];
  const ONL0 = plugFor(anchor);
  let Tc = anchor.Tc;
  let Tb = anchor.Tb;
  let M = anchor.M;
  let C = anchor.C;
  let TGA = anchor.TGA;
  let RRP = anchor.RRP;
  const FRRP = anchor.FRRP;
  let ONL = ONL0;
  const OA = anchor.OA;
  const y0 = Number(anchor.date.slice(0, 4));
  const m0 = Number(anchor.date.slice(5, 7));
  const den = (gdp: number, ba: number): number => (inp.curve.basis === 'gdp' ? gdp : ba);
  // A ceiling at or below α is never reached, so no finite lending holds it: validation refuses that
  // scenario; here it means no SRF lending rather than NaN reserves.
  const xCap = inp.srfMode === 'ceiling' ? ceilingShare(inp.curve, inp.corridor.capBp) : null;
  const cGrowth = (1 + inp.currencyGrowthPctYr / 100) ** (1 / 12);
  const years = new Map<number, number>();
  const yearMonths = new Map<number, number>();
  const qtEndMs = dayMs(inp.qtEndDate);
  const steps = rmpSteps(inp.rmpSchedule);
  const gdpBase = 1 + inp.ngdpGrowthPctYr / 100;
  const baBase = 1 + inp.bankAssetsGrowthPctYr / 100;

  const record = (t: number, y: number, mo: number, f: number, srf: number): void => {
    const gdp = anchor.GDP0 * gdpBase ** (t / 12);
    const ba = anchor.BA0 * baBase ** (t / 12);
    const soma = Tc + Tb + M;
    const aPre = soma + OA;
    const rPre = aPre - C - TGA - RRP - FRRP - ONL;
    let srfT = srf;
    if (t > 0 && xCap !== null) srfT = Math.max(0, (xCap * den(gdp, ba)) / 100 - rPre);
    const A = aPre + srfT;
    const R = t === 0 ? anchor.R0 : rPre + srfT;
    const xG = (100 * R) / gdp;
    const xB = (100 * R) / ba;
    const x = inp.curve.basis === 'gdp' ? xG : xB;
    // One exponential per month: the spread's, reused for the slope (slopeAt's own formula, so the
    // same bits) and for the regime label, which needs the curve again only when it would change.
    const sRaw = spreadAt(inp.curve, x);
    const s = clipToCorridor(sRaw, inp.corridor);
    const slope = -inp.curve.gamma * (sRaw - inp.curve.alpha);
    dates.push(monthEnd(y, mo));
    out.soma[t] = soma;
    out.tb[t] = Tb;
    out.tc[t] = Tc;
    out.m[t] = M;
    out.assets[t] = A;
    out.reserves[t] = R;
    out.reservesGdpPct[t] = xG;
    out.reservesBaPct[t] = xB;
    out.currency[t] = C;
    out.tga[t] = TGA;
    out.rrp[t] = RRP;
    out.netLiquidity[t] = A - TGA - RRP;
    out.srf[t] = srfT;
    out.spreadBp[t] = s;
    out.slopeBpPerPp[t] = slope;
    out.effrImpliedPct[t] = inp.iorbPct + s / 100;
    // No Treasuries at all (both run off or absent at the anchor): a share of nothing is reported as 0.
    out.billsShare[t] = Tb + Tc > 0 ? Tb / (Tb + Tc) : 0;
    out.gdp[t] = gdp;
    out.qtFraction[t] = f;
    // With hysteresis (regime-label.ts) so a share that barely moves around a threshold keeps its label.
    const prev = regime[regime.length - 1] ?? null;
    const raw = regimeForSlope(Math.abs(slope), inp.regimeThetas);
    regime.push(prev === null || raw === prev ? raw : regimeWithHysteresis(prev, inp.curve, x, inp.regimeThetas));
  };

  record(0, y0, m0, qtFractionMs(qtEndMs, y0, m0), 0);
  let stepAt = -1;
  for (let t = 1; t <= N; t++) {
    const mi = m0 - 1 + t;
    const y = y0 + Math.floor(mi / 12);
    const mo = (mi % 12) + 1;
    const monthIdx = y * 12 + mo - 1;
    while (stepAt + 1 < steps.idx.length && (steps.idx[stepAt + 1] ?? Infinity) <= monthIdx) stepAt++;
    // 1. QT fraction of the month.
    const f = qtFractionMs(qtEndMs, y, mo);
    // 2. MBS principal.
    const p = inp.mbsPaydownMode === 'fixed' ? Math.min(M, inp.mbsPaydownFixedBn) : Math.min(M, (M * inp.mbsPaydownRatePctYr) / 12 / 100);
    // 3. QT part: MBS runoff up to the cap, the excess reinvested in Treasuries (May-2024 rule).
    const runoffMbs = Math.min(p, inp.capMbsBn);
    const excessMbs = p - runoffMbs;
    // Runoff cannot exceed the coupons held (as MBS principal cannot exceed M): the stock never goes negative.
    const dTcQt = -Math.min(inp.capTsyBn, Tc) + excessMbs;
    // 4–5. Post-QT part: coupons rolled over; MBS principal and RMPs into bills.
    const rmp = stepAt >= 0 ? (steps.pace[stepAt] ?? 0) : 0;
    Tc += f * dTcQt;
    Tb += (1 - f) * (inp.mbsReinvestShare * p) + rmp * (1 - f);
    M -= p;
    years.set(y, (years.get(y) ?? 0) + (1 - f) * (rmp + inp.mbsReinvestShare * p));
    yearMonths.set(y, (yearMonths.get(y) ?? 0) + 1);
    // 6. Liabilities.
    C *= cGrowth;
    TGA = tgaAt(anchor.TGA, inp, t, mo);
    RRP = inp.onrrpFloorBn + (RRP - inp.onrrpFloorBn) * (1 - inp.onrrpDecay);
    ONL += inp.onlDriftBn;
    // 7–10. Denominators, reserves, SRF and outputs.
    record(t, y, mo, f, inp.srfMode === 'exogenous' ? inp.srfUsageBn : 0);
  }
  const billPurchasesByYear = billAbsorptionByYear(
    [...years.entries()].map(([year, fedBn]) => ({ year, fedBn, months: yearMonths.get(year) ?? 0 })),
    anchor.date,
    inp.netBillIssuanceBn,
    bills ?? null,
  );
  return { dates, ...out, regime, plugOnl: ONL0, billPurchasesByYear };
}

export interface Crossing {
  readonly threshold: number;
  readonly statusAtStart: 'already above' | 'already below';
  readonly up: { readonly t: number; readonly date: IsoDate; readonly value: number; readonly tStar: number } | null;
  readonly down: { readonly t: number; readonly date: IsoDate; readonly value: number; readonly tStar: number } | null;
  readonly valueAtEnd: number;
}

/** §4.5: first up-crossing (x_{t−1} < thr ≤ x_t) and first down-crossing (x_{t−1} ≥ thr > x_t). */
export function crossings(values: Float64Array, dates: readonly IsoDate[], thr: number): Crossing {
  let up: Crossing['up'] = null;
  let down: Crossing['down'] = null;
  for (let t = 1; t < values.length; t++) {
    const a = values[t - 1] ?? Number.NaN;
    const b = values[t] ?? Number.NaN;
    const tStar = t - 1 + (thr - a) / (b - a);
    if (up === null && a < thr && thr <= b) up = { t, date: dates[t] ?? ('' as IsoDate), value: b, tStar };
    if (down === null && a >= thr && thr > b) down = { t, date: dates[t] ?? ('' as IsoDate), value: b, tStar };
  }
  const x0 = values[0] ?? Number.NaN;
  return { threshold: thr, statusAtStart: x0 >= thr ? 'already above' : 'already below', up, down, valueAtEnd: values[values.length - 1] ?? Number.NaN };
}
