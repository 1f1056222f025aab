/**
 * Adding any FRED series by id (issue 12). With a FRED key, title, units, frequency and seasonal
 * adjustment come from FRED's series endpoint (`fred/series?series_id=…&api_key=…&file_type=json`);
 * without one, the keyless fredgraph.csv download shows that the series exists and what its dates look
 * like, and the user enters the rest and confirms it. Either way the units are mapped explicitly
 * (shared/model/fred-units.ts) or the series is refused.
 */
import { findSeries, type Basis } from '../../../shared/catalog.js';
import type { AddFredReq, FredLookupDto, FredMappingDto, FredSeriesInfoDto } from '../../../shared/ipc/contract.js';
import { detectFrequency } from '../../../shared/model/batch-checks.js';
import { mapFredFrequency, mapFredUnits } from '../../../shared/model/fred-units.js';
import { conversionFor } from '../../../shared/model/units.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import { parseFredSeriesMeta } from '../../../shared/parse/fred-json.js';
import { isObject, parseJsonText, str } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { getSeries } from '../db/repos/series-repo.js';
import { DEFAULT_RETRY, getWithRetry, HttpError, type HttpDeps, type RetryPolicy } from '../sync/http-client.js';
import type { RateLimiter } from '../sync/rate-limit.js';
import { redact } from '../sync/redact.js';
import type { SourceUrls } from '../sync/source-context.js';
import { describeFredError, isPlausibleFredKey } from '../sync/sources/fred.js';
import type { UserNativeUnit } from '../../../shared/model/fred-units.js';
import { insertUserSeries, listUserSeries, type UserSeriesRow } from './user-catalog.js';

export interface FredCatalogDeps {
  readonly db: Db;
  readonly http: HttpDeps;
  readonly urls: SourceUrls;
  readonly fredKey: () => string | null;
  /** FRED's request limit, shared with nothing else that is busy when the user adds a series. */
  readonly limiter: RateLimiter;
  readonly now: () => number;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
}

export interface AddedSeries {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly conversion: string;
  readonly frequency: string;
  readonly basis: string;
  readonly metadataFrom: 'fred-api' | 'user';
}

const MAX_ID = 40;

/** Where the id stands: already in the catalog (a conflict), or free under this id. */
function placeId(db: Db, fredId: string): { suggestedId: string; conflict: string | null; idNote: string | null } {
  const mine = listUserSeries(db).find((u) => u.fredId === fredId);
  if (mine !== undefined) return { suggestedId: mine.id, conflict: `FRED ${fredId} is already in the catalog: you added it as ${mine.id}`, idNote: null };
  const builtIn = findSeries(fredId);
  if (builtIn !== undefined && builtIn.sourceKey.kind === 'fred' && builtIn.sourceKey.fredId === fredId) {
    return { suggestedId: builtIn.id, conflict: `${fredId} is already in the catalog (built in: ${builtIn.title})`, idNote: null };
  }
  if (builtIn !== undefined || getSeries(db, fredId) !== undefined) {
    const alt = `${fredId.slice(0, MAX_ID - 5)}_FRED`;
    const where = builtIn === undefined ? 'another series' : `the built-in ${builtIn.source === 'nyfed' ? 'NY Fed' : builtIn.source} series`;
    return { suggestedId: alt, conflict: null, idNote: `${fredId} is the id of ${where}, so FRED's copy gets its own id (${alt}; you may choose another)` };
  }
  return { suggestedId: fredId, conflict: null, idNote: null };
}

function mappingOf(units: string, frequency: string, seasonalAdjustment: string): Result<FredMappingDto & { readonly unit: UserNativeUnit; readonly basis: Basis }> {
  const u = mapFredUnits(units, seasonalAdjustment);
  if (!u.ok) return u;
  const f = mapFredFrequency(frequency);
  if (!f.ok) return f;
  const c = conversionFor(u.value);
  return ok({ unit: u.value, canonical: c.canonical, scale: c.scale, conversion: c.label, frequency: f.value.frequency, basis: f.value.basis, everyDay: f.value.everyDay });
}

