/**
 * `npm run cli -- fairvalue` on a fresh data dir with no network (issue 14 §4): the late-2025 residuals
 * and the rolling-fit table from the bundled snapshot, a chosen window, and refused options.
 */
import { describe, expect, it } from 'vitest';
import { useOfflineCli } from '../../../support/offline-cli.js';

const offline = useOfflineCli();
const cli = offline.cli;

interface Stats {
  n: number;
  meanBp: number | null;
}
interface Body {
  summary: { from: string; to: string; effr: Stats; sofr: Stats; sofrNetOfBaselineBp: number | null };
  rolling: { windowYears: number; windows: { from: string; to: string; status: string; edge1Pct: number | null; reason: string | null }[] };
}

describe('fairvalue', () => {
  it('prints the late-2025 residuals and the rolling-fit table', () => {
    const r = cli('fairvalue');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/weeks 2025-09-01 … 2025-12-31/);
    expect(r.stdout).toMatch(/EFFR − IORB: mean residual -0\.38 bp .*n 18 weeks/);
    expect(r.stdout).toMatch(/SOFR − IORB: mean residual \+8\.51 bp/);
    expect(r.stdout).toMatch(/the window net of it: \+9\.86 bp/);
    expect(r.stdout).toMatch(/63 windows: 19 identified, 9 weak, 35 not identified/);
    expect(r.stdout).toMatch(/2024-08-20 … 2026-08-19 +105 +9\.07–11\.48 +identified .*12\.12% ± 0\.85\* +10\.86% ± 0\.36/);
    expect(r.stdout).toMatch(/2022-04-01 … 2024-03-31 .*not-identified .*γ sits on its lower bound/);
  }, 60_000);
  it('takes a window and a rolling length as --json', () => {
    const r = cli('fairvalue', '--from', '2025-10-01', '--to', '2025-12-31', '--window-years', '3', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as Body;
    expect([b.summary.from, b.summary.to, b.summary.effr.n]).toEqual(['2025-10-01', '2025-12-31', 14]);
    expect(b.summary.sofr.meanBp ?? Number.NaN).toBeCloseTo(10.02, 2);
    expect(b.rolling.windowYears).toBe(3);
    expect(b.rolling.windows[0]?.from).toBe('2009-04-01');
    expect(b.rolling.windows[0]?.to).toBe('2012-03-31');
  }, 60_000);
  it('refuses a bad window length or dates, exit 1', () => {
    const a = cli('fairvalue', '--window-years', '0');
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/--window-years 0: a whole number of years, 1 … 10/);
    const b = cli('fairvalue', '--from', '2025-12-31', '--to', '2025-09-01');
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/--from 2025-12-31 is after --to 2025-09-01/);
  }, 60_000);
});
