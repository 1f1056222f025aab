/**
 * Scenario files: overrides of the projection inputs, validated field by field. Unknown keys, wrong
 * types, non-finite numbers and fractional counts are refused with the path of the fault; the result is
 * a fresh object, so `__proto__` or `constructor` keys in a file can never reach a prototype.
 *
 * `validateScenario` then checks the merged inputs against the anchor for what cannot be computed
 * (a ceiling the curve never reaches, a missing denominator, a TGA that goes negative), and
 * `projectScenario` also refuses a run whose reserves go negative: one set of rules for the app, the
 * command line and the tests.
 */
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { ceilingShare } from '../compute/demand-curve.js';
import { horizonMonths, monthAfter, project, tgaAt, type Anchor, type ProjectionPath, type RmpStep, type ScenarioInputs } from '../compute/projection.js';
import type { BillsHistory } from '../compute/bill-absorption-years.js';
import { isIsoDate, weekday, type IsoDate } from '../time/iso-date.js';
import { checkName } from './names.js';

export const SCENARIO_FORMAT = 'reservoir-scenario';
export const MAX_SCENARIO_BYTES = 1_000_000;

type NumKey = { [K in keyof ScenarioInputs]-?: ScenarioInputs[K] extends number ? K : never }[keyof ScenarioInputs];

const NUMBERS: Readonly<Record<NumKey, readonly [number, number]>> = {
  horizonYears: [1, 10],
  capTsyBn: [0, 500],
  capMbsBn: [0, 500],
  mbsPaydownFixedBn: [0, 500],
  mbsPaydownRatePctYr: [0, 100],
  mbsReinvestShare: [0, 1],
  tgaTargetBn: [0, 3000],
  tgaGlideMonths: [1, 120],
  tgaAprilBumpBn: [-1000, 1000],
  onrrpFloorBn: [0, 3000],
  onrrpDecay: [0, 1],
  currencyGrowthPctYr: [-50, 50],
  ngdpGrowthPctYr: [-50, 50],
  bankAssetsGrowthPctYr: [-50, 50],
  srfUsageBn: [0, 3000],
  onlDriftBn: [-1000, 1000],
  iorbPct: [-1, 25],
  ampleThresholdGdpPct: [0, 100],
  ampleThresholdBaPct: [0, 100],
};

/** Counts: the engine steps whole months, so 2.5 years or a 2.5-month glide cannot be computed as written. */
const INTEGERS: ReadonlySet<NumKey> = new Set<NumKey>(['horizonYears', 'tgaGlideMonths']);

export type ScenarioOverrides = { -readonly [K in keyof ScenarioInputs]?: ScenarioInputs[K] };

function num(v: Json | undefined, path: string, [lo, hi]: readonly [number, number], integer = false): Result<number> {
  if (typeof v !== 'number' || !Number.isFinite(v)) return err(`${path} must be a finite number`);
  if (integer && !Number.isInteger(v)) return err(`${path} = ${v} must be a whole number`);
  if (v < lo || v > hi) return err(`${path} = ${v} is outside [${lo}, ${hi}]`);
  return ok(v);
}

