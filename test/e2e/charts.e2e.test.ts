/**
 * Issue 12, "Readouts and charts" and "Exports", end to end: each "found" of the analyst's session as
 * a test against the real renderer, core and SQLite seeded from the snapshot, in Debian's Chromium.
 * Screenshots of every view in both themes at 1600×1000 and 1280×800 go to test-results/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SHOTS, type E2eApp, useE2eApp, chooseCsvRange } from '../support/e2e-app.js';
import { parseCsv } from '../../shared/parse/csv.js';

let app: E2eApp;
useE2eApp((a) => (app = a));

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const view = async (p: Page, v: string): Promise<void> => {
  await p.click(`[data-view="${v}"]`);
  await p.waitForSelector(`.view.${v}`, { timeout: 20_000 });
};

async function download(click: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), click()]);
  const bytes = readFileSync(await dl.path());
  return { name: dl.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** Moves the mouse over a chart's plot to the pixel of `day` (from the chart's shown x window). */
async function hoverDay(chart: Locator, day: number): Promise<void> {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error('no plot');
  const xmin = Number(await chart.getAttribute('data-xmin'));
  const xmax = Number(await chart.getAttribute('data-xmax'));
  const x = box.x + ((day - xmin) / (xmax - xmin)) * box.width;
  await app.page.mouse.move(x - 3, box.y + box.height / 2);
  await app.page.mouse.move(x, box.y + box.height / 2, { steps: 2 });
}

/** The legend box as data: the date and each series' shown value text. */
const readout = (chart: Locator): Promise<{ date: string; items: Record<string, string> }> =>
  chart.evaluate((e) => ({
    date: e.querySelector('.readout-date')?.textContent ?? '',
    items: Object.fromEntries([...e.querySelectorAll<HTMLElement>('.readout [data-series]')].map((i) => [i.dataset['series'] ?? '', i.querySelector('.legend-value')?.textContent ?? ''])),
  }));

const dragAcross = async (chart: Locator, from: number, to: number): Promise<void> => {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error('no plot');
  await app.page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 });
  await app.page.mouse.up();
};

const span = async (chart: Locator): Promise<number> => Number(await chart.getAttribute('data-xmax')) - Number(await chart.getAttribute('data-xmin'));