/** An HTTP failure in the sentence the Data view shows. */
function describe(e: HttpError, fredId: string, key: string | null): string {
  if (e.kind === 'offline') return `No network: cannot reach ${e.host ?? 'FRED'} (${e.code ?? 'no connection'}); nothing was looked up or added`;
  if (e.kind === 'http' && e.status === 404 && key === null) return `FRED has no series ${fredId} (HTTP 404 page)`;
  return describeFredError(e, fredId, key);
}

async function get(deps: FredCatalogDeps, url: string, expect: 'json' | 'csv', what: string, key: string | null): Promise<string> {
  const res = await getWithRetry(
    deps.http,
    { url, expect, what, timeoutMs: deps.timeoutMs ?? 30_000, secrets: key === null ? [] : [key] },
    deps.retry ?? DEFAULT_RETRY,
    () => deps.limiter.acquire(),
    (ms) => deps.limiter.pause(ms),
  );
  return res.body;
}

async function fredInfo(deps: FredCatalogDeps, fredId: string, key: string): Promise<Result<FredSeriesInfoDto>> {
  const q = new URLSearchParams({ series_id: fredId, api_key: key, file_type: 'json' });
  const body = await get(deps, `${deps.urls.fredApi.replace(/\/$/, '')}/series?${q.toString()}`, 'json', `FRED ${fredId} metadata`, key);
  const json = parseJsonText(body);
  if (!json.ok) return err(`FRED ${fredId} metadata: ${json.error}`);
  const meta = parseFredSeriesMeta(json.value);
  if (!meta.ok) return err(redact(meta.error, [key]));
  if (meta.value.id.toUpperCase() !== fredId) return err(`FRED answered with metadata for ${meta.value.id}, not ${fredId}`);
  // parseFredSeriesMeta leaves out seasonal_adjustment; read it from the same object, checked.
  const list = isObject(json.value) ? json.value['seriess'] : undefined;
  const first = Array.isArray(list) ? list[0] : undefined;
  const sa = isObject(first) ? str(first, 'seasonal_adjustment') : undefined;
  if (sa === undefined) return err(`FRED series: seriess[0].seasonal_adjustment is missing`);
  return ok({ title: meta.value.title, units: meta.value.units, frequency: meta.value.frequency, seasonalAdjustment: sa, observationStart: meta.value.observationStart, observationEnd: meta.value.observationEnd, lastUpdated: meta.value.lastUpdated });
}

async function csvPreview(deps: FredCatalogDeps, fredId: string): Promise<Result<NonNullable<FredLookupDto['preview']>>> {
  const body = await get(deps, `${deps.urls.fredGraph.replace(/\/$/, '')}/graph/fredgraph.csv?${new URLSearchParams({ id: fredId }).toString()}`, 'csv', `FRED ${fredId}`, null);
  const parsed = parseFredCsv(body);
  if (!parsed.ok) return err(`FRED ${fredId}: ${parsed.error}`);
  if (parsed.value.headerId !== null && parsed.value.headerId !== fredId) return err(`FRED ${fredId}: the file is for ${parsed.value.headerId}`);
  const present = parsed.value.observations.filter((o) => o.value !== null);
  const days = Int32Array.from(present.map((o) => epochDay(o.date as IsoDate)));
  const seen = detectFrequency(days);
  return ok({ firstDate: present[0]?.date ?? null, lastDate: present.at(-1)?.date ?? null, rows: present.length, frequency: seen.frequency, evidence: seen.evidence });
}

