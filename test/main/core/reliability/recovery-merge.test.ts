/**
 * Recovery keeps everything (issue 11 §3). Found: recovery restored scenarios only from the newest
 * backup, and three scenarios saved after it were lost although the damaged file still held them.
 * Here: saved work before and after the newest backup, five kinds of damage; recovery merges the
 * backup with what the damaged file still gives, row by row, and reports the counts.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeBackup } from '../../../../main/core/db/backup.js';
import { insertScenario, listLayouts, listScenarios, renameScenario, saveLayout, updateScenario, type NewScenario } from '../../../../main/core/db/repos/scenarios-repo.js';
import { mergeRows, readSaved } from '../../../../main/core/db/salvage.js';
import { DB_FILE, openStore } from '../../../../main/core/store.js';
import { DEFAULT_INPUTS } from '../../../../shared/compute/presets.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { tempDir } from '../../../support/temp-dir.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const anchor = { date: '2026-07-31' as IsoDate, Tc: 4000, Tb: 0, M: 2000, OA: 500, C: 2400, TGA: 900, RRP: 1, FRRP: 0, R0: 2930, GDP0: 32000, BA0: Number.NaN };
const scenario = (name: string, pace = DEFAULT_INPUTS.capMbsBn): NewScenario => ({ name, inputs: { ...DEFAULT_INPUTS, capMbsBn: pace }, anchor, curveLabel: 'illustrative', dataAsOf: '2026-08-19', modelVersion: 1 });

let template: ReturnType<typeof tempDir>;
beforeAll(() => {
  template = tempDir('reservoir-merge-template-');
  openStore({ dataDir: template.dir, now: () => NOW, backups: false }).close();
});
afterAll(() => template.cleanup());

/** Pages of one table (from SQLite's dbstat), read before the damage. */
function pagesOf(file: string, table: string, type: 'leaf' | 'internal' | 'overflow' = 'leaf'): { page: number; cells: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT pageno AS page, ncell AS cells FROM dbstat WHERE name = ? AND pagetype = ?').all(table, type) as { page: number; cells: number }[]).sort((a, b) => a.page - b.page);
  } finally {
    db.close();
  }
}

function scribble(file: string, pages: readonly number[]): void {
  const probe = new Database(file, { readonly: true });
  const size = Number(probe.pragma('page_size', { simple: true }));
  probe.close();
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(size);
  for (let i = 0; i < size; i++) garbage[i] = (i * 131 + 7) % 251;
  for (const p of pages) writeSync(fd, garbage, 0, size, (p - 1) * size);
  closeSync(fd);
}

const DAMAGE: Record<string, (file: string) => void> = {
  'wrong application_id': (f) => {
    const db = new Database(f);
    db.pragma('application_id = 1234');
    db.close();
  },
  'user_version from the future': (f) => {
    const db = new Database(f);
    db.pragma('user_version = 990');
    db.close();
  },
  // Damage elsewhere in the file (three pages of the observations table): the saved work is intact.
  'observation pages scribbled': (f) => scribble(f, pagesOf(f, 'observations').slice(5, 8).map((p) => p.page)),
  // A page in the middle of the column copies' overflow chains (the blobs charts read).
  'series_columns page scribbled': (f) => scribble(f, pagesOf(f, 'series_columns', 'overflow').slice(2, 3).map((p) => p.page)),
  // Bytes 0–99 overwritten (found by the issue-11 check: SQLite cannot open the file at all, so the
  // three scenarios after the backup were lost). The header is borrowed from the backup on a copy.
  'header (bytes 0–99) overwritten': (f) => {
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd);
  },
};

