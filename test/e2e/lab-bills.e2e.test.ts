/**
 * Issue 14 §5 in the browser: the lab's bill table shows a private absorption for every year (found:
 * all "—"), the anchor year adds the months already in the data, the Goldman preset carries its
 * $870bn for 2026, a typed assumption moves its year, and Compare shows the same per scenario.
 * Figures are the seeded snapshot's (anchor 2026-07-31): net issuance Aug 2025 … Jul 2026 $992.8bn,
 * Fed bill operations Jan–Jul 2026 $286.1bn.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, type E2eApp, useE2eApp } from '../support/e2e-app.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

const cells = (key: 'private' | 'fed'): Promise<string[]> => app.page.locator(`[data-table="bills"] [data-cell="${key}"]`).allTextContents();
const row = (year: number, key: 'private' | 'fed'): Promise<string | null> => app.page.textContent(`[data-table="bills"] tr[data-year="${year}"] [data-cell="${key}"]`);

describe('the lab’s bill supply table', () => {
  it('shows numbers for every year, the anchor year as actual + projected months', async () => {
    const p = app.page;
    await p.click('[data-view="lab"]');
    await p.waitForSelector('[data-table="bills"] tr[data-year="2026"]');
    expect(await p.inputValue('[data-input="preset"]')).toBe('Fed RMP');
    const priv = await cells('private');
    expect(priv.length).toBe(6);
    for (const c of priv) expect(c).toMatch(/^−?\$[\d,]+bn$/);
    expect(await p.textContent('[data-table="bills"] tr[data-year="2026"] td:nth-child(2)')).toBe('Jan–Jul actual + Aug–Dec projected');
    // $286.1bn actual + $168.6bn projected = $454.7bn; 992.8 − 454.7 = 538.1.
    expect(await row(2026, 'fed')).toBe('$455bn ($286bn actual)');
    expect(await row(2026, 'private')).toBe('$538bn');
    expect(await p.textContent('[data-result="bills-note"]')).toContain('2025-08 … 2026-07): $992.8bn a year');
    await p.locator('[data-table="bills"]').screenshot({ path: path.join(SHOTS, 'lab-bills.png') });
  });

  it('Goldman carries $870bn for 2026; a typed assumption moves only its year', async () => {
    const p = app.page;
    await p.selectOption('[data-input="preset"]', 'Goldman baseline');
    await p.waitForFunction(() => (document.querySelector('[data-input="issuance-2026"]') as HTMLInputElement | null)?.value === '870');
    // 870 − (286.1 actual + 5 × (20 RMP + 20 MBS)) = 383.9.
    expect(await row(2026, 'private')).toBe('$384bn');
    expect(await row(2027, 'private')).toBe('$513bn');
    await p.fill('[data-input="issuance-2027"]', '1000');
    await p.waitForFunction(() => document.querySelector('[data-table="bills"] tr[data-year="2027"] [data-cell="private"]')?.textContent === '$520bn');
    expect(await row(2026, 'private')).toBe('$384bn');
    expect(await p.textContent('[data-table="bills"] tr[data-year="2027"] [data-cell="issuance"] .source')).toBe('scenario assumption');
    // Emptied: back to the default.
    await p.fill('[data-input="issuance-2027"]', '');
    await p.waitForFunction(() => document.querySelector('[data-table="bills"] tr[data-year="2027"] [data-cell="private"]')?.textContent === '$513bn');
  });

  it('Compare shows the private absorption per scenario', async () => {
    const p = app.page;
    await p.click('[data-view="compare"]');
    await p.waitForSelector('[data-milestone="privateBills"]');
    const texts = await p.locator('[data-milestone="privateBills"] td').allTextContents();
    const byName = texts.slice(1);
    expect(byName.length).toBeGreaterThan(1);
    for (const c of byName) expect(c).toMatch(/^2026: −?\$[\d,]+bn( \(issuance \$[\d,]+bn assumed\))?; 2027: −?\$[\d,]+bn; 2028: −?\$[\d,]+bn; 2029: −?\$[\d,]+bn$/);
    // Fed RMP on the default ($992.8bn); Goldman on its $870bn.
    expect(byName.some((c) => c.startsWith('2026: $538bn; 2027: $598bn;'))).toBe(true);
    expect(byName.some((c) => c.startsWith('2026: $384bn (issuance $870bn assumed); 2027: $513bn;'))).toBe(true);
    expect(await p.textContent('.milestones-note')).toContain('the latest 12 months in the data (Δ MSPD bills outstanding 2025-08 … 2026-07): $992.8bn a year');
    await p.locator('[data-table="milestones"]').screenshot({ path: path.join(SHOTS, 'compare-private-bills.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
