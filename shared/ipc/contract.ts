/**
 * The one typed contract between the renderer and the core, used over Electron IPC and over the
 * loopback HTTP host alike. Channel names are `domain:verb-noun`; every request is validated on the
 * main side by `validateRequest` before a handler sees it.
 */
import type { Anchor, ScenarioInputs } from '../compute/projection.js';
import type { BillsHistory } from '../compute/bill-absorption-years.js';
import type { FanContext } from '../compute/fan.js';
import type { ActualMonth } from '../compute/backtest.js';
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { parseUiPatch, type UiKey, type UiPatch } from '../model/ui-state.js';
import { err, ok } from '../result.js';
import { checkName, NAME_MAX } from '../model/names.js';
import { isIsoDate } from '../time/iso-date.js';
import { analysisValidators, type AnalysisChannels } from './analysis-contract.js';
import { eventsValidators, type EventsChannels } from './events-contract.js';

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

export interface AddFredReq {
  readonly fredId: string;
  /** The catalog id (default: the lookup's suggestedId). */
  readonly id?: string;
  /** Keyless only (with a key FRED's metadata is used): FRED's words as its series page shows them. */
  readonly title?: string;
  readonly units?: string;
  readonly frequency?: string;
  readonly seasonalAdjustment?: string;
  /** Keyless only: the user has confirmed the units and frequency they entered. */
  readonly confirmed?: boolean;
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

export interface Channels extends AnalysisChannels, EventsChannels {
  'series:list': { req: Record<string, never>; res: readonly SeriesStatusDto[] };
  'series:get': { req: { ids: readonly string[]; from?: string; to?: string }; res: readonly SeriesDataDto[] };
  'indicators:get': { req: { asOf?: string }; res: Json };
  /** `at`: an H.4.1 Wednesday to anchor at (default: the latest); refused with the nearest valid ones named. */
  'projection:context': { req: { at?: string }; res: ProjectionContextDto };
  'fit:run': { req: Record<string, never>; res: Json };
  /** Only the dates with a finite value; `nonFinite` counts those left out for a division by zero or an overflow (FormulaValue.nonFinite). */
  'formula:eval': { req: { source: string }; res: { readonly formula: string; readonly unit: string; readonly dates: readonly number[]; readonly values: readonly number[]; readonly nonFinite: number } };
  'scenario:list': { req: Record<string, never>; res: readonly ScenarioDto[] };
  'scenario:save': { req: { id?: number; name: string; inputs: Json }; res: ScenarioDto };
  'scenario:rename': { req: { id: number; name: string }; res: ScenarioDto };
  'scenario:duplicate': { req: { id: number }; res: ScenarioDto };
  'scenario:delete': { req: { id: number }; res: { readonly deleted: true } };
  /** Puts back a scenario deleted in this session (the Undo of the delete toast), under its old id when free. */
  'scenario:undelete': { req: { id: number }; res: ScenarioDto };
  'scenario:export': { req: { id: number }; res: { readonly fileName: string; readonly text: string } };
  'scenario:import': { req: { text: string }; res: ScenarioDto };
  'layout:list': { req: Record<string, never>; res: readonly { readonly name: string; readonly panels: Json }[] };
  /** Without `overwrite: true` an existing name is refused: replacing a layout is asked for in the page first. */
  'layout:save': { req: { name: string; panels: Json; overwrite?: boolean }; res: { readonly saved: true } };
  /** Renames a saved layout `from` to `name`; a name already taken is refused (a rename never replaces a layout). */
  'layout:rename': { req: { from: string; name: string }; res: { readonly name: string } };
  'layout:delete': { req: { name: string }; res: { readonly deleted: true } };
  'layout:undelete': { req: { name: string }; res: { readonly name: string } };
  /** Per-data-folder UI state (shared/model/ui-state.ts), each value validated again as it is read. */
  'ui:get': { req: Record<string, never>; res: UiPatch };
  'ui:set': { req: { values: UiPatch }; res: { readonly saved: readonly UiKey[] } };
  'sync:start': { req: { ids?: readonly string[] }; res: SyncStatusDto };
  'sync:status': { req: Record<string, never>; res: SyncStatusDto };
  'sync:cancel': { req: Record<string, never>; res: SyncStatusDto };
  /** The newest finished run in the store's sync log (survives a restart), or null before the first. */
  'sync:last-run': { req: Record<string, never>; res: LastSyncRunDto | null };
  /** What adding a FRED series by id would give (metadata with a key; the data's shape without). Writes nothing. */
  'catalog:lookup-fred': { req: { fredId: string }; res: FredLookupDto };
  /** Adds a FRED series to the catalog (user entry); sync it afterwards with `sync:start { ids: [id] }`. */
  'catalog:add-fred': { req: AddFredReq; res: { readonly id: string; readonly title: string; readonly unit: string; readonly conversion: string; readonly frequency: string; readonly basis: string; readonly metadataFrom: 'fred-api' | 'user' } };
  /** Removes a user-added series and everything stored for it; built-in series are refused. */
  'catalog:remove-series': { req: { id: string }; res: { readonly id: string; readonly observations: number; readonly revisions: number } };
  'settings:get': { req: Record<string, never>; res: { readonly fredKeySet: boolean; readonly fredKeyStorage: string; readonly dataDir: string; readonly snapshotAsOf: string | null; readonly recovery: { readonly problem: string; readonly keptAside: readonly string[]; readonly scenariosRestored: number; readonly restoredFrom: string | null; readonly summary: string | null } | null } };
  'settings:set-fred-key': { req: { key: string | null }; res: { readonly fredKeySet: boolean } };
  /**
   * `column`: which column of a multi-column CSV (or which DDP code) to import. A file may give
   * several series (DDP, long format): `seriesId` then lists them comma-separated, `rows` etc. are
   * totals, and `skipped` counts the columns left out.
   */
  'import:csv': {
    req: { text: string; seriesId?: string; column?: string };
    res: { readonly seriesId: string; readonly rows: number; readonly inserted: number; readonly updated: number; readonly skipped: number };
  };
  'export:save-file': { req: { fileName: string; mime: string; base64: string }; res: { readonly saved: boolean; readonly path: string | null } };
}

export type Channel = keyof Channels;
export type Req<C extends Channel> = Channels[C]['req'];
export type Res<C extends Channel> = Channels[C]['res'];

const MAX_TEXT = 1_000_000;
/**
 * The largest CSV import, in UTF-8 bytes: the command line's limit, so the app accepts what the CLI
 * accepts (issue 11 §5: a 10-year DTS export was refused at MAX_TEXT). A string's length in UTF-16
 * units never exceeds its UTF-8 byte count, so `length` is checked here and the bytes by the importer.
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const ID = /^[A-Z0-9_]{1,40}$/;

const empty = (p: Json): Result<Record<string, never>> => (isObject(p) && Object.keys(p).length === 0 ? ok({}) : err('this request takes no fields'));
const int = (v: Json | undefined, what: string): Result<number> => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2 ** 31 ? ok(v) : err(`${what} must be a positive integer`));
// Scenario and layout names: one rule for every way in (shared/model/names.ts).
const name = (v: Json | undefined): Result<string> => checkName(v);
const text = (v: Json | undefined, what: string): Result<string> => (typeof v === 'string' && v.length <= MAX_TEXT ? ok(v) : err(`${what} must be a string of at most ${MAX_TEXT} characters`));
const only = (p: { [k: string]: Json }, keys: readonly string[]): Result<true> => {
  const extra = Object.keys(p).filter((k) => !keys.includes(k));
  return extra.length === 0 ? ok(true) : err(`unexpected field ${extra[0] ?? ''}`);
};

/** A FRED series id as typed (FRED ids are letters and digits, case-insensitive): upper-cased. */
function fredIdOf(v: Json | undefined): Result<string> {
  if (typeof v !== 'string') return err('fredId must be a FRED series id');
  const t = v.trim().toUpperCase();
  return /^[A-Z0-9_]{1,30}$/.test(t) ? ok(t) : err('a FRED series id is 1 to 30 letters, digits or _ (as in WALCL or DGS30)');
}

/** `{ id }` and nothing else. */
function idOnly(p: Json): Result<{ id: number }> {
  if (!isObject(p)) return err('expected an object');
  const o = only(p, ['id']);
  if (!o.ok) return o;
  const id = int(p['id'], 'id');
  return id.ok ? ok({ id: id.value }) : id;
}

/** `{ name }` and nothing else. */
function nameOnly(p: Json): Result<{ name: string }> {
  if (!isObject(p)) return err('expected an object');
  const o = only(p, ['name']);
  if (!o.ok) return o;
  const n = name(p['name']);
  return n.ok ? ok({ name: n.value }) : n;
}

type Validators = { [C in Channel]: (p: Json) => Result<Req<C>> };

export const validateRequest: Validators = {
  ...analysisValidators,
  ...eventsValidators,
  'series:list': empty,
  'series:get': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['ids', 'from', 'to']);
    if (!o.ok) return o;
    const ids = p['ids'];
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 60 || !ids.every((i) => typeof i === 'string' && ID.test(i))) return err('ids must be 1 to 60 series ids');
    for (const k of ['from', 'to'] as const) {
      const v = p[k];
      if (v !== undefined && (typeof v !== 'string' || !isIsoDate(v))) return err(`${k} must be a date (YYYY-MM-DD)`);
    }
    return ok({ ids: ids as string[], ...(typeof p['from'] === 'string' ? { from: p['from'] } : {}), ...(typeof p['to'] === 'string' ? { to: p['to'] } : {}) });
  },
  'indicators:get': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['asOf']);
    if (!o.ok) return o;
    const a = p['asOf'];
    if (a !== undefined && (typeof a !== 'string' || !isIsoDate(a))) return err('asOf must be a date (YYYY-MM-DD)');
    return ok(typeof a === 'string' ? { asOf: a } : {});
  },
  'projection:context': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['at']);
    if (!o.ok) return o;
    const a = p['at'];
    if (a !== undefined && (typeof a !== 'string' || !isIsoDate(a))) return err('at must be a date (YYYY-MM-DD)');
    return ok(typeof a === 'string' ? { at: a } : {});
  },
  'fit:run': empty,
  'formula:eval': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['source']);
    if (!o.ok) return o;
    const s = p['source'];
    return typeof s === 'string' && s.length <= 2000 ? ok({ source: s }) : err('source must be a formula of at most 2000 characters');
  },
  'scenario:list': empty,
  'scenario:save': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['id', 'name', 'inputs']);
    if (!o.ok) return o;
    const n = name(p['name']);
    if (!n.ok) return n;
    const inputs = p['inputs'];
    if (!isObject(inputs)) return err('inputs must be an object');
    if (p['id'] !== undefined) {
      const id = int(p['id'], 'id');
      if (!id.ok) return id;
      return ok({ id: id.value, name: n.value, inputs });
    }
    return ok({ name: n.value, inputs });
  },
  'scenario:rename': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['id', 'name']);
    if (!o.ok) return o;
    const id = int(p['id'], 'id');
    if (!id.ok) return id;
    const n = name(p['name']);
    return n.ok ? ok({ id: id.value, name: n.value }) : n;
  },
  'scenario:duplicate': idOnly,
  'scenario:delete': idOnly,
  'scenario:undelete': idOnly,
  'scenario:export': idOnly,
  'scenario:import': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['text']);
    if (!o.ok) return o;
    const t = text(p['text'], 'text');
    return t.ok ? ok({ text: t.value }) : t;
  },
  'layout:list': empty,
  'layout:save': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['name', 'panels', 'overwrite']);
    if (!o.ok) return o;
    const n = name(p['name']);
    if (!n.ok) return n;
    const panels = p['panels'];
    if (!Array.isArray(panels) || panels.length > 12 || JSON.stringify(panels).length > 20_000) return err('panels must be a list of at most 12 panels');
    const w = p['overwrite'];
    if (w !== undefined && typeof w !== 'boolean') return err('overwrite must be true or false');
    return ok({ name: n.value, panels, ...(w === true ? { overwrite: true } : {}) });
  },
  'layout:rename': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['from', 'name']);
    if (!o.ok) return o;
    const from = name(p['from']);
    if (!from.ok) return err(`from: ${from.error}`);
    const n = name(p['name']);
    return n.ok ? ok({ from: from.value, name: n.value }) : n;
  },
  'layout:delete': nameOnly,
  'layout:undelete': nameOnly,
  'ui:get': empty,
  'ui:set': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['values']);
    if (!o.ok) return o;
    const v = parseUiPatch(p['values'] ?? null);
    return v.ok ? ok({ values: v.value }) : v;
  },
  'sync:start': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['ids']);
    if (!o.ok) return o;
    const ids = p['ids'];
    if (ids === undefined) return ok({});
    if (!Array.isArray(ids) || ids.length > 100 || !ids.every((i) => typeof i === 'string' && ID.test(i))) return err('ids must be series ids');
    return ok({ ids: ids as string[] });
  },
  'sync:status': empty,
  'sync:cancel': empty,
  'sync:last-run': empty,
  'catalog:lookup-fred': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['fredId']);
    if (!o.ok) return o;
    const f = fredIdOf(p['fredId']);
    return f.ok ? ok({ fredId: f.value }) : f;
  },
  'catalog:add-fred': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['fredId', 'id', 'title', 'units', 'frequency', 'seasonalAdjustment', 'confirmed']);
    if (!o.ok) return o;
    const f = fredIdOf(p['fredId']);
    if (!f.ok) return f;
    const out: { -readonly [K in keyof AddFredReq]: AddFredReq[K] } = { fredId: f.value };
    const id = p['id'];
    if (id !== undefined) {
      if (typeof id !== 'string' || !ID.test(id.trim().toUpperCase())) return err('id must be 1 to 40 capital letters, digits or _');
      out.id = id.trim().toUpperCase();
    }
    for (const [k, max] of [['title', 200], ['units', 80], ['frequency', 80], ['seasonalAdjustment', 80]] as const) {
      const v = p[k];
      if (v === undefined) continue;
      // eslint-disable-next-line no-control-regex
      if (typeof v !== 'string' || v.trim() === '' || v.length > max || /[\u0000-\u001f]/.test(v)) return err(`${k} must be 1 to ${max} printable characters`);
      out[k] = v.trim();
    }
    const c = p['confirmed'];
    if (c !== undefined && typeof c !== 'boolean') return err('confirmed must be true or false');
    if (c === true) out.confirmed = true;
    return ok(out);
  },
  'catalog:remove-series': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['id']);
    if (!o.ok) return o;
    const id = p['id'];
    return typeof id === 'string' && ID.test(id) ? ok({ id }) : err('id must be a series id');
  },
  'settings:get': empty,
  'settings:set-fred-key': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['key']);
    if (!o.ok) return o;
    const k = p['key'];
    if (k === null) return ok({ key: null });
    if (typeof k !== 'string' || !/^[a-z0-9]{32}$/.test(k.trim())) return err('a FRED API key is 32 lower-case letters and digits');
    return ok({ key: k.trim() });
  },
  'import:csv': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['text', 'seriesId', 'column']);
    if (!o.ok) return o;
    const t = p['text'];
    if (typeof t !== 'string' || t.length > MAX_IMPORT_BYTES) return err(`text must be a CSV file of at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const s = p['seriesId'];
    if (s !== undefined && (typeof s !== 'string' || !ID.test(s))) return err('seriesId must be a series id');
    const c = p['column'];
    // A CSV header cell: any printable text, but bounded and without control characters.
    // eslint-disable-next-line no-control-regex
    if (c !== undefined && (typeof c !== 'string' || c.trim() === '' || c.length > NAME_MAX || /[\u0000-\u001f]/.test(c))) return err(`column must be 1 to ${NAME_MAX} printable characters`);
    return ok({ text: t, ...(typeof s === 'string' ? { seriesId: s } : {}), ...(typeof c === 'string' ? { column: c } : {}) });
  },
  'export:save-file': (p) => {
    if (!isObject(p)) return err('expected an object');
    const o = only(p, ['fileName', 'mime', 'base64']);
    if (!o.ok) return o;
    const f = p['fileName'];
    if (typeof f !== 'string' || !/^[\w\-. ]{1,120}\.(png|csv|json)$/.test(f)) return err('fileName must be a plain .png, .csv or .json name');
    const m = p['mime'];
    if (m !== 'image/png' && m !== 'text/csv' && m !== 'application/json') return err('mime must be image/png, text/csv or application/json');
    const b = p['base64'];
    if (typeof b !== 'string' || b.length > 40_000_000 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b)) return err('base64 must be base64 text under 30 MB');
    return ok({ fileName: f, mime: m, base64: b });
  },
};

export const CHANNELS = Object.keys(validateRequest) as Channel[];

export function isChannel(s: string): s is Channel {
  return Object.prototype.hasOwnProperty.call(validateRequest, s);
}