/** What adding `fredId` would give: FRED's metadata (with a key) or the data's shape (without), the mapping, and any conflict. */
export async function lookupFredSeries(deps: FredCatalogDeps, fredIdIn: string): Promise<Result<FredLookupDto>> {
  const fredId = fredIdIn.trim().toUpperCase();
  const key = deps.fredKey();
  if (key !== null && !isPlausibleFredKey(key)) return err('the FRED API key is malformed (it must be 32 lower-case letters and digits); set it again under FRED API key');
  const place = placeId(deps.db, fredId);
  // Already in the catalog: nothing to ask FRED.
  if (place.conflict !== null) return ok({ fredId, ...place, via: key !== null ? 'fred-api' : 'keyless-csv', metadata: null, mapping: null, mappingProblem: null, preview: null });
  try {
    if (key !== null) {
      const info = await fredInfo(deps, fredId, key);
      if (!info.ok) return info;
      const m = mappingOf(info.value.units, info.value.frequency, info.value.seasonalAdjustment);
      return ok({ fredId, ...place, via: 'fred-api', metadata: info.value, mapping: m.ok ? m.value : null, mappingProblem: m.ok ? null : m.error, preview: null });
    }
    const preview = await csvPreview(deps, fredId);
    if (!preview.ok) return preview;
    return ok({ fredId, ...place, via: 'keyless-csv', metadata: null, mapping: null, mappingProblem: null, preview: preview.value });
  } catch (e) {
    if (e instanceof HttpError) return err(describe(e, fredId, key));
    throw e;
  }
}

const FREQ_WORD = { D: 'daily', W: 'weekly', M: 'monthly', Q: 'quarterly' } as const;

/**
 * Adds a FRED series to the catalog. With a key the metadata is FRED's own (what the user typed is
 * not used); without one the user's title, units, frequency and seasonal adjustment are used, only
 * with `confirmed: true`, and only if the downloaded dates agree with the frequency given.
 */
export async function addFredSeries(deps: FredCatalogDeps, req: AddFredReq): Promise<Result<AddedSeries>> {
  const looked = await lookupFredSeries(deps, req.fredId);
  if (!looked.ok) return looked;
  const l = looked.value;
  if (l.conflict !== null) return err(`${l.conflict}; nothing was added`);
  const id = (req.id ?? l.suggestedId).toUpperCase();
  const taken = getSeries(deps.db, id);
  if (taken !== undefined) return err(`the id ${id} is taken (${taken.title}); choose another; nothing was added`);
  let info: { title: string; units: string; frequency: string; seasonalAdjustment: string };
  if (l.metadata !== null) {
    info = l.metadata;
  } else {
    if (req.title === undefined || req.units === undefined || req.frequency === undefined || req.seasonalAdjustment === undefined) {
      return err('without a FRED key, FRED does not say the title, units, frequency and seasonal adjustment: enter them (as FRED shows them on the series page); nothing was added');
    }
    if (req.confirmed !== true) return err('confirm the units and frequency you entered before adding; nothing was added');
    info = { title: req.title, units: req.units, frequency: req.frequency, seasonalAdjustment: req.seasonalAdjustment };
  }
  const m = mappingOf(info.units, info.frequency, info.seasonalAdjustment);
  if (!m.ok) return m;
  const seen = l.preview?.frequency ?? null;
  if (seen !== null && seen !== m.value.frequency) {
    return err(`FRED's file for ${l.fredId} has ${FREQ_WORD[seen]} dates (${l.preview?.evidence ?? ''}), but you entered "${info.frequency}"; nothing was added`);
  }
  if (l.preview !== null && l.preview.rows === 0) return err(`FRED's file for ${l.fredId} has no observations; nothing was added`);
  const row: UserSeriesRow = {
    id,
    fredId: l.fredId,
    title: info.title.trim(),
    fredUnits: info.units.trim(),
    nativeUnits: m.value.unit,
    fredFrequency: info.frequency.trim(),
    frequency: m.value.frequency,
    basis: m.value.basis,
    everyDay: m.value.everyDay,
    seasonalAdjustment: info.seasonalAdjustment.trim(),
    metadataFrom: l.metadata !== null ? 'fred-api' : 'user',
    addedAt: new Date(deps.now()).toISOString(),
  };
  const def = insertUserSeries(deps.db, row);
  return ok({ id: def.id, title: def.title, unit: def.conversion.canonical, conversion: def.conversion.label, frequency: def.frequency, basis: def.basis, metadataFrom: row.metadataFrom });
}

