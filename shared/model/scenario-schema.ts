/**
 * The scenario inputs declared once (issue 15 §7), with zod 4: the field rules `parseScenarioOverrides`
 * applies, the published JSON Schema (resources/scenario.schema.json, `npm run schema`) and a
 * compile-time check that the declaration says what the engine's `ScenarioInputs` says.
 *
 * Messages are written without the field's path: `firstProblem` puts `inputs.<field>[i].<sub>` in
 * front, so a refusal reads exactly as it did when the rules were written by hand (tests assert them).
 */
import { z } from 'zod/mini';
import type { ScenarioInputs } from '../compute/projection.js';
import { isIsoDate, weekday, type IsoDate } from '../time/iso-date.js';

export const SCENARIO_FORMAT = 'reservoir-scenario';

type NumKey = { [K in keyof ScenarioInputs]-?: ScenarioInputs[K] extends number ? K : never }[keyof ScenarioInputs];

/** Bounds of every plain number input: wide enough for any policy anyone argues for, narrow enough to stay finite in the engine. */
export const NUMBERS: Readonly<Record<NumKey, readonly [number, number]>> = {
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
export const INTEGERS: ReadonlySet<NumKey> = new Set<NumKey>(['horizonYears', 'tgaGlideMonths']);

/** A finite number in [lo, hi]; zod's number already refuses NaN and ±Infinity. */
function finite(lo: number, hi: number, integer = false) {
  const outside = (iss: { readonly input?: unknown }): string => `= ${String(iss.input)} is outside [${lo}, ${hi}]`;
  const range = [z.minimum(lo, { error: outside }), z.maximum(hi, { error: outside })] as const;
  if (!integer) return z.number({ error: 'must be a finite number' }).check(...range);
  // zod's int also refuses integers beyond 2^53 (too_big); those are outside every count's range, so say that, as before.
  const whole = (iss: { readonly input?: unknown }): string =>
    typeof iss.input !== 'number' || !Number.isFinite(iss.input) ? 'must be a finite number' : Number.isInteger(iss.input) ? outside(iss) : `= ${String(iss.input)} must be a whole number`;
  return z.int({ error: whole }).check(...range);
}

const numberFields = Object.fromEntries(Object.entries(NUMBERS).map(([k, [lo, hi]]) => [k, finite(lo, hi, INTEGERS.has(k as NumKey))])) as Record<NumKey, ReturnType<typeof finite>>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEDNESDAY = 'must be an H.4.1 Wednesday (YYYY-MM-DD)';
const A_DATE = 'must be a date (YYYY-MM-DD)';
const asIsoDate = (v: string): IsoDate => v as IsoDate; // checked by the refine before it

const rmpStep = z.object(
  { from: z.string({ error: 'must be a month (YYYY-MM)' }).check(z.regex(MONTH, { error: 'must be a month (YYYY-MM)' })), perMonthBn: finite(0, 1000) },
  // A step that is not an object is reported at its `from`, as before ("….rmpSchedule[2].from must be a month").
  { error: '.from must be a month (YYYY-MM)' },
);

const STEPS = 'must be an array of at most 240 steps';
const rmpSchedule = z.array(rmpStep, { error: STEPS }).check(
  z.maxLength(240, { error: STEPS }),
  z.superRefine(
    (steps: readonly unknown[], ctx) => {
      // Runs even when a step is malformed (`when` below), and stops at the first malformed step: an
      // order fault it finds lies before every step fault, so `firstProblem` reports it first, as the
      // hand-written loop did.
      let prev = '';
      for (let i = 0; i < steps.length; i++) {
        const s = rmpStep.safeParse(steps[i]);
        if (!s.success) return;
        if (i > 0 && s.data.from <= prev) {
          ctx.addIssue({ code: 'custom', message: 'must be in increasing month order', params: { first: true } });
          return;
        }
        prev = s.data.from;
      }
    },
    { when: (p) => Array.isArray(p.value) && p.value.length <= 240 },
  ),
);

const PATH = 'must be an array of at most 120 numbers';

const YEAR = /^\d{4}$/;
const billValue = finite(-5000, 10000);
const netBillIssuanceBn = z.pipe(
  z.transform((m: unknown, ctx) => {
    // zod's record skips a `__proto__` key without a word (so that it cannot replace the result's
    // prototype), and a refine after it sees only the result; a file that has one is refused, as
    // before, so look at the raw keys first. In file order: a fault in an earlier value is the record's.
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return m;
    const raw = m as Readonly<Record<string, unknown>>;
    for (const y of Object.keys(raw)) {
      if (!YEAR.test(y)) {
        if (y === '__proto__') ctx.issues.push({ code: 'custom', message: 'keys must be years', input: m });
        return m;
      }
      if (!billValue.safeParse(raw[y]).success) return m;
    }
    return m;
  }),
  z.record(z.string().check(z.regex(YEAR)), billValue, { error: (iss) => (iss.code === 'invalid_key' ? 'keys must be years' : 'must map years to $bn') }),
);

const wednesday = z.pipe(
  z.string({ error: WEDNESDAY }).check(
    z.regex(DATE, { error: WEDNESDAY }),
    z.refine((v) => isIsoDate(v) && weekday(v) === 3, { error: WEDNESDAY }),
  ),
  z.transform(asIsoDate),
);

/** Every scenario input, in the engine's terms. Unknown keys are refused; `anchorWednesday` may be absent. */
export const scenarioInputsSchema = z.strictObject({
  anchorWednesday: z.optional(wednesday),
  qtEndDate: z.pipe(z.string({ error: A_DATE }).check(z.regex(DATE, { error: A_DATE }), z.refine(isIsoDate, { error: A_DATE })), z.transform(asIsoDate)),
  mbsPaydownMode: z.enum(['fixed', 'proportional'], { error: 'must be "fixed" or "proportional"' }),
  rmpSchedule,
  tgaMode: z.enum(['hold', 'target', 'path'], { error: 'must be "hold", "target" or "path"' }),
  tgaPathBn: z.array(finite(0, 3000), { error: PATH }).check(z.maxLength(120, { error: PATH })),
  srfMode: z.enum(['exogenous', 'ceiling'], { error: 'must be "exogenous" or "ceiling"' }),
  netBillIssuanceBn,
  curve: z.object(
    { alpha: finite(-500, 500), beta: finite(0, 500), gamma: finite(0.001, 10), xRef: finite(0, 100), basis: z.enum(['gdp', 'bank_assets'], { error: 'must be "gdp" or "bank_assets"' }) },
    { error: 'must be an object' },
  ),
  corridor: z.object({ floorBp: finite(-500, 500), capBp: finite(-500, 500), capAllowanceBp: finite(0, 500) }, { error: 'must be an object' }),
  regimeThetas: z.tuple([finite(0, 100), finite(0, 100)], { error: 'must be two numbers' }),
  ...numberFields,
});

/** A scenario file's `inputs`: any subset of the inputs. */
export const scenarioOverridesSchema = z.partial(scenarioInputsSchema);

/** The whole file, for the published JSON Schema (the name rule itself is names.ts's, checked on import). */
export const scenarioFileSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(1),
    name: z.string().check(z.minLength(1), z.maxLength(80)).register(z.globalRegistry, { description: '1 to 80 characters after trimming; no control or bidirectional override characters' }),
    inputs: scenarioOverridesSchema,
  })
  .register(z.globalRegistry, { description: 'A Reservoir scenario file: overrides of the projection inputs (issue 15 §7). Also refused on import: rmpSchedule months out of increasing order, anchorWednesday not a Wednesday, dates that do not exist.' });

