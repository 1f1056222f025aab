/**
 * Issue 12: a Workspace panel's list of series (split on top-level commas only), its axes and
 * reference lines in the stored UI state, and layout files — new fields round-trip, panels of one
 * formula are written exactly as before, and layouts saved by earlier builds still open.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../shared/parse/json.js';
import { parseUiValue, type PanelUi } from '../../../shared/model/ui-state.js';
import { layoutOfPanels, panelsOfLayout } from '../../../shared/model/workspace-layout.js';
import { addToSeriesList, MAX_SERIES_PER_PANEL, panelSeries, pickedSeries, removeFromSeriesList, splitSeriesList } from '../../../shared/model/workspace-panel.js';

/** Ids as a counter, so a test can say which one each panel and line gets. */
const ids = (): ((prefix: string) => string) => {
  let n = 0;
  return (prefix) => `${prefix}${++n}`;
};

describe('splitSeriesList: commas inside parentheses belong to the formula', () => {
  it.each([
    ['WRESBAL, WDTGAL', ['WRESBAL', 'WDTGAL']],
    ['bp(SOFR, IORB)', ['bp(SOFR, IORB)']],
    ['bp(SOFR, IORB), WRESBAL', ['bp(SOFR, IORB)', 'WRESBAL']],
    ['ma(bp(SOFR, RRPONTSYAWARD), 10),max(SOFR, EFFR) , (WALCL - WDTGAL) / 1000', ['ma(bp(SOFR, RRPONTSYAWARD), 10)', 'max(SOFR, EFFR)', '(WALCL - WDTGAL) / 1000']],
    ['  WALCL  ', ['WALCL']],
    ['WALCL,, ,SOFR,', ['WALCL', 'SOFR']],
    ['', []],
    [' , ', []],
    // Unbalanced: an open parenthesis keeps the rest in one part (the parser then says what is wrong) …
    ['bp(SOFR, IORB, WRESBAL', ['bp(SOFR, IORB, WRESBAL']],
    // … and a stray closing one does not swallow the commas after it.
    ['SOFR), IORB, WALCL', ['SOFR)', 'IORB', 'WALCL']],
  ])('%j → %j', (text, parts) => {
    expect(splitSeriesList(text)).toEqual(parts);
  });

  it('panelSeries: a repeated series is plotted once, and beyond the limit the rest is said', () => {
    expect(panelSeries('WALCL, SOFR, WALCL')).toEqual({ series: ['WALCL', 'SOFR'], repeated: ['WALCL'], over: [] });
    const many = Array.from({ length: MAX_SERIES_PER_PANEL + 2 }, (_, i) => `S${i}`);
    const r = panelSeries(many.join(', '));
    expect(r.series).toEqual(many.slice(0, MAX_SERIES_PER_PANEL));
    expect(r.over).toEqual(many.slice(MAX_SERIES_PER_PANEL));
  });

  it('adds and removes whole series, formulas with commas included', () => {
    expect(addToSeriesList('WRESBAL', 'WDTGAL')).toBe('WRESBAL, WDTGAL');
    expect(addToSeriesList('', 'bp(SOFR, IORB)')).toBe('bp(SOFR, IORB)');
    expect(addToSeriesList('WRESBAL', 'WRESBAL')).toBe('WRESBAL');
    expect(addToSeriesList('WRESBAL', 'SOFR, bp(SOFR, IORB)')).toBe('WRESBAL, SOFR, bp(SOFR, IORB)');
    expect(removeFromSeriesList('bp(SOFR, IORB), WRESBAL', 'bp(SOFR, IORB)')).toBe('WRESBAL');
    expect(removeFromSeriesList('WRESBAL', 'WRESBAL')).toBe('');
  });
});

describe('pickedSeries: what the catalog picker adds', () => {
  const catalog = [
    { id: 'WDTGAL', title: 'Treasury General Account (TGA), Wednesday level' },
    { id: 'WRESBAL', title: 'Reserve balances with Federal Reserve Banks, week average' },
  ];
  it('an id in any case, a title as listed, or else the text as a formula', () => {
    expect(pickedSeries(' wdtgal ', catalog)).toBe('WDTGAL');
    expect(pickedSeries('treasury general account (TGA), Wednesday level', catalog)).toBe('WDTGAL');
    expect(pickedSeries('WRESBAL - WDTGAL', catalog)).toBe('WRESBAL - WDTGAL');
    expect(pickedSeries('   ', catalog)).toBe('');
  });
});

const full: PanelUi = {
  id: 'p1',
  formula: 'WRESBAL, WDTGAL',
  draft: 'WRESBAL, WDTGAL, SOFR',
  units: 'lin',
  step: true,
  freq: 'M:sum',
  right: ['WDTGAL'],
  log: true,
  rebase: true,
  refLines: [
    { id: 'r1', value: 3000, label: 'ample', axis: 'left' },
    { id: 'r2', value: 750, label: 'TGA target', axis: 'right' },
  ],
};
const old: PanelUi = { id: 'p2', formula: 'bp(SOFR, IORB)', draft: 'bp(SOFR, IORB)', units: 'pc1', step: false, freq: 'native' };

