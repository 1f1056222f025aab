/**
 * Issue 11 §5: two saves racing for one scenario name get the plain "name taken" message, not SQLite's
 * "UNIQUE constraint failed"; names with control characters, bidi overrides or lone surrogates are
 * refused by save, rename, layout save and a scenario file's import alike.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../main/core/create-core.js';
import { openDatabase, type Db } from '../../../main/core/db/open-database.js';
import { nameConflictOf } from '../../../main/core/db/repos/scenarios-repo.js';
import { createRouter, type Router } from '../../../main/core/router.js';
import { DB_FILE } from '../../../main/core/store.js';
import { nameProblem } from '../../../shared/model/names.js';
import { parseScenarioFile, serializeScenarioFile } from '../../../shared/model/scenario.js';
import { seededDataDir } from '../../support/sync-harness.js';

let d: ReturnType<typeof seededDataDir>;
let db: Db;
let router: Router;
beforeAll(() => {
  d = seededDataDir();
  db = openDatabase(path.join(d.dir, DB_FILE));
  const idle = { running: false, done: 0, total: 0, rows: 0, currentSeries: null, lastRun: null };
  const sync = { start: () => idle, status: () => idle, cancel: () => idle, idle: async () => undefined };
  router = createRouter({ store: { db, dataDir: d.dir, seed: null, recovery: null, close: () => undefined }, now: () => Date.parse('2026-12-01T12:00:00Z'), sync, keys: memoryKeyStore(), saveFile: async () => ({ saved: false, path: null }) });
});
afterAll(() => {
  db.close();
  d.cleanup();
});

/**
 * Another process inserts a scenario of the same name after this one checked the name and before it
 * inserted: a temporary trigger on this connection does exactly that, so the race happens every time.
 */
function raceOn(name: string): void {
  db.exec(`DROP TRIGGER IF EXISTS temp.race_insert; DROP TRIGGER IF EXISTS temp.race_rename;
    CREATE TEMP TRIGGER race_insert BEFORE INSERT ON main.scenarios WHEN NEW.name = '${name}'
    BEGIN INSERT INTO main.scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at)
      VALUES (NEW.name, NEW.inputs, NEW.anchor, NEW.curve_label, NEW.data_as_of, NEW.model_version, NEW.created_at, NEW.updated_at); END;
    CREATE TEMP TRIGGER race_rename BEFORE UPDATE OF name ON main.scenarios WHEN NEW.name = '${name}'
    BEGIN INSERT INTO main.scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at)
      VALUES (NEW.name, OLD.inputs, OLD.anchor, OLD.curve_label, OLD.data_as_of, OLD.model_version, OLD.created_at, OLD.updated_at); END;`);
}

describe('a name already taken', () => {
  // Scenarios are not replaced on save (layouts ask first): the refusal says what to do, and where.
  it('save says to choose another name or rename/delete the saved one in Compare; nothing is replaced', async () => {
    const first = await router.handle('scenario:save', { name: 'Base case', inputs: { horizonYears: 5 } });
    expect(first.ok).toBe(true);
    const again = await router.handle('scenario:save', { name: 'Base case', inputs: { horizonYears: 7 } });
    expect(again).toEqual({ ok: false, error: 'a scenario named “Base case” already exists: choose another name, or rename or delete the saved one in Compare' });
    const kept = db.prepare("SELECT inputs FROM scenarios WHERE name = 'Base case'").pluck().all() as string[];
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0] ?? '{}')).toMatchObject({ horizonYears: 5 });
  });
});

