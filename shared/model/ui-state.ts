/**
 * The UI state kept per data folder (design.md §8, "UI state is data"): the current view, theme,
 * Monitor range, Workspace panels, Scenario lab inputs and Compare selection. One parser per key is
 * used twice: by the core before a value is written to the settings table (`ui:set`), and again when
 * it is read back (`ui:get`), so a value written by an older build that no longer fits is dropped
 * (the view then starts from its defaults) instead of reaching a component.
 *
 * Panels and schedule steps carry a generated `id`: the renderer keys and edits them by it, never by
 * array position (issue 11 §4: index keys showed one panel's formula above another's chart).
 */
import { FAN_SD_LIMITS, type FanSds } from '../compute/fan.js';
import { FRED_UNITS, type FredUnits } from '../compute/transform.js';
import type { Json, JsonObject } from '../parse/json.js';
import { isObject } from '../parse/json.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { parseScenarioOverrides, type ScenarioOverrides } from './scenario.js';
import { parseRefLines, parseRightAxis, type RefLineUi } from './workspace-panel.js';
import { isIsoDate } from '../time/iso-date.js';

/**
 * The bounds of a panel's reference line, as this file's validator keeps them (workspace-panel.ts
 * holds the line's parser, and ui-state imports it): the page's field refuses what the store would.
 */
export { MAX_REF_ABS, MAX_REF_LABEL_CHARS, MAX_REF_LINES } from './workspace-panel.js';

export const UI_KEYS = ['view', 'theme', 'monitor', 'workspace', 'lab', 'compare'] as const;
export type UiKey = (typeof UI_KEYS)[number];

/** Per value, as JSON text: far above any real state (8 panels of 2,000-character formulas fit), and a
 *  whole flush stays under the 64 KB a keep-alive request may carry when the page is closing. */
export const MAX_UI_VALUE_CHARS = 24_000;