describe('recovery merges the newest backup with what the damaged file still holds', () => {
  const printed: string[] = [];
  afterAll(() => console.log(`recovery merge: ${printed.length} cases — ${printed.join('; ')}`));

  it.each(Object.entries(DAMAGE))('the finding: 4 scenarios in the backup, 3 saved after it (%s)', (kind, damage) => {
    const t = tempDir();
    try {
      copyFileSync(path.join(template.dir, DB_FILE), path.join(t.dir, DB_FILE));
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      for (const [i, n] of ['Fed RMP copy', 'Desk view', 'QT ends', 'TGA rebuild'].entries()) insertScenario(s.db, scenario(n, 10 + i), iso(NOW - 7200_000));
      saveLayout(s.db, 'Reserves', [{ formula: 'WRESBAL' }], iso(NOW - 7200_000));
      takeBackup(s.db, t.dir, 'test', NOW - 3600_000);
      for (const [i, n] of ['After backup 1', 'After backup 2', 'After backup 3'].entries()) insertScenario(s.db, scenario(n, 40 + i), iso(NOW - 600_000));
      saveLayout(s.db, 'Plumbing', [{ formula: 'RRPONTSYD' }, { formula: 'WDTGAL' }], iso(NOW - 600_000));
      s.close();
      damage(path.join(t.dir, DB_FILE));

      const r = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      try {
        expect(r.recovery).not.toBeNull();
        expect(listScenarios(r.db).map((x) => x.name).sort()).toEqual(['After backup 1', 'After backup 2', 'After backup 3', 'Desk view', 'Fed RMP copy', 'QT ends', 'TGA rebuild']);
        expect(listLayouts(r.db).map((x) => x.name).sort()).toEqual(['Plumbing', 'Reserves']);
        // Inputs come back exactly (what was saved is what is restored).
        expect(listScenarios(r.db).find((x) => x.name === 'After backup 2')?.inputs.capMbsBn).toBe(41);
        const rep = r.recovery?.restored;
        expect(rep?.scenarios).toEqual({ fromBackup: 4, salvaged: 3 });
        expect(rep?.layouts).toEqual({ fromBackup: 1, salvaged: 1 });
        expect(r.recovery?.scenariosRestored).toBe(7);
        expect(r.recovery?.layoutsRestored).toBe(2);
        expect(rep?.summary).toBe('restored 7 scenarios: 4 from the backup of 2026-11-21 11:00 UTC, 3 salvaged from the damaged file; 2 layouts: 1 from the backup of 2026-11-21 11:00 UTC, 1 salvaged from the damaged file');
        expect(r.recovery?.restoredFrom).toMatch(/^reservoir-2026-11-21T11-00-00-000Z-test\.sqlite and what could still be read of reservoir\.sqlite\.damaged-/);
        printed.push(`${kind}: ${rep?.scenarios.fromBackup}+${rep?.scenarios.salvaged} scenarios, ${rep?.layouts.fromBackup}+${rep?.layouts.salvaged} layouts`);
      } finally {
        r.close();
      }
    } finally {
      t.cleanup();
    }
  });

  it('newest updatedAt wins per name; a rename after the backup is one scenario, not two; a damaged page costs only its rows', () => {
    const t = tempDir();
    try {
      copyFileSync(path.join(template.dir, DB_FILE), path.join(t.dir, DB_FILE));
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      // 240 scenarios, so the table spans many leaf pages; a few rows changed after the backup.
      const ids = new Map<string, number>();
      for (let i = 0; i < 240; i++) ids.set(`Scenario ${i}`, insertScenario(s.db, scenario(`Scenario ${i}`, 10 + (i % 50)), iso(NOW - 7200_000)).id);
      // Two scenarios that share inputs on purpose ("duplicate"): both must come back.
      insertScenario(s.db, scenario('Twin', 33), iso(NOW - 7200_000));
      insertScenario(s.db, scenario('Twin copy', 33), iso(NOW - 7200_000));
      takeBackup(s.db, t.dir, 'test', NOW - 3600_000);
      updateScenario(s.db, ids.get('Scenario 1') ?? 0, scenario('Scenario 1', 77), iso(NOW - 600_000));
      renameScenario(s.db, ids.get('Scenario 2') ?? 0, 'Scenario 2 renamed', iso(NOW - 600_000));
      insertScenario(s.db, scenario('Saved after the backup', 61), iso(NOW - 600_000));
      s.close();
      const file = path.join(t.dir, DB_FILE);
      // Damage one leaf page of the scenarios table, away from the rows changed above.
      const leaves = pagesOf(file, 'scenarios');
      expect(leaves.length).toBeGreaterThan(4);
      const victim = leaves[Math.floor(leaves.length / 2)];
      if (victim === undefined) throw new Error('no leaf page');
      const onVictim = victim.cells;
      scribble(file, [victim.page]);

      // The damaged file alone: a full scan fails, the row-by-row read keeps everything off that page.
      const salvaged = readSaved(file, false);
      expect(salvaged).not.toBeNull();
      expect(salvaged?.scenarios.length).toBe(243 - onVictim);

      const r = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      try {
        const rows = listScenarios(r.db);
        const names = rows.map((x) => x.name);
        // Every scenario is back: the rows of the damaged page from the backup, the rest merged.
        expect(names).toHaveLength(243);
        expect(names).toContain('Saved after the backup');
        expect(names).toContain('Scenario 2 renamed');
        expect(names).not.toContain('Scenario 2');
        expect(names).toContain('Twin');
        expect(names).toContain('Twin copy');
        expect(rows.find((x) => x.name === 'Scenario 1')?.inputs.capMbsBn).toBe(77);
        const rep = r.recovery?.restored;
        expect((rep?.scenarios.fromBackup ?? 0) + (rep?.scenarios.salvaged ?? 0)).toBe(243);
        // The three changed after the backup come from the damaged file; the rest (among them the 16
        // on the damaged page) from the backup. Ids are kept: a rename is still the same scenario.
        expect(rep?.scenarios).toEqual({ fromBackup: 240, salvaged: 3 });
        expect(rows.find((x) => x.name === 'Scenario 2 renamed')?.id).toBe(ids.get('Scenario 2'));
        printed.push(`one scenarios page of ${leaves.length} scribbled (${onVictim} rows on it): ${rep?.scenarios.fromBackup} from the backup + ${rep?.scenarios.salvaged} salvaged = 243, ${rep?.unreadable} unreadable`);
      } finally {
        r.close();
      }
    } finally {
      t.cleanup();
    }
  });

  it('with no backup, the damaged file alone gives back what it can; with neither, the report says none', () => {
    const t = tempDir();
    try {
      copyFileSync(path.join(template.dir, DB_FILE), path.join(t.dir, DB_FILE));
      const s = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      insertScenario(s.db, scenario('Only in the file'), iso(NOW - 600_000));
      s.close();
      DAMAGE['wrong application_id']?.(path.join(t.dir, DB_FILE));
      const r = openStore({ dataDir: t.dir, now: () => NOW, backups: false });
      expect(listScenarios(r.db).map((x) => x.name)).toEqual(['Only in the file']);
      expect(r.recovery?.restored?.summary).toBe('restored 1 scenario: 1 salvaged from the damaged file; no layouts');
      r.close();
    } finally {
      t.cleanup();
    }
    const e = tempDir();
    try {
      copyFileSync(path.join(template.dir, DB_FILE), path.join(e.dir, DB_FILE));
      DAMAGE['user_version from the future']?.(path.join(e.dir, DB_FILE));
      const r = openStore({ dataDir: e.dir, now: () => NOW, backups: false });
      expect(r.recovery?.restored?.summary).toBe('restored no scenarios; no layouts');
      expect(r.recovery?.restoredFrom).toBeNull();
      r.close();
    } finally {
      e.cleanup();
    }
  });

  it('merge rules on their own: same name keeps the newest (ties to the backup), a rename is one item, shared content is kept', () => {
    type R = { id: number; name: string; updated_at: string; c: string };
    const backup: R[] = [
      { id: 1, name: 'A', updated_at: '2026-11-01T00:00:00Z', c: 'x' },
      { id: 2, name: 'B', updated_at: '2026-11-01T00:00:00Z', c: 'y' },
      { id: 3, name: 'C', updated_at: '2026-11-01T00:00:00Z', c: 'z' },
      { id: 4, name: 'C twin', updated_at: '2026-11-01T00:00:00Z', c: 'z' }, // same content on purpose
      { id: 5, name: 'E', updated_at: '2026-11-01T00:00:00Z', c: 'v' }, // on a page the damaged file lost
    ];
    const damaged: R[] = [
      { id: 1, name: 'A', updated_at: '2026-11-01T00:00:00Z', c: 'x' }, // unchanged since the backup
      { id: 2, name: 'B', updated_at: '2026-11-02T00:00:00Z', c: 'y2' }, // edited after it
      { id: 3, name: 'C renamed', updated_at: '2026-11-02T00:00:00Z', c: 'z' }, // renamed after it
      { id: 4, name: 'C twin', updated_at: '2026-11-01T00:00:00Z', c: 'z' },
      { id: 6, name: 'D', updated_at: '2026-11-03T00:00:00Z', c: 'w' }, // new
      { id: 7, name: 'F', updated_at: '2026-11-03T00:00:00Z', c: 'v' }, // new, same content as E
    ];
    const kept = mergeRows(backup, damaged, (r) => r.c).map((t) => `${t.row.name}:${t.row.c}:${t.source}`).sort();
    expect(kept).toEqual(['A:x:backup', 'B:y2:damaged', 'C renamed:z:damaged', 'C twin:z:backup', 'D:w:damaged', 'E:v:backup', 'F:v:damaged']);
  });
});
