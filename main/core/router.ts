/**
 * Handlers for every channel of the contract. The Electron shell and the loopback host both call
 * `handle(channel, payload)`: the payload is validated here, every time, and every answer is a
 * `{ ok, value } | { ok: false, error }` envelope whose error is safe to show.
 */
import type { Frequency } from '../../shared/catalog.js';
import { FormulaError } from '../../shared/compute/formula/ast.js';
import { evaluateFormula } from '../../shared/compute/formula/evaluate.js';
import { parseFormula, printFormula } from '../../shared/compute/formula/parse.js';
import { DEFAULT_INPUTS, PRESETS } from '../../shared/compute/presets.js';
import { MODEL_VERSION, type ScenarioInputs } from '../../shared/compute/projection.js';
import { findSeries } from '../../shared/catalog.js';
import { isChannel, validateRequest, type Channel, type Channels, type ProjectionContextDto, type Req, type Res, type ScenarioDto, type SeriesStatusDto } from '../../shared/ipc/contract.js';
import { MAX_SCENARIO_BYTES, parseScenarioFile, parseScenarioOverrides, serializeScenarioFile } from '../../shared/model/scenario.js';
import type { Json } from '../../shared/parse/json.js';
import { isObject, parseJsonText } from '../../shared/parse/json.js';
import type { Result } from '../../shared/result.js';
import { err, ok } from '../../shared/result.js';
import { epochDay, isoDateOfInstant, type IsoDate } from '../../shared/time/iso-date.js';
import { anchorFromStore } from './analysis/anchor-from-store.js';
import { fitFromStore } from './analysis/fit-from-store.js';
import { storeFormulaEnv } from './analysis/formula-env.js';
import { indicatorReport } from './analysis/indicator-report.js';
import { getColumns } from './db/repos/observations-repo.js';
import { listSeries } from './db/repos/series-repo.js';
import { deleteScenario, getScenario, insertScenario, listLayouts, listScenarios, nameTaken, renameScenario, saveLayout, updateScenario, type ScenarioRecord } from './db/repos/scenarios-repo.js';
import { getSetting, setSetting } from './db/repos/settings-repo.js';
import { importCsvText } from './import/import-csv.js';
import { SNAPSHOT_SETTING } from './snapshot/seed.js';
import { staleness } from './staleness.js';
import type { Store } from './store.js';
import type { SyncController } from './sync-controller.js';

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
}

export interface Router {
  handle(channel: string, payload: unknown): Promise<Result<unknown>>;
}

const FIT_SETTING = 'demand_curve.fit';

function toDto(r: ScenarioRecord): ScenarioDto {
  return { id: r.id, name: r.name, inputs: r.inputs, anchor: r.anchor, curveLabel: r.curveLabel, dataAsOf: r.dataAsOf, modelVersion: r.modelVersion, updatedAt: r.updatedAt };
}

