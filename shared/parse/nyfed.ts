/**
 * NY Fed Markets API (markets.newyorkfed.org/api): reference rates and repo / reverse repo operation
 * results. Rates are numbers in percent, volumes in billions; operation amounts are in dollars.
 */
import type { NyFedRateField, NyFedRateType } from '../catalog.js';
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { IsoDate } from '../time/iso-date.js';
import { isIsoDate } from '../time/iso-date.js';
import type { Json } from './json.js';
import { isObject, str } from './json.js';
import { parseJsonNumber } from './number.js';

export const RATE_FIELDS: readonly NyFedRateField[] = [
  'percentRate',
  'percentPercentile1',
  'percentPercentile25',
  'percentPercentile75',
  'percentPercentile99',
  'volumeInBillions',
];

export type RateColumns = Readonly<Record<NyFedRateField, readonly RawObservation[]>>;

/** `{ "refRates": [ { "effectiveDate", "type", "percentRate", … } ] }` → one column per field. */
export function parseNyFedRates(body: Json, rateType: NyFedRateType): Result<RateColumns> {
  if (!isObject(body)) return err('NY Fed rates: the body is not a JSON object');
  const list = body['refRates'];
  if (!Array.isArray(list)) return err('NY Fed rates: "refRates" is missing or not an array');
  const cols: Record<NyFedRateField, RawObservation[]> = {
    percentRate: [],
    percentPercentile1: [],
    percentPercentile25: [],
    percentPercentile75: [],
    percentPercentile99: [],
    volumeInBillions: [],
  };
  const want = rateType.toUpperCase();
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (!isObject(r)) return err(`NY Fed rates: refRates[${i}] is not an object`);
    const date = str(r, 'effectiveDate');
    if (date === undefined || !isIsoDate(date)) return err(`NY Fed rates: refRates[${i}].effectiveDate is not a date`);
    const type = str(r, 'type');
    if (type?.trim().toUpperCase() !== want) return err(`NY Fed rates: refRates[${i}] is of type ${JSON.stringify(type ?? null)}, expected ${want}`);
    if (!('percentRate' in r)) return err(`NY Fed rates: ${date} has no percentRate`);
    for (const field of RATE_FIELDS) {
      const cell = parseJsonNumber(r[field]);
      if (cell.kind === 'invalid') return err(`NY Fed rates: ${date} ${field} ${JSON.stringify(cell.text)} is not a number`);
      cols[field].push({ date, value: cell.kind === 'number' ? cell.value : null });
    }
  }
  return ok(cols);
}

export interface NyFedOperation {
  readonly operationId: string;
  readonly operationDate: IsoDate;
  readonly operationType: string;
  readonly operationMethod: string;
  readonly note: string;
  /** Minutes after midnight ET at which the operation closed, or null when not given. */
  readonly closeMinutes: number | null;
  readonly totalAmtAcceptedUsd: number;
}

const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*(AM|PM|am|pm)?$/;

export function parseClockMinutes(s: string): number | null {
  const m = TIME.exec(s.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const ampm = m[3]?.toUpperCase();
  if (ampm === 'PM' && h < 12) h += 12;
  if (ampm === 'AM' && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** `{ "repo": { "operations": [ … ] } }` from `/api/rp/…/results/…json`. Announcements are skipped. */
export function parseNyFedOperations(body: Json): Result<readonly NyFedOperation[]> {
  if (!isObject(body)) return err('NY Fed operations: the body is not a JSON object');
  const repo = body['repo'];
  if (!isObject(repo)) return err('NY Fed operations: "repo" is missing');
  const ops = repo['operations'];
  if (!Array.isArray(ops)) return err('NY Fed operations: "repo.operations" is not an array');
  const out: NyFedOperation[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (!isObject(o)) return err(`NY Fed operations[${i}] is not an object`);
    const id = str(o, 'operationId') ?? `#${i}`;
    const status = str(o, 'auctionStatus');
    if (status !== undefined && status !== 'Results') continue;
    const date = str(o, 'operationDate');
    if (date === undefined || !isIsoDate(date)) return err(`NY Fed operation ${id}: operationDate is not a date`);
    const type = str(o, 'operationType');
    if (type === undefined) return err(`NY Fed operation ${id}: operationType is missing`);
    const amt = parseJsonNumber(o['totalAmtAccepted']);
    if (amt.kind !== 'number') return err(`NY Fed operation ${id} (${date}): totalAmtAccepted is missing or not a number`);
    if (amt.value < 0) return err(`NY Fed operation ${id} (${date}): totalAmtAccepted is negative`);
    const close = str(o, 'closeTime') ?? str(o, 'operationEndTime');
    out.push({
      operationId: id,
      operationDate: date,
      operationType: type,
      operationMethod: str(o, 'operationMethod') ?? '',
      note: str(o, 'note') ?? '',
      closeMinutes: close === undefined ? null : parseClockMinutes(close),
      totalAmtAcceptedUsd: amt.value,
    });
  }
  return ok(out);
}

/** The Desk runs small-value test operations; they are not market take-up. */
export function isSmallValueExercise(op: NyFedOperation): boolean {
  return /small[-\s]value/i.test(op.note) || /small[-\s]value/i.test(op.operationMethod);
}

export interface DailyTakeUp {
  readonly am: readonly RawObservation[];
  readonly pm: readonly RawObservation[];
  readonly total: readonly RawObservation[];
}

const NOON = 12 * 60;

/**
 * Daily take-up per operation slot, in dollars. Morning = closed before noon ET. A day with a single
 * operation of unknown time counts in the total only.
 */
export function dailyTakeUp(ops: readonly NyFedOperation[], operationType: 'Repo' | 'Reverse Repo'): Result<DailyTakeUp> {
  const am = new Map<string, number>();
  const pm = new Map<string, number>();
  const total = new Map<string, number>();
  for (const op of ops) {
    if (op.operationType.trim().toLowerCase() !== operationType.toLowerCase()) continue;
    if (isSmallValueExercise(op)) continue;
    const d = op.operationDate;
    total.set(d, (total.get(d) ?? 0) + op.totalAmtAcceptedUsd);
    if (op.closeMinutes !== null) {
      const slot = op.closeMinutes < NOON ? am : pm;
      slot.set(d, (slot.get(d) ?? 0) + op.totalAmtAcceptedUsd);
    }
  }
  const toObs = (m: Map<string, number>): RawObservation[] =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, value]) => ({ date: date as IsoDate, value }));
  return ok({ am: toObs(am), pm: toObs(pm), total: toObs(total) });
}