export function parseScenarioOverrides(body: Json): Result<ScenarioOverrides> {
  if (!isObject(body)) return err('a scenario must be a JSON object');
  const out: ScenarioOverrides = {};
  for (const key of Object.keys(body)) {
    const v = body[key];
    const path = `inputs.${key}`;
    if (Object.prototype.hasOwnProperty.call(NUMBERS, key)) {
      const r = num(v, path, NUMBERS[key as NumKey], INTEGERS.has(key as NumKey));
      if (!r.ok) return r;
      out[key as NumKey] = r.value;
      continue;
    }
    switch (key) {
      case 'anchorWednesday':
        if (typeof v !== 'string' || !isIsoDate(v) || weekday(v) !== 3) return err(`${path} must be an H.4.1 Wednesday (YYYY-MM-DD)`);
        out.anchorWednesday = v;
        break;
      case 'qtEndDate':
        if (typeof v !== 'string' || !isIsoDate(v)) return err(`${path} must be a date (YYYY-MM-DD)`);
        out.qtEndDate = v as IsoDate;
        break;
      case 'mbsPaydownMode':
        if (v !== 'fixed' && v !== 'proportional') return err(`${path} must be "fixed" or "proportional"`);
        out.mbsPaydownMode = v;
        break;
      case 'tgaMode':
        if (v !== 'hold' && v !== 'target' && v !== 'path') return err(`${path} must be "hold", "target" or "path"`);
        out.tgaMode = v;
        break;
      case 'srfMode':
        if (v !== 'exogenous' && v !== 'ceiling') return err(`${path} must be "exogenous" or "ceiling"`);
        out.srfMode = v;
        break;
      case 'tgaPathBn': {
        if (!Array.isArray(v) || v.length > 120) return err(`${path} must be an array of at most 120 numbers`);
        const path2: number[] = [];
        for (let i = 0; i < v.length; i++) {
          const r = num(v[i], `${path}[${i}]`, [0, 3000]);
          if (!r.ok) return r;
          path2.push(r.value);
        }
        out.tgaPathBn = path2;
        break;
      }
      case 'rmpSchedule': {
        if (!Array.isArray(v) || v.length > 240) return err(`${path} must be an array of at most 240 steps`);
        const steps: RmpStep[] = [];
        for (let i = 0; i < v.length; i++) {
          const s = v[i];
          if (!isObject(s) || typeof s['from'] !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(s['from'])) return err(`${path}[${i}].from must be a month (YYYY-MM)`);
          const r = num(s['perMonthBn'], `${path}[${i}].perMonthBn`, [0, 1000]);
          if (!r.ok) return r;
          if (i > 0 && s['from'] <= (steps[i - 1]?.from ?? '')) return err(`${path} must be in increasing month order`);
          steps.push({ from: s['from'], perMonthBn: r.value });
        }
        out.rmpSchedule = steps;
        break;
      }
      case 'netBillIssuanceBn': {
        if (!isObject(v)) return err(`${path} must map years to $bn`);
        const m: Record<string, number> = {};
        for (const y of Object.keys(v)) {
          if (!/^\d{4}$/.test(y)) return err(`${path} keys must be years`);
          const r = num(v[y], `${path}.${y}`, [-5000, 10000]);
          if (!r.ok) return r;
          m[y] = r.value;
        }
        out.netBillIssuanceBn = m;
        break;
      }
      case 'curve': {
        if (!isObject(v)) return err(`${path} must be an object`);
        const a = num(v['alpha'], `${path}.alpha`, [-500, 500]);
        const b = num(v['beta'], `${path}.beta`, [0, 500]);
        const g = num(v['gamma'], `${path}.gamma`, [0.001, 10]);
        const x = num(v['xRef'], `${path}.xRef`, [0, 100]);
        for (const r of [a, b, g, x]) if (!r.ok) return r;
        if (v['basis'] !== 'gdp' && v['basis'] !== 'bank_assets') return err(`${path}.basis must be "gdp" or "bank_assets"`);
        out.curve = { alpha: a.ok ? a.value : 0, beta: b.ok ? b.value : 0, gamma: g.ok ? g.value : 0, xRef: x.ok ? x.value : 0, basis: v['basis'] };
        break;
      }
      case 'corridor': {
        if (!isObject(v)) return err(`${path} must be an object`);
        const f = num(v['floorBp'], `${path}.floorBp`, [-500, 500]);
        const c = num(v['capBp'], `${path}.capBp`, [-500, 500]);
        const al = num(v['capAllowanceBp'], `${path}.capAllowanceBp`, [0, 500]);
        for (const r of [f, c, al]) if (!r.ok) return r;
        out.corridor = { floorBp: f.ok ? f.value : 0, capBp: c.ok ? c.value : 0, capAllowanceBp: al.ok ? al.value : 0 };
        break;
      }
      case 'regimeThetas': {
        if (!Array.isArray(v) || v.length !== 2) return err(`${path} must be two numbers`);
        const t1 = num(v[0], `${path}[0]`, [0, 100]);
        const t2 = num(v[1], `${path}[1]`, [0, 100]);
        if (!t1.ok) return t1;
        if (!t2.ok) return t2;
        out.regimeThetas = [t1.value, t2.value];
        break;
      }
      default:
        return err(`${path} is not a scenario input`);
    }
  }
  return ok(out);
}

export interface ScenarioFile {
  readonly name: string;
  readonly overrides: ScenarioOverrides;
}

/**
 * Reads a scenario file: `{ format: "reservoir-scenario", version: 1, name, inputs }`. The size is
 * checked before parsing; every failure says what is wrong and that nothing was imported.
 */
