/**
 * Workspace panels with several series (issue 12): what is typed in a panel's field is a list of
 * series or formulas split on its top-level commas (`bp(SOFR, IORB), WRESBAL` is two series, not
 * three), each series drawn against the left or the right axis, with horizontal reference lines.
 *
 * A series is known by its text in the list (trimmed): that is its identity in the panel, kept in the
 * list of right-axis series and in saved layouts, so removing or reordering series never moves one
 * series' axis to another (issue 11 §4, identities not positions).
 */
import type { Json } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

export type Axis = 'left' | 'right';
export const AXES: readonly Axis[] = ['left', 'right'];

/** A horizontal line at `value` (in the unit of its axis), e.g. `{ value: 10, label: '10%' }`. */
export interface RefLineUi {
  readonly id: string;
  readonly value: number;
  readonly label: string;
  readonly axis: Axis;
}

/** Eight: the colour-blind-safe palette has eight colours, and more lines than that are not readable. */
export const MAX_SERIES_PER_PANEL = 8;
export const MAX_REF_LINES = 8;
export const MAX_REF_LABEL_CHARS = 40;
/**
 * Far beyond any level in the catalog ($bn, %, bp, index): keeps a stored value sane. The one bound of
 * a reference line's value: the UI state's validator (parseRefLines) and the panel's field
 * (refLineInput) both use it, so the field never takes a line the store then refuses.
 */
export const MAX_REF_ABS = 1e12;
/** A series' text: at most a formula's length (ui-state MAX_FORMULA_CHARS, the parser's limit). */
const MAX_SERIES_CHARS = 2000;

const ID = /^[A-Za-z0-9_-]{1,40}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/**
 * The series of a list as typed, split on commas outside parentheses, each trimmed; empty parts are
 * dropped. An unbalanced `)` does not make the depth negative, so the commas after it still split
 * (the part with the stray parenthesis then fails to parse, with the parser's own message).
 *
 * @example splitSeriesList('bp(SOFR, IORB), WRESBAL') // ['bp(SOFR, IORB)', 'WRESBAL']
 */
export function splitSeriesList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' && depth === 0) || c === undefined) {
      const part = text.slice(start, i).trim();
      if (part !== '') parts.push(part);
      start = i + 1;
    }
  }
  return parts;
}

export const joinSeriesList = (parts: readonly string[]): string => parts.join(', ');

/** The distinct series of a list in order, at most MAX_SERIES_PER_PANEL; what was repeated or left out is said. */
export function panelSeries(text: string): { readonly series: readonly string[]; readonly repeated: readonly string[]; readonly over: readonly string[] } {
  const series: string[] = [];
  const repeated: string[] = [];
  const over: string[] = [];
  for (const s of splitSeriesList(text)) {
    if (series.includes(s)) repeated.push(s);
    else if (series.length >= MAX_SERIES_PER_PANEL) over.push(s);
    else series.push(s);
  }
  return { series, repeated, over };
}

/** The list with `add` appended (each of its top-level parts, those not in it yet). */
export function addToSeriesList(text: string, add: string): string {
  const parts = splitSeriesList(text);
  for (const s of splitSeriesList(add)) if (!parts.includes(s)) parts.push(s);
  return joinSeriesList(parts);
}

/** The list without `series` (every occurrence). */
export function removeFromSeriesList(text: string, series: string): string {
  return joinSeriesList(splitSeriesList(text).filter((s) => s !== series));
}

/** A catalog series as the picker offers it. */
export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
}

/**
 * What the picker's text names: a catalog id (in any case), a catalog title (as the datalist shows
 * it), or else the text itself, as a formula.
 *
 * @example pickedSeries('wdtgal', catalog) // 'WDTGAL'
 */
export function pickedSeries(text: string, catalog: readonly CatalogEntry[]): string {
  const t = text.trim();
  const lower = t.toLowerCase();
  const byId = catalog.find((c) => c.id.toLowerCase() === lower);
  if (byId) return byId.id;
  const byTitle = catalog.find((c) => c.title.toLowerCase() === lower);
  return byTitle ? byTitle.id : t;
}

const plain = (v: Json | undefined, max: number): v is string => typeof v === 'string' && v.length <= max && !CONTROL.test(v);

