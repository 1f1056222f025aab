/**
 * A panel's series picker: what it adds is within the limits the UI state keeps (the plotted list and
 * the draft are both stored, both at most MAX_FORMULA_CHARS), so adding never makes `ui:set` refuse.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_CHARS, uiValueRefusal, type PanelUi } from '../../../shared/model/ui-state.js';
import { addSeriesPatch } from '../../../renderer/features/workspace/panel-edits.js';

const base: PanelUi = { id: 'p1', formula: 'WRESBAL', draft: 'WRESBAL', units: 'lin', step: false, freq: 'native' };

describe('addSeriesPatch', () => {
  it('adds to the list and to the draft that follows it', () => {
    expect(addSeriesPatch(base, 'WDTGAL')).toEqual({ ok: true, patch: { formula: 'WRESBAL, WDTGAL', draft: 'WRESBAL, WDTGAL', right: [] } });
  });

  it('refuses when the draft being edited would go over the limit, though the plotted list would not', () => {
    const long = { ...base, draft: `WRESBAL + ${'1 + '.repeat((MAX_FORMULA_CHARS - 20) / 4)}1` };
    expect(long.draft.length).toBeLessThanOrEqual(MAX_FORMULA_CHARS);
    const r = addSeriesPatch(long, 'WDTGAL - RRPONTSYD - WLRRAL');
    expect(r).toEqual({ ok: false, error: `a panel's list may have at most ${MAX_FORMULA_CHARS} characters: not added` });
    // Before, the patch was made and the store then refused the whole Workspace.
    const next = addSeriesPatch({ ...long, draft: long.draft.slice(0, 100) }, 'WDTGAL');
    expect(next.ok && uiValueRefusal('workspace', { panels: [{ ...long, ...next.patch }], layoutName: '' })).toBeNull();
  });
});
