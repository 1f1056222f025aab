/**
 * Handlers for every channel of the contract. The Electron shell and the loopback host both call
 * `handle(channel, payload)`: the payload is validated here, every time, and every answer is a
 * `{ ok, value } | { ok: false, error }` envelope whose error is safe to show.
 */
import { FormulaError } from '../../shared/compute/formula/ast.js';
import { evaluateFormula } from '../../shared/compute/formula/evaluate.js';
import { parseFormula, printFormula } from '../../shared/compute/formula/parse.js';
import { PRESETS } from '../../shared/compute/presets.js';
import { MODEL_VERSION, type ScenarioInputs } from '../../shared/compute/projection.js';
import { isChannel, validateRequest, type Channel, type Channels, type ProjectionContextDto, type Req, type Res, type ScenarioDto, type SeriesStatusDto } from '../../shared/ipc/contract.js';
import { MAX_SCENARIO_BYTES, parseScenarioFile, parseScenarioOverrides, serializeScenarioFile, validateScenario } from '../../shared/model/scenario.js';
import type { Json } from '../../shared/parse/json.js';
import type { Result } from '../../shared/result.js';
import { err, ok } from '../../shared/result.js';
import { isIsoDate, isoDateOfInstant, type IsoDate } from '../../shared/time/iso-date.js';
import { projectionContext, saveFittedCurve, type ProjectionContext } from './analysis/projection-context.js';
import { AnchorDateError } from './analysis/anchor-from-store.js';
import { actualAt, actualsAfter } from './analysis/backtest-from-store.js';
import { fitFromStore } from './analysis/fit-from-store.js';
import { storeFormulaEnv } from './analysis/formula-env.js';
import { indicatorReport } from './analysis/indicator-report.js';
import { getColumns } from './db/repos/observations-repo.js';
import { latestPossibleDate } from '../../shared/model/batch-checks.js';
import { listSeries } from './db/repos/series-repo.js';
import { getScenario, insertScenario, listLayouts, listScenarios, nameConflictOf, nameTaken, renameScenario, updateScenario, type NewScenario, type ScenarioRecord } from './db/repos/scenarios-repo.js';
import { getSetting } from './db/repos/settings-repo.js';
import { importCsvText } from './import/import-csv.js';
import { SNAPSHOT_SETTING } from './snapshot/seed.js';
import { freshnessFields, gdpReleaseDates } from './staleness.js';
import type { Store } from './store.js';
import type { SyncController } from './sync-controller.js';
import { layoutHandlers } from './handlers/layouts.js';
import { trashHandlers } from './handlers/trash.js';
import { uiHandlers } from './handlers/ui-state.js';
import { catalogHandlers } from './handlers/catalog.js';
import { analysisHandlers } from './handlers/analysis.js';
import { eventsHandlers } from './handlers/events.js';
import { createAlertService, type AlertService } from './alert-service.js';
import { inAppWords } from './app-wording.js';
import { refusedRequestMessage } from './refused-request.js';
import { findDef, listUserSeries, removedMessage, removedSeries, type UserSeriesRow } from './catalog/user-catalog.js';
import type { FredCatalogDeps } from './catalog/fred-catalog.js';
import { lastFinishedRun } from './db/repos/sync-runs-repo.js';

export interface KeyStore {
  get(): string | null;
  set(key: string | null): void;
  /** Where the key lives, in words ("memory only (browser mode)", "OS keychain via safeStorage"). */
  readonly storage: string;
}

export interface SaveFile {
  (fileName: string, mime: string, bytes: Buffer): Promise<{ saved: boolean; path: string | null }>;
}

export interface RouterDeps {
  readonly store: Store;
  readonly now: () => number;
  readonly sync: SyncController;
  readonly keys: KeyStore;
  readonly saveFile: SaveFile;
  readonly log?: (line: string) => void;
  /** HTTP, source URLs and a FRED limiter for the catalog channels (adding a FRED series by id); absent in hosts without sources. */
  readonly fred?: Omit<FredCatalogDeps, 'db'>;
  /** Alerts evaluated at start and after each sync (create-core.ts); one over this store by default. */
  readonly alerts?: AlertService;
}

