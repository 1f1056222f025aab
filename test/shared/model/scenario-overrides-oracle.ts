/**
 * The hand-written scenario-input parser as it was before the zod declaration (shared/model/scenario.ts
 * at the commit before issue 15 §7), frozen here as the oracle the zod version must match message for
 * message. Test code only; do not edit to make a test pass.
 */
import type { Json } from '../../../shared/parse/json.js';
import { isObject } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { RmpStep, ScenarioInputs } from '../../../shared/compute/projection.js';
import { isIsoDate, weekday, type IsoDate } from '../../../shared/time/iso-date.js';

type NumKey = { [K in keyof ScenarioInputs]-?: ScenarioInputs[K] extends number ? K : never }[keyof ScenarioInputs];
type ScenarioOverrides = { -readonly [K in keyof ScenarioInputs]?: ScenarioInputs[K] };

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

function num(v: Json | undefined, path: string, [lo, hi]: readonly [number, number], integer = false): Result<number> {
  if (typeof v !== 'number' || !Number.isFinite(v)) return err(`${path} must be a finite number`);
  if (integer && !Number.isInteger(v)) return err(`${path} = ${v} must be a whole number`);
  if (v < lo || v > hi) return err(`${path} = ${v} is outside [${lo}, ${hi}]`);
  return ok(v);
}

export function legacyParseScenarioOverrides(body: Json): Result<ScenarioOverrides> {
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
