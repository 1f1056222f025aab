/**
 * The one typed contract between the renderer and the core, used over Electron IPC and over the
 * loopback HTTP host alike. Channel names are `domain:verb-noun`; every request is validated on the
 * main side by `validateRequest` before a handler sees it, against its schema in `requestSchemas`
 * (the one declaration of each request payload: its type is inferred from it).
 */
import type { Anchor, ScenarioInputs } from '../compute/projection.js';
import type { BillsHistory } from '../compute/bill-absorption-years.js';
import type { FanContext } from '../compute/fan.js';
import type { ActualMonth } from '../compute/backtest.js';
import { z } from 'zod/mini';
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { parseUiPatch, type UiKey, type UiPatch } from '../model/ui-state.js';
import { NAME_MAX } from '../model/names.js';
import { analysisRequests, type AnalysisChannels } from './analysis-contract.js';
import { eventsRequests, type EventsChannels } from './events-contract.js';
import { CONTROL, isoDate, name, noFields, positiveInt, printableLine, request, SERIES_ID, trueOrAbsent, validators } from './request-schema.js';

/** The release-calendar fields of `status` and `series:list` (issue 10 §4); computed by main/core/staleness.ts. */
export interface FreshnessFieldsDto {
  readonly ageDays: number | null;
  /** Behind its release calendar (issue 10 §4); the age rule only for a series with no calendar. */
  readonly stale: boolean | null;
  /** The publication ('H.4.1', 'DTS', 'NY Fed reference rates', …) and its schedule in words. */
  readonly release: string | null;
  readonly schedule: string | null;
  /** The newest observation the publisher has released by now, and whether that rests on a rule. */
  readonly expectedLatest: string | null;
  readonly expectedEstimated: boolean;
  /** Releases between `lastDate` and `expectedLatest` (0 = up to date); null with no data. */
  readonly releasesBehind: number | null;
  /** "up to date", "1 release behind", "N releases behind", "no data". */
  readonly freshness: string;
  /** The next observation due and when (an ISO instant), estimated when by rule. */
  readonly nextObservation: string | null;
  readonly nextReleaseAt: string | null;
  readonly nextEstimated: boolean;
}

export interface SeriesStatusDto extends FreshnessFieldsDto {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly unit: string;
  readonly conversion: string;
  readonly basis: string;
  readonly frequency: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly rowCount: number;
  readonly lastSyncedAt: string | null;
  readonly lastError: string | null;
  /** Set for a FRED series the user added by id (removable); null for the built-in catalog. */
  readonly userSeries?: UserSeriesInfoDto | null;
}

/** What a user-added FRED series was added with (issue 12), in FRED's words. */
export interface UserSeriesInfoDto {
  readonly fredId: string;
  readonly fredUnits: string;
  readonly fredFrequency: string;
  readonly seasonalAdjustment: string;
  /** 'fred-api': from FRED's series endpoint; 'user': entered and confirmed by the user (no key). */
  readonly metadataFrom: 'fred-api' | 'user';
  readonly addedAt: string;
}

/** FRED's own description of a series (its `fred/series` endpoint). */
export interface FredSeriesInfoDto {
  readonly title: string;
  readonly units: string;
  readonly frequency: string;
  readonly seasonalAdjustment: string;
  readonly observationStart: string;
  readonly observationEnd: string;
  readonly lastUpdated: string;
}

/** FRED's units and frequency in ours (shared/model/fred-units.ts). */
export interface FredMappingDto {
  readonly unit: string;
  readonly canonical: string;
  readonly scale: number;
  readonly conversion: string;
  readonly frequency: 'D' | 'W' | 'M' | 'Q';
  readonly basis: string;
  readonly everyDay: boolean;
}