export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12' });
}

/** Each field's rule for a value that is present: a key given as `undefined` is refused, even the optional one. */
export const scenarioFieldSchemas = { ...scenarioInputsSchema.shape, anchorWednesday: wednesday };
type FieldKey = keyof typeof scenarioFieldSchemas;
export const isScenarioField = (key: string): key is FieldKey => Object.prototype.hasOwnProperty.call(scenarioFieldSchemas, key);

/** `inputs.curve.alpha`, `inputs.tgaPathBn[3]`: the path as the messages have always written it. */
function pathText(root: string, path: readonly PropertyKey[]): string {
  return root + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The message for the first problem in field order (see the schedule's order check for the one exception zod lists later). */
export function firstProblem(root: string, issues: readonly z.core.$ZodIssue[]): string {
  const iss = issues.find((i) => i.code === 'custom' && i.params?.['first'] === true) ?? issues[0];
  if (!iss) return `${root} is refused`;
  // A record's key fault is reported on the record ("….netBillIssuanceBn keys must be years").
  const path = iss.code === 'invalid_key' ? iss.path.slice(0, -1) : iss.path;
  return `${pathText(root, path)}${iss.message.startsWith('.') ? '' : ' '}${iss.message}`;
}

// The declaration and the engine's interface must say the same thing, field for field (readonly aside).
type Mutable<T> = T extends string | number | boolean | undefined ? T : { -readonly [K in keyof T]: Mutable<T[K]> };
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type ScenarioInputsMatchEngine = Assert<Equal<Mutable<ScenarioInputs>, z.output<typeof scenarioInputsSchema>>>;