export const VIEW_IDS = ['monitor', 'workspace', 'lab', 'compare', 'analysis', 'data'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
export type Theme = 'light' | 'dark';

export const RANGE_PRESETS = ['3M', '1Y', '5Y', 'Max'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
/** An x range of linked charts, in epoch seconds (uPlot's units). */
export interface XRange {
  readonly min: number;
  readonly max: number;
}
/** A preset follows the data (the last year of whatever is stored); a zoom is kept as its x range (epoch seconds). */
export interface MonitorUi {
  readonly preset: RangePreset | null;
  readonly range: XRange | null;
}

/** FRED's frequency aggregation methods: average, sum (flows: monthly SRF totals) and end of period. */
export const PANEL_FREQS = ['native', 'W:avg', 'W:sum', 'W:eop', 'M:avg', 'M:sum', 'M:eop', 'Q:avg', 'Q:sum', 'Q:eop'] as const;
export type PanelFreq = (typeof PANEL_FREQS)[number];
export const MAX_PANELS = 8;
export const MAX_FORMULA_CHARS = 2000;
export interface PanelUi {
  readonly id: string;
  /** What is plotted. */
  readonly formula: string;
  /** What is typed in the field and not yet plotted (kept too: it is the user's work). */
  readonly draft: string;
  readonly units: FredUnits;
  readonly step: boolean;
  readonly freq: PanelFreq;
  /**
   * Issue 12, each absent when at its default (so state written before them reads back as it was):
   * the series of `formula` (by their text, workspace-panel.ts) drawn against the right axis, a log
   * y scale, rebasing to 100 at the start of the visible window, and horizontal reference lines.
   */
  readonly right?: readonly string[];
  readonly log?: boolean;
  readonly rebase?: boolean;
  readonly refLines?: readonly RefLineUi[];
}
export interface WorkspaceUi {
  readonly panels: readonly PanelUi[];
  readonly layoutName: string;
  /**
   * The linked charts' visible x range (a zoom), kept like the Monitor's so leaving the view and
   * coming back (or a restart) shows the same window, and rebasing follows it; absent until a zoom
   * (each chart then shows all of its data), so state written before it reads back as it was.
   */
  readonly range?: XRange;
}

export interface RmpStepUi {
  readonly id: string;
  readonly from: string;
  readonly perMonthBn: number;
}
export const MAX_RMP_STEPS = 24;
export interface LabUi {
  readonly presetName: string;
  /** Every input but the RMP schedule, which `steps` holds in the order the controls show it. */
  readonly inputs: ScenarioOverrides;
  readonly steps: readonly RmpStepUi[];
  /** The demand curve the inputs' curve came from: when the store's curve changes (a fit), the lab takes the new one. */
  readonly curveLabel: string;
  readonly showBand: boolean;
  readonly scenarioName: string;
  /** The lab's solve box (issue 14 §2): kept with the lab so a view switch does not lose it. */
  readonly solve?: LabSolveUi;
  /** The uncertainty fan's toggle and sds (issue 14 §3): kept so a view switch or restart does not lose them. */
  readonly fan?: LabFanUi;
}

export interface LabFanUi {
  readonly on: boolean;
  /** The sds the user typed; absent until then, so the defaults from history follow the anchor. */
  readonly sds?: FanSds;
}

export const LAB_SOLVE_KINDS = ['reserves-gdp', 'hold-reserves-gdp', 'spread-max', 'reserves-floor-tga'] as const;
export interface LabSolveUi {
  readonly kind: (typeof LAB_SOLVE_KINDS)[number];
  /** pp for reserves-gdp, bp for spread-max, $bn for the floor; unused for hold. */
  readonly value: number;
  /** YYYY-MM-DD; empty: the end of the horizon. */
  readonly by: string;
}

export const COMPARE_MODES = ['level', 'delta', 'pct'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];
export const COMPARE_METRICS = ['reserves', 'reservesGdpPct', 'netLiquidity', 'spreadBp'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];
/**
 * A compared scenario: a saved scenario's id (a number), or a preset's name (a string; presets are
 * projected on the current data and can be compared, and be the baseline, without being saved first).
 */
export type CompareRef = number | string;
export const COMPARE_SCALES = ['shared', 'own'] as const;
/** Small multiples: one y-scale for every panel, or each panel scaled to its own data. */
export type CompareScale = (typeof COMPARE_SCALES)[number];
export interface CompareUi {
  readonly baseline: CompareRef | null;
  readonly picked: readonly CompareRef[];
  readonly mode: CompareMode;
  readonly metric: CompareMetric;
  /** Absent in state written by older builds: the view then shares one scale (the default). */
  readonly scale?: CompareScale;
}

export interface UiValues {
  readonly view: ViewId;
  readonly theme: Theme;
  readonly monitor: MonitorUi;
  readonly workspace: WorkspaceUi;
  readonly lab: LabUi;
  readonly compare: CompareUi;
}
export type UiPatch = { readonly [K in UiKey]?: UiValues[K] };

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const oneOf = <T extends string>(list: readonly T[], v: Json | undefined): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const fields = (o: JsonObject, allowed: readonly string[], what: string): Result<true> => {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  return extra === undefined ? ok(true) : err(`${what}.${extra} is not a field`);
};
/** Text of at most `max` characters without control characters (messages say both). */
// eslint-disable-next-line no-control-regex
const plain = (v: Json | undefined, max: number): v is string => typeof v === 'string' && v.length <= max && !/[\u0000-\u001f]/.test(v);
const finite = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const scenarioId = (v: Json | undefined): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2 ** 31;
/** A preset's name, as the projection context lists them (checked against that list where it is used). */
const presetRef = (v: Json | undefined): v is string => plain(v, 80) && v.trim() !== '';
const compareRef = (v: Json | undefined): v is CompareRef => scenarioId(v) || presetRef(v);

/** A chart x range: `{ min < max }` in epoch seconds, 1800 to 2200 (generous for a daily axis, and keeps the numbers sane). */
function parseXRange(r: Json, what: string): Result<XRange> {
  if (!isObject(r) || !finite(r['min']) || !finite(r['max']) || !(r['min'] < r['max']) || r['min'] < -5.4e9 || r['max'] > 7.3e9) return err(`${what} must be { min < max } in epoch seconds`);
  return ok({ min: r['min'], max: r['max'] });
}

function parseMonitor(v: Json): Result<MonitorUi> {
  if (!isObject(v)) return err('monitor must be an object');
  const f = fields(v, ['preset', 'range'], 'monitor');
  if (!f.ok) return f;
  const p = v['preset'] ?? null;
  if (p !== null && !oneOf(RANGE_PRESETS, p)) return err(`monitor.preset must be one of ${RANGE_PRESETS.join(', ')} or null`);
  const r = v['range'] ?? null;
  if (r === null) return ok({ preset: p, range: null });
  const range = parseXRange(r, 'monitor.range');
  return range.ok ? ok({ preset: p, range: range.value }) : range;
}

function parsePanel(v: Json | undefined, i: number): Result<PanelUi> {
  const what = `workspace.panels[${i}]`;
  if (!isObject(v)) return err(`${what} must be an object`);
  const f = fields(v, ['id', 'formula', 'draft', 'units', 'step', 'freq', 'right', 'log', 'rebase', 'refLines'], what);
  if (!f.ok) return f;
  const id = v['id'];
  if (typeof id !== 'string' || !ID.test(id)) return err(`${what}.id must be 1 to 40 letters, digits, _ or -`);
  const formula = v['formula'];
  const draft = v['draft'] ?? formula;
  if (!plain(formula, MAX_FORMULA_CHARS) || !plain(draft, MAX_FORMULA_CHARS)) return err(`${what}.formula and .draft must be text of at most ${MAX_FORMULA_CHARS} characters, without control characters`);
  const units = v['units'];
  if (!oneOf(FRED_UNITS, units)) return err(`${what}.units must be one of ${FRED_UNITS.join(', ')}`);
  const step = v['step'] ?? false;
  if (typeof step !== 'boolean') return err(`${what}.step must be true or false`);
  const freq = v['freq'] ?? 'native';
  if (!oneOf(PANEL_FREQS, freq)) return err(`${what}.freq must be one of ${PANEL_FREQS.join(', ')}`);
  const right = parseRightAxis(v['right'], what);
  if (!right.ok) return right;
  const refLines = parseRefLines(v['refLines'], what);
  if (!refLines.ok) return refLines;
  const log = v['log'];
  const rebase = v['rebase'];
  if ((log !== undefined && typeof log !== 'boolean') || (rebase !== undefined && typeof rebase !== 'boolean')) return err(`${what}.log and .rebase must be true or false`);
  return ok({
    id,
    formula,
    draft,
    units,
    step,
    freq,
    ...(right.value !== undefined ? { right: right.value } : {}),
    ...(log !== undefined ? { log } : {}),
    ...(rebase !== undefined ? { rebase } : {}),
    ...(refLines.value !== undefined ? { refLines: refLines.value } : {}),
  });
}

function parseWorkspace(v: Json): Result<WorkspaceUi> {
  if (!isObject(v)) return err('workspace must be an object');
  const f = fields(v, ['panels', 'layoutName', 'range'], 'workspace');
  if (!f.ok) return f;
  const ps = v['panels'];
  if (!Array.isArray(ps) || ps.length > MAX_PANELS) return err(`workspace.panels must be a list of at most ${MAX_PANELS} panels`);
  const panels: PanelUi[] = [];
  for (let i = 0; i < ps.length; i++) {
    const p = parsePanel(ps[i], i);
    if (!p.ok) return p;
    if (panels.some((x) => x.id === p.value.id)) return err(`workspace.panels[${i}].id repeats another panel's id`);
    panels.push(p.value);
  }
  const layoutName = v['layoutName'] ?? '';
  // A draft name, as typed: the layout save checks names with the name rule's own message.
  if (typeof layoutName !== 'string' || layoutName.length > 400) return err('workspace.layoutName must be text of at most 400 characters');
  const r = v['range'] ?? null;
  if (r === null) return ok({ panels, layoutName });
  const range = parseXRange(r, 'workspace.range');
  return range.ok ? ok({ panels, layoutName, range: range.value }) : range;
}

function parseSteps(v: Json | undefined): Result<RmpStepUi[]> {
  if (!Array.isArray(v) || v.length > MAX_RMP_STEPS) return err(`lab.steps must be a list of at most ${MAX_RMP_STEPS} steps`);
  const steps: RmpStepUi[] = [];
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    const what = `lab.steps[${i}]`;
    if (!isObject(s)) return err(`${what} must be an object`);
    const f = fields(s, ['id', 'from', 'perMonthBn'], what);
    if (!f.ok) return f;
    const id = s['id'];
    if (typeof id !== 'string' || !ID.test(id) || steps.some((x) => x.id === id)) return err(`${what}.id must be a distinct id`);
    const from = s['from'];
    if (typeof from !== 'string' || !MONTH.test(from)) return err(`${what}.from must be a month (YYYY-MM)`);
    const pace = s['perMonthBn'];
    if (!finite(pace) || pace < 0 || pace > 1000) return err(`${what}.perMonthBn must be from 0 to 1000`);
    steps.push({ id, from, perMonthBn: pace });
  }
  return ok(steps);
}

function parseLab(v: Json): Result<LabUi> {
  if (!isObject(v)) return err('lab must be an object');
  const f = fields(v, ['presetName', 'inputs', 'steps', 'curveLabel', 'showBand', 'scenarioName', 'solve', 'fan'], 'lab');
  if (!f.ok) return f;
  const presetName = v['presetName'];
  if (!plain(presetName, 80)) return err('lab.presetName must be text of at most 80 characters, without control characters');
  const raw = v['inputs'];
  if (!isObject(raw)) return err('lab.inputs must be an object');
  // The schedule lives in `steps` (in the controls' order, which need not be month order while editing).
  if (Object.prototype.hasOwnProperty.call(raw, 'rmpSchedule')) return err('lab.inputs.rmpSchedule is kept in lab.steps');
  // The scenario file's own rules, field by field (ranges, types, no unknown keys).
  const inputs = parseScenarioOverrides(raw);
  if (!inputs.ok) return err(`lab.${inputs.error}`);
  const steps = parseSteps(v['steps']);
  if (!steps.ok) return steps;
  const curveLabel = v['curveLabel'];
  if (typeof curveLabel !== 'string' || curveLabel.length > 300) return err('lab.curveLabel must be text of at most 300 characters');
  const showBand = v['showBand'] ?? true;
  if (typeof showBand !== 'boolean') return err('lab.showBand must be true or false');
  const scenarioName = v['scenarioName'] ?? '';
  // A half-typed name is kept as typed (control characters included): saving it is what checks it,
  // with the name rule's own message, so the draft must not be refused here under another one.
  if (typeof scenarioName !== 'string' || scenarioName.length > 400) return err('lab.scenarioName must be text of at most 400 characters');
  const solve = v['solve'];
  const s = solve === undefined ? ok(undefined) : parseLabSolve(solve);
  if (!s.ok) return s;
  const fan = v['fan'];
  const fn = fan === undefined ? ok(undefined) : parseLabFan(fan);
  if (!fn.ok) return fn;
  return ok({ presetName, inputs: inputs.value, steps: steps.value, curveLabel, showBand, scenarioName, ...(s.value === undefined ? {} : { solve: s.value }), ...(fn.value === undefined ? {} : { fan: fn.value }) });
}

const FAN_SD_KEYS = Object.keys(FAN_SD_LIMITS) as (keyof FanSds)[];

/** The fan's toggle, and the typed sds: all four or none, each from 0 to the lab field's own limit. */
function parseLabFan(v: Json): Result<LabFanUi> {
  if (!isObject(v)) return err('lab.fan must be an object');
  const f = fields(v, ['on', 'sds'], 'lab.fan');
  if (!f.ok) return f;
  const on = v['on'];
  if (typeof on !== 'boolean') return err('lab.fan.on must be true or false');
  const raw = v['sds'];
  if (raw === undefined) return ok({ on });
  if (!isObject(raw)) return err('lab.fan.sds must be an object');
  const g = fields(raw, FAN_SD_KEYS, 'lab.fan.sds');
  if (!g.ok) return g;
  const sds: Record<keyof FanSds, number> = { curveCovScale: 0, ngdpGrowthSdPctYr: 0, currencyGrowthSdPctYr: 0, tgaLevelSdBn: 0 };
  for (const k of FAN_SD_KEYS) {
    const x = raw[k];
    if (!finite(x) || x < 0 || x > FAN_SD_LIMITS[k]) return err(`lab.fan.sds.${k} must be a number from 0 to ${FAN_SD_LIMITS[k]}`);
    sds[k] = x;
  }
  return ok({ on, sds });
}

function parseLabSolve(v: Json): Result<LabSolveUi> {
  if (!isObject(v)) return err('lab.solve must be an object');
  const f = fields(v, ['kind', 'value', 'by'], 'lab.solve');
  if (!f.ok) return f;
  const kind = v['kind'];
  if (!oneOf(LAB_SOLVE_KINDS, kind)) return err(`lab.solve.kind must be one of ${LAB_SOLVE_KINDS.join(', ')}`);
  const value = v['value'];
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e6) return err('lab.solve.value must be a finite number');
  const by = v['by'];
  if (typeof by !== 'string' || (by !== '' && !isIsoDate(by))) return err('lab.solve.by must be a date (YYYY-MM-DD) or empty');
  return ok({ kind, value, by });
}

