/**
 * Edits of a panel's list that must stay within what the UI state keeps (pure, for PanelView and the
 * Workspace): the plotted list and the draft are both stored, each at most MAX_FORMULA_CHARS long.
 */
import { MAX_FORMULA_CHARS, type PanelUi } from '../../../shared/model/ui-state.js';
import { addToSeriesList, MAX_SERIES_PER_PANEL, panelSeries, splitSeriesList } from '../../../shared/model/workspace-panel.js';

/** What a panel's list becomes with `s` added, or why it cannot take it (the panel's limits). */
export function addSeriesPatch(p: PanelUi, s: string): { readonly ok: true; readonly patch: Partial<Omit<PanelUi, 'id'>> } | { readonly ok: false; readonly error: string } {
  const next = addToSeriesList(p.formula, s);
  const n = panelSeries(next);
  if (n.over.length > 0) return { ok: false, error: `a panel holds at most ${MAX_SERIES_PER_PANEL} series: ${n.over.join(', ')} not added` };
  // The draft follows when it was the plotted list, else gets the same edit (both are kept, both have the limit).
  const draft = p.draft === p.formula ? next : addToSeriesList(p.draft, s);
  if (next.length > MAX_FORMULA_CHARS || draft.length > MAX_FORMULA_CHARS) return { ok: false, error: `a panel's list may have at most ${MAX_FORMULA_CHARS} characters: not added` };
  const listed = splitSeriesList(next);
  return { ok: true, patch: { formula: next, draft, right: (p.right ?? []).filter((x) => listed.includes(x)) } };
}
