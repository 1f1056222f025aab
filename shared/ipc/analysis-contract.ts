/**
 * Channels of the Analysis view's attribution and alerts panels (issue 13 §2, §7), merged into
 * contract.ts's `Channels` and `validateRequest`. Every request is declared here as a zod
 * schema (request-schema.ts), its type inferred from it and run by `validateRequest`.
 */
import { z } from 'zod/mini';
import { ALERT_OPS, type AlertOp, type AlertState, type AlertTrigger } from '../compute/alerts.js';
import type { AttributionKey, AttributionWeek } from '../compute/attribution.js';
import type { FairValueReport } from '../compute/fair-value-report.js';
import { isObject } from '../parse/json.js';
import { isoDate, noFields, printableLine, request } from './request-schema.js';

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

const ALERT_ID = /^[A-Za-z0-9_:-]{1,60}$/;
const alertId = z.string({ error: 'id must be an alert id' }).check(z.regex(ALERT_ID, { error: 'id must be an alert id' }));
const FLAGS = 'skipCalendarExpected and enabled must be true or false';
const WINDOW = 'windowYears must be a whole number of years, 1 … 10';

/** The request payloads, declared once: `AnalysisChannels` infers its `req` types from them. */
export const analysisRequests = {
  'attribution:get': request({ from: z.optional(isoDate('from')), to: z.optional(isoDate('to')) }),
  'alerts:list': noFields,
  'alerts:save': request({
    id: z.optional(alertId),
    name: printableLine(120, 'name must be 1 to 120 printable characters'),
    formula: printableLine(2000, 'formula must be a series id or formula of at most 2000 characters'),
    op: z.enum(ALERT_OPS, { error: `op must be one of ${ALERT_OPS.join(', ')}` }),
    // zod's number refuses NaN and ±Infinity.
    threshold: z.number({ error: 'threshold must be a finite number' }),
    skipCalendarExpected: z.boolean({ error: FLAGS }),
    enabled: z.boolean({ error: FLAGS }),
  }),
  'fairvalue:get': request({
    from: z.optional(isoDate('from')),
    to: z.optional(isoDate('to')),
    windowYears: z.optional(z.number({ error: WINDOW }).check(z.refine((w: number) => Number.isInteger(w) && w >= 1 && w <= 10, { error: WINDOW }))),
  }).check(
    z.superRefine(
      (r, ctx) => {
        if (r.from !== undefined && r.to !== undefined && r.from > r.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to', input: r, params: { first: true } });
      },
      // Checked once both dates are good, before windowYears (`first`), as it always was.
      { when: (p) => isObject(p.value) && !p.issues.some((i) => i.path?.[0] === 'from' || i.path?.[0] === 'to') },
    ),
  ),
  'alerts:delete': request({ id: alertId }),
};
type ReqOf<C extends keyof typeof analysisRequests> = z.output<(typeof analysisRequests)[C]>;

export type AlertSaveReq = Readonly<ReqOf<'alerts:save'>>;

/** Responses stay interfaces: our own code builds them, nothing validates them; requests are the boundary. */
export interface AnalysisChannels {
  /** Weekly reserve attribution (Wednesday levels), every week in [from, to] (the week's own date). */
  'attribution:get': { req: ReqOf<'attribution:get'>; res: AttributionDto };
  /** Every alert with its state at the last evaluation (at start, after each sync, after a save). */
  'alerts:list': { req: ReqOf<'alerts:list'>; res: AlertsDto };
  /** Creates (no id) or updates an alert, then evaluates all alerts again. */
  'alerts:save': { req: AlertSaveReq; res: AlertsDto };
  'alerts:delete': { req: ReqOf<'alerts:delete'>; res: AlertsDto };
  /** Actual EFFR/SOFR − IORB against the fitted curve, the residual over [from, to] (default late 2025), and the rolling fit (issue 14 §4). */
  'fairvalue:get': { req: ReqOf<'fairvalue:get'>; res: FairValueReport };
}
