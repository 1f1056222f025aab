/**
 * Workspace layouts as saved files (issue 12): a panel is written with only the fields that differ
 * from their defaults, so a panel of one formula is saved exactly as before (`{ formula, units, step }`),
 * and read leniently, so layouts saved by earlier builds (one formula per panel, no axes, log, rebase
 * or reference lines) still open. Everything a panel shows round-trips: its list of series, which of
 * them are on the right axis, log scale, rebase, reference lines, units transform, frequency, steps.
 */
import { FRED_UNITS } from '../compute/transform.js';
import type { Json, JsonObject } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import { MAX_FORMULA_CHARS, MAX_PANELS, PANEL_FREQS, type PanelUi } from './ui-state.js';
import { parseRefLines, parseRightAxis, splitSeriesList } from './workspace-panel.js';

// eslint-disable-next-line no-control-regex
const plain = (v: Json | undefined, max: number): v is string => typeof v === 'string' && v.length <= max && !/[\u0000-\u001f]/.test(v);

/** One panel as a layout file keeps it: no id or draft, and only the fields that are not at their defaults. */
export function layoutPanel(p: PanelUi): JsonObject {
  const right = (p.right ?? []).filter((s) => splitSeriesList(p.formula).includes(s));
  return {
    formula: p.formula,
    units: p.units,
    step: p.step,
    ...(p.freq === 'native' ? {} : { freq: p.freq }),
    ...(right.length > 0 ? { right } : {}),
    ...(p.log === true ? { log: true } : {}),
    ...(p.rebase === true ? { rebase: true } : {}),
    ...((p.refLines ?? []).length > 0 ? { refLines: (p.refLines ?? []).map((l) => ({ value: l.value, label: l.label, ...(l.axis === 'right' ? { axis: 'right' } : {}) })) } : {}),
  };
}

export const layoutOfPanels = (panels: readonly PanelUi[]): Json => panels.map(layoutPanel);

/**
 * A saved layout's panels, each with a fresh id (its field and chart are new: nothing is carried over
 * by position). Lenient, as layouts come from earlier builds and from backups: a panel without a
 * formula is skipped, and a field that does not fit is left at its default.
 */
export function panelsOfLayout(panels: Json, newId: (prefix: string) => string): PanelUi[] {
  if (!Array.isArray(panels)) return [];
  return panels
    .filter(isObject)
    .flatMap((p): PanelUi[] => {
      const formula = p['formula'];
      if (!plain(formula, MAX_FORMULA_CHARS)) return [];
      const id = newId('p');
      const units = FRED_UNITS.find((u) => u === p['units']) ?? 'lin';
      const freq = PANEL_FREQS.find((q) => q === p['freq']) ?? 'native';
      const listed = splitSeriesList(formula);
      const right = parseRightAxis(p['right'], 'layout');
      const lines = parseRefLines(p['refLines'], 'layout', () => newId('r'));
      const r = right.ok ? (right.value ?? []).filter((s) => listed.includes(s)) : [];
      const refLines = lines.ok ? (lines.value ?? []) : [];
      return [
        {
          id,
          formula,
          draft: formula,
          units,
          step: p['step'] === true,
          freq,
          ...(r.length > 0 ? { right: r } : {}),
          ...(p['log'] === true ? { log: true } : {}),
          ...(p['rebase'] === true ? { rebase: true } : {}),
          ...(refLines.length > 0 ? { refLines } : {}),
        },
      ];
    })
    .slice(0, MAX_PANELS);
}
