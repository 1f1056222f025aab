/**
 * Words for a scenario's inputs: the default name of a scenario saved from the lab, and the
 * inputs line of Compare's footers and notes (issue 12: a $100bn path saved as "Fed RMP 22:03:42"
 * and footers that named the preset, not what was computed).
 *
 * Every input has its words here (the mapped type makes a new input a compile error until it has
 * some). An input's words are a list of aspects; two inputs differ where an aspect's words differ, so
 * an input that is not in effect (the fixed MBS pace under proportional paydown) never counts as a
 * change. Numbers are written at full slider precision (4 dp at most), so a real change always shows.
 */
import { DEFAULT_INPUTS } from '../compute/presets.js';
import type { RmpStep, ScenarioInputs } from '../compute/projection.js';
import { NAME_MAX } from './names.js';

/** Up to 4 dp, with a true minus (U+2212) as everywhere else in the app. */
const n = (v: number): string => {
  const r = Math.round(v * 1e4) / 1e4;
  return r < 0 ? `−${String(-r)}` : String(r === 0 ? 0 : r);
};
const signed = (v: number): string => (v > 0 ? `+${n(v)}` : n(v));

/** The schedule in a few words: none, one pace, two paces, or the range of paces over several steps. */
export function rmpWords(s: readonly RmpStep[]): string {
  const [a, b] = s;
  if (a === undefined) return 'no RMP';
  if (b === undefined) return `RMP $${n(a.perMonthBn)}bn/mo from ${a.from}`;
  if (s.length === 2) return `RMP $${n(a.perMonthBn)}bn/mo from ${a.from} then $${n(b.perMonthBn)}bn from ${b.from}`;
  const paces = s.map((x) => x.perMonthBn);
  return `RMP in ${s.length} steps of $${n(Math.min(...paces))}–${n(Math.max(...paces))}bn/mo from ${a.from}`;
}

const mbsWords = (i: ScenarioInputs): string => (i.mbsPaydownMode === 'fixed' ? `MBS paydown $${n(i.mbsPaydownFixedBn)}bn/mo` : `MBS paydown ${n(i.mbsPaydownRatePctYr)}%/yr`);
/** A target with the default glide is just "TGA $850bn"; another glide is said with it. */
const tgaWords = (i: ScenarioInputs): string =>
  i.tgaMode === 'hold' ? 'TGA held' : i.tgaMode === 'target' ? `TGA $${n(i.tgaTargetBn)}bn${i.tgaGlideMonths !== DEFAULT_INPUTS.tgaGlideMonths ? ` over ${n(i.tgaGlideMonths)} mo` : ''}` : 'TGA on a monthly path';

/**
 * The words of each input, as aspects. `[]`: said by another input's words (or not in effect).
 * `null`: no short words (a bill-issuance table, an explicit TGA path): a change makes the name "Custom".
 */
const WORDS: { readonly [K in keyof ScenarioInputs]-?: (i: ScenarioInputs) => readonly string[] | null } = {
  anchorWednesday: (i) => (i.anchorWednesday === undefined ? [] : [`anchor ${i.anchorWednesday}`]),
  rmpSchedule: (i) => [rmpWords(i.rmpSchedule)],
  tgaMode: (i) => [tgaWords(i)],
  tgaTargetBn: () => [],
  tgaGlideMonths: () => [],
  tgaPathBn: (i) => (i.tgaMode === 'path' ? null : []),
  tgaAprilBumpBn: (i) => [`April TGA bump $${n(i.tgaAprilBumpBn)}bn`],
  qtEndDate: (i) => [`QT ends ${i.qtEndDate}`],
  capTsyBn: (i) => [`Treasury cap $${n(i.capTsyBn)}bn/mo`],
  capMbsBn: (i) => [`MBS cap $${n(i.capMbsBn)}bn/mo`],
  mbsPaydownMode: (i) => [mbsWords(i)],
  mbsPaydownFixedBn: () => [],
  mbsPaydownRatePctYr: () => [],
  mbsReinvestShare: (i) => [`${n(100 * i.mbsReinvestShare)}% of MBS principal into bills`],
  onrrpFloorBn: (i) => [`ON RRP floor $${n(i.onrrpFloorBn)}bn`],
  onrrpDecay: (i) => [`ON RRP decay ${n(i.onrrpDecay)}/mo`],
  currencyGrowthPctYr: (i) => [`currency ${n(i.currencyGrowthPctYr)}%/yr`],
  ngdpGrowthPctYr: (i) => [`NGDP ${n(i.ngdpGrowthPctYr)}%/yr`],
  bankAssetsGrowthPctYr: (i) => [`bank assets ${n(i.bankAssetsGrowthPctYr)}%/yr`],
  srfMode: (i) => [i.srfMode === 'ceiling' ? 'SRF lends at the ceiling' : `SRF $${n(i.srfUsageBn)}bn`],
  srfUsageBn: () => [],
  onlDriftBn: (i) => [`other liabilities ${signed(i.onlDriftBn)} $bn/mo`],
  horizonYears: (i) => [`${n(i.horizonYears)}-year horizon`],
  netBillIssuanceBn: () => null,
  curve: (i) => [`curve α ${n(i.curve.alpha)}`, `curve β ${n(i.curve.beta)}`, `curve γ ${n(i.curve.gamma)}`, `curve x_ref ${n(i.curve.xRef)}%`, `curve on ${i.curve.basis === 'gdp' ? 'GDP' : 'bank assets'}`],
  corridor: (i) => [`floor ${signed(i.corridor.floorBp)} bp`, `ceiling ${signed(i.corridor.capBp)} bp`, `ceiling allowance ${n(i.corridor.capAllowanceBp)} bp`],
  iorbPct: (i) => [`IORB ${n(i.iorbPct)}%`],
  ampleThresholdGdpPct: (i) => [`threshold ${n(i.ampleThresholdGdpPct)}% of GDP`],
  ampleThresholdBaPct: (i) => [`threshold ${n(i.ampleThresholdBaPct)}% of bank assets`],
  regimeThetas: (i) => [`regime slopes ${n(i.regimeThetas[0])}/${n(i.regimeThetas[1])} bp/pp`],
};

