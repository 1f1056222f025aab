/**
 * `layout:rename` (issue 12): a saved layout under a new name, its panels as they were. A name that
 * another layout has is refused, as a save without `overwrite` is: a rename never replaces a layout.
 * Check and write in one IMMEDIATE transaction (design.md §8), so a second writer cannot take the
 * name between them; a race lost anyway hits the UNIQUE constraint, which the router words.
 */
import type { Req, Res } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { getLayout, renameLayout } from '../db/repos/scenarios-repo.js';

export interface LayoutHandlers {
  'layout:rename': (req: Req<'layout:rename'>) => Result<Res<'layout:rename'>>;
}

export function layoutHandlers(db: Db, now: () => number): LayoutHandlers {
  return {
    'layout:rename': (req) =>
      db
        .transaction((): Result<Res<'layout:rename'>> => {
          if (getLayout(db, req.from) === undefined) return err(`no layout named “${req.from}”`);
          if (req.name === req.from) return ok({ name: req.name });
          if (getLayout(db, req.name) !== undefined) return err(`a layout named “${req.name}” already exists; nothing was renamed`);
          if (!renameLayout(db, req.from, req.name, new Date(now()).toISOString())) return err(`no layout named “${req.from}”`);
          return ok({ name: req.name });
        })
        .immediate(),
  };
}
