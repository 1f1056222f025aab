/** `attribution` and `alerts` as a user runs them: a child process on a new data dir with no network. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
const dead = 'http://127.0.0.1:9';
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', tmp.dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, RESERVOIR_FRED_GRAPH_URL: dead, RESERVOIR_NYFED_URL: dead, RESERVOIR_FISCALDATA_URL: dead, RESERVOIR_FRED_API_URL: dead },
  });

beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

interface Week {
  week: string;
  change: number;
  terms: { key: string; bn: number; seriesId: string | null }[];
}

describe('npm run cli -- attribution', () => {
  it('--json: the week of 2025-10-29, components summing to ΔR = −101.728 $bn', () => {
    const r = cli('attribution', '--from', '2025-10-29', '--to', '2025-10-29', '--json');
    expect(r.status, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { basis: string; unit: string; weeks: Week[] };
    expect(body.unit).toBe('usd_bn');
    expect(body.basis).toMatch(/Wednesday levels/);
    expect(body.weeks).toHaveLength(1);
    const w = body.weeks[0];
    expect(w?.change).toBe(-101.728);
    expect(Object.fromEntries((w?.terms ?? []).map((t) => [t.key, t.bn]))).toEqual({ treasuries: 0.272, bills: 0, mbs: -12.643, agency: 0, repo: 10.31, tga: -78.785, onrrp: -15.499, currency: 0.274, other: -5.657 });
  });

  it('text: the last twelve weeks to 2026-08-19, with the basis and n/a for terms not known', () => {
    const r = cli('attribution');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/basis: Wednesday levels/);
    expect(r.stdout).toMatch(/2026-08-19\s+-16\.813\s+\+3\.940\s+n\/a\s+-0\.127\s+n\/a\s+\+0\.001\s+\+22\.999\s+\+0\.408\s+-0\.205\s+-43\.829/);
    expect(r.stdout.match(/^\d{4}-\d{2}-\d{2} /gm)).toHaveLength(12);
    expect(cli('attribution', '--from', '2025-13-01').status).toBe(1);
  });
});

describe('npm run cli -- alerts', () => {
  it('lists the eight presets with their state; reserves/GDP < 10% fires on the snapshot', () => {
    const r = cli('alerts', '--json');
    expect(r.status, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { alerts: { id: string; condition: string; state: string; lastDate: string | null; lastValue: number | null }[] };
    expect(body.alerts).toHaveLength(8);
    expect(body.alerts.filter((a) => a.state === 'firing').map((a) => a.id)).toEqual(['preset:reserves_gdp_10']);
    expect(body.alerts.find((a) => a.id === 'preset:srf_50')).toMatchObject({ condition: 'RPONTTLD > 50', state: 'ok', lastDate: '2026-08-21' });
    const text = cli('alerts');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^8 alerts; 1 firing now: Reserves \/ GDP < 10%/);
    expect(text.stdout).toMatch(/SRF take-up > \$50bn\s+RPONTTLD > 50\s+ok\s+2026-08-21/);
  });
});