export interface FredLookupDto {
  readonly fredId: string;
  /** The catalog id it would get: the FRED id, or FRED id + _FRED when another series has that id. */
  readonly suggestedId: string;
  /** Why the suggested id is not the FRED id, in words; null when they are the same. */
  readonly idNote: string | null;
  /** Set when the series cannot be added (already in the catalog). */
  readonly conflict: string | null;
  readonly via: 'fred-api' | 'keyless-csv';
  /** With a key; null keyless (the user enters title, units, frequency, seasonal adjustment). */
  readonly metadata: FredSeriesInfoDto | null;
  readonly mapping: FredMappingDto | null;
  /** Why FRED's units or frequency cannot be stored (then it cannot be added). */
  readonly mappingProblem: string | null;
  /** Keyless: what the fredgraph.csv download holds. */
  readonly preview: { readonly firstDate: string | null; readonly lastDate: string | null; readonly rows: number; readonly frequency: 'D' | 'W' | 'M' | 'Q' | null; readonly evidence: string } | null;
}

/** The newest finished sync run, from the store's sync log. */
export interface LastSyncRunDto {
  readonly id: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly trigger: string;
  readonly status: string;
  /** One sentence for a run that stopped as a whole ("No network: …"); null otherwise. */
  readonly message: string | null;
  readonly ok: number;
  readonly errors: number;
}


export interface SeriesDataDto {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly conversion: string;
  readonly basis: string;
  readonly frequency: string;
  /** Epoch days (UTC). */
  readonly dates: readonly number[];
  readonly values: readonly number[];
}

export interface SyncStatusDto {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  readonly rows: number;
  readonly currentSeries: string | null;
  readonly lastRun: {
    readonly status: string;
    readonly ok: number;
    readonly errors: readonly { seriesId: string; error: string }[];
    /** One sentence when the run stopped as a whole ("No network: …"); absent or null otherwise. */
    readonly message?: string | null;
    readonly finishedAt?: string;
  } | null;
}

export interface ScenarioDto {
  readonly id: number;
  readonly name: string;
  readonly inputs: ScenarioInputs;
  readonly anchor: Anchor;
  readonly curveLabel: string;
  readonly dataAsOf: string;
  readonly modelVersion: number;
  readonly updatedAt: string;
}

export interface ProjectionContextDto {
  readonly anchor: Anchor;
  readonly wednesday: string;
  readonly gdpQuarter: string;
  readonly fallbacks: readonly string[];
  readonly inputs: ScenarioInputs;
  readonly notes: readonly string[];
  readonly curveLabel: string;
  readonly presets: readonly { readonly name: string; readonly source: string; readonly inputs: ScenarioInputs }[];
  /** The store's monthly bill history: pass it to `project` so the per-year private absorption is complete (issue 14 §5). */
  readonly bills: BillsHistory | null;
  /** The uncertainty fan's curve covariance and default sds (shared/compute/fan.ts, main/core/analysis/fan-defaults.ts). */
  readonly fan: FanContext;
  /** What happened after a past anchor, month by month (empty at the latest anchor): the lab's overlay and error table. */
  readonly actuals: readonly ActualMonth[];
  /** The same values on the anchor's Wednesday: what the naive "no change" projection holds. */
  readonly actualAtAnchor: ActualMonth | null;
}

const MAX_TEXT = 1_000_000;
/**
 * The largest CSV import, in UTF-8 bytes: the command line's limit, so the app accepts what the CLI
 * accepts (issue 11 §5: a 10-year DTS export was refused at MAX_TEXT). A string's length in UTF-16
 * units never exceeds its UTF-8 byte count, so `length` is checked here and the bytes by the importer.
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const idOnly = request({ id: positiveInt('id') });
const nameOnly = request({ name: name() });

/** `min` to `max` catalog series ids, one message for every way the list is wrong; frozen, as its type says. */
function seriesIds(message: string, min: number, max: number) {
  return z.readonly(z.array(z.string({ error: message }).check(z.regex(SERIES_ID, { error: message })), { error: message }).check(z.minLength(min, { error: message }), z.maxLength(max, { error: message })));
}

const FRED_ID_FORM = 'a FRED series id is 1 to 30 letters, digits or _ (as in WALCL or DGS30)';
/** A FRED series id as typed (FRED ids are letters and digits, case-insensitive): upper-cased. */
const fredId = z.string({ error: 'fredId must be a FRED series id' }).check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z0-9_]{1,30}$/, { error: FRED_ID_FORM }));
const CATALOG_ID = 'id must be 1 to 40 capital letters, digits or _';
const fredWords = (k: string, max: number) => z.optional(printableLine(max, `${k} must be 1 to ${max} printable characters`));