export function parseScenarioFile(text: string): Result<ScenarioFile> {
  // Characters ≥ bytes/3 for UTF-8; the exact byte count is checked by the caller that has the bytes.
  if (text.length > MAX_SCENARIO_BYTES) return err(`the file is over ${MAX_SCENARIO_BYTES} bytes; nothing was imported`);
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch (e) {
    return err(`not a scenario file: the JSON does not parse (${e instanceof Error ? e.message : 'syntax error'}); nothing was imported`);
  }
  if (!isObject(body) || body['format'] !== SCENARIO_FORMAT) return err(`not a scenario file: "format" must be "${SCENARIO_FORMAT}"; nothing was imported`);
  if (body['version'] !== 1) return err(`scenario file version ${JSON.stringify(body['version'] ?? null)} is not supported (expected 1); nothing was imported`);
  // The same name rule as save and rename (names.ts): a file must not bring in what the app refuses.
  const name = checkName(body['name'], 'the scenario name');
  if (!name.ok) return err(`${name.error}; nothing was imported`);
  const overrides = parseScenarioOverrides(body['inputs'] ?? null);
  if (!overrides.ok) return err(`${overrides.error}; nothing was imported`);
  return ok({ name: name.value, overrides: overrides.value });
}

export function serializeScenarioFile(name: string, inputs: ScenarioOverrides, meta: Readonly<Record<string, string | number>> = {}): string {
  return `${JSON.stringify({ format: SCENARIO_FORMAT, version: 1, name, ...meta, inputs }, null, 2)}\n`;
}

/** Far above any balance sheet ($10 quadrillion), and low enough that every product in the engine stays finite. */
const MAX_ANCHOR_BN = 1e7;

const ANCHOR_STOCKS: Readonly<Record<'Tc' | 'Tb' | 'M' | 'OA' | 'C' | 'TGA' | 'RRP' | 'FRRP' | 'R0', string>> = {
  Tc: 'Treasury coupons (TREAST − WSHOBL)',
  Tb: 'Treasury bills (WSHOBL)',
  M: 'agency MBS and debt (WSHOMCB + WSHOFADSL)',
  OA: 'other assets',
  C: 'currency (WCURCIR)',
  TGA: 'TGA (WDTGAL)',
  RRP: 'ON RRP (WLRRAOL)',
  FRRP: 'foreign official RRP (WLRRAFOIAL)',
  R0: 'reserves (WRBWFRBL)',
};

function checkAnchor(a: Anchor): Result<Anchor> {
  if (!isIsoDate(a.date)) return err(`the anchor date ${JSON.stringify(a.date)} is not a date`);
  for (const [k, label] of Object.entries(ANCHOR_STOCKS) as [keyof typeof ANCHOR_STOCKS, string][]) {
    const v = a[k];
    if (!Number.isFinite(v)) return err(`the anchor's ${label} is not a number`);
    if (v < 0) return err(`the anchor's ${label} = ${v} $bn is negative: a balance cannot be negative`);
    if (v > MAX_ANCHOR_BN) return err(`the anchor's ${label} = ${v} $bn is over ${MAX_ANCHOR_BN} $bn: not a $bn figure`);
  }
  // Denominators: a share of zero (or of a negative GDP) has no value.
  if (!(Number.isFinite(a.GDP0) && a.GDP0 >= 1 && a.GDP0 <= MAX_ANCHOR_BN)) return err(`the anchor's GDP = ${a.GDP0} $bn must be from 1 to ${MAX_ANCHOR_BN} $bn`);
  if (!Number.isNaN(a.BA0) && !(a.BA0 >= 1 && a.BA0 <= MAX_ANCHOR_BN)) return err(`the anchor's bank assets = ${a.BA0} $bn must be from 1 to ${MAX_ANCHOR_BN} $bn (or unknown)`);
  return ok(a);
}

const fmtBn = (v: number): string => `${Math.round(v * 1000) / 1000} $bn`;

/**
 * Everything a projection needs, checked on the merged inputs (defaults, data defaults, the store's
 * curve, then the file's overrides) and the anchor. Every message names the field and why; what it
 * accepts, `project` turns into finite numbers for every month.
 */