function parseCompare(v: Json): Result<CompareUi> {
  if (!isObject(v)) return err('compare must be an object');
  const f = fields(v, ['baseline', 'picked', 'mode', 'metric', 'scale'], 'compare');
  if (!f.ok) return f;
  const b = v['baseline'] ?? null;
  if (b !== null && !compareRef(b)) return err('compare.baseline must be a scenario id, a preset name or null');
  const picked = v['picked'];
  // Five are compared at most; a few more may linger for scenarios deleted since (an Undo brings them back).
  if (!Array.isArray(picked) || picked.length > 16 || !picked.every(compareRef) || new Set(picked).size !== picked.length) return err('compare.picked must be distinct scenario ids or preset names');
  const mode = v['mode'];
  if (!oneOf(COMPARE_MODES, mode)) return err(`compare.mode must be one of ${COMPARE_MODES.join(', ')}`);
  const metric = v['metric'];
  if (!oneOf(COMPARE_METRICS, metric)) return err(`compare.metric must be one of ${COMPARE_METRICS.join(', ')}`);
  const scale = v['scale'];
  if (scale !== undefined && !oneOf(COMPARE_SCALES, scale)) return err(`compare.scale must be one of ${COMPARE_SCALES.join(', ')}`);
  return ok({ baseline: b, picked: picked.filter(compareRef), mode, metric, ...(scale === undefined ? {} : { scale }) });
}

