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
import { horizonMonths, monthAfter, project, tgaAt, type Anchor, type ProjectionPath, type ScenarioInputs } from '../compute/projection.js';
import type { BillsHistory } from '../compute/bill-absorption-years.js';
import { isIsoDate } from '../time/iso-date.js';
import { checkName } from './names.js';
import { firstProblem, isScenarioField, SCENARIO_FORMAT, scenarioFieldSchemas } from './scenario-schema.js';

export { SCENARIO_FORMAT };
export const MAX_SCENARIO_BYTES = 1_000_000;

export type ScenarioOverrides = { -readonly [K in keyof ScenarioInputs]?: ScenarioInputs[K] };

/**
 * The field rules are scenario-schema.ts's zod declaration. Each key is checked on its own, in the
 * file's order, so the message is the first fault as the file reads (and an unknown key is named).
 */
export function parseScenarioOverrides(body: Json): Result<ScenarioOverrides> {
  if (!isObject(body)) return err('a scenario must be a JSON object');
  // A fresh object that only ever receives declared keys: `__proto__` or `constructor` cannot reach it.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    const path = `inputs.${key}`;
    if (!isScenarioField(key)) return err(`${path} is not a scenario input`);
    const r = scenarioFieldSchemas[key].safeParse(body[key]);
    if (!r.success) return err(firstProblem(path, r.error.issues));
    out[key] = r.data;
  }
  // Every value came out of its field's schema, whose type is the engine's (ScenarioInputsMatchEngine).
  return ok(out as ScenarioOverrides);
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