describe('charts that read right', () => {
  it('readouts give every series as of the cursor date in every linked chart (found: Oct-2020 showed 2022-04-18 net liquidity)', async () => {
    const p = app.page;
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.waitForSelector('[data-chart="net-liquidity"] .u-over');
    await p.click('[data-range="Max"]');
    await p.waitForTimeout(150);
    const target = dayOf('2020-10-14');
    await hoverDay(p.locator('[data-chart="net-liquidity"]'), target);
    const charts = await p.locator('section.chart[data-chart]').all();
    const dates = new Set<string>();
    for (const c of charts) {
      const r = await readout(c);
      dates.add(r.date);
      for (const [id, text] of Object.entries(r.items)) {
        // A value older than the cursor date carries its own date, and never more than 8 days older (weekly limit).
        const own = /\((\d{4}-\d{2}-\d{2})\)$/.exec(text)?.[1];
        if (own !== undefined) expect(dayOf(r.date) - dayOf(own), `${id}: ${text}`).toBeLessThanOrEqual(8);
        expect(text, id).not.toMatch(/2022-04-18/);
      }
    }
    // One date for all the charts, within a day of the pixel asked for.
    expect(dates.size, [...dates].join(',')).toBe(1);
    // Twelve years across the plot: one pixel is about six days.
    expect(Math.abs(dayOf([...dates][0] ?? '') - target)).toBeLessThanOrEqual(7);
    // The daily DTS TGA starts on 2022-04-18: in Oct-2020, net liquidity and the TGA have no value (the
    // old readout showed 2022-04-18's), while WALCL, a weekly series with data then, reads as of the day.
    const nl = await readout(p.locator('[data-chart="net-liquidity"]'));
    expect(nl.items['NL'], JSON.stringify(nl)).toBe('—');
    expect(nl.items['TGA_DTS']).toBe('—');
    const tga = await readout(p.locator('[data-chart="tga-onrrp"]'));
    expect(tga.items['WDTGAL'], JSON.stringify(tga)).toMatch(/^\$[\d,.]+bn( \(\d{4}-\d{2}-\d{2}\))?$/);
    const res = await readout(p.locator('[data-chart="reserves"]'));
    expect(res.items['WRESBAL'], JSON.stringify(res)).toMatch(/^\$[\d,.]+bn/);
  });

  it('readouts and CSV never show a carried-forward value as an observation (found: "Top of range 3.75% (2026-08-25)", last stored 2026-08-21)', async () => {
    const p = app.page;
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.click('[data-range="3M"]');
    await p.waitForTimeout(150);
    const day = dayOf('2026-08-25');
    const corridor = p.locator('[data-chart="corridor"]');
    await hoverDay(corridor, day);
    const r = await readout(corridor);
    const shownDay = dayOf(r.date);
    const got = await app.core.router.handle('series:get', { ids: ['DFEDTARU', 'TGA_DTS'], from: '2026-06-01' });
    const list = got.ok ? (got.value as readonly { id: string; dates: number[] }[]) : [];
    const lastOn = (id: string, d: number): string => isoOf(Math.max(...(list.find((x) => x.id === id)?.dates ?? []).filter((x) => x <= d)));
    expect(r.items['DFEDTARU'], JSON.stringify(r)).toContain(`(${lastOn('DFEDTARU', shownDay)})`);
    const nl = await readout(p.locator('[data-chart="net-liquidity"]'));
    const tgaLast = lastOn('TGA_DTS', dayOf(nl.date));
    // Its own last observation, with its date, or nothing beyond the daily limit (4 days): never a carried value undated.
    const age = dayOf(nl.date) - dayOf(tgaLast);
    expect(nl.items['TGA_DTS'], JSON.stringify(nl)).toMatch(age === 0 ? /^\$[\d,.]+bn$/ : age > 4 ? /^—$/ : new RegExp(`\\(${tgaLast}\\)$`));
    await hoverDay(p.locator('[data-chart="net-liquidity"]'), dayOf('2026-08-24'));
    expect((await readout(p.locator('[data-chart="net-liquidity"]'))).items['TGA_DTS']).toMatch(/\(2026-08-2[01]\)$/);
    // The CSV holds only stored observations of the policy rates.
    await chooseCsvRange(corridor, 'visible');
    const csv = await download(() => corridor.locator('button:has-text("CSV")').click());
    const rows = parseCsv(csv.text);
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    const col = (rows.value[0] ?? []).indexOf('DFEDTARU (%)') >= 0 ? (rows.value[0] ?? []).indexOf('DFEDTARU (%)') : (rows.value[0] ?? []).findIndex((h) => h.startsWith('Top of range'));
    expect(col).toBeGreaterThan(0);
    const stored = new Set((list.find((x) => x.id === 'DFEDTARU')?.dates ?? []).map(isoOf));
    const withTop = rows.value.slice(1).filter((row) => (row[col] ?? '') !== '');
    expect(withTop.length).toBeGreaterThan(10);
    for (const row of withTop) expect(stored.has(row[0] ?? ''), row[0]).toBe(true);
  });

  it('the corridor reaches back with IOER before 2021-07-29, labelled, and Max is all the Monitor loaded', async () => {
    const p = app.page;
    await p.click('[data-range="Max"]');
    await p.waitForTimeout(150);
    const corridor = p.locator('[data-chart="corridor"]');
    expect(Number(await corridor.getAttribute('data-xmin'))).toBeLessThan(dayOf('2015-01-10'));
    expect(await corridor.locator('.readout [data-series="IORB"] .legend-label').textContent()).toBe('IORB (IOER before 2021-07-29)');
    await hoverDay(corridor, dayOf('2020-10-14'));
    const r = await readout(corridor);
    // IOER was 0.10% from 2020-03-16 to 2021-06-16 (the snapshot's IOER file).
    expect(r.items['IORB'], JSON.stringify(r)).toMatch(/^0\.10%/);
    const spreads = await readout(p.locator('[data-chart="spreads"]'));
    expect(spreads.items['SOFR_IORB'], JSON.stringify(spreads)).toMatch(/bp/);
    // IOER ended in 2021: shown for history, never counted as a Monitor input behind its calendar.
    expect((await p.locator('[data-banner="freshness"]').textContent()) ?? '').not.toMatch(/IOER/);
    await p.click('[data-range="1Y"]');
  });

  it('the legend box wraps at 1280 px, never cuts a value off, and says the conversion once per chart', async () => {
    const p = app.page;
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.waitForTimeout(200);
    const corridor = p.locator('[data-chart="corridor"]');
    await hoverDay(corridor, Number(await corridor.getAttribute('data-xmax')) - 30);
    const fits = await corridor.evaluate((sec) => {
      const box = sec.querySelector('.readout') as HTMLElement;
      const cs = getComputedStyle(box);
      const outer = sec.getBoundingClientRect();
      const items = [...box.querySelectorAll('[data-series]')].map((i) => i.getBoundingClientRect());
      return { wrap: cs.flexWrap, overflow: cs.textOverflow, inside: items.every((r) => r.right <= outer.right + 1 && r.width > 0), rows: new Set(items.map((r) => Math.round(r.top))).size };
    });
    expect(fits.wrap).toBe('wrap');
    expect(fits.overflow).not.toBe('ellipsis');
    expect(fits.inside).toBe(true);
    // The conversion is said once, under the chart, not inside each hover reading.
    const reserves = p.locator('[data-chart="reserves"]');
    const readText = (await reserves.locator('.readout').textContent()) ?? '';
    expect(readText).not.toMatch(/÷|× 0\.1|0\.1 ×/);
    expect((await reserves.locator('.conversions').textContent()) ?? '').toMatch(/GDP10: 0\.1 × GDP/);
  });

  it('every chart has a cursor and zoom, including the lab spread chart; the lab readout never shows history as current (found: 2027-03-31 showed 2026-08-19)', async () => {
    const p = app.page;
    await p.setViewportSize({ width: 1600, height: 1000 });
    await view(p, 'lab');
    const spread = p.locator('[data-chart="lab-spread"]');
    await spread.locator('.u-over').waitFor();
    const before = await span(spread);
    await dragAcross(spread, 0.2, 0.5);
    await p.waitForTimeout(150);
    expect(await span(spread)).toBeLessThan(before * 0.5);
    await hoverDay(spread, Number(await spread.getAttribute('data-xmin')) + 40);
    expect((await readout(spread)).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await spread.locator('.u-over').dblclick();
    await p.waitForTimeout(100);
    expect(await span(spread)).toBe(before);
    // The reserves chart: a date after the history's last week reads the projection only.
    const res = p.locator('[data-chart="lab-reserves"]');
    const xmax = Number(await res.getAttribute('data-xmax'));
    await hoverDay(res, Math.min(xmax - 10, dayOf('2027-03-31')));
    const r = await readout(res);
    expect(dayOf(r.date)).toBeGreaterThan(dayOf('2026-12-31'));
    expect(r.items['WRESBAL']).toBe('—');
    expect(r.items['R_PROJ']).toMatch(/^\$[\d,.]+bn/);
    // A constant line reads between projection months too (found: "10% threshold —").
    const ratio = p.locator('[data-chart="lab-ratio"]');
    await hoverDay(ratio, dayOf('2028-01-11'));
    expect((await readout(ratio)).items['THR']).toMatch(/^10\.00%/);
  });

  it('after a double-click reset, the lab\'s linked charts follow a shorter horizon (found: the old horizon\'s empty years stayed on the axis)', async () => {
    const p = app.page;
    await view(p, 'lab');
    const res = p.locator('[data-chart="lab-reserves"]');
    const ratio = p.locator('[data-chart="lab-ratio"]');
    await res.locator('.u-over').waitFor();
    await p.fill('[data-field="horizonYears"]', '10');
    await expect.poll(async () => Number(await res.getAttribute('data-xmax'))).toBeGreaterThan(dayOf('2035-12-31'));
    const ten = Number(await res.getAttribute('data-xmax'));
    // Zoom, then reset: the range is the data's extent again, and stays that as the data changes.
    await dragAcross(res, 0.3, 0.6);
    await expect.poll(async () => Number(await res.getAttribute('data-xmax'))).toBeLessThan(ten - 365);
    await res.locator('.u-over').dblclick();
    await expect.poll(async () => Number(await res.getAttribute('data-xmax'))).toBe(ten);
    await p.fill('[data-field="horizonYears"]', '3');
    // Three years on from the anchor's month, on both linked charts (not the ten-year axis).
    await expect.poll(async () => Number(await res.getAttribute('data-xmax'))).toBeLessThan(ten - 6 * 365);
    expect(Number(await ratio.getAttribute('data-xmax'))).toBe(Number(await res.getAttribute('data-xmax')));
    // A zoom still holds across a data change: the range then is the user's, not the data's.
    await dragAcross(res, 0.2, 0.7);
    await p.waitForTimeout(150);
    const zoomed = Number(await res.getAttribute('data-xmax'));
    await p.fill('[data-field="horizonYears"]', '4');
    await p.waitForTimeout(300);
    expect(Number(await res.getAttribute('data-xmax'))).toBe(zoomed);
    await res.locator('.u-over').dblclick();
    await p.fill('[data-field="horizonYears"]', '5');
    expect(app.pageErrors).toEqual([]);
  });

  it('double-click resets to the active preset, and the preset buttons show which is active (found: it jumped to the chart\'s own data range)', async () => {
    const p = app.page;
    await view(p, 'monitor');
    await p.click('[data-range="3M"]');
    await p.waitForTimeout(100);
    expect(await p.getAttribute('[data-range="3M"]', 'aria-pressed')).toBe('true');
    expect(await p.getAttribute('[data-range="1Y"]', 'aria-pressed')).toBe('false');
    const srf = p.locator('[data-chart="srf"]');
    await dragAcross(srf, 0.3, 0.6);
    await p.waitForTimeout(100);
    expect(await span(srf)).toBeLessThan(80);
    expect(await p.getAttribute('[data-range="3M"]', 'aria-pressed')).toBe('false');
    await srf.locator('.u-over').dblclick();
    await p.waitForTimeout(150);
    const spans = await p.locator('section.chart[data-chart]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['xmax']) - Number((e as HTMLElement).dataset['xmin'])));
    expect(new Set(spans)).toEqual(new Set([92]));
    expect(await p.getAttribute('[data-range="3M"]', 'aria-pressed')).toBe('true');
  });

  it('toggling the theme recolours live charts at once (found: stale grid and axis colours until a reload)', async () => {
    const p = app.page;
    const colours = (): Promise<{ css: string; drawn: string[] }> =>
      p.evaluate(() => ({
        css: getComputedStyle(document.documentElement).getPropertyValue('--grid').trim(),
        drawn: [...document.querySelectorAll<HTMLElement>('section.chart[data-chart]')].map((e) => e.dataset['gridColor'] ?? ''),
      }));
    const light = await colours();
    expect(light.drawn.every((c) => c === light.css)).toBe(true);
    await p.locator('nav.top .brand').click();
    await p.keyboard.press('t');
    await p.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await p.waitForTimeout(150);
    const dark = await colours();
    expect(dark.css).not.toBe(light.css);
    expect(dark.drawn.every((c) => c === dark.css), JSON.stringify(dark)).toBe(true);
    await p.keyboard.press('t');
    await p.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
  });

  it('lines break at real data gaps instead of bridging years (RPONTSYD: no Fed repo from 2008-10-08 to 2012-08-03)', async () => {
    const p = app.page;
    await view(p, 'workspace');
    const field = p.locator('input.formula').first();
    await field.fill('RPONTSYD');
    await field.press('Enter');
    const chart = p.locator('.panel').first().locator('section.chart');
    await chart.locator('.u-over').waitFor();
    await p.waitForTimeout(300);
    // Inside the gap, the plot column holds no pixel of the line's colour (Okabe–Ito blue, the first panel's).
    const lit = await chart.evaluate((sec, mid) => {
      const canvas = sec.querySelector('canvas') as HTMLCanvasElement;
      const xmin = Number((sec as HTMLElement).dataset['xmin']);
      const xmax = Number((sec as HTMLElement).dataset['xmax']);
      const over = sec.querySelector('.u-over') as HTMLElement;
      const c = canvas.getBoundingClientRect();
      const o = over.getBoundingClientRect();
      const k = canvas.width / c.width;
      const count = (day: number): number => {
        const x = Math.round((o.left - c.left + ((day - xmin) / (xmax - xmin)) * o.width) * k);
        const img = canvas.getContext('2d')?.getImageData(x - 1, Math.round((o.top - c.top) * k), 3, Math.round(o.height * k));
        let n = 0;
        if (img) for (let i = 0; i < img.data.length; i += 4) if ((img.data[i + 3] ?? 0) > 100 && Math.abs((img.data[i] ?? 0) - 0) < 40 && Math.abs((img.data[i + 1] ?? 0) - 114) < 40 && Math.abs((img.data[i + 2] ?? 0) - 178) < 40) n++;
        return n;
      };
      return { gap: count(mid), xmin, xmax };
    }, dayOf('2010-09-01'));
    expect(lit.xmin).toBeLessThan(dayOf('2008-01-01'));
    expect(lit.gap).toBe(0);
  });

  it('a shaded range runs to the plot edge when the zoomed window starts or ends on a weekend (found: the SOFR 1st–99th band began at the first weekday in view)', async () => {
    const p = app.page;
    await view(p, 'monitor');
    await p.click('[data-range="1Y"]');
    const chart = p.locator('[data-chart="corridor"]');
    const over = chart.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('no plot');
    // Drag-zoom to May 2026, then from Saturday noon 2026-05-16 to Wednesday 2026-05-20: the first row in
    // view is Sunday's (the policy rates are daily, weekends too; the percentiles have no weekend rows).
    const dragDays = async (from: number, to: number): Promise<void> => {
      const xmin = Number(await chart.getAttribute('data-xmin'));
      const xmax = Number(await chart.getAttribute('data-xmax'));
      const at = (day: number): number => box.x + ((day - xmin) / (xmax - xmin)) * box.width;
      await p.mouse.move(at(from), box.y + box.height / 2);
      await p.mouse.down();
      await p.mouse.move(at(to), box.y + box.height / 2, { steps: 5 });
      await p.mouse.up();
    };
    await dragDays(dayOf('2026-05-01'), dayOf('2026-06-01'));
    await expect.poll(async () => Number(await chart.getAttribute('data-xmax')) - Number(await chart.getAttribute('data-xmin'))).toBeLessThan(40);
    await dragDays(dayOf('2026-05-16') + 0.5, dayOf('2026-05-20') + 0.2);
    await expect.poll(async () => Number(await chart.getAttribute('data-xmin'))).toBeGreaterThanOrEqual(dayOf('2026-05-16'));
    await expect.poll(async () => Number(await chart.getAttribute('data-xmax')) - Number(await chart.getAttribute('data-xmin'))).toBeLessThan(6);
    expect(Number(await chart.getAttribute('data-xmin'))).toBeLessThanOrEqual(dayOf('2026-05-17'));
    await p.waitForTimeout(100);
    // Translucent orange pixels (the band's fill over nothing, or over the grey target range) in the
    // plot's first and middle columns: the band covers both.
    const band = await chart.evaluate((sec) => {
      const canvas = sec.querySelector('canvas') as HTMLCanvasElement;
      const o = (sec.querySelector('.u-over') as HTMLElement).getBoundingClientRect();
      const c = canvas.getBoundingClientRect();
      const k = canvas.width / c.width;
      const count = (fromLeft: number): number => {
        const img = canvas.getContext('2d')?.getImageData(Math.round((o.left - c.left + fromLeft) * k), Math.round((o.top - c.top) * k), Math.max(1, Math.round(4 * k)), Math.round(o.height * k));
        let n = 0;
        if (img)
          for (let i = 0; i < img.data.length; i += 4) {
            const [r, g, a] = [img.data[i] ?? 0, img.data[i + 1] ?? 0, img.data[i + 3] ?? 0];
            if (a >= 15 && a <= 200 && r > 120 && r > g + 40) n++;
          }
        return n;
      };
      return { left: count(1), middle: count(o.width / 2) };
    });
    await chart.screenshot({ path: path.join(SHOTS, 'corridor-weekend-edge.png') });
    // The band is a few hundred pixels tall in each 4-px strip; stopped at Monday, the first strip had a few stray ones.
    expect(band.middle).toBeGreaterThan(50);
    expect(band.left).toBeGreaterThan(band.middle / 3);
    await over.dblclick();
    expect(app.pageErrors).toEqual([]);
  });

  it('the calendar shading has a legend that follows the zoom', async () => {
    const p = app.page;
    await view(p, 'monitor');
    await p.click('[data-range="1Y"]');
    await p.waitForTimeout(100);
    const legend = p.locator('[data-chart="spreads"] [data-calendar-legend]');
    expect(await legend.textContent()).toMatch(/quarter-\/year-end.*month-end.*tax dates/);
    await p.click('[data-range="3M"]');
    await p.waitForTimeout(100);
    expect(await legend.textContent()).toMatch(/coupon settlements/);
    await p.click('[data-range="Max"]');
    await p.waitForTimeout(100);
    expect(await legend.count()).toBe(0);
    await p.click('[data-range="1Y"]');
  });

  it('tiles: eight in one row at 1600 px, 4 × 2 at 1280 px', async () => {
    const p = app.page;
    const rows = (): Promise<number[]> => p.locator('[data-tile]').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.waitForTimeout(150);
    const wide = await rows();
    expect(wide.length).toBe(8);
    expect(new Set(wide).size).toBe(1);
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.waitForTimeout(150);
    const narrow = await rows();
    expect(new Set(narrow).size).toBe(2);
    expect(narrow.filter((t) => t === narrow[0]).length).toBe(4);
    // No tile's text is cut off at 1280 px.
    const clipped = await p.locator('[data-tile] .tile-value').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(clipped).toBe(0);
  });

  it('dates are ISO in fields and exports; footers fit their chart', async () => {
    const p = app.page;
    await view(p, 'lab');
    const qt = p.locator('[data-input="qtEndDate"]');
    expect(await qt.getAttribute('type')).toBe('text');
    expect(await qt.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await qt.fill('12/01/2025');
    expect(await p.locator('.field-problem').textContent()).toMatch(/YYYY-MM-DD/);
    await qt.fill('9999-12-31');
    expect(await p.locator('.field-problem').textContent()).toMatch(/On or before 2040-12-31/);
    // What was typed stays (nothing is thrown away on leaving the field); the last good date stays in force.
    await p.locator('[data-input="horizonYears"], .controls input[type="range"]').first().focus();
    expect(await qt.inputValue()).toBe('9999-12-31');
    await qt.fill('2025-12-01');
    expect(await p.locator('.field-problem').count()).toBe(0);
    // Months too: `2025-12`, not the locale's "December 2025".
    const month = p.locator('[data-input="rmp0-from"]');
    expect(await month.getAttribute('type')).toBe('text');
    expect(await month.inputValue()).toMatch(/^\d{4}-\d{2}$/);
    // A footer names the scenario by its inputs once they differ from the preset's (found: a $100bn path under "Fed RMP").
    await p.selectOption('[data-input="preset"]', 'Fed RMP');
    // Fed RMP's first step (2025-12, then 2026-05) ends before the projection starts: the lab says so.
    expect(await p.locator('[data-result="rmp0-before-anchor"]').textContent()).toMatch(/ends before the projection starts \(anchor \d{4}-\d{2}-\d{2}\)/);
    expect(await p.locator('[data-result="rmp1-before-anchor"]').count()).toBe(0);
    expect((await p.locator('[data-chart="lab-reserves"] .chart-foot').textContent()) ?? '').toMatch(/^Projection: Fed RMP: /);
    await p.fill('[data-field="rmp0"]', '100');
    await p.locator('[data-field="rmp0"]').press('Enter');
    await p.waitForFunction(() => !(document.querySelector('[data-chart="lab-reserves"] .chart-foot')?.textContent ?? '').startsWith('Projection: Fed RMP:'));
    expect((await p.locator('[data-chart="lab-reserves"] .chart-foot').textContent()) ?? '').toMatch(/^Projection: (RMP \$100bn|Custom \(from Fed RMP\))/);
    const labFeet = (await p.locator('.chart-foot').allTextContents()).join(' ');
    expect(labFeet).not.toMatch(/domain\.md|design\.md|§/);
    await view(p, 'monitor');
    const corridorFoot = (await p.locator('[data-chart="corridor"] .chart-foot').textContent()) ?? '';
    expect(corridorFoot).not.toMatch(/\$bn/);
    expect(corridorFoot).toMatch(/rates in % p\.a\./i);
    const spreadsFoot = (await p.locator('[data-chart="spreads"] .chart-foot').textContent()) ?? '';
    expect(spreadsFoot).toMatch(/spreads in bp/);
    expect(spreadsFoot).not.toMatch(/\$bn/);
  });

  it('CSV exports the visible range by default or the full history, with readable headers and plain file names', async () => {
    const p = app.page;
    await p.click('[data-range="3M"]');
    await p.waitForTimeout(100);
    const chart = p.locator('[data-chart="reserves"]');
    const xmin = Number(await chart.getAttribute('data-xmin'));
    const xmax = Number(await chart.getAttribute('data-xmax'));
    const visible = await download(() => chart.locator('button:has-text("CSV")').click());
    expect(visible.name).toMatch(/^reserve-balances-vs-10-of-gdp-gdp-as-known-then-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(visible.text);
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    expect(rows.value[0]).toEqual(['date', 'WRESBAL ($bn, week average)', '10% of GDP (SAAR, as known then) ($bn)']);
    const dates = rows.value.slice(1).map((r) => dayOf(r[0] ?? ''));
    expect(dates.length).toBeGreaterThan(10);
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(xmin - 1);
    expect(Math.max(...dates)).toBeLessThanOrEqual(xmax + 1);
    await chooseCsvRange(chart, 'full');
    const full = await download(() => chart.locator('button:has-text("CSV")').click());
    const fullRows = parseCsv(full.text);
    expect(fullRows.ok && fullRows.value.length).toBeGreaterThan(rows.value.length * 10);
    if (fullRows.ok) expect(fullRows.value[1]?.[0]).toMatch(/^20(1[5-9])-/);
    // Each value as stored: a WRESBAL row equals the store's observation of that date.
    const got = await app.core.router.handle('series:get', { ids: ['WRESBAL'], from: isoOf(xmin) });
    expect(got.ok).toBe(true);
    const store = got.ok ? (got.value as readonly { dates: number[]; values: number[] }[])[0] : undefined;
    const sample = rows.value[1];
    expect(store && sample).toBeTruthy();
    if (store && sample) {
      const i = store.dates.indexOf(dayOf(sample[0] ?? ''));
      expect(i).toBeGreaterThanOrEqual(0);
      expect(Number(sample[1])).toBeCloseTo(store.values[i] ?? Number.NaN, 6);
    }
  });

  it('the Monitor exports its tiles as CSV, and its PNG carries the tiles and an as-of line', async () => {
    const p = app.page;
    const csv = await download(() => p.click('[data-action="export-tiles"]'));
    expect(csv.name).toMatch(/^monitor-tiles-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(csv.text);
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    expect(rows.value[0]).toEqual(['tile', 'value', 'change', 'flag', 'as_of', 'freshness', 'inputs', 'thresholds']);
    expect(rows.value.length).toBe(9);
    const shown = await p.locator('[data-tile="reserves"] .tile-value').textContent();
    expect(rows.value.find((r) => r[0] === 'Reserves (wk avg)')?.[1]).toBe(shown);
    const before = Number((await p.evaluate(() => document.body.dataset['lastExportMs'])) ?? 0);
    const png = await download(() => p.click('[data-action="export-monitor"]'));
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(Number(await p.evaluate(() => document.body.dataset['lastExportTiles']))).toBe(8);
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it('the table toggle shows a chart as a table; each chart has a text alternative', async () => {
    const p = app.page;
    const chart = p.locator('[data-chart="tga-onrrp"]');
    await chart.locator('[data-action="table"]').click();
    expect(await chart.locator('[data-action="table"]').getAttribute('aria-pressed')).toBe('true');
    const first = await chart.locator('[data-chart-table] tbody tr').first().locator('th').textContent();
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await chart.locator('[data-action="table"]').click();
    expect(await chart.locator('[data-chart-table]').count()).toBe(0);
    const alts = await p.locator('section.chart .plot[role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(alts.length).toBe(6);
    for (const a of alts) expect(a).toMatch(/from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\. Latest: /);
  });

  it('screenshots: every view in both themes at 1600×1000 and 1280×800', async () => {
    const p = app.page;
    for (const [w, h] of [
      [1600, 1000],
      [1280, 800],
    ] as const) {
      await p.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await p.evaluate(() => document.documentElement.dataset['theme'])) !== theme) {
          await p.locator('nav.top .brand').click();
          await p.keyboard.press('t');
          await p.waitForFunction((t) => document.documentElement.dataset['theme'] === t, theme);
        }
        for (const v of ['monitor', 'workspace', 'lab', 'compare', 'data']) {
          await view(p, v);
          await p.evaluate(() => window.scrollTo(0, 0));
          await p.waitForTimeout(400);
          await p.screenshot({ path: path.join(SHOTS, `view-${v}-${theme}-${w}.png`), fullPage: false });
        }
      }
    }
    expect(app.pageErrors).toEqual([]);
  });
});
