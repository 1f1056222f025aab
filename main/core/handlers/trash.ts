/**
 * Deletes that can be undone (issue 11 §4): a deleted scenario or layout is kept here, in memory, for
 * a while after the delete, and `scenario:undelete` / `layout:undelete` put it back. The page offers
 * Undo for 10 s; the core keeps the record a minute, so an Undo pressed at the last moment over a slow
 * link still finds it. Only what this process deleted can be put back, and only once.
 */
import type { Req, Res } from '../../../shared/ipc/contract.js';
import type { Json } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { deleteLayout, deleteScenario, getLayout, getScenario, nameTaken, restoreScenario, saveLayout, type ScenarioRecord } from '../db/repos/scenarios-repo.js';

export const TRASH_MS = 60_000;
const TRASH_MAX = 50;

type Handler<C extends 'scenario:delete' | 'scenario:undelete' | 'layout:save' | 'layout:delete' | 'layout:undelete'> = (req: Req<C>) => Result<Res<C>>;
export interface TrashHandlers {
  'scenario:delete': Handler<'scenario:delete'>;
  'scenario:undelete': (req: Req<'scenario:undelete'>) => Result<ScenarioRecord>;
  'layout:save': Handler<'layout:save'>;
  'layout:delete': Handler<'layout:delete'>;
  'layout:undelete': Handler<'layout:undelete'>;
}

class Trash<K, V> {
  private readonly items = new Map<K, { value: V; at: number }>();
  constructor(private readonly now: () => number) {}
  put(k: K, value: V): void {
    this.prune();
    this.items.delete(k);
    this.items.set(k, { value, at: this.now() });
    // Oldest first in a Map: beyond the cap the oldest can no longer be undone.
    for (const key of this.items.keys()) {
      if (this.items.size <= TRASH_MAX) break;
      this.items.delete(key);
    }
  }
  take(k: K): V | undefined {
    this.prune();
    const e = this.items.get(k);
    this.items.delete(k);
    return e?.value;
  }
  private prune(): void {
    const t = this.now();
    for (const [k, e] of this.items) if (t - e.at > TRASH_MS) this.items.delete(k);
  }
}

export function trashHandlers(db: Db, now: () => number): TrashHandlers {
  const scenarios = new Trash<number, ScenarioRecord>(now);
  const layouts = new Trash<string, Json>(now);
  const nowIso = (): string => new Date(now()).toISOString();
  /** The old name if still free, else "name (restored)", "name (restored 2)", … */
  const freeName = (base: string, taken: (n: string) => boolean): string => {
    if (!taken(base)) return base;
    const stem = base.slice(0, 66);
    let n = `${stem} (restored)`;
    for (let k = 2; taken(n); k++) n = `${stem} (restored ${k})`;
    return n;
  };
  return {
    'scenario:delete': (req) => {
      const rec = getScenario(db, req.id);
      if (rec === undefined || !deleteScenario(db, req.id)) return err(`no scenario ${req.id}`);
      scenarios.put(req.id, rec);
      return ok({ deleted: true as const });
    },
    'scenario:undelete': (req) => {
      const rec = scenarios.take(req.id);
      if (rec === undefined) return err(`scenario ${req.id} cannot be put back: it was not deleted in the last ${TRASH_MS / 1000} s`);
      return ok(restoreScenario(db, rec, freeName(rec.name, (n) => nameTaken(db, n))));
    },
    'layout:save': (req) => {
      if (req.overwrite !== true && getLayout(db, req.name) !== undefined) return err(`a layout named “${req.name}” already exists; nothing was saved`);
      saveLayout(db, req.name, req.panels, nowIso());
      return ok({ saved: true as const });
    },
    'layout:delete': (req) => {
      const l = getLayout(db, req.name);
      if (l === undefined || !deleteLayout(db, req.name)) return err(`no layout named “${req.name}”`);
      layouts.put(req.name, l.panels as Json);
      return ok({ deleted: true as const });
    },
    'layout:undelete': (req) => {
      const panels = layouts.take(req.name);
      if (panels === undefined) return err(`layout “${req.name}” cannot be put back: it was not deleted in the last ${TRASH_MS / 1000} s`);
      const name = freeName(req.name, (n) => getLayout(db, n) !== undefined);
      saveLayout(db, name, panels, nowIso());
      return ok({ name });
    },
  };
}
