/**
 * Issue 12 (keyboard and accessibility) end to end: shortcuts after clicking any control but never
 * while typing, the help dialog's focus handling, accessible names, aria-current / aria-pressed, and
 * axe-core (node_modules/axe-core) run on every view in both themes. Browser mode, real core and
 * SQLite (a seeded data folder of its own), Debian's Chromium. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { SHOTS, startE2eApp, type E2eApp } from '../support/e2e-app.js';
import { REPO_ROOT } from '../support/paths.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { replayRoutes } from '../support/sync-harness.js';

const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let app: E2eApp;
let sources: ReplayServer;

beforeAll(async () => {
  sources = await startReplayServer(replayRoutes);
  app = await startE2eApp(sources.base);
  // Two saved scenarios, so Compare shows its radios, checkboxes, chart and milestones.
  for (const name of ['A11y baseline', 'A11y faster RMP']) {
    const r = await app.core.router.handle('scenario:save', { name, inputs: name === 'A11y baseline' ? {} : { rmpSchedule: [{ from: '2026-01', perMonthBn: 40 }] } });
    if (!r.ok) throw new Error(r.error);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await sources?.close();
});

const VIEWS = [
  { id: 'monitor', label: 'Monitor', ready: '[data-chart="spreads"] canvas' },
  { id: 'workspace', label: 'Workspace', ready: '[data-panel="1"] section.chart canvas' },
  { id: 'lab', label: 'Scenario lab', ready: '[data-chart="lab-reserves"] canvas' },
  { id: 'compare', label: 'Compare', ready: '.view.compare section.chart canvas' },
  { id: 'data', label: 'Data', ready: '[data-table="catalog"]' },
] as const;

const openView = async (p: Page, v: (typeof VIEWS)[number]): Promise<void> => {
  await p.click(`[data-view="${v.id}"]`);
  if (v.id === 'compare') {
    // A baseline and one scenario picked: the chart, small multiples and milestones are on screen.
    await p.waitForSelector('input[aria-label="baseline A11y baseline"]');
    await p.check('input[aria-label="baseline A11y baseline"]');
    await p.check('input[aria-label="compare A11y faster RMP"]');
  }
  await p.waitForSelector(v.ready, { timeout: 30_000 });
};

const theme = (p: Page): Promise<string | undefined> => p.evaluate(() => document.documentElement.dataset['theme']);
const currentView = (p: Page): Promise<string | null> => p.getAttribute('nav.top [aria-current="page"]', 'data-view');
/** What has the focus, as a short description for assertions. */
const focused = (p: Page): Promise<string> =>
  p.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const h = e as HTMLElement;
    const data = Object.entries(h.dataset).map(([k, v]) => `[data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${v ? `=${v}` : ''}]`);
    return `${e.tagName.toLowerCase()}${data.join('')}${e.getAttribute('aria-label') ? `[aria-label=${e.getAttribute('aria-label') ?? ''}]` : ''}`;
  });

