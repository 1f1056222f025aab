/**
 * The catalog channels (issue 12): look a FRED series up by id, add it as a user entry, remove a user
 * entry with everything stored for it. The Data view and the Workspace picker use them.
 */
import type { Req, Res } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { addFredSeries, lookupFredSeries, type FredCatalogDeps } from '../catalog/fred-catalog.js';
import { removeUserSeries } from '../catalog/user-catalog.js';
import type { SyncController } from '../sync-controller.js';

type CatalogChannel = 'catalog:lookup-fred' | 'catalog:add-fred' | 'catalog:remove-series';
type Handlers = { [C in CatalogChannel]: (req: Req<C>) => Promise<Result<Res<C>>> | Result<Res<C>> };

/** `fred` is null in a host with no sources wired (some tests): the channels then say so. `now` dates a removal. */
export function catalogHandlers(db: FredCatalogDeps['db'], fred: Omit<FredCatalogDeps, 'db'> | null, sync: SyncController, now: () => number = Date.now): Handlers {
  const busy = (): string | null => (sync.status().running ? 'a sync is running: wait for it to finish (or cancel it), then try again' : null);
  return {
    'catalog:lookup-fred': async (req) => (fred === null ? err('this host has no connection to FRED') : lookupFredSeries({ db, ...fred }, req.fredId)),
    'catalog:add-fred': async (req) => {
      if (fred === null) return err('this host has no connection to FRED');
      const b = busy();
      if (b !== null) return err(`${b}; nothing was added`);
      return addFredSeries({ db, ...fred }, req);
    },
    'catalog:remove-series': (req) => {
      // A running sync may be writing this very series: removing it under the sync would orphan rows.
      const b = busy();
      if (b !== null) return err(`${b}; nothing was removed`);
      const r = removeUserSeries(db, req.id, now);
      return r.ok ? ok({ id: r.value.id, observations: r.value.observations, revisions: r.value.revisions }) : r;
    },
  };
}