const addFred = request({
  fredId,
  /** The catalog id (default: the lookup's suggestedId), upper-cased. */
  id: z.optional(z.string({ error: CATALOG_ID }).check(z.trim(), z.toUpperCase(), z.regex(SERIES_ID, { error: CATALOG_ID }))),
  /** Keyless only (with a key FRED's metadata is used): FRED's words as its series page shows them. */
  title: fredWords('title', 200),
  units: fredWords('units', 80),
  frequency: fredWords('frequency', 80),
  seasonalAdjustment: fredWords('seasonalAdjustment', 80),
  /** Keyless only: the user has confirmed the units and frequency they entered. */
  confirmed: trueOrAbsent('confirmed must be true or false'),
});
export type AddFredReq = Readonly<z.output<typeof addFred>>;

const PANELS = 'panels must be a list of at most 12 panels';
const CSV_TEXT = `text must be a CSV file of at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
const COLUMN = `column must be 1 to ${NAME_MAX} printable characters`;
const FRED_KEY = 'a FRED API key is 32 lower-case letters and digits';
const MIMES: readonly string[] = ['image/png', 'text/csv', 'application/json'];
const MIME = 'mime must be image/png, text/csv or application/json';
const BASE64 = 'base64 must be base64 text under 30 MB';
const FILE_NAME = 'fileName must be a plain .png, .csv or .json name';
const TEXT = `text must be a string of at most ${MAX_TEXT} characters`;
const SOURCE = 'source must be a formula of at most 2000 characters';

/**
 * Every request payload, declared once (issue 15 §7): `Channels` infers its `req` types from these and
 * `validateRequest` runs them. Fields are checked in the order written, each message whole (see
 * request-schema.ts). Responses (the `…Dto` interfaces and `res` types) stay plain TypeScript: our own
 * code builds them and nothing validates them; the requests are the boundary.
 */
export const requestSchemas = {
  ...analysisRequests,
  ...eventsRequests,
  'series:list': noFields,
  'series:get': request({ ids: seriesIds('ids must be 1 to 60 series ids', 1, 60), from: z.optional(isoDate('from')), to: z.optional(isoDate('to')) }),
  'indicators:get': request({ asOf: z.optional(isoDate('asOf')) }),
  'projection:context': request({ at: z.optional(isoDate('at')) }),
  'fit:run': noFields,
  'formula:eval': request({ source: z.string({ error: SOURCE }).check(z.maxLength(2000, { error: SOURCE })) }),
  'scenario:list': noFields,
  // Checked name, inputs, id: the order of the keys here. The inputs are checked field by field when saved (shared/model/scenario.ts).
  'scenario:save': request({ name: name(), inputs: z.custom<Json>(isObject, { error: 'inputs must be an object' }), id: z.optional(positiveInt('id')) }),
  'scenario:rename': request({ id: positiveInt('id'), name: name() }),
  'scenario:duplicate': idOnly,
  'scenario:delete': idOnly,
  'scenario:undelete': idOnly,
  'scenario:export': idOnly,
  'scenario:import': request({ text: z.string({ error: TEXT }).check(z.maxLength(MAX_TEXT, { error: TEXT })) }),
  'layout:list': noFields,
  'layout:save': request({
    name: name(),
    panels: z.custom<Json>((v) => Array.isArray(v) && v.length <= 12 && JSON.stringify(v).length <= 20_000, { error: PANELS }),
    overwrite: trueOrAbsent('overwrite must be true or false'),
  }),
  'layout:rename': request({ from: name('from: '), name: name() }),
  'layout:delete': nameOnly,
  'layout:undelete': nameOnly,
  'ui:get': noFields,
  // shared/model/ui-state.ts's own parser: each key's rule and size, in its words; a missing `values` is "not an object".
  'ui:set': request({
    values: z.transform((v: unknown, ctx): UiPatch => {
      // A field of the payload, which is Json (validateRequest's parameter), or absent.
      const r = parseUiPatch((v ?? null) as Json);
      if (r.ok) return r.value;
      ctx.issues.push({ code: 'custom', message: r.error, input: v });
      return z.NEVER;
    }),
  }),
  'sync:start': request({ ids: z.optional(seriesIds('ids must be series ids', 0, 100)) }),
  'sync:status': noFields,
  'sync:cancel': noFields,
  'sync:last-run': noFields,
  'catalog:lookup-fred': request({ fredId }),
  'catalog:add-fred': addFred,
  'catalog:remove-series': request({ id: z.string({ error: 'id must be a series id' }).check(z.regex(SERIES_ID, { error: 'id must be a series id' })) }),
  'settings:get': noFields,
  // null forgets the key; a key is kept trimmed.
  'settings:set-fred-key': request({ key: z.nullable(z.string({ error: FRED_KEY }).check(z.trim(), z.regex(/^[a-z0-9]{32}$/, { error: FRED_KEY }))) }),
  'import:csv': request({
    text: z.string({ error: CSV_TEXT }).check(z.maxLength(MAX_IMPORT_BYTES, { error: CSV_TEXT })),
    seriesId: z.optional(z.string({ error: 'seriesId must be a series id' }).check(z.regex(SERIES_ID, { error: 'seriesId must be a series id' }))),
    // A CSV header cell: any printable text, but bounded and without control characters; kept as given (not trimmed).
    column: z.optional(z.string({ error: COLUMN }).check(z.refine((c: string) => c.trim() !== '' && c.length <= NAME_MAX && !CONTROL.test(c), { error: COLUMN }))),
  }),
  'export:save-file': request({
    fileName: z.string({ error: FILE_NAME }).check(z.regex(/^[\w\-. ]{1,120}\.(png|csv|json)$/, { error: FILE_NAME })),
    // Typed string, as the handler and the page use it; only these three are let through.
    mime: z.string({ error: MIME }).check(z.refine((m: string) => MIMES.includes(m), { error: MIME })),
    base64: z.string({ error: BASE64 }).check(z.maxLength(40_000_000, { error: BASE64 }), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: BASE64 })),
  }),
};
type ReqOf<C extends keyof typeof requestSchemas> = z.output<(typeof requestSchemas)[C]>;

export interface Channels extends AnalysisChannels, EventsChannels {
  'series:list': { req: ReqOf<'series:list'>; res: readonly SeriesStatusDto[] };
  'series:get': { req: ReqOf<'series:get'>; res: readonly SeriesDataDto[] };
  'indicators:get': { req: ReqOf<'indicators:get'>; res: Json };
  /** `at`: an H.4.1 Wednesday to anchor at (default: the latest); refused with the nearest valid ones named. */
  'projection:context': { req: ReqOf<'projection:context'>; res: ProjectionContextDto };
  'fit:run': { req: ReqOf<'fit:run'>; res: Json };
  /** Only the dates with a finite value; `nonFinite` counts those left out for a division by zero or an overflow (FormulaValue.nonFinite). */
  'formula:eval': { req: ReqOf<'formula:eval'>; res: { readonly formula: string; readonly unit: string; readonly dates: readonly number[]; readonly values: readonly number[]; readonly nonFinite: number } };
  'scenario:list': { req: ReqOf<'scenario:list'>; res: readonly ScenarioDto[] };
  'scenario:save': { req: ReqOf<'scenario:save'>; res: ScenarioDto };
  'scenario:rename': { req: ReqOf<'scenario:rename'>; res: ScenarioDto };
  'scenario:duplicate': { req: ReqOf<'scenario:duplicate'>; res: ScenarioDto };
  'scenario:delete': { req: ReqOf<'scenario:delete'>; res: { readonly deleted: true } };
  /** Puts back a scenario deleted in this session (the Undo of the delete toast), under its old id when free. */
  'scenario:undelete': { req: ReqOf<'scenario:undelete'>; res: ScenarioDto };
  'scenario:export': { req: ReqOf<'scenario:export'>; res: { readonly fileName: string; readonly text: string } };
  'scenario:import': { req: ReqOf<'scenario:import'>; res: ScenarioDto };
  'layout:list': { req: ReqOf<'layout:list'>; res: readonly { readonly name: string; readonly panels: Json }[] };
  /** Without `overwrite: true` an existing name is refused: replacing a layout is asked for in the page first. */
  'layout:save': { req: ReqOf<'layout:save'>; res: { readonly saved: true } };
  /** Renames a saved layout `from` to `name`; a name already taken is refused (a rename never replaces a layout). */
  'layout:rename': { req: ReqOf<'layout:rename'>; res: { readonly name: string } };
  'layout:delete': { req: ReqOf<'layout:delete'>; res: { readonly deleted: true } };
  'layout:undelete': { req: ReqOf<'layout:undelete'>; res: { readonly name: string } };
  /** Per-data-folder UI state (shared/model/ui-state.ts), each value validated again as it is read. */
  'ui:get': { req: ReqOf<'ui:get'>; res: UiPatch };
  'ui:set': { req: ReqOf<'ui:set'>; res: { readonly saved: readonly UiKey[] } };
  'sync:start': { req: ReqOf<'sync:start'>; res: SyncStatusDto };
  'sync:status': { req: ReqOf<'sync:status'>; res: SyncStatusDto };
  'sync:cancel': { req: ReqOf<'sync:cancel'>; res: SyncStatusDto };
  /** The newest finished run in the store's sync log (survives a restart), or null before the first. */
  'sync:last-run': { req: ReqOf<'sync:last-run'>; res: LastSyncRunDto | null };
  /** What adding a FRED series by id would give (metadata with a key; the data's shape without). Writes nothing. */
  'catalog:lookup-fred': { req: ReqOf<'catalog:lookup-fred'>; res: FredLookupDto };
  /** Adds a FRED series to the catalog (user entry); sync it afterwards with `sync:start { ids: [id] }`. */
  'catalog:add-fred': { req: AddFredReq; res: { readonly id: string; readonly title: string; readonly unit: string; readonly conversion: string; readonly frequency: string; readonly basis: string; readonly metadataFrom: 'fred-api' | 'user' } };
  /** Removes a user-added series and everything stored for it; built-in series are refused. */
  'catalog:remove-series': { req: ReqOf<'catalog:remove-series'>; res: { readonly id: string; readonly observations: number; readonly revisions: number } };
  'settings:get': { req: ReqOf<'settings:get'>; res: { readonly fredKeySet: boolean; readonly fredKeyStorage: string; readonly dataDir: string; readonly snapshotAsOf: string | null; readonly recovery: { readonly problem: string; readonly keptAside: readonly string[]; readonly scenariosRestored: number; readonly restoredFrom: string | null; readonly summary: string | null } | null } };
  'settings:set-fred-key': { req: ReqOf<'settings:set-fred-key'>; res: { readonly fredKeySet: boolean } };
  /**
   * `column`: which column of a multi-column CSV (or which DDP code) to import. A file may give
   * several series (DDP, long format): `seriesId` then lists them comma-separated, `rows` etc. are
   * totals, and `skipped` counts the columns left out.
   */
  'import:csv': {
    req: ReqOf<'import:csv'>;
    res: { readonly seriesId: string; readonly rows: number; readonly inserted: number; readonly updated: number; readonly skipped: number };
  };
  'export:save-file': { req: ReqOf<'export:save-file'>; res: { readonly saved: boolean; readonly path: string | null } };
}

export type Channel = keyof Channels;
export type Req<C extends Channel> = Channels[C]['req'];
export type Res<C extends Channel> = Channels[C]['res'];

type Validators = { [C in Channel]: (p: Json) => Result<Req<C>> };

export const validateRequest: Validators = validators(requestSchemas);

export const CHANNELS = Object.keys(validateRequest) as Channel[];

export function isChannel(s: string): s is Channel {
  return Object.prototype.hasOwnProperty.call(validateRequest, s);
}