/** axe-core's serious and critical violations on the page as it is, one readable line per node. */
async function axeViolations(p: Page): Promise<{ found: Result[]; text: string }> {
  // Not page.addScriptTag: it inserts an inline <script>, which the page's CSP (script-src 'self')
  // rightly refuses, and the CSP stays in force under test. A DevTools evaluation is not a page script.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(`${AXE_SOURCE}\n;void 0;`);
  const results = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return JSON.parse(JSON.stringify(r.violations)) as Result[];
  });
  const found = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lesser = results.filter((v) => !found.includes(v));
  if (lesser.length > 0) console.log(`axe, not asserted: ${lesser.map((v) => `${v.impact ?? ''} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
  const text = found
    .map((v) => {
      // The first few nodes in full; a rule failing on a whole table would otherwise bury the others.
      const nodes = v.nodes.slice(0, 4).map((n) => `    ${n.target.join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
      const more = v.nodes.length > 4 ? [`    … and ${v.nodes.length - 4} more: ${v.nodes.slice(4).map((n) => n.target.join(' ')).join(', ').slice(0, 300)}`] : [];
      return `${v.impact ?? ''} ${v.id}: ${v.help} (${v.helpUrl})\n${[...nodes, ...more].join('\n')}`;
    })
    .join('\n');
  return { found, text };
}

const helpDialog = '[role="dialog"][data-dialog="help"]';
/** Whether the focus is inside the help dialog. */
const focusInHelp = (p: Page): Promise<boolean> => p.evaluate((sel) => document.activeElement?.closest(sel) !== null && document.activeElement?.closest(sel) !== undefined, helpDialog);

describe('issue 12: keyboard', () => {
  it('shortcuts work after a click on a radio, a checkbox or a button, and never while typing in a field or a select', async () => {
    const p = app.page;
    await p.waitForSelector('nav.top');
    expect(await theme(p)).toBe('light');

    // Compare: a click on a radio, then 1 (found: nothing happened, every INPUT was skipped).
    await openView(p, VIEWS[3]);
    await p.click('input[aria-label="baseline A11y faster RMP"]');
    expect(await focused(p)).toBe('input[aria-label=baseline A11y faster RMP]');
    await p.keyboard.press('1');
    await p.waitForSelector('.view.monitor');
    expect(await currentView(p)).toBe('monitor');
    // The radio went with its view: the focus is on the new view's heading, not lost to the page.
    expect(await focused(p)).toBe('h2[data-view-title=true]');
    expect(await p.textContent('h2[data-view-title]')).toBe('Monitor');

    // Compare again: a click on a checkbox, then T, T (theme there and back) and 5.
    await openView(p, VIEWS[3]);
    await p.check('input[aria-label="baseline A11y baseline"]');
    await p.click('input[aria-label="compare A11y faster RMP"]');
    expect(await focused(p)).toBe('input[aria-label=compare A11y faster RMP]');
    await p.keyboard.press('t');
    expect(await theme(p)).toBe('dark');
    await p.keyboard.press('Shift+T');
    expect(await theme(p)).toBe('light');
    await p.keyboard.press('5');
    await p.waitForSelector('.view.data');
    expect(await currentView(p)).toBe('data');

    // Lab: a click on the band checkbox, then ?: the help opens; Esc closes it and gives the focus back.
    await openView(p, VIEWS[2]);
    const band = p.locator('[data-input="rmp-band"]');
    const bandBefore = await band.isChecked();
    await band.click();
    expect(await focused(p)).toBe('input[data-input=rmp-band]');
    await p.keyboard.press('?');
    await p.waitForSelector(helpDialog);
    expect(await focusInHelp(p)).toBe(true);
    await p.keyboard.press('Escape');
    await p.waitForSelector(helpDialog, { state: 'detached' });
    expect(await focused(p)).toBe('input[data-input=rmp-band]');
    await band.click();
    expect(await band.isChecked()).toBe(bandBefore);
    // A range slider takes no typed text: a shortcut after dragging one works too.
    await p.click('[data-input="horizonYears"]');
    await p.keyboard.press('2');
    await p.waitForSelector('.view.workspace');
    await p.keyboard.press('3');
    await p.waitForSelector('[data-chart="lab-reserves"] canvas');

    // Typing: in a text field, a number field and a select (type-to-find), no shortcut fires.
    await p.click('[data-input="scenario-name"]');
    await p.keyboard.type('1T?e 2');
    expect(await p.inputValue('[data-input="scenario-name"]')).toBe('1T?e 2');
    await p.fill('[data-input="scenario-name"]', '');
    const horizon = await p.inputValue('[data-field="horizonYears"]');
    await p.click('[data-field="horizonYears"]');
    await p.keyboard.press('4');
    await p.keyboard.press('t');
    await p.locator('[data-input="preset"]').focus();
    await p.keyboard.press('t');
    await p.keyboard.press('Shift+?');
    expect(await currentView(p)).toBe('lab');
    expect(await theme(p)).toBe('light');
    expect(await p.locator(helpDialog).count()).toBe(0);
    await p.fill('[data-field="horizonYears"]', horizon);
    await p.locator('[data-field="horizonYears"]').blur();
    // Workspace: the formula field.
    await openView(p, VIEWS[1]);
    await p.click('[data-input="formula-0"]');
    await p.keyboard.press('End');
    await p.keyboard.type('1');
    expect(await currentView(p)).toBe('workspace');
    expect(await p.inputValue('[data-input="formula-0"]')).toMatch(/1$/);
    await p.keyboard.press('Backspace');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('the help dialog takes the focus, keeps Tab inside, ignores the shortcuts behind it, closes on Esc and gives the focus back', async () => {
    const p = app.page;
    await openView(p, VIEWS[0]);
    const opener = p.locator('[data-action="help"]');
    for (const t of ['light', 'dark'] as const) {
      if ((await theme(p)) !== t) await p.click('[data-action="theme"]');
      await opener.click();
      const dialog = p.locator(helpDialog);
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      expect(await p.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
      expect(await focused(p)).toBe('button[data-action=help-close]');
      await p.waitForTimeout(100);
      await p.screenshot({ path: path.join(SHOTS, `a11y-help-${t}.png`) });
      // Tab and Shift+Tab stay inside (the dialog has one control: Close).
      for (const k of ['Tab', 'Tab', 'Shift+Tab', 'Tab']) {
        await p.keyboard.press(k);
        expect(await focusInHelp(p)).toBe(true);
      }
      // A click on the dialog's text, then Tab: still inside.
      await dialog.locator('h2').click();
      await p.keyboard.press('Tab');
      expect(await focusInHelp(p)).toBe(true);
      // The shortcuts do not act behind it.
      await p.keyboard.press('2');
      await p.keyboard.press('t');
      expect(await currentView(p)).toBe('monitor');
      expect(await theme(p)).toBe(t);
      await p.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await focused(p)).toBe('button[data-action=help]');
      // ? opens and closes it too; the Close button gives the focus back as well.
      await p.keyboard.press('?');
      await dialog.waitFor();
      await p.keyboard.press('?');
      await dialog.waitFor({ state: 'detached' });
      expect(await focused(p)).toBe('button[data-action=help]');
      await opener.click();
      await p.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await focused(p)).toBe('button[data-action=help]');
    }
    await p.click('[data-action="theme"]');
    expect(await theme(p)).toBe('light');
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});

describe('issue 12: names, headings, states', () => {
  it('every number box and slider in the lab is named by its visible label (and nothing else)', async () => {
    const p = app.page;
    await openView(p, VIEWS[2]);
    const fields = await p.locator('.controls [data-field]').evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLElement).dataset['field'] ?? '', label: (e.closest('.slider')?.querySelector('.slider-label')?.textContent ?? '').replace(/\s+/g, ' ').trim() })),
    );
    // 17 with the default preset (found: none had a name), more with the other modes.
    expect(fields.length).toBeGreaterThanOrEqual(17);
    for (const f of fields) {
      expect(f.label).toMatch(/\(.+\)$/);
      expect(await p.getByRole('spinbutton', { name: f.label, exact: true }).getAttribute('data-field')).toBe(f.id);
      expect(await p.getByRole('slider', { name: f.label, exact: true }).getAttribute('data-input')).toBe(f.id);
    }
    // The month fields are named by their label only (the remove button beside them used to join in).
    expect(await p.getByRole('textbox', { name: 'First RMP month', exact: true }).getAttribute('data-input')).toBe('rmp0-from');
    expect(await p.getByRole('button', { name: 'Remove RMP step 1', exact: true }).count()).toBe(1);
    // A slider says its unit with its value.
    expect(await p.getAttribute('[data-input="horizonYears"]', 'aria-valuetext')).toMatch(/^\d+ years$/);
  });

  it('one h1, an h2 naming each view, aria-current on the view in the navigation, by click and by key', async () => {
    const p = app.page;
    expect(await p.locator('h1').allTextContents()).toEqual(['Reservoir']);
    for (const v of VIEWS) {
      await openView(p, v);
      expect(await p.locator('nav.top [aria-current]').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset['view'] ?? ''}=${e.getAttribute('aria-current') ?? ''}`))).toEqual([`${v.id}=page`]);
      expect(await p.getByRole('heading', { level: 2, name: v.label, exact: true }).count()).toBe(1);
    }
    await p.locator('nav.top .brand').click();
    await p.keyboard.press('2');
    await p.waitForSelector('.view.workspace');
    expect(await currentView(p)).toBe('workspace');
    expect(await p.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Workspace' }).getAttribute('aria-current')).toBe('page');
  });

  it('range presets and the Compare modes are toggle buttons (aria-pressed)', async () => {
    const p = app.page;
    await openView(p, VIEWS[0]);
    const pressed = (sel: string): Promise<string[]> => p.locator(sel).evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset['range'] ?? (e as HTMLElement).dataset['mode'] ?? ''}=${e.getAttribute('aria-pressed') ?? 'none'}`));
    for (const preset of ['3M', 'Max', '1Y']) {
      await p.click(`[data-range="${preset}"]`);
      await p.waitForFunction((x) => document.querySelector(`[data-range="${x}"]`)?.getAttribute('aria-pressed') === 'true', preset);
      expect(await pressed('.rangebar [data-range]')).toEqual(['3M', '1Y', '5Y', 'Max'].map((x) => `${x}=${x === preset}`));
    }
    expect(await p.getByRole('button', { name: '3M', pressed: false }).count()).toBe(1);
    await openView(p, VIEWS[3]);
    await p.click('[data-mode="delta"]');
    expect(await pressed('[data-mode]')).toEqual(['level=false', 'delta=true', 'pct=false']);
    await p.click('[data-mode="level"]');
    expect(await pressed('[data-mode]')).toEqual(['level=true', 'delta=false', 'pct=false']);
  });
});

describe('issue 12: axe-core on every view', () => {
  for (const t of ['light', 'dark'] as const) {
    it(`no serious or critical violations on any view in the ${t} theme`, async () => {
      const p = app.page;
      await p.waitForSelector('nav.top');
      if ((await theme(p)) !== t) await p.click('[data-action="theme"]');
      expect(await theme(p)).toBe(t);
      const report: string[] = [];
      for (const v of VIEWS) {
        await openView(p, v);
        await p.waitForTimeout(200);
        const { found, text } = await axeViolations(p);
        if (found.length > 0) report.push(`── ${v.label} (${t}) ──\n${text}`);
      }
      if (report.length > 0) console.log(report.join('\n'));
      expect(report.join('\n')).toBe('');
    }, 120_000);
  }

  it('a chart shown as a table (its toggle in TimeChart) has none either, in both themes', async () => {
    const p = app.page;
    await openView(p, VIEWS[0]);
    const toggle = p.locator('[data-chart="reserves"] [data-action="table"]');
    const report: string[] = [];
    for (const t of ['light', 'dark'] as const) {
      if ((await theme(p)) !== t) await p.click('[data-action="theme"]');
      await toggle.click();
      await p.waitForSelector('[data-chart="reserves"] table');
      const { found, text } = await axeViolations(p);
      if (found.length > 0) report.push(`── Monitor, the reserves chart as a table (${t}) ──\n${text}`);
      await toggle.click();
    }
    if (report.length > 0) console.log(report.join('\n'));
    expect(report.join('\n')).toBe('');
  }, 60_000);
});
