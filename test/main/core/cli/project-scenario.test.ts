/**
 * `project --scenario FILE` as a user runs it (issue 10 §5): the app's scenario-file rules (format,
 * version, name, inputs), refusal of what cannot be computed, no NaN in the output, and the curve
 * actually used reported in --json and in the text.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../support/paths.js';
import { seededDataDir } from '../../../support/sync-harness.js';

let d: ReturnType<typeof seededDataDir>;
beforeAll(() => {
  d = seededDataDir();
});
afterAll(() => d.cleanup());

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', d.dir], { cwd: REPO_ROOT, encoding: 'utf8' });
let n = 0;
const file = (body: unknown): string => {
  const f = path.join(d.dir, `scenario-${n++}.json`);
  writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
  return f;
};
const scenario = (inputs: unknown, name = 'test'): string => file({ format: 'reservoir-scenario', version: 1, name, inputs });

describe('project --scenario: the app import rules', () => {
  it.each([
    ['a bare inputs object (no format)', { horizonYears: 3 }, /: not a scenario file: "format" must be "reservoir-scenario"; nothing was imported$/m],
    ['version 2', { format: 'reservoir-scenario', version: 2, name: 'x', inputs: {} }, /scenario file version 2 is not supported \(expected 1\); nothing was imported/],
    ['an empty name', { format: 'reservoir-scenario', version: 1, name: ' ', inputs: {} }, /the scenario name must be 1 to 80 characters; nothing was imported/],
    ['JSON that does not parse', '{"format": ', /not a scenario file: the JSON does not parse/],
    ['horizonYears 2.5', { format: 'reservoir-scenario', version: 1, name: 'x', inputs: { horizonYears: 2.5 } }, /inputs.horizonYears = 2.5 must be a whole number; nothing was imported/],
  ])('refuses %s with the app’s message', (_, body, msg) => {
    const r = cli('project', '--scenario', file(body), '--json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
  });
});

describe('project --scenario: what cannot be computed is refused, naming the field', () => {
  it.each([
    // The store's curve is the fit by default (issue 14 §4): a cap of −25 bp sits below any fitted α.
    ['the SRF ceiling below α', { srfMode: 'ceiling', corridor: { floorBp: -30, capBp: -25, capAllowanceBp: 0 } }, /^cannot project .*: inputs.srfMode "ceiling" needs the ceiling above the curve's abundant spread, but inputs.corridor.capBp = -25 bp is at or below inputs.curve.alpha = -[\d.]+ bp/],
    ['a TGA path plus the April bump below zero', { tgaMode: 'path', tgaPathBn: [300, 200, 100], tgaAprilBumpBn: -150 }, /^cannot project .*: the TGA would be -50 \$bn in \d{4}-04 \(inputs.tgaPathBn\[2\] = 100 plus inputs.tgaAprilBumpBn = -150\): a balance cannot be negative/],
    ['reserves driven below zero', { horizonYears: 10, rmpSchedule: [], tgaMode: 'target', tgaTargetBn: 3000, currencyGrowthPctYr: 20 }, /^cannot project .*: reserves would be -[\d.]+ \$bn in \d{4}-\d\d: the scenario drains more than the balance sheet supplies/],
  ])('%s', (_, inputs, msg) => {
    for (const json of [true, false]) {
      const r = cli('project', '--scenario', scenario(inputs), ...(json ? ['--json'] : []));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/NaN/);
    }
  });
});

describe('project --scenario: the curve used is the one reported', () => {
  const own = { alpha: -3, beta: 6, gamma: 0.5, xRef: 10, basis: 'gdp' };
  it('--json reports the file’s curve and every month is finite', () => {
    const r = cli('project', '--scenario', scenario({ curve: own, srfMode: 'ceiling' }, 'own curve'), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as { scenario: string; curve: Record<string, unknown>; months: Record<string, unknown>[] };
    expect(body.scenario).toMatch(/^own curve \(/);
    expect(body.curve).toMatchObject({ ...own, label: expect.stringMatching(/^from the scenario file .*\(α -3, β 6, γ 0.5, x_ref 10, basis gdp\)$/) });
    expect(body.months.length).toBe(61);
    // JSON prints NaN as null, so null is accepted only where it means "unknown" (R/BA without bank assets).
    for (const m of body.months) for (const [k, v] of Object.entries(m)) if (k !== 'date' && k !== 'regime' && !(k === 'reservesBaPct' && v === null)) expect(Number.isFinite(v), `${k} ${String(v)}`).toBe(true);
    // Spread at the ceiling once the SRF lends: the file's curve, not the store's, sets where.
    const spreads = body.months.map((m) => m['spreadBp'] as number);
    expect(Math.max(...spreads)).toBeLessThanOrEqual(10 + 1e-9);
  });
  it('the text names the file’s curve; without a curve in the file, the store’s', () => {
    const r = cli('project', '--scenario', scenario({ curve: own }));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/curve from the scenario file .*\(α -3, β 6, γ 0.5, x_ref 10, basis gdp\)/);
    expect(r.stdout).not.toMatch(/NaN/);
    const plain = cli('project', '--scenario', scenario({ horizonYears: 2 }), '--json');
    expect(plain.status).toBe(0);
    // Fitted by default on a fresh data folder (issue 14 §4), not illustrative.
    expect((JSON.parse(plain.stdout) as { curve: { label: string } }).curve.label).toMatch(/^fitted \(2009-01-07\.\./);
  });
});