export function createRouter(deps: RouterDeps): Router {
  const { db } = deps.store;
  const nowIso = (): string => new Date(deps.now()).toISOString();

  const curveFromSettings = (): { curve: ScenarioInputs['curve']; label: string } => {
    const raw = getSetting(db, FIT_SETTING);
    if (raw !== null) {
      const p = parseJsonText(raw);
      if (p.ok && isObject(p.value)) {
        const v = p.value;
        const n = (k: string): number => (typeof v[k] === 'number' ? (v[k] as number) : Number.NaN);
        if ([n('alpha'), n('beta'), n('gamma')].every(Number.isFinite)) return { curve: { alpha: n('alpha'), beta: n('beta'), gamma: n('gamma'), xRef: 10, basis: 'gdp' }, label: `fitted (${String(v['sample'] ?? '')})` };
      }
    }
    return { curve: DEFAULT_INPUTS.curve, label: 'illustrative (α −7, β 4, γ 0.35; not an estimate)' };
  };

  const context = (): ProjectionContextDto => {
    const a = anchorFromStore(db);
    const { curve, label } = curveFromSettings();
    const base: ScenarioInputs = { ...DEFAULT_INPUTS, ...a.dataDefaults, curve };
    return {
      anchor: a.anchor,
      wednesday: a.wednesday,
      gdpQuarter: a.gdpQuarter,
      fallbacks: a.fallbacks,
      inputs: base,
      notes: a.dataDefaultsNotes,
      curveLabel: label,
      presets: PRESETS.map((p) => ({ name: p.name, source: p.source, inputs: { ...base, ...p.overrides } })),
    };
  };

  /** A full, validated set of inputs: the current defaults, overridden field by field. */
  const fullInputs = (overrides: Json): Result<ScenarioInputs> => {
    const r = parseScenarioOverrides(overrides);
    if (!r.ok) return r;
    return ok({ ...context().inputs, ...r.value });
  };

  const saveNew = (name: string, inputs: ScenarioInputs): ScenarioRecord => {
    const a = anchorFromStore(db);
    return insertScenario(db, { name, inputs, anchor: a.anchor, curveLabel: curveFromSettings().label, dataAsOf: a.wednesday, modelVersion: MODEL_VERSION }, nowIso());
  };

  const uniqueName = (base: string): string => {
    let n = base.slice(0, 70);
    for (let k = 2; nameTaken(db, n); k++) n = `${base.slice(0, 70)} (${k})`;
    return n;
  };

  type Handlers = { [C in Channel]: (req: Req<C>) => Promise<Result<Res<C>>> | Result<Res<C>> };
  const handlers: Handlers = {
    'series:list': () => {
      const today = isoDateOfInstant(deps.now());
      const rows: SeriesStatusDto[] = listSeries(db).map((s) => {
        const st = staleness(s.frequency as Frequency, s.lastDate as IsoDate | null, today);
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
          lastError: s.lastError,
          ageDays: st?.ageDays ?? null,
          stale: st?.stale ?? null,
        };
      });
      return ok(rows);
    },
    'series:get': (req) => {
      const out = [];
      for (const id of req.ids) {
        const def = findSeries(id);
        if (def === undefined) return err(`unknown series ${id}`);
        const cols = getColumns(db, def.id, req.from as IsoDate | undefined, req.to as IsoDate | undefined);
        out.push({
          id: def.id,
          title: def.title,
          unit: def.conversion.canonical,
          conversion: def.conversion.label,
          basis: def.basis,
          frequency: def.frequency,
          dates: cols.dates.map((d) => epochDay(d as IsoDate)),
          values: Array.from(cols.values),
        });
      }
      return ok(out);
    },
    'indicators:get': (req) => ok(indicatorReport(db, (req.asOf ?? isoDateOfInstant(deps.now())) as IsoDate) as unknown as Json),
    'projection:context': () => ok(context()),
    'fit:run': () => {
      const f = fitFromStore(db);
      const latest = f.regimes[f.regimes.length - 1];
      setSetting(db, FIT_SETTING, JSON.stringify({ alpha: latest?.alpha, beta: f.beta, gamma: f.gamma, sample: `${f.sample.from}..${f.sample.to}, ${f.sample.weeks} weeks` }));
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
        return ok({ formula: printFormula(ast), unit: v.unit, dates, values });
      } catch (e) {
        if (e instanceof FormulaError) return err(`${e.message} (column ${e.start + 1})`);
        throw e;
      }
    },
    'scenario:list': () => ok(listScenarios(db).map(toDto)),
    'scenario:save': (req) => {
      const inputs = fullInputs(req.inputs);
      if (!inputs.ok) return inputs;
      if (nameTaken(db, req.name, req.id)) return err(`a scenario named "${req.name}" already exists`);
      if (req.id !== undefined) {
        const cur = getScenario(db, req.id);
        if (cur === undefined) return err(`no scenario ${req.id}`);
        const a = anchorFromStore(db);
        const rec = updateScenario(db, req.id, { name: req.name, inputs: inputs.value, anchor: a.anchor, curveLabel: curveFromSettings().label, dataAsOf: a.wednesday, modelVersion: MODEL_VERSION }, nowIso());
        return rec ? ok(toDto(rec)) : err(`no scenario ${req.id}`);
      }
      return ok(toDto(saveNew(req.name, inputs.value)));
    },
    'scenario:rename': (req) => {
      if (nameTaken(db, req.name, req.id)) return err(`a scenario named "${req.name}" already exists`);
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
    'scenario:delete': (req) => (deleteScenario(db, req.id) ? ok({ deleted: true as const }) : err(`no scenario ${req.id}`)),
    'scenario:export': (req) => {
      const cur = getScenario(db, req.id);
      if (cur === undefined) return err(`no scenario ${req.id}`);
      const text = serializeScenarioFile(cur.name, cur.inputs, { modelVersion: cur.modelVersion, dataAsOf: cur.dataAsOf, curveLabel: cur.curveLabel });
      return ok({ fileName: `${cur.name.replace(/[^\w\- ]+/g, '_')}.json`, text });
    },
    'scenario:import': (req) => {
      if (Buffer.byteLength(req.text, 'utf8') > MAX_SCENARIO_BYTES) return err(`the file is over ${MAX_SCENARIO_BYTES} bytes; nothing was imported`);
      const f = parseScenarioFile(req.text);
      if (!f.ok) return f;
      return ok(toDto(saveNew(uniqueName(f.value.name), { ...context().inputs, ...f.value.overrides })));
    },
    'layout:list': () => ok(listLayouts(db).map((l) => ({ name: l.name, panels: l.panels as Json }))),
    'layout:save': (req) => {
      saveLayout(db, req.name, req.panels, nowIso());
      return ok({ saved: true as const });
    },
    'sync:start': (req) => ok(deps.sync.start(req.ids)),
    'sync:status': () => ok(deps.sync.status()),
    'sync:cancel': () => ok(deps.sync.cancel()),
    'settings:get': () => ok({ fredKeySet: deps.keys.get() !== null, fredKeyStorage: deps.keys.storage, dataDir: deps.store.dataDir, snapshotAsOf: getSetting(db, SNAPSHOT_SETTING), recovery: deps.store.recovery }),
    'settings:set-fred-key': (req) => {
      deps.keys.set(req.key);
      return ok({ fredKeySet: deps.keys.get() !== null });
    },
    'import:csv': (req) => {
      const r = importCsvText(db, req.text, { ...(req.seriesId ? { seriesId: req.seriesId } : {}), seenAt: nowIso() });
      return r.ok ? ok({ seriesId: r.value.seriesId, rows: r.value.rows, inserted: r.value.inserted, updated: r.value.updated }) : err(`import failed, nothing was written: ${r.error}`);
    },
    'export:save-file': async (req) => ok(await deps.saveFile(req.fileName, req.mime, Buffer.from(req.base64, 'base64'))),
  };

  return {
    async handle(channel, payload) {
      if (!isChannel(channel)) return err(`unknown channel ${channel.slice(0, 60)}`);
      const v = (validateRequest[channel] as (p: Json) => Result<unknown>)((payload === undefined ? {} : payload) as Json);
      if (!v.ok) return err(`${channel}: ${v.error}`);
      try {
        const h = handlers[channel] as (r: unknown) => Promise<Result<unknown>> | Result<unknown>;
        return await h(v.value);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        deps.log?.(`${channel} failed: ${message}`);
        return err(message);
      }
    },
  };
}

export type { Channels };
