/**
 * FRED API (api.stlouisfed.org/fred) JSON: `series/observations` (values are strings, "." = missing,
 * paged with offset/limit) and `series` metadata (the array key is spelled `seriess`).
 */
import type { RawObservation } from '../model/observation.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { isIsoDate } from '../time/iso-date.js';
import type { Json } from './json.js';
import { isObject, str } from './json.js';
import { parseJsonNumber } from './number.js';

export interface FredObservationsPage {
  readonly count: number;
  readonly offset: number;
  readonly limit: number;
  readonly observations: readonly RawObservation[];
}

/** FRED's error body: `{"error_code":400,"error_message":"Bad Request.  …"}`. */
export function fredErrorMessage(body: Json): string | null {
  if (!isObject(body)) return null;
  const msg = str(body, 'error_message');
  const code = body['error_code'];
  if (msg === undefined) return null;
  return typeof code === 'number' ? `FRED error ${code}: ${msg}` : `FRED error: ${msg}`;
}

export function parseFredObservations(body: Json): Result<FredObservationsPage> {
  const fredErr = fredErrorMessage(body);
  if (fredErr !== null) return err(fredErr);
  if (!isObject(body)) return err('FRED observations: the body is not a JSON object');
  const { count, offset, limit, observations } = body;
  if (typeof count !== 'number' || typeof offset !== 'number' || typeof limit !== 'number') {
    return err('FRED observations: count, offset or limit is missing or not a number');
  }
  if (!Array.isArray(observations)) return err('FRED observations: "observations" is not an array');
  const out: RawObservation[] = [];
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i];
    if (!isObject(o)) return err(`FRED observations[${i}] is not an object`);
    const date = str(o, 'date');
    if (date === undefined || !isIsoDate(date)) return err(`FRED observations[${i}].date ${JSON.stringify(o['date'] ?? null)} is not a date`);
    const cell = parseJsonNumber(o['value']);
    if (cell.kind === 'invalid') return err(`FRED observations[${i}] (${date}): value ${JSON.stringify(cell.text)} is not a number`);
    out.push({ date, value: cell.kind === 'number' ? cell.value : null });
  }
  return ok({ count, offset, limit, observations: out });
}

export interface FredSeriesMeta {
  readonly id: string;
  readonly title: string;
  readonly frequency: string;
  readonly units: string;
  readonly observationStart: string;
  readonly observationEnd: string;
  readonly lastUpdated: string;
}

export function parseFredSeriesMeta(body: Json): Result<FredSeriesMeta> {
  const fredErr = fredErrorMessage(body);
  if (fredErr !== null) return err(fredErr);
  if (!isObject(body)) return err('FRED series: the body is not a JSON object');
  const list = body['seriess'];
  if (!Array.isArray(list) || list.length === 0) return err('FRED series: "seriess" is missing or empty');
  const s = list[0];
  if (!isObject(s)) return err('FRED series: seriess[0] is not an object');
  const fields = ['id', 'title', 'frequency', 'units', 'observation_start', 'observation_end', 'last_updated'] as const;
  const vals: Record<string, string> = {};
  for (const f of fields) {
    const v = str(s, f);
    if (v === undefined) return err(`FRED series: seriess[0].${f} is missing`);
    vals[f] = v;
  }
  return ok({
    id: vals['id'] ?? '',
    title: vals['title'] ?? '',
    frequency: vals['frequency'] ?? '',
    units: vals['units'] ?? '',
    observationStart: vals['observation_start'] ?? '',
    observationEnd: vals['observation_end'] ?? '',
    lastUpdated: vals['last_updated'] ?? '',
  });
}