describe('UI state: the new panel fields are validated and round-trip; state stored before them reads back as it was', () => {
  const parse = (v: unknown): ReturnType<typeof parseUiValue.workspace> => parseUiValue.workspace(JSON.parse(JSON.stringify(v)) as Json);

  it('round-trips every field exactly', () => {
    const ws = { panels: [full, old], layoutName: 'x' };
    expect(parse(ws)).toEqual({ ok: true, value: ws });
    // The old panel gets no new keys (its stored JSON is the same after a read and write).
    const r = parse(ws);
    expect(r.ok && Object.keys(r.value.panels[1] ?? {})).toEqual(['id', 'formula', 'draft', 'units', 'step', 'freq']);
  });

  it('accepts the sum aggregations and quarterly end of period', () => {
    for (const freq of ['W:sum', 'M:sum', 'Q:sum', 'Q:eop']) expect(parse({ panels: [{ ...old, freq }], layoutName: '' }).ok).toBe(true);
  });

  it.each([
    ['right not a list', { right: 'WDTGAL' }],
    ['right repeating a series', { right: ['WDTGAL', 'WDTGAL'] }],
    ['log not a boolean', { log: 'yes' }],
    ['rebase not a boolean', { rebase: 1 }],
    ['a reference line without id', { refLines: [{ value: 1, label: 'x', axis: 'left' }] }],
    ['a reference line of text', { refLines: [{ id: 'r', value: '10', label: 'x', axis: 'left' }] }],
    ['a reference line at infinity', { refLines: [{ id: 'r', value: 1e300, label: 'x', axis: 'left' }] }],
    ['a reference line on a third axis', { refLines: [{ id: 'r', value: 1, label: 'x', axis: 'middle' }] }],
    ['a reference label with a newline', { refLines: [{ id: 'r', value: 1, label: 'a\nb', axis: 'left' }] }],
    ['two lines with one id', { refLines: [{ id: 'r', value: 1, label: '', axis: 'left' }, { id: 'r', value: 2, label: '', axis: 'left' }] }],
    ['an unknown field', { colour: 'red' }],
    ['an unknown frequency', { freq: 'M:median' }],
  ])('refuses %s', (_what, patch) => {
    expect(parse({ panels: [{ ...old, ...patch }], layoutName: '' }).ok).toBe(false);
  });
});

describe('layout files', () => {
  it('a panel of one formula at its defaults is written exactly as earlier builds wrote it', () => {
    expect(layoutOfPanels([old, { ...old, id: 'p3', formula: 'IORB', units: 'lin', step: true, freq: 'M:avg' }])).toEqual([
      { formula: 'bp(SOFR, IORB)', units: 'pc1', step: false },
      { formula: 'IORB', units: 'lin', step: true, freq: 'M:avg' },
    ]);
  });

  it('writes the series list, axes, log, rebase and reference lines (without ids or draft), and reads them back exactly', () => {
    const file = layoutOfPanels([full]);
    expect(file).toEqual([
      {
        formula: 'WRESBAL, WDTGAL',
        units: 'lin',
        step: true,
        freq: 'M:sum',
        right: ['WDTGAL'],
        log: true,
        rebase: true,
        refLines: [
          { value: 3000, label: 'ample' },
          { value: 750, label: 'TGA target', axis: 'right' },
        ],
      },
    ]);
    // Through JSON, as the store keeps it: each panel and line gets a fresh id, the draft is what was plotted.
    const back = panelsOfLayout(JSON.parse(JSON.stringify(file)) as Json, ids());
    expect(back).toEqual([{ ...full, id: 'p1', draft: full.formula, refLines: [{ ...full.refLines?.[0], id: 'r2' }, { ...full.refLines?.[1], id: 'r3' }] }]);
    expect(layoutOfPanels(back)).toEqual(file);
  });

  it('a right-axis entry for a series no longer in the list is not written', () => {
    expect(layoutOfPanels([{ ...old, right: ['WDTGAL'] }])).toEqual([{ formula: 'bp(SOFR, IORB)', units: 'pc1', step: false }]);
  });

  it('opens layouts saved by earlier builds: a formula alone, or with units, step and frequency', () => {
    const earlier: Json = [{ formula: 'WRESBAL' }, { formula: 'RRPONTSYD', units: 'pc1', step: true, freq: 'M:avg' }];
    expect(panelsOfLayout(earlier, ids())).toEqual([
      { id: 'p1', formula: 'WRESBAL', draft: 'WRESBAL', units: 'lin', step: false, freq: 'native' },
      { id: 'p2', formula: 'RRPONTSYD', draft: 'RRPONTSYD', units: 'pc1', step: true, freq: 'M:avg' },
    ]);
  });

  it('is lenient with what does not fit (a hand edit, a backup): such a field is left at its default, a panel without a formula is skipped', () => {
    const odd = [
      { formula: 'WALCL', units: 'weird', freq: 'M:median', right: 'WALCL', log: 'yes', refLines: [{ value: 'x' }] },
      { units: 'lin' },
      'not a panel',
      { formula: 'SOFR, IORB', right: ['IORB', 'GONE'] },
    ] as Json;
    expect(panelsOfLayout(odd, ids())).toEqual([
      { id: 'p1', formula: 'WALCL', draft: 'WALCL', units: 'lin', step: false, freq: 'native' },
      { id: 'p2', formula: 'SOFR, IORB', draft: 'SOFR, IORB', units: 'lin', step: false, freq: 'native', right: ['IORB'] },
    ]);
    expect(panelsOfLayout({ not: 'a list' }, ids())).toEqual([]);
  });
});
