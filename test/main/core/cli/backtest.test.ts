/**
 * Issue 14 §1 on the real snapshot: a past anchor (`project --anchor`), what actually happened after
 * it, and `backtest` over monthly anchors with a naive "no change" comparison. Every expected figure
 * is recomputed here from the store's own observations, not copied from the output.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actualsAfter, backtestFromStore } from '../../../../main/core/analysis/backtest-from-store.js';
import { SeriesCache } from '../../../../main/core/analysis/series-cache.js';
import { BACKTEST_HORIZONS_MONTHS } from '../../../../shared/compute/backtest.js';
import { findPreset } from '../../../../shared/compute/presets.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const seeded = useSeededDb();
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', seeded.dir()], { cwd: REPO_ROOT, encoding: 'utf8' });

interface ProjectJson {
  readonly anchor: { readonly date: string; readonly wednesday: string };
  readonly months: readonly { readonly date: string; readonly reservesBn: number }[];
  readonly actualVsProjected: readonly { readonly variable: string; readonly horizonMonths: number; readonly month: string; readonly projected: number; readonly actual: number; readonly error: number; readonly naiveError: number | null }[];
}

describe('project --anchor (a past H.4.1 Wednesday)', () => {
  const run = (preset: string): ProjectJson => {
    const r = cli('project', '--preset', preset, '--anchor', '2025-11-26', '--json');
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as ProjectJson;
  };

  it('"Fed RMP" and "Goldman baseline" from 2025-11-26 give different paths (controls after the anchor act)', () => {
    const fed = run('Fed RMP');
    const gs = run('Goldman baseline');
    expect(fed.anchor.wednesday).toBe('2025-11-26');
    expect(fed.anchor.date).toBe('2025-10-31');
    expect(gs.months[0]?.reservesBn).toBe(fed.months[0]?.reservesBn);
    const diff = Math.max(...fed.months.map((m, t) => Math.abs(m.reservesBn - (gs.months[t]?.reservesBn ?? 0))));
    expect(diff).toBeGreaterThan(20);
    // The errors table: +1 … +9 months have actuals in a snapshot that ends in 2026-10; +12 (2026-11) does not.
    const hs = new Set(fed.actualVsProjected.filter((e) => e.variable === 'reservesBn').map((e) => e.horizonMonths));
    expect([...hs].sort((a, b) => a - b)).toEqual([1, 3, 6, 9]);
    for (const e of fed.actualVsProjected) expect(e.error).toBeCloseTo(e.projected - e.actual, 9);
  });

  it('the actual at +1 month is WRBWFRBL on the last Wednesday of 2025-12, and naive error = anchor − actual', () => {
    const c = new SeriesCache(seeded.db());
    const a0 = c.at('WRBWFRBL', '2025-11-26' as IsoDate, 0)?.value;
    const a1 = c.at('WRBWFRBL', '2025-12-31' as IsoDate, 0)?.value;
    expect(a0).toBeDefined();
    expect(a1).toBeDefined();
    const e = run('Fed RMP').actualVsProjected.find((x) => x.variable === 'reservesBn' && x.horizonMonths === 1);
    expect(e?.month).toBe('2025-12');
    expect(e?.actual).toBe(a1);
    expect(e?.naiveError ?? Number.NaN).toBeCloseTo((a0 ?? 0) - (a1 ?? 0), 9);
    expect(actualsAfter(seeded.db(), '2025-11-26' as IsoDate, 1)[0]?.wednesday).toBe('2025-12-31');
  });

  it('refuses a day that is not an H.4.1 Wednesday and names the nearest ones', () => {
    const r = cli('project', '--anchor', '2025-11-25');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('anchor 2025-11-25 is not a Wednesday');
    expect(r.stderr).toContain('nearest 2025-11-19 or 2025-11-26');
    const bad = cli('project', '--anchor', '2025-13-01');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('is not a date');
  });
});

describe('backtest over monthly anchors', () => {
  it('summarises every horizon, model beside naive, from the same errors', () => {
    const fed = findPreset('Fed RMP');
    const r = backtestFromStore(seeded.db(), { overrides: fed?.overrides ?? {}, from: '2024-01-01' as IsoDate, to: '2025-12-31' as IsoDate });
    expect(r.anchors.length).toBe(24);
    expect(r.anchors[0]).toBe('2024-01-31');
    for (const h of BACKTEST_HORIZONS_MONTHS) {
      const s = r.summary.find((x) => x.variable === 'reservesBn' && x.horizonMonths === h);
      const sel = r.errors.filter((e) => e.variable === 'reservesBn' && e.horizonMonths === h);
      expect(s?.model.n).toBe(sel.length);
      const rmse = Math.sqrt(sel.reduce((acc, e) => acc + e.error ** 2, 0) / sel.length);
      expect(s?.model.rmse ?? Number.NaN).toBeCloseTo(rmse, 9);
      expect(s?.naive.meanAbsError ?? Number.NaN).toBeCloseTo(sel.reduce((acc, e) => acc + Math.abs(e.naiveError ?? Number.NaN), 0) / sel.length, 9);
    }
    // An independent naive error: the 2024-01-31 anchor against the last Wednesday of 2024-02.
    const c = new SeriesCache(seeded.db());
    const naive = (c.at('WRBWFRBL', '2024-01-31' as IsoDate, 0)?.value ?? Number.NaN) - (c.at('WRBWFRBL', '2024-02-28' as IsoDate, 0)?.value ?? Number.NaN);
    const e = r.errors.find((x) => x.anchor === '2024-01-31' && x.variable === 'reservesBn' && x.horizonMonths === 1);
    expect(e?.naiveError ?? Number.NaN).toBeCloseTo(naive, 9);
  });

  it('prints the error table, and JSON with per-horizon statistics', () => {
    const t = cli('backtest', '--preset', 'Goldman baseline', '--from', '2025-01-01', '--to', '2025-12-31');
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain('Back-test: Goldman baseline');
    expect(t.stdout).toContain('12 monthly anchors');
    expect(t.stdout).toMatch(/reserves \(\$bn\)\s+\+1m\s+12\s/);
    expect(t.stdout).toMatch(/EFFR − IORB \(bp\)\s+\+12m/);
    const j = cli('backtest', '--from', '2025-01-01', '--to', '2025-06-30', '--json');
    expect(j.status, j.stderr).toBe(0);
    const o = JSON.parse(j.stdout) as { anchors: string[]; summary: { variable: string; unit: string; horizonMonths: number; model: { n: number; rmse: number | null }; naive: { n: number } }[] };
    expect(o.anchors).toEqual(['2025-01-29', '2025-02-26', '2025-03-26', '2025-04-30', '2025-05-28', '2025-06-25']);
    const s = o.summary.find((x) => x.variable === 'spreadBp' && x.horizonMonths === 3);
    expect(s?.unit).toBe('bp');
    expect(s?.model.n).toBe(6);
    expect(s?.naive.n).toBe(6);
  });

  it('says what is wrong with bad options', () => {
    expect(cli('backtest', '--from', '2025-06-01', '--to', '2025-01-01').stderr).toContain('--from 2025-06-01 is after --to 2025-01-01');
    expect(cli('backtest', '--preset', 'nope').stderr).toContain('unknown preset nope');
    expect(cli('backtest', '--from', '2025-02-30').stderr).toContain('is not a date');
    expect(cli('backtest', '--from', '1990-01-01', '--to', '1990-12-31').stderr).toContain('no H.4.1 anchor with the needed data');
    // An anchor the engine refuses is skipped with its reason, not the end of the run (found: stopped at 2002-12-25).
    const early = cli('backtest', '--from', '1990-01-01', '--to', '2003-06-30', '--json');
    expect(early.status, early.stderr).toBe(0);
    const o = JSON.parse(early.stdout) as { anchors: string[]; skipped: string[] };
    expect(o.skipped.some((s) => s.startsWith('2002-12-25: reserves would be -1.287 $bn'))).toBe(true);
    expect(o.anchors.length + o.skipped.length).toBeGreaterThan(0);
    expect(cli('project', '--anchor', '').stderr).toContain('--anchor  is not a date');
  });
});
