/**
 * `solve` (issue 14 §2) on the real snapshot: each answer re-run through `project` meets its target
 * (0.01 pp, 0.1 bp, 0.1 $bn), an unreachable target says so with the achievable range, and the
 * printed scenario file goes through `project --scenario FILE` as it is.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectionContext } from '../../../../main/core/analysis/projection-context.js';
import { project, type ScenarioInputs } from '../../../../shared/compute/projection.js';
import { firstMonthAfter, solve, type SolveGoal } from '../../../../shared/compute/solve.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { useSeededDb } from '../../../support/seeded-db.js';

const seeded = useSeededDb();

const by = '2027-12-31' as IsoDate;
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', seeded.dir()], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('solve on the snapshot, checked by re-running project', () => {
  const ctx = () => projectionContext(seeded.db());
  const rerun = (inputs: ScenarioInputs, o: Partial<ScenarioInputs>) => project(ctx().anchor.anchor, { ...inputs, ...o });

  it('reserves/GDP to 10% by 2027-12-31: met to 0.01 pp', () => {
    const c = ctx();
    const goal: SolveGoal = { kind: 'reserves-gdp', targetPct: 10, by, fromMonth: firstMonthAfter(c.anchor.anchor.date) };
    const r = solve(c.anchor.anchor, c.inputs, goal);
    expect(r.status).toBe('solved');
    const p = rerun(c.inputs, r.overrides);
    const t = p.dates.indexOf(by);
    expect(t).toBe(r.byMonth);
    expect(Math.abs((p.reservesGdpPct[t] ?? 0) - 10)).toBeLessThan(0.01);
  });

  it('holding reserves/GDP flat: the ratio at the date equals the anchor’s to 0.01 pp', () => {
    const c = ctx();
    const r = solve(c.anchor.anchor, c.inputs, { kind: 'hold-reserves-gdp', by, fromMonth: firstMonthAfter(c.anchor.anchor.date) });
    expect(r.status).toBe('solved');
    const p = rerun(c.inputs, r.overrides);
    expect(Math.abs((p.reservesGdpPct[r.byMonth ?? 0] ?? 0) - (p.reservesGdpPct[0] ?? 0))).toBeLessThan(0.01);
    expect(r.value).toBeGreaterThan(0);
  });

  it('spread at or below a level through the date: binding level met to 0.1 bp', () => {
    const c = ctx();
    // A level below the no-RMP high, so the pace binds (0 bp does not bind on the snapshot's fitted curve).
    const none = solve(c.anchor.anchor, c.inputs, { kind: 'spread-max', maxBp: 1e3, by, fromMonth: firstMonthAfter(c.anchor.anchor.date) });
    expect(none.status).toBe('not-binding');
    expect(none.value).toBe(0);
    const level = Math.round(((none.metric ?? 0) - 1) * 10) / 10;
    const r = solve(c.anchor.anchor, c.inputs, { kind: 'spread-max', maxBp: level, by, fromMonth: firstMonthAfter(c.anchor.anchor.date) });
    expect(r.status).toBe('solved');
    const p = rerun(c.inputs, r.overrides);
    const high = Math.max(...Array.from(p.spreadBp.subarray(1, (r.byMonth ?? 0) + 1)));
    expect(high).toBeLessThanOrEqual(level + 1e-9);
    expect(level - high).toBeLessThan(0.1);
  });

  it('TGA level for a reserves floor of $2800bn: the low is at the floor to 0.1 $bn', () => {
    const c = ctx();
    const r = solve(c.anchor.anchor, c.inputs, { kind: 'reserves-floor-tga', floorBn: 2800 });
    expect(r.status).toBe('solved');
    const p = rerun(c.inputs, r.overrides);
    const low = Math.min(...Array.from(p.reserves.subarray(1)));
    expect(low).toBeGreaterThanOrEqual(2800);
    expect(low - 2800).toBeLessThan(0.1);
  });

  it('an unreachable target says so, with the achievable range', () => {
    const c = ctx();
    const r = solve(c.anchor.anchor, c.inputs, { kind: 'reserves-gdp', targetPct: 2, by, fromMonth: firstMonthAfter(c.anchor.anchor.date) });
    expect(r.status).toBe('unreachable');
    expect(r.value).toBeNull();
    expect(r.range.metric[0]).toBeGreaterThan(2);
    const f = solve(c.anchor.anchor, c.inputs, { kind: 'reserves-floor-tga', floorBn: 1e6 });
    expect(f.status).toBe('unreachable');
  });
});

describe('solve on the command line', () => {
  it.each([
    [['--target', 'reserves-gdp=10', '--by', by], 'reserves-gdp'],
    [['--hold', 'reserves-gdp', '--by', by, '--preset', 'Goldman baseline'], 'hold'],
    [['--floor', 'reserves=2800', '--solve-for', 'tga'], 'floor'],
  ])('%j: the scenario file round-trips through project --scenario', (args, kind) => {
    const r = cli('solve', ...args, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; value: number; scenario: unknown; target: number };
    expect(out.status).toBe('solved');
    const f = path.join(seeded.dir(), `solve-${kind}.json`);
    writeFileSync(f, JSON.stringify(out.scenario));
    const p = cli('project', '--scenario', f, '--json');
    expect(p.status, p.stderr).toBe(0);
    const months = (JSON.parse(p.stdout) as { months: { date: string; reservesBn: number; reservesGdpPct: number }[] }).months;
    if (kind === 'floor') expect(Math.abs(Math.min(...months.slice(1).map((m) => m.reservesBn)) - 2800)).toBeLessThan(0.1);
    else {
      const ratio = months.find((m) => m.date === by)?.reservesGdpPct ?? Number.NaN;
      expect(Math.abs(ratio - (kind === 'hold' ? (months[0]?.reservesGdpPct ?? 0) : 10))).toBeLessThan(0.01);
    }
  });

  it('prints the answer in words, the implied $bn a year for hold, and unreachable honestly', () => {
    const h = cli('solve', '--hold', 'reserves-gdp', '--by', by);
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/reserves must grow about \$\d+bn a year to keep pace with GDP/);
    const u = cli('solve', '--target', 'reserves-gdp=2', '--by', by);
    expect(u.status).toBe(0);
    expect(u.stdout).toMatch(/Unreachable: a constant RMP pace of \$0–1000bn\/month from \d{4}-\d\d gives reserves\/GDP of [\d.]+–[\d.]+%/);
    const bad = cli('solve', '--target', 'reserves-gdp=10', '--by', '2020-01-31');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/is not after the anchor/);
  });

  it('--anchor moves the anchor', () => {
    const r = cli('solve', '--target', 'reserves-gdp=10', '--by', by, '--anchor', '2025-11-26', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { anchor: string }).anchor).toBe('2025-10-31');
  });
});

describe('solve refuses a first month before the projection', () => {
  it('--from before the anchor would replace the past RMP steps: refused with the first month named', () => {
    const r = cli('solve', '--hold', 'reserves-gdp', '--from', '2024-01');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--from 2024-01 is before the first projected month \(2026-08, after the anchor 2026-07-31\)/);
  });
});