export function validateScenario(anchor: Anchor, inputs: ScenarioInputs): Result<ScenarioInputs> {
  const a = checkAnchor(anchor);
  if (!a.ok) return a;
  // The file's field rules again, on every field: the curve and corridor may come from the store and
  // the growth rates from the data, not from a file. ScenarioInputs is plain JSON data by construction
  // (it is saved and exported as JSON), so reading it as Json is exact.
  const fields = parseScenarioOverrides(inputs as unknown as Json);
  if (!fields.ok) return fields;
  const { curve, corridor } = inputs;
  if (inputs.srfMode === 'ceiling' && !(corridor.capBp > curve.alpha))
    return err(
      `inputs.srfMode "ceiling" needs the ceiling above the curve's abundant spread, but inputs.corridor.capBp = ${corridor.capBp} bp is at or below inputs.curve.alpha = ${curve.alpha} bp: the curve never comes down to the ceiling, so no amount of SRF lending holds the spread there; raise capBp, lower alpha or use srfMode "exogenous"`,
    );
  if (inputs.srfMode === 'ceiling' && ceilingShare(curve, corridor.capBp) === null)
    return err(
      `inputs.srfMode "ceiling" needs the ceiling clearly above the curve's abundant spread, but inputs.corridor.capBp = ${corridor.capBp} bp is so close to inputs.curve.alpha = ${curve.alpha} bp that the reserve share holding the spread there is infinite; raise capBp, lower alpha or use srfMode "exogenous"`,
    );
  if (curve.basis === 'bank_assets' && Number.isNaN(anchor.BA0))
    return err(`inputs.curve.basis "bank_assets" needs bank assets (TLAACBW027SBOG) at the anchor ${anchor.date}, and the store has none, so reserves/bank assets cannot be computed; sync or import TLAACBW027SBOG, or use basis "gdp"`);
  const ceiling = corridor.capBp + corridor.capAllowanceBp;
  if (corridor.floorBp > ceiling) return err(`inputs.corridor.floorBp = ${corridor.floorBp} bp is above the ceiling capBp + capAllowanceBp = ${ceiling} bp: the corridor is empty`);
  if (inputs.regimeThetas[0] > inputs.regimeThetas[1]) return err(`inputs.regimeThetas [${inputs.regimeThetas.join(', ')}] must not decrease (abundant below the first |slope|, ample below the second)`);
  const N = horizonMonths(inputs.horizonYears);
  for (let t = 1; t <= N; t++) {
    const { y, mo } = monthAfter(anchor.date, t);
    const tga = tgaAt(anchor.TGA, inputs, t, mo);
    if (tga < 0) {
      const i = Math.min(t, inputs.tgaPathBn.length) - 1;
      const base =
        inputs.tgaMode === 'hold' ? `the anchor's TGA ${fmtBn(anchor.TGA)}` : inputs.tgaMode === 'target' ? `the glide to inputs.tgaTargetBn = ${inputs.tgaTargetBn}` : i >= 0 ? `inputs.tgaPathBn[${i}] = ${inputs.tgaPathBn[i] ?? ''}` : `the anchor's TGA ${fmtBn(anchor.TGA)}`;
      return err(`the TGA would be ${fmtBn(tga)} in ${y}-${String(mo).padStart(2, '0')} (${base} plus inputs.tgaAprilBumpBn = ${inputs.tgaAprilBumpBn}): a balance cannot be negative; raise the TGA or make the April bump smaller`);
    }
  }
  return ok(inputs);
}

/** Reserves are a balance too: a run that takes them below zero describes a balance sheet that cannot exist. */
export function checkProjection(p: ProjectionPath): Result<ProjectionPath> {
  for (let t = 0; t < p.reserves.length; t++) {
    const r = p.reserves[t] ?? 0;
    if (r < 0)
      return err(
        `reserves would be ${fmtBn(r)} in ${(p.dates[t] ?? '').slice(0, 7)}: the scenario drains more than the balance sheet supplies, and a balance cannot be negative; shorten QT or lower its caps, lower the TGA, currency growth or the other-liabilities drift, or let the SRF lend at the ceiling (srfMode "ceiling")`,
      );
  }
  return ok(p);
}

/** Validate, project and check the result: what the command line prints and what a saved scenario means. */
export function projectScenario(anchor: Anchor, inputs: ScenarioInputs, bills?: BillsHistory | null): Result<ProjectionPath> {
  const v = validateScenario(anchor, inputs);
  return v.ok ? checkProjection(project(anchor, v.value, bills)) : v;
}