/** Control characters (tab, line breaks…) as spaces: what is typed or pasted into a panel's text fields, which the UI state keeps without them. */
// eslint-disable-next-line no-control-regex
export const withoutControls = (text: string): string => text.replace(/[\u0000-\u001f]/g, ' ');

/**
 * A reference line as typed in a panel (value and label), checked by the UI state's own rules
 * (parseRefLines): the value as a number (commas as thousands separators) within ±MAX_REF_ABS, the
 * label trimmed, at most MAX_REF_LABEL_CHARS characters. An error says what to change, in the
 * field's words.
 */
export function refLineInput(valueText: string, labelText: string): { readonly ok: true; readonly value: number; readonly label: string } | { readonly ok: false; readonly field: 'value' | 'label'; readonly error: string } {
  const label = labelText.trim();
  if (label.length > MAX_REF_LABEL_CHARS) return { ok: false, field: 'label', error: `A label may have at most ${MAX_REF_LABEL_CHARS} characters; this one has ${label.length}.` };
  if (CONTROL.test(label)) return { ok: false, field: 'label', error: 'A label cannot hold tabs or line breaks.' };
  const t = valueText.trim();
  const v = Number(t.replace(/,/g, ''));
  if (t === '' || !Number.isFinite(v)) return { ok: false, field: 'value', error: t === '' ? 'Type the value to draw the line at.' : `“${t}” is not a number.` };
  if (Math.abs(v) > MAX_REF_ABS) return { ok: false, field: 'value', error: `“${t}” is too large for a reference line: it can be from −${MAX_REF_ABS.toLocaleString('en-US')} to ${MAX_REF_ABS.toLocaleString('en-US')} (±1e12).` };
  return { ok: true, value: v, label };
}

/** The right-axis series of a stored panel (strict: for the UI state). */
export function parseRightAxis(v: Json | undefined, what: string): Result<readonly string[] | undefined> {
  if (v === undefined) return ok(undefined);
  if (!Array.isArray(v) || v.length > MAX_SERIES_PER_PANEL || !v.every((s) => plain(s, MAX_SERIES_CHARS)) || new Set(v).size !== v.length) return err(`${what}.right must be a list of at most ${MAX_SERIES_PER_PANEL} distinct series`);
  return ok(v.filter((s): s is string => typeof s === 'string'));
}

function parseRefLine(v: Json | undefined, what: string, newId: (() => string) | undefined): Result<RefLineUi> {
  if (!isObject(v)) return err(`${what} must be an object`);
  const extra = Object.keys(v).find((k) => !['id', 'value', 'label', 'axis'].includes(k));
  if (extra !== undefined) return err(`${what}.${extra} is not a field`);
  const given = v['id'];
  if (newId === undefined && (typeof given !== 'string' || !ID.test(given))) return err(`${what}.id must be 1 to 40 letters, digits, _ or -`);
  const value = v['value'];
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_REF_ABS) return err(`${what}.value must be a number from -${MAX_REF_ABS} to ${MAX_REF_ABS}`);
  const label = v['label'] ?? '';
  if (!plain(label, MAX_REF_LABEL_CHARS)) return err(`${what}.label must be text of at most ${MAX_REF_LABEL_CHARS} characters, without control characters`);
  const axis = v['axis'] ?? 'left';
  if (axis !== 'left' && axis !== 'right') return err(`${what}.axis must be left or right`);
  return ok({ id: newId === undefined ? String(given) : newId(), value, label, axis });
}

/**
 * Reference lines: strict (each with its id) for the UI state; in a layout file they are stored
 * without ids and each gets a fresh one from `newId` as the layout opens.
 */
export function parseRefLines(v: Json | undefined, what: string, newId?: () => string): Result<readonly RefLineUi[] | undefined> {
  if (v === undefined) return ok(undefined);
  if (!Array.isArray(v) || v.length > MAX_REF_LINES) return err(`${what}.refLines must be a list of at most ${MAX_REF_LINES} lines`);
  const out: RefLineUi[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = parseRefLine(v[i], `${what}.refLines[${i}]`, newId);
    if (!r.ok) return r;
    if (out.some((x) => x.id === r.value.id)) return err(`${what}.refLines[${i}].id repeats another line's id`);
    out.push(r.value);
  }
  return ok(out);
}