type Parsers = { readonly [K in UiKey]: (v: Json) => Result<UiValues[K]> };

export const parseUiValue: Parsers = {
  view: (v) => (oneOf(VIEW_IDS, v) ? ok(v) : err(`view must be one of ${VIEW_IDS.join(', ')}`)),
  theme: (v) => (v === 'light' || v === 'dark' ? ok(v) : err('theme must be "light" or "dark"')),
  monitor: parseMonitor,
  workspace: parseWorkspace,
  lab: parseLab,
  compare: parseCompare,
};

export function isUiKey(k: string): k is UiKey {
  return (UI_KEYS as readonly string[]).includes(k);
}

/** One key's value as `ui:set` checks it: within the size limit as JSON, then valid for its key. */
function parseSized<K extends UiKey>(k: K, raw: Json): Result<UiValues[K]> {
  if (JSON.stringify(raw).length > MAX_UI_VALUE_CHARS) return err(`${k} is over ${MAX_UI_VALUE_CHARS} characters as JSON`);
  return parseUiValue[k](raw);
}

/** A whole patch: known keys only, each value within the size limit and valid for its key. */
export function parseUiPatch(v: Json): Result<UiPatch> {
  if (!isObject(v)) return err('values must be an object');
  const out: { -readonly [K in UiKey]?: UiValues[K] } = {};
  const keys = Object.keys(v);
  if (keys.length === 0) return err('values must name at least one key');
  for (const k of keys) {
    if (!isUiKey(k)) return err(`${k.slice(0, 40)} is not a UI state key (${UI_KEYS.join(', ')})`);
    const r = parseSized(k, v[k] ?? null);
    if (!r.ok) return r;
    assign(out, k, r.value);
  }
  return ok(out);
}

/**
 * Why `ui:set` would refuse this value for `k` (its own check, on the value as it is sent: through
 * JSON), or null when the store keeps it. The page runs it before it takes an edit, so nothing a
 * view accepts can be refused when it is saved (a refused write stalls every later one).
 */
export function uiValueRefusal<K extends UiKey>(k: K, v: UiValues[K]): string | null {
  const text = JSON.stringify(v);
  const r = parseSized(k, JSON.parse(text) as Json);
  return r.ok ? null : r.error;
}

function assign<K extends UiKey>(o: { -readonly [P in UiKey]?: UiValues[P] }, k: K, v: UiValues[K]): void {
  o[k] = v;
}

/** The settings-table key a UI value is stored under. */
export const uiSettingKey = (k: UiKey): string => `ui.${k}`;
