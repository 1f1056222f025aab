/**
 * FRED: the JSON API when a key is configured (metadata checked against the catalog, observations
 * paged by offset), else the keyless fredgraph.csv download.
 */
import type { SeriesDef } from '../../../../shared/catalog.js';
import type { RawObservation } from '../../../../shared/model/observation.js';
import { fredErrorMessage, parseFredObservations, parseFredSeriesMeta, type FredSeriesMeta } from '../../../../shared/parse/fred-json.js';
import { parseFredCsv } from '../../../../shared/parse/fred-csv.js';
import { parseJsonText } from '../../../../shared/parse/json.js';
import type { Result } from '../../../../shared/result.js';
import { err, ok } from '../../../../shared/result.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { getWithRetry, HttpError, type HttpText } from '../http-client.js';
import { redact } from '../redact.js';
import type { SourceContext } from '../source-context.js';

const PAGE_LIMIT = 100_000; // FRED's maximum page size for series/observations
const MAX_PAGES = 50;

/** FRED keys are 32 lower-case alphanumeric characters; anything else is refused before sending. */
export function isPlausibleFredKey(key: string): boolean {
  return /^[a-z0-9]{32}$/.test(key);
}

function fredId(def: SeriesDef): string {
  if (def.sourceKey.kind !== 'fred') throw new Error(`${def.id} is not a FRED series`);
  return def.sourceKey.fredId;
}

async function get(ctx: SourceContext, url: string, expect: 'json' | 'csv', what: string): Promise<HttpText> {
  return getWithRetry(
    ctx.http,
    { url, expect, what, timeoutMs: ctx.timeoutMs, ...(ctx.maxBytes ? { maxBytes: ctx.maxBytes } : {}), signal: ctx.signal, secrets: ctx.fredApiKey === null ? [] : [ctx.fredApiKey] },
    ctx.retry,
    () => ctx.fredLimiter.acquire(ctx.signal),
    (ms) => ctx.fredLimiter.pause(ms),
  );
}

/** Turns an HTTP error from FRED into the sentence a user needs (FRED explains errors in a JSON body). */
export function describeFredError(e: HttpError, id: string, key: string | null): string {
  const secrets = key === null ? [] : [key];
  if (e.kind === 'http' && e.body !== undefined) {
    const parsed = parseJsonText(e.body);
    const msg = parsed.ok ? fredErrorMessage(parsed.value) : null;
    if (msg !== null) {
      if (/api_key/i.test(msg)) return redact(`FRED rejected the API key (${msg}); check the key in Settings`, secrets);
      if (/series does not exist/i.test(msg)) return `FRED has no series ${id} (${msg})`;
      return redact(`FRED ${id}: ${msg}`, secrets);
    }
    if (e.status === 404) return `FRED has no series ${id} (HTTP 404)`;
  }
  return redact(e.message, secrets);
}

function unitsMatch(def: SeriesDef, meta: FredSeriesMeta): string | null {
  const u = meta.units.toLowerCase();
  const expected: Record<string, string> = { usd_mn: 'millions', usd_bn: 'billions', usd_bn_saar: 'billions', percent: 'percent', usd: 'dollars' };
  const want = expected[def.conversion.native] ?? '';
  if (!u.includes(want)) return `FRED reports ${def.id} in "${meta.units}" but the catalog expects ${want}; nothing was written`;
  if (def.basis === 'wed_level' && /ending wednesday|week average/i.test(`${meta.frequency} ${meta.title}`)) {
    return `FRED describes ${def.id} as a week average ("${meta.frequency}") but the catalog expects a Wednesday level`;
  }
  if (def.basis === 'week_avg' && /as of wednesday|wednesday level/i.test(`${meta.frequency} ${meta.title}`)) {
    return `FRED describes ${def.id} as a Wednesday level ("${meta.frequency}") but the catalog expects a week average`;
  }
  return null;
}

async function viaApi(ctx: SourceContext, def: SeriesDef, key: string, since: IsoDate | null): Promise<Result<readonly RawObservation[]>> {
  const id = fredId(def);
  const base = ctx.urls.fredApi.replace(/\/$/, '');
  const q = (params: Record<string, string>): string => new URLSearchParams({ ...params, api_key: key, file_type: 'json' }).toString();
  const metaRes = await get(ctx, `${base}/series?${q({ series_id: id })}`, 'json', `FRED ${id} metadata`);
  const metaJson = parseJsonText(metaRes.body);
  if (!metaJson.ok) return err(`FRED ${id} metadata: ${metaJson.error}`);
  const meta = parseFredSeriesMeta(metaJson.value);
  if (!meta.ok) return err(redact(meta.error, [key]));
  if (meta.value.id.toUpperCase() !== id) return err(`FRED answered with metadata for ${meta.value.id}, not ${id}`);
  const mismatch = unitsMatch(def, meta.value);
  if (mismatch !== null) return err(mismatch);
  const out: RawObservation[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params: Record<string, string> = { series_id: id, limit: String(PAGE_LIMIT), offset: String(offset), sort_order: 'asc' };
    if (since !== null) params['observation_start'] = since;
    const res = await get(ctx, `${base}/series/observations?${q(params)}`, 'json', `FRED ${id}`);
    const json = parseJsonText(res.body);
    if (!json.ok) return err(`FRED ${id}: ${json.error}`);
    const parsed = parseFredObservations(json.value);
    if (!parsed.ok) return err(redact(`FRED ${id}: ${parsed.error}`, [key]));
    out.push(...parsed.value.observations);
    offset += parsed.value.observations.length;
    if (parsed.value.observations.length === 0 || offset >= parsed.value.count) return ok(out);
  }
  return err(`FRED ${id}: more than ${MAX_PAGES} pages; refusing to continue`);
}

async function viaGraphCsv(ctx: SourceContext, def: SeriesDef, since: IsoDate | null): Promise<Result<readonly RawObservation[]>> {
  const id = fredId(def);
  const params = new URLSearchParams({ id });
  if (since !== null) params.set('cosd', since);
  const res = await get(ctx, `${ctx.urls.fredGraph.replace(/\/$/, '')}/graph/fredgraph.csv?${params.toString()}`, 'csv', `FRED ${id}`);
  const parsed = parseFredCsv(res.body);
  if (!parsed.ok) return err(`FRED ${id}: ${parsed.error}`);
  if (parsed.value.headerId !== null && parsed.value.headerId !== id) return err(`FRED ${id}: the file is for ${parsed.value.headerId}`);
  return ok(parsed.value.observations);
}

export async function fetchFredSeries(ctx: SourceContext, def: SeriesDef, since: IsoDate | null): Promise<Result<readonly RawObservation[]>> {
  const key = ctx.fredApiKey;
  if (key !== null && !isPlausibleFredKey(key)) return err('the FRED API key is malformed (it must be 32 lower-case letters and digits); check it in Settings');
  try {
    return key === null ? await viaGraphCsv(ctx, def, since) : await viaApi(ctx, def, key, since);
  } catch (e) {
    // A connection that cannot be made at all is the run's problem, not this series': the sync
    // engine decides whether the network is down (sync-service.ts).
    if (e instanceof HttpError && e.kind !== 'offline') {
      if (e.kind === 'http' && e.status === 404 && key === null) return err(`FRED has no series ${fredId(def)} (HTTP 404 page)`);
      return err(describeFredError(e, fredId(def), key));
    }
    throw e;
  }
}