const KEYS = Object.keys(WORDS) as (keyof ScenarioInputs)[];

/** Plain JSON equality (inputs are JSON data by construction: they are saved and exported as JSON). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface InputChanges {
  /** The words of every aspect that differs, in the order of WORDS, each once. */
  readonly words: readonly string[];
  /** Some input without short words differs. */
  readonly unnamed: boolean;
}

export function inputChanges(inputs: ScenarioInputs, base: ScenarioInputs): InputChanges {
  const words: string[] = [];
  let unnamed = false;
  for (const k of KEYS) {
    const w = WORDS[k](inputs);
    const wb = WORDS[k](base);
    if (w === null || wb === null) {
      if (!same(inputs[k], base[k])) unnamed = true;
      continue;
    }
    w.forEach((x, j) => {
      if (x !== '' && x !== wb[j] && !words.includes(x)) words.push(x);
    });
  }
  return { words, unnamed };
}

/** At most this many changes make a name; more read as a list, not a name. */
const MAX_NAMED_CHANGES = 3;
/** Leaves room for a " (12)" that makes a default name unique. */
const MAX_DEFAULT_NAME = NAME_MAX - 8;

/**
 * The name a scenario gets when the user gives none: the preset's own name only when nothing that
 * changes the projection was edited; otherwise what was changed ("RMP $100bn/mo from 2026-09, TGA
 * $850bn"), or "Custom (from Fed RMP)" when that is too long to be a name.
 */
export function defaultScenarioName(inputs: ScenarioInputs, preset: { readonly name: string; readonly inputs: ScenarioInputs }): string {
  // A past anchor is said after the name, not instead of it (found: a Goldman scenario from
  // 2025-11-26 was named "anchor 2025-11-26", which does not say which preset it came from).
  if (inputs.anchorWednesday !== undefined) {
    const { anchorWednesday: _at, ...rest } = inputs;
    const { anchorWednesday: _pat, ...base } = preset.inputs;
    const suffix = `, anchor ${inputs.anchorWednesday}`;
    return `${defaultScenarioName(rest, { name: preset.name, inputs: base }).slice(0, MAX_DEFAULT_NAME - suffix.length)}${suffix}`;
  }
  const c = inputChanges(inputs, preset.inputs);
  if (!c.unnamed && c.words.length === 0) return preset.name.slice(0, MAX_DEFAULT_NAME);
  const list = c.words.join(', ');
  if (!c.unnamed && c.words.length <= MAX_NAMED_CHANGES && list.length <= MAX_DEFAULT_NAME) return list;
  return `Custom (from ${preset.name})`.slice(0, MAX_DEFAULT_NAME);
}

/** `base`, or `base (2)`, `base (3)`… : the first that no saved scenario has. */
export function uniqueScenarioName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) {
    const c = `${base} (${k})`;
    if (!taken.has(c)) return c;
  }
}

/** The inputs that drive the projection, in words: what a footer says was computed. */
const FOOTER_KEYS: readonly (keyof ScenarioInputs)[] = [
  'rmpSchedule',
  'mbsPaydownMode',
  'mbsReinvestShare',
  'qtEndDate',
  'capTsyBn',
  'capMbsBn',
  'tgaMode',
  'tgaAprilBumpBn',
  'onrrpFloorBn',
  'onrrpDecay',
  'currencyGrowthPctYr',
  'onlDriftBn',
  'ngdpGrowthPctYr',
  'srfMode',
  'horizonYears',
];

/** What a footer says was computed, one aspect per part (Compare states the parts all scenarios share once). */
export function inputsParts(i: ScenarioInputs): string[] {
  const parts: string[] = [];
  for (const k of FOOTER_KEYS) for (const w of WORDS[k](i) ?? []) if (w !== '') parts.push(w);
  if (i.tgaMode === 'target' && i.tgaGlideMonths === DEFAULT_INPUTS.tgaGlideMonths) parts.push(`TGA glide ${n(i.tgaGlideMonths)} mo`);
  if (i.tgaMode === 'path') parts.push(`TGA path of ${i.tgaPathBn.length} months`);
  const c = i.curve;
  parts.push(`curve α ${n(c.alpha)}, β ${n(c.beta)}, γ ${n(c.gamma)} on ${c.basis === 'gdp' ? 'GDP' : 'bank assets'} (x_ref ${n(c.xRef)}%)`);
  parts.push(`corridor ${signed(i.corridor.floorBp)} to ${signed(i.corridor.capBp)} bp${i.corridor.capAllowanceBp !== 0 ? ` (+${n(i.corridor.capAllowanceBp)} bp allowance)` : ''}`);
  return parts;
}

export const inputsText = (i: ScenarioInputs): string => inputsParts(i).join('; ');