export interface Router {
  handle(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * A scenario name already in use. Scenarios are not replaced on save (layouts ask first): the message
 * says what to do instead, and where. The lab shows it after "not saved: "; Compare, where scenarios
 * are renamed, shows it as is.
 */
function scenarioNameTaken(name: string, how: 'save' | 'rename'): string {
  return how === 'save'
    ? `a scenario named “${name}” already exists: choose another name, or rename or delete the saved one in Compare`
    : `a scenario named “${name}” already exists: choose another name, or rename or delete that one first; nothing was renamed`;
}

function toDto(r: ScenarioRecord): ScenarioDto {
  return { id: r.id, name: r.name, inputs: r.inputs, anchor: r.anchor, curveLabel: r.curveLabel, dataAsOf: r.dataAsOf, modelVersion: r.modelVersion, updatedAt: r.updatedAt };
}

/** What the banner needs from a recovery, with the plain-words summary of what was restored and from where. */
function recoveryDto(r: Store['recovery']): { problem: string; keptAside: readonly string[]; scenariosRestored: number; restoredFrom: string | null; summary: string | null } | null {
  if (r === null) return null;
  return { problem: r.problem, keptAside: r.keptAside, scenariosRestored: r.scenariosRestored, restoredFrom: r.restoredFrom, summary: r.restored?.summary ?? null };
}

export function createRouter(deps: RouterDeps): Router {
  const { db } = deps.store;
  const nowIso = (): string => new Date(deps.now()).toISOString();

  const toContextDto = (c: ProjectionContext): ProjectionContextDto => ({
    anchor: c.anchor.anchor,
    wednesday: c.anchor.wednesday,
    gdpQuarter: c.anchor.gdpQuarter,
    fallbacks: c.anchor.fallbacks,
    inputs: c.inputs,
    notes: c.anchor.dataDefaultsNotes,
    curveLabel: c.curveLabel,
    presets: PRESETS.map((p) => ({ name: p.name, source: p.source, inputs: { ...c.inputs, ...p.overrides } })),
    bills: c.bills,
    fan: c.fan,
    actuals: actualsAfter(db, c.anchor.wednesday, 120),
    actualAtAnchor: actualAt(db, c.anchor.wednesday),
  });

  /** The context at a scenario's own anchor (absent: the latest); a bad anchor is an error that names the nearest ones. */
  const contextAt = (at: string | undefined): Result<ProjectionContext> => {
    if (at === undefined) return ok(projectionContext(db));
    if (!isIsoDate(at)) return err(`anchor ${at} is not a date (YYYY-MM-DD)`);
    try {
      return ok(projectionContext(db, { at }));
    } catch (e) {
      if (e instanceof AnchorDateError) return err(e.message);
      throw e;
    }
  };

  /** What a saved scenario stores besides its inputs: the anchor and data it was computed from. */
  const stamp = (c: ProjectionContext, name: string, inputs: ScenarioInputs): NewScenario => ({ name, inputs, anchor: c.anchor.anchor, curveLabel: c.curveLabel, dataAsOf: c.anchor.wednesday, modelVersion: MODEL_VERSION });

  const uniqueName = (base: string): string => {
    let n = base.slice(0, 70);
    for (let k = 2; nameTaken(db, n); k++) n = `${base.slice(0, 70)} (${k})`;
    return n;
  };

  const trash = trashHandlers(db, deps.now);
  const userInfo = (u: UserSeriesRow | undefined): SeriesStatusDto['userSeries'] =>
    u === undefined ? null : { fredId: u.fredId, fredUnits: u.fredUnits, fredFrequency: u.fredFrequency, seasonalAdjustment: u.seasonalAdjustment, metadataFrom: u.metadataFrom, addedAt: u.addedAt };

  type Handlers = { [C in Channel]: (req: Req<C>) => Promise<Result<Res<C>>> | Result<Res<C>> };
  const handlers: Handlers = {
    'series:list': () => {
      const now = deps.now();
      const gdp = gdpReleaseDates(db);
      const mine = new Map(listUserSeries(db).map((u) => [u.id, u]));
      const rows: SeriesStatusDto[] = listSeries(db).map((s) => {
        const fr = freshnessFields(s, now, gdp);
        return {
          id: s.id,
          title: s.title,
          source: s.source,
          unit: s.canonicalUnits,
          conversion: s.conversion,
          basis: s.basis,
          frequency: s.frequency,
          firstDate: s.firstDate,
          lastDate: s.lastDate,
          rowCount: s.rowCount,
          lastSyncedAt: s.lastSyncedAt,
          lastError: s.lastError === null ? null : inAppWords(s.lastError),
          userSeries: userInfo(mine.get(s.id)),
          ...fr,
        };
      });
      return ok(rows);
    },
    'series:get': (req) => {
      const out = [];
      for (const id of req.ids) {
        // Built-in or added by the user (catalog:add-fred): both are read the same way.
        const def = findDef(db, id);
        if (def === undefined) {
          const gone = removedSeries(db, id);
          return err(gone === undefined ? `unknown series ${id}` : removedMessage(gone));
        }
        // A row from the future (stored before the date checks existed) never reaches a chart: the
        // window ends at the latest date the series can have today.
        const latest = latestPossibleDate(def.dates, isoDateOfInstant(deps.now()));
        const to = req.to === undefined || req.to > latest ? latest : (req.to as IsoDate);
        const cols = getColumns(db, def.id, req.from as IsoDate | undefined, to);
        out.push({
          id: def.id,
          title: def.title,
          unit: def.conversion.canonical,
          conversion: def.conversion.label,
          basis: def.basis,
          frequency: def.frequency,
          dates: Array.from(cols.dates),
          values: Array.from(cols.values),
        });
      }
      return ok(out);
    },
    'indicators:get': (req) => ok(indicatorReport(db, (req.asOf ?? isoDateOfInstant(deps.now())) as IsoDate) as unknown as Json),
    'projection:context': (req) => {
      const c = contextAt(req.at);
      return c.ok ? ok(toContextDto(c.value)) : c;
    },
    'fit:run': () => {
      const f = fitFromStore(db);
      saveFittedCurve(db, f);
      return ok(f as unknown as Json);
    },
    'formula:eval': (req) => {
      try {
        const ast = parseFormula(req.source);
        const v = evaluateFormula(ast, storeFormulaEnv(db));
        const dates: number[] = [];
        const values: number[] = [];
        if (v.series !== null) {
          for (let i = 0; i < v.series.dates.length; i++) {
            const x = v.series.values[i] ?? Number.NaN;
            if (!Number.isFinite(x)) continue;
            dates.push(v.series.dates[i] ?? 0);
            values.push(x);
          }
        }
        return ok({ formula: printFormula(ast), unit: v.unit, dates, values, nonFinite: v.nonFinite ?? 0 });
      } catch (e) {
        if (e instanceof FormulaError) return err(`${e.message} (column ${e.start + 1})`);
        throw e;
      }
    },
    'scenario:list': () => ok(listScenarios(db).map(toDto)),
    'scenario:save': (req) => {
      const overrides = parseScenarioOverrides(req.inputs);
      if (!overrides.ok) return overrides;
      if (nameTaken(db, req.name, req.id)) return err(scenarioNameTaken(req.name, 'save'));
      if (req.id !== undefined && getScenario(db, req.id) === undefined) return err(`no scenario ${req.id}`);
      // Stamped with the anchor it was made at: a scenario from a past anchor replays that moment.
      const ca = contextAt(overrides.value.anchorWednesday);
      if (!ca.ok) return err(`not saved: ${ca.error}`);
      const c = ca.value;
      // The same rules as the command line and the lab: what cannot be computed is not saved.
      const merged = validateScenario(c.anchor.anchor, { ...c.inputs, ...overrides.value });
      if (!merged.ok) return err(`not saved: ${merged.error}`);
      const s = stamp(c, req.name, merged.value);
      const rec = req.id === undefined ? insertScenario(db, s, nowIso()) : updateScenario(db, req.id, s, nowIso());
      return rec ? ok(toDto(rec)) : err(`no scenario ${req.id ?? ''}`);
    },
    'scenario:rename': (req) => {
      if (nameTaken(db, req.name, req.id)) return err(scenarioNameTaken(req.name, 'rename'));
      if (!renameScenario(db, req.id, req.name, nowIso())) return err(`no scenario ${req.id}`);
      const r = getScenario(db, req.id);
      return r ? ok(toDto(r)) : err(`no scenario ${req.id}`);
    },
    'scenario:duplicate': (req) => {
      const cur = getScenario(db, req.id);
      if (cur === undefined) return err(`no scenario ${req.id}`);
      const rec = insertScenario(db, { name: uniqueName(`${cur.name} copy`), inputs: cur.inputs, anchor: cur.anchor, curveLabel: cur.curveLabel, dataAsOf: cur.dataAsOf, modelVersion: cur.modelVersion }, nowIso());
      return ok(toDto(rec));
    },
    // Deletes keep the record for Undo (handlers/trash.ts); saving over a layout name must say so.
    'scenario:delete': trash['scenario:delete'],
    'scenario:undelete': (req) => {
      const r = trash['scenario:undelete'](req);
      return r.ok ? ok(toDto(r.value)) : r;
    },
    'scenario:export': (req) => {
      const cur = getScenario(db, req.id);
      if (cur === undefined) return err(`no scenario ${req.id}`);
      const text = serializeScenarioFile(cur.name, cur.inputs, { modelVersion: cur.modelVersion, dataAsOf: cur.dataAsOf, curveLabel: cur.curveLabel });
      return ok({ fileName: `${cur.name.replace(/[^\w\- ]+/g, '_')}.reservoir.json`, text });
    },
    'scenario:import': (req) => {
      if (Buffer.byteLength(req.text, 'utf8') > MAX_SCENARIO_BYTES) return err(`the file is over ${MAX_SCENARIO_BYTES} bytes; nothing was imported`);
      const f = parseScenarioFile(req.text);
      if (!f.ok) return f;
      const ca = contextAt(f.value.overrides.anchorWednesday);
      if (!ca.ok) return err(`${ca.error}; nothing was imported`);
      const c = ca.value;
      const merged = validateScenario(c.anchor.anchor, { ...c.inputs, ...f.value.overrides });
      if (!merged.ok) return err(`${merged.error}; nothing was imported`);
      return ok(toDto(insertScenario(db, stamp(c, uniqueName(f.value.name), merged.value), nowIso())));
    },
    'layout:list': () => ok(listLayouts(db).map((l) => ({ name: l.name, panels: l.panels as Json }))),
    'layout:save': trash['layout:save'],
    'layout:delete': trash['layout:delete'],
    'layout:undelete': trash['layout:undelete'],
    ...layoutHandlers(db, deps.now),
    ...uiHandlers(db, deps.log),
    'sync:start': (req) => ok(deps.sync.start(req.ids)),
    'sync:status': () => {
      const s = deps.sync.status();
      if (s.lastRun === null) return ok(s);
      const r = s.lastRun;
      return ok({ ...s, lastRun: { ...r, errors: r.errors.map((e) => ({ seriesId: e.seriesId, error: inAppWords(e.error) })), ...(typeof r.message === 'string' ? { message: inAppWords(r.message) } : {}) } });
    },
    'sync:last-run': () => {
      const r = lastFinishedRun(db);
      return ok(r === null ? null : { ...r, message: r.message === null ? null : inAppWords(r.message) });
    },
    ...catalogHandlers(db, deps.fred ?? null, deps.sync, deps.now),
    ...analysisHandlers(db, deps.alerts ?? createAlertService(db, deps.now, deps.log), deps.now),
    ...eventsHandlers(db, deps.now),
    'sync:cancel': () => ok(deps.sync.cancel()),
    'settings:get': () => ok({ fredKeySet: deps.keys.get() !== null, fredKeyStorage: deps.keys.storage, dataDir: deps.store.dataDir, snapshotAsOf: getSetting(db, SNAPSHOT_SETTING), recovery: recoveryDto(deps.store.recovery) }),
    'settings:set-fred-key': (req) => {
      deps.keys.set(req.key);
      return ok({ fredKeySet: deps.keys.get() !== null });
    },
    'import:csv': (req) => {
      const r = importCsvText(db, req.text, { ...(req.seriesId ? { seriesId: req.seriesId } : {}), ...(req.column ? { column: req.column } : {}), seenAt: nowIso() });
      if (!r.ok) return err(`import failed, nothing was written: ${r.error.replace(/(;| —) nothing was written$/, '')}`);
      const s = r.value.series;
      const sum = (k: 'rows' | 'inserted' | 'updated'): number => s.reduce((a, x) => a + x[k], 0);
      return ok({ seriesId: s.map((x) => x.seriesId).join(', '), rows: sum('rows'), inserted: sum('inserted'), updated: sum('updated'), skipped: r.value.skipped.length });
    },
    'export:save-file': async (req) => ok(await deps.saveFile(req.fileName, req.mime, Buffer.from(req.base64, 'base64'))),
  };

  return {
    async handle(channel, payload) {
      if (!isChannel(channel)) return err(`unknown channel ${channel.slice(0, 60)}`);
      const v = (validateRequest[channel] as (p: Json) => Result<unknown>)((payload === undefined ? {} : payload) as Json);
      if (!v.ok) {
        // The channel and the validator's field words are for the log; the window gets app words.
        deps.log?.(`${channel} refused: ${v.error}`);
        return err(refusedRequestMessage(channel, v.error));
      }
      try {
        const h = handlers[channel] as (r: unknown) => Promise<Result<unknown>> | Result<unknown>;
        const r = await h(v.value);
        // The core's messages also serve the command line: in the app they name app controls, not flags.
        return r.ok ? r : err(inAppWords(r.error));
      } catch (e) {
        // A save that lost a race for its name (another process inserted it after our check): the plain message.
        const conflict = nameConflictOf(e);
        if (conflict !== null) {
          const req = v.value;
          const given = typeof req === 'object' && req !== null && 'name' in req && typeof req.name === 'string' ? req.name : null;
          if (given === null) return err(`a ${conflict} of that name was saved at the same moment; try again`);
          return err(conflict === 'scenario' ? scenarioNameTaken(given, channel === 'scenario:rename' ? 'rename' : 'save') : `a ${conflict} named "${given}" already exists`);
        }
        const message = e instanceof Error ? e.message : String(e);
        deps.log?.(`${channel} failed: ${message}`);
        return err(inAppWords(message));
      }
    },
  };
}

export type { Channels };
