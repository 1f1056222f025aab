/**
 * `npm run cli -- episode` on a fresh data dir with no network (issue 13 §3): the 2019 facts and both
 * episodes at +60 days from QT end, pinned to values read by hand from ../shared/data.
 */
import { describe, expect, it } from 'vitest';
import { useOfflineCli } from '../../../support/offline-cli.js';

const offline = useOfflineCli();
const cli = offline.cli;

interface Cell {
  offset: number;
  date: string | null;
  value: number | null;
}
interface Body {
  align: string;
  anchors: Record<string, string>;
  offsets: number[];
  rows: { metric: string; episodes: Record<string, Cell[]> }[];
  facts: { id: string; date: string | null; value: number | null }[];
}

describe('npm run cli -- episode', () => {
  it('prints the 2019 facts from the data and reserves/GDP at +60 days from QT end for both episodes', () => {
    const r = cli('episode', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as Body;
    expect(b.anchors).toEqual({ '2019': '2019-07-31', '2025': '2025-12-01' });
    expect(b.offsets).toEqual([-90, -30, 0, 30, 60, 90]);
    const fact = (id: string) => b.facts.find((f) => f.id === id);
    expect(fact('sofr-2019-09-17')).toMatchObject({ date: '2019-09-17', value: 5.25 });
    expect(fact('ioer-2019-09-17')).toMatchObject({ value: 2.1 });
    expect(fact('ioer-cut')).toMatchObject({ date: '2019-09-19', value: 1.8 });
    expect(fact('ops-2019-09-17')).toMatchObject({ value: 40.85 });
    expect(fact('srf-2025-10-31')).toMatchObject({ value: 50.35 });
    expect(fact('srf-2025-12-01')).toMatchObject({ value: 26 });
    const rg = b.rows.find((x) => x.metric === 'reservesGdp');
    const at60 = (ep: string) => rg?.episodes[ep]?.find((c) => c.offset === 60);
    // By hand: 2019-07-31 + 60 = 2019-09-29 (a Sunday); the week before: WRESBAL 2019-09-25 = 1,400,171 mn
    // (liquidity.csv); GDP known then = 2019-Q2 (first published 2019-07-26) = 21,397.938 → 6.5435%.
    expect(at60('2019')?.date).toBe('2019-09-25');
    expect(at60('2019')?.value).toBeCloseTo((1400.171 / 21397.938) * 100, 3);
    // 2025-12-01 + 60 = 2026-01-30; WRESBAL 2026-01-28 = 2,901,600 mn (fred/WRESBAL.csv); GDP known then =
    // 2025-Q3 (first published 2025-12-23) = 31,098.027 → 9.3305%.
    expect(at60('2025')?.date).toBe('2026-01-28');
    expect(at60('2025')?.value).toBeCloseTo((2901.6 / 31098.027) * 100, 3);
    const text = cli('episode');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/SOFR on the repo spike day: 5\.25% on 2019-09-17/);
    expect(text.stdout).toMatch(/IOER after the spike \(first change\): 1\.80% on 2019-09-19/);
    expect(text.stdout).toMatch(/6\.54% \(2019-09-25\)/);
  });

  it('aligns on the spike, or on chosen dates, and refuses anything else', () => {
    const r = cli('episode', '--align', 'spike', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as Body;
    expect(b.anchors).toEqual({ '2019': '2019-09-17', '2025': '2025-10-31' });
    const spread = b.rows.find((x) => x.metric === 'sofrSpread')?.episodes['2019']?.find((c) => c.offset === 0);
    // SOFR 5.25 − IOER 2.10 on the spike day.
    expect(spread).toMatchObject({ date: '2019-09-17', value: 315 });
    const repo = b.rows.find((x) => x.metric === 'repo')?.episodes['2025']?.find((c) => c.offset === 0);
    expect(repo).toMatchObject({ date: '2025-10-31', value: 50.35 });
    const d = cli('episode', '--align', '2019-09-16,2025-12-31', '--json');
    expect(d.status, d.stderr).toBe(0);
    expect((JSON.parse(d.stdout) as Body).anchors).toEqual({ '2019': '2019-09-16', '2025': '2025-12-31' });
    const bad = cli('episode', '--align', 'soon');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--align soon: use qt-end, spike/);
  });
});

describe('npm run cli -- context', () => {
  it('correlates weekly changes with net liquidity, pinned to an independent computation from the shared files', () => {
    const r = cli('context', '--json');
    expect(r.status, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as { from: string; to: string; window: number; rows: { id: string; full: { r: number; n: number }; leadLag: { lag: number }[] }[]; claim: { assetId: string }[]; caveat: string; repo: { id: string; years: { year: number; n: number }[] }[] };
    expect(b).toMatchObject({ from: '2016-01-06', to: '2026-08-26', window: 26 });
    // By a separate script over fred/WALCL.csv, fred/WDTGAL.csv, RRPONTSYD (liquidity.csv + fred) and
    // gld.csv: weekly ΔNL against Δlog GLD close, 2016-01-06 on: r = 0.099020, 543 pairs.
    const gld = b.rows.find((x) => x.id === 'GLD_PROXY');
    expect(gld?.full.n).toBe(543);
    expect(gld?.full.r).toBeCloseTo(0.09902, 4);
    expect(b.rows.map((x) => x.id)).toEqual(['DGS10', 'DGS2', 'DTWEXBGS', 'SP500', 'WM2NS', 'BTC_USD_PROXY', 'GLD_PROXY']);
    expect(gld?.leadLag.map((l) => l.lag)).toEqual([-8, -4, -2, -1, 0, 1, 2, 4, 8]);
    expect(b.claim.map((c) => c.assetId)).toEqual(['GLD_PROXY', 'BTC_USD_PROXY', 'SP500']);
    expect(b.caveat).toMatch(/^Context, not causation/);
    const tri = b.repo.find((x) => x.id === 'REPO_TRI_TV_TOT_P');
    expect(tri?.years.at(-1)?.year).toBe(2025);
    const text = cli('context', '--window', '52');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Context, not causation/);
    expect(text.stdout).toMatch(/Gold proxy: GLD ETF close \[proxy\]\s+log %\s+0\.10\s+543/);
    expect(text.stdout).toMatch(/Repo market by segment/);
    expect(cli('context', '--window', '3').status).toBe(1);
  });
});