describe('two saves racing for one name', () => {
  it('save: the loser gets `a scenario named “X” already exists: choose another name, …`', async () => {
    raceOn('Race');
    const r = await router.handle('scenario:save', { name: 'Race', inputs: {} });
    expect(r).toEqual({ ok: false, error: 'a scenario named “Race” already exists: choose another name, or rename or delete the saved one in Compare' });
    // What SQLite itself raised there (the name check had passed): its UNIQUE constraint on the name.
    let raw: unknown;
    try {
      db.prepare("INSERT INTO scenarios (name, inputs, anchor, curve_label, data_as_of, model_version, created_at, updated_at) VALUES ('Race', '{}', '{}', '', '', 1, '', '')").run();
    } catch (e) {
      raw = e;
    }
    expect(String(raw)).toMatch(/UNIQUE constraint failed: scenarios\.name/);
    expect(nameConflictOf(raw)).toBe('scenario');
    expect(db.prepare("SELECT count(*) FROM scenarios WHERE name = 'Race'").pluck().get()).toBe(0);
  });

  it('rename: the same plain message', async () => {
    db.exec('DROP TRIGGER IF EXISTS temp.race_insert; DROP TRIGGER IF EXISTS temp.race_rename;');
    const s = await router.handle('scenario:save', { name: 'Before rename', inputs: {} });
    expect(s.ok).toBe(true);
    const id = s.ok ? (s.value as { id: number }).id : 0;
    raceOn('Renamed');
    expect(await router.handle('scenario:rename', { id, name: 'Renamed' })).toEqual({ ok: false, error: 'a scenario named “Renamed” already exists: choose another name, or rename or delete that one first; nothing was renamed' });
    db.exec('DROP TRIGGER IF EXISTS temp.race_insert; DROP TRIGGER IF EXISTS temp.race_rename;');
  });

  it('nameConflictOf tells the name constraints from other SQLite errors', () => {
    db.exec("CREATE TEMP TABLE t (x UNIQUE); INSERT INTO t VALUES (1);");
    let other: unknown;
    try {
      db.exec('INSERT INTO t VALUES (1)');
    } catch (e) {
      other = e;
    }
    expect(other).toBeInstanceOf(Error);
    expect(nameConflictOf(other)).toBeNull();
    expect(nameConflictOf(new Error('UNIQUE constraint failed: scenarios.name'))).toBeNull(); // not from SQLite: no code
  });
});

describe('names refuse control characters, bidi overrides and lone surrogates', () => {
  const BAD: readonly [string, string, RegExp][] = [
    ['NUL', 'a\u0000b', /control characters \(U\+0000 at character 2\)/],
    ['a newline', 'QT\nends', /control characters \(U\+000A/],
    ['TAB', 'a\tb', /control characters \(U\+0009/],
    ['DEL', 'a\u007fb', /control characters \(U\+007F/],
    ['C1 NEL', 'a\u0085b', /control characters \(U\+0085/],
    ['C1 U+009F', 'a\u009fb', /control characters \(U\+009F/],
    ['RLO', 'evil\u202Etxt.exe', /bidirectional override characters \(U\+202E/],
    ['LRE', '\u202Aa', /bidirectional override characters \(U\+202A/],
    ['PDF', 'a\u202Cb', /bidirectional override characters \(U\+202C/],
    ['LRI', 'a\u2066b', /bidirectional override characters \(U\+2066/],
    ['PDI', 'a\u2069b', /bidirectional override characters \(U\+2069/],
    ['a lone high surrogate', 'a\uD83Db', /lone UTF-16 surrogate U\+D83D/],
    ['a lone low surrogate', 'a\uDE00', /lone UTF-16 surrogate U\+DE00/],
    ['a high surrogate at the end', 'abc\uD800', /lone UTF-16 surrogate U\+D800/],
  ];
  const GOOD = ['QT ends 2026', 'Réserves — scénario 😀', 'עברית ok', 'a\u200Db', 'x'.repeat(80)];

  it.each(BAD)('%s: refused by save, rename, layout save and scenario import', async (_what, name, message) => {
    expect(nameProblem(name)).toMatch(message);
    for (const [channel, payload] of [
      ['scenario:save', { name, inputs: {} }],
      ['scenario:rename', { id: 1, name }],
      ['layout:save', { name, panels: [] }],
    ] as const) {
      const r = await router.handle(channel, payload);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(r.error, channel).toMatch(message);
    }
    const file = parseScenarioFile(serializeScenarioFile(name, {}));
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.error).toMatch(/^the scenario name /);
    if (!file.ok) expect(file.error).toMatch(/nothing was imported$/);
    const imported = await router.handle('scenario:import', { text: serializeScenarioFile(name, {}) });
    expect(imported.ok).toBe(false);
  });

  it('ordinary names, accents, emoji (a surrogate pair), right-to-left text and a joiner are kept', async () => {
    for (const name of GOOD) {
      expect(nameProblem(name), name).toBeNull();
      const r = await router.handle('scenario:save', { name, inputs: {} });
      expect(r.ok, `${name}: ${r.ok ? '' : r.error}`).toBe(true);
    }
    expect(nameProblem('x'.repeat(81))).toMatch(/1 to 80 characters/);
  });
});
