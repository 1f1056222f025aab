/**
 * `ui:get` / `ui:set`: the renderer's per-data-folder UI state (shared/model/ui-state.ts) in the
 * settings table, one JSON value per key. Values were validated by `validateRequest` on the way in;
 * on the way out each is parsed again, so a value an older build wrote that no longer fits is left
 * out (the view starts from its defaults) rather than handed to a component.
 */
import type { Req, Res } from '../../../shared/ipc/contract.js';
import { parseJsonText } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { ok } from '../../../shared/result.js';
import { parseUiValue, UI_KEYS, uiSettingKey, type UiKey, type UiPatch, type UiValues } from '../../../shared/model/ui-state.js';
import type { Db } from '../db/open-database.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';

export interface UiHandlers {
  'ui:get': (req: Req<'ui:get'>) => Result<Res<'ui:get'>>;
  'ui:set': (req: Req<'ui:set'>) => Result<Res<'ui:set'>>;
}

function readOne<K extends UiKey>(db: Db, k: K, out: { -readonly [P in UiKey]?: UiValues[P] }, log?: (line: string) => void): void {
  const raw = getSetting(db, uiSettingKey(k));
  if (raw === null) return;
  const j = parseJsonText(raw);
  const v = j.ok ? parseUiValue[k](j.value) : j;
  if (v.ok) out[k] = v.value;
  else log?.(`ui state ${k} ignored: ${v.error}`);
}

export function uiHandlers(db: Db, log?: (line: string) => void): UiHandlers {
  return {
    'ui:get': () => {
      const out: { -readonly [P in UiKey]?: UiValues[P] } = {};
      for (const k of UI_KEYS) readOne(db, k, out, log);
      return ok(out satisfies UiPatch);
    },
    'ui:set': (req) => {
      const keys = UI_KEYS.filter((k) => req.values[k] !== undefined);
      // One IMMEDIATE transaction for the whole patch (design.md §8): a flush is all or nothing.
      db.transaction(() => {
        for (const k of keys) setSetting(db, uiSettingKey(k), JSON.stringify(req.values[k]));
      }).immediate();
      return ok({ saved: keys });
    },
  };
}
