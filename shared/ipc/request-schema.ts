/**
 * The pieces the IPC request schemas are built from (issue 15 §7, "one schema per boundary"): each
 * request payload is declared once, with zod 4, in contract.ts, analysis-contract.ts and
 * events-contract.ts, and its TypeScript type is inferred from that declaration. zod/mini, as in
 * shared/model/scenario-schema.ts: the renderer bundles the contract too.
 *
 * Every message is written whole in the schema, field name included, exactly as the hand-written
 * validators wrote it (callers, the log and tests read them; test/shared/ipc/contract-messages.test.ts
 * pins each one). `firstRefusal` reports one problem, in the order those validators checked: not an
 * object; else the first unknown key (zod lists those after the fields, the old code looked first);
 * else a cross-field check marked `params: { first: true }` (zod runs those after every field, the old
 * code between two of them); else the first field in declaration order.
 */
import { z } from 'zod/mini';
import type { Json } from '../parse/json.js';
import { nameProblem } from '../model/names.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';

/** A catalog series id (capital letters, digits, _). */
export const SERIES_ID = /^[A-Z0-9_]{1,40}$/;
/** C0 control characters: refused in one-line text (labels, CSV header cells, FRED's words). */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f]/;

/** What a request that is not an object, or has keys it does not take, is told. */
export interface Refusal {
  readonly notObject: string;
  /** `keys`: every unknown key, in the payload's order. */
  readonly unknownKeys: (keys: readonly string[]) => string;
}

const STANDARD: Refusal = { notObject: 'expected an object', unknownKeys: (keys) => `unexpected field ${keys[0] ?? ''}` };

/** A request object: the keys of `shape` and no others, each checked in `shape`'s order. */
export function request<S extends z.core.$ZodLooseShape>(shape: S, refusal: Partial<Refusal> = {}) {
  const r: Refusal = { ...STANDARD, ...refusal };
  return z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? r.unknownKeys(iss.keys) : r.notObject) });
}

const NO_FIELDS = 'this request takes no fields';
/** A request that takes nothing: `{}`. */
export const noFields = request({}, { notObject: NO_FIELDS, unknownKeys: () => NO_FIELDS });

/** The one message a refused request gets (see the file comment for the order). */
export function firstRefusal(issues: readonly z.core.$ZodIssue[]): string {
  const iss =
    issues.find((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ??
    issues.find((i) => i.code === 'custom' && i.params?.['first'] === true) ??
    issues[0];
  return iss?.message ?? 'the request is refused';
}

/**
 * `schema` as a validator with the contract's `Result` envelope. An optional field sent as
 * `undefined` (Electron's structured clone carries it, JSON cannot) is left out of the value, as the
 * hand-written validators left it out.
 */
export function validator<T>(schema: z.ZodMiniType<T>): (p: Json) => Result<T> {
  return (p) => {
    const r = schema.safeParse(p);
    if (!r.success) return err(firstRefusal(r.error.issues));
    const v: unknown = r.data;
    if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (x === undefined) Reflect.deleteProperty(v, k);
    return ok(r.data);
  };
}

/** Every schema of a table as a validator, channel by channel. */
export function validators<T extends Readonly<Record<string, z.ZodMiniType>>>(schemas: T): { [K in keyof T]: (p: Json) => Result<z.output<T[K]>> } {
  const out: Record<string, (p: Json) => Result<unknown>> = {};
  for (const [k, s] of Object.entries(schemas)) out[k] = validator(s);
  // Built key by key from `schemas`, so every key of T is there with its own schema's validator.
  return out as { [K in keyof T]: (p: Json) => Result<z.output<T[K]>> };
}

/** A calendar date (YYYY-MM-DD) under `what`'s name. */
export function isoDate(what: string) {
  const m = `${what} must be a date (YYYY-MM-DD)`;
  // Wrapped: the guard would narrow the type to IsoDate, and requests have always carried plain strings.
  return z.string({ error: m }).check(z.refine((s: string) => isIsoDate(s), { error: m }));
}

/** A scenario id and the like: 1 … 2^31 − 1. */
export function positiveInt(what: string) {
  const m = `${what} must be a positive integer`;
  return z.number({ error: m }).check(z.refine((v: number) => Number.isInteger(v) && v > 0 && v < 2 ** 31, { error: m }));
}

/**
 * A scenario or layout name, trimmed: shared/model/names.ts's rule (`checkName`'s steps: a string,
 * trimmed, then `nameProblem`), which every other way a name gets in uses too. `prefix` goes in front
 * of each message ("from: " for the name a layout is renamed from).
 */
export function name(prefix = '') {
  return z.string({ error: `${prefix}name must be a string` }).check(
    z.trim(),
    z.superRefine((n: string, ctx) => {
      const problem = nameProblem(n);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: prefix + problem, input: n });
    }),
  );
}

/** One line of 1 to `max` printable characters (checked as given), trimmed. */
export function printableLine(max: number, message: string) {
  return z.string({ error: message }).check(z.refine((v: string) => v.trim() !== '' && v.length <= max && !CONTROL.test(v), { error: message }), z.trim());
}

/**
 * A true/false flag whose `false` is left out of the value (with the key), as the hand-written
 * validators left it: the handlers act on `true` only. Typed boolean, as callers send it.
 */
export function trueOrAbsent(message: string) {
  return z.optional(z.pipe(z.boolean({ error: message }), z.transform((b: boolean): boolean | undefined => (b ? true : undefined))));
}
