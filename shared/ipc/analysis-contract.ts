/**
 * Channels of the Analysis view's attribution and alerts panels (issue 13 §2, §7), merged into
 * contract.ts's `Channels` and `validateRequest`. Every request is validated here at run time.
 */
import { ALERT_OPS, type AlertOp, type AlertState, type AlertTrigger } from '../compute/alerts.js';
import type { AttributionKey, AttributionWeek } from '../compute/attribution.js';
import type { FairValueReport } from '../compute/fair-value-report.js';
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';

export interface AttributionDto {
  readonly basis: string;
  readonly labels: Readonly<Record<AttributionKey, string>>;
  readonly weeks: readonly AttributionWeek[];
}

export interface AlertDto {
  readonly id: string;
  readonly name: string;
  readonly formula: string;
  readonly op: AlertOp;
  readonly threshold: number;
  readonly skipCalendarExpected: boolean;
  readonly enabled: boolean;
  readonly preset: string | null;
  readonly condition: string;
  readonly state: AlertState;
  readonly lastDate: string | null;
  readonly lastValue: number | null;
  readonly unit: string;
  readonly since: string | null;
  readonly detail: string;
  readonly triggers: readonly AlertTrigger[];
  readonly suppressed: number;
  readonly error: string | null;
}

export interface AlertNoticeDto {
  /** Increases with every notice of this session: the renderer shows those above the last one it saw. */
  readonly seq: number;
  readonly alertId: string;
  readonly name: string;
  readonly date: string;
  readonly value: number;
  readonly unit: string;
}

export interface AlertsDto {
  readonly evaluatedAt: string | null;
  readonly alerts: readonly AlertDto[];
  /** Recorded triggers of every alert, newest first. */
  readonly history: readonly { readonly alertId: string; readonly date: string; readonly value: number; readonly recordedAt: string }[];
  readonly notices: readonly AlertNoticeDto[];
}

export interface AlertSaveReq {
  readonly id?: string;
  readonly name: string;
  readonly formula: string;
  readonly op: AlertOp;
  readonly threshold: number;
  readonly skipCalendarExpected: boolean;
  readonly enabled: boolean;
}

export interface AnalysisChannels {
  /** Weekly reserve attribution (Wednesday levels), every week in [from, to] (the week's own date). */
  'attribution:get': { req: { from?: string; to?: string }; res: AttributionDto };
  /** Every alert with its state at the last evaluation (at start, after each sync, after a save). */
  'alerts:list': { req: Record<string, never>; res: AlertsDto };
  /** Creates (no id) or updates an alert, then evaluates all alerts again. */
  'alerts:save': { req: AlertSaveReq; res: AlertsDto };
  'alerts:delete': { req: { id: string }; res: AlertsDto };
  /** Actual EFFR/SOFR − IORB against the fitted curve, the residual over [from, to] (default late 2025), and the rolling fit (issue 14 §4). */
  'fairvalue:get': { req: { from?: string; to?: string; windowYears?: number }; res: FairValueReport };
}

type Validators = { [C in keyof AnalysisChannels]: (p: Json) => Result<AnalysisChannels[C]['req']> };

const only = (p: { [k: string]: Json }, keys: readonly string[]): Result<true> => {
  const extra = Object.keys(p).filter((k) => !keys.includes(k));
  return extra.length === 0 ? ok(true) : err(`unexpected field ${extra[0] ?? ''}`);
};
const ALERT_ID = /^[A-Za-z0-9_:-]{1,60}$/;
// eslint-disable-next-line no-control-regex
const printable = (v: Json | undefined, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max && !/[\u0000-\u001f]/.test(v);

export const analysisValidators: Validators = {
  'attribution:get': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['from', 'to']);
    if (!o.ok) return o;
    for (const k of ['from', 'to'] as const) {
      const v = p[k];
      if (v !== undefined && (typeof v !== 'string' || !isIsoDate(v))) return err(`${k} must be a date (YYYY-MM-DD)`);
    }
    return ok({ ...(typeof p['from'] === 'string' ? { from: p['from'] } : {}), ...(typeof p['to'] === 'string' ? { to: p['to'] } : {}) });
  },
  'alerts:list': (p) => (isObject(p) && Object.keys(p).length === 0 ? ok({}) : err('this request takes no fields')),
  'alerts:save': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['id', 'name', 'formula', 'op', 'threshold', 'skipCalendarExpected', 'enabled']);
    if (!o.ok) return o;
    const id = p['id'];
    if (id !== undefined && (typeof id !== 'string' || !ALERT_ID.test(id))) return err('id must be an alert id');
    const name = p['name'];
    if (!printable(name, 120)) return err('name must be 1 to 120 printable characters');
    const formula = p['formula'];
    if (!printable(formula, 2000)) return err('formula must be a series id or formula of at most 2000 characters');
    const op = p['op'];
    if (typeof op !== 'string' || !(ALERT_OPS as readonly string[]).includes(op)) return err(`op must be one of ${ALERT_OPS.join(', ')}`);
    const t = p['threshold'];
    if (typeof t !== 'number' || !Number.isFinite(t)) return err('threshold must be a finite number');
    const s = p['skipCalendarExpected'];
    const e = p['enabled'];
    if (typeof s !== 'boolean' || typeof e !== 'boolean') return err('skipCalendarExpected and enabled must be true or false');
    return ok({ ...(typeof id === 'string' ? { id } : {}), name: name.trim(), formula: formula.trim(), op: op as AlertOp, threshold: t, skipCalendarExpected: s, enabled: e });
  },
  'fairvalue:get': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['from', 'to', 'windowYears']);
    if (!o.ok) return o;
    for (const k of ['from', 'to'] as const) {
      const v = p[k];
      if (v !== undefined && (typeof v !== 'string' || !isIsoDate(v))) return err(`${k} must be a date (YYYY-MM-DD)`);
    }
    const from = p['from'];
    const to = p['to'];
    if (typeof from === 'string' && typeof to === 'string' && from > to) return err('from must not be after to');
    const w = p['windowYears'];
    if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 10)) return err('windowYears must be a whole number of years, 1 … 10');
    return ok({ ...(typeof from === 'string' ? { from } : {}), ...(typeof to === 'string' ? { to } : {}), ...(typeof w === 'number' ? { windowYears: w } : {}) });
  },
  'alerts:delete': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['id']);
    if (!o.ok) return o;
    const id = p['id'];
    return typeof id === 'string' && ALERT_ID.test(id) ? ok({ id }) : err('id must be an alert id');
  },
};
