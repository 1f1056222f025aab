/**
 * A request the contract's validators refused (shared/ipc/contract.ts), in the words of the app.
 * The validators speak in fields ("fredId must be …", "lab.steps must be …") and the router used to
 * put the channel in front ("settings:set-fred-key: a FRED API key is …"): both are for whoever reads
 * the log. What the window shows names the box, the view or the file the person was working with,
 * and says what was left as it was. The channel and the validator's own text go to the log only.
 */
import type { Channel } from '../../shared/ipc/contract.js';
import { inAppWords } from './app-wording.js';

/** The views whose state `ui:set` stores, by UI key (the labels of the app's view tabs). */
const UI_KEY_WORDS: Readonly<Record<string, string>> = {
  view: 'the open view',
  theme: 'the theme',
  monitor: "the Monitor's state",
  workspace: "the Workspace's state",
  lab: "the Scenario lab's state",
  compare: "the Compare view's state",
};

/** The fields of the add-a-FRED-series form, as its labels say them. */
const ADD_FRED_FIELDS: Readonly<Record<string, string>> = { id: 'the Catalog id', title: 'the Title', units: 'the Units', frequency: 'the Frequency', seasonalAdjustment: 'the Seasonal adjustment' };

/**
 * Refusals only a fault in the app (or a request made by hand) can cause: the shape of the request,
 * not anything a person typed. Said as such, since nothing in the window can fix them.
 */
const MALFORMED = /^(expected an object|this request takes no fields|unexpected field .*|.+ must be an object|.+ must be a positive integer|.+ must be a string|.+ must be true or false|.+ is not a UI state key .*|values must name at least one key|mime must be .*|ids must be .*|id must be a series id|fredId must be a FRED series id)$/;
/** Also what the desktop core process answers a message that is not a request at all (main/shell/core-service.ts). */
export const MALFORMED_WORDS = 'the app sent the core a request it does not accept (a fault in Reservoir, not in what you typed); nothing was changed';

type Rule = readonly [RegExp, (m: RegExpMatchArray) => string];

const RULES: { readonly [C in Channel]?: readonly Rule[] } = {
  'settings:set-fred-key': [[/^a FRED API key is (.+)$/, (m) => `The FRED API key is ${m[1] ?? ''}: what you typed was not saved, and the key in use (if any) is unchanged`]],
  'ui:set': [
    [/^(view|theme|monitor|workspace|lab|compare) is over (\d+) characters as JSON$/, (m) => `${UI_KEY_WORDS[m[1] ?? ''] ?? 'a part of the view state'} is larger than the ${Number(m[2]).toLocaleString('en-US')} characters the data folder keeps for it`],
    [/^(view|theme|monitor|workspace|lab|compare)(?:\.(.+)| (must .+))$/, (m) => `${UI_KEY_WORDS[m[1] ?? ''] ?? 'a part of the view state'} did not pass the core's checks (${m[2] ?? `it ${m[3] ?? ''}`})`],
  ],
  'formula:eval': [[/^source must be a formula of at most (\d+) characters$/, (m) => `the formula is longer than ${Number(m[1]).toLocaleString('en-US')} characters`]],
  'import:csv': [
    [/^text must be a CSV file of at most (.+)$/, (m) => `the file is larger than ${m[1] ?? ''}, the import limit; nothing was written`],
    [/^seriesId must be a series id$/, () => 'the Series id box must hold a series id (capital letters, digits or _, as in WALCL); nothing was written'],
    [/^column must be (.+)$/, (m) => `the Column box must be ${m[1] ?? ''}; nothing was written`],
  ],
  'catalog:add-fred': [[/^(id|title|units|frequency|seasonalAdjustment) must be (.+)$/, (m) => `${ADD_FRED_FIELDS[m[1] ?? ''] ?? 'a field'} must be ${m[2] ?? ''}; nothing was added`]],
  'export:save-file': [
    [/^fileName must be .+$/, () => 'the file name may hold only letters, digits, spaces, -, _ and ., and must end in .png, .csv or .json; nothing was saved'],
    [/^base64 must be base64 text under (.+)$/, (m) => `the file is larger than ${m[1] ?? ''}, the export limit; nothing was saved`],
  ],
  'scenario:import': [[/^text must be a string of at most (\d+) characters$/, (m) => `the file is longer than ${Number(m[1]).toLocaleString('en-US')} characters; nothing was imported`]],
  'layout:rename': [[/^from: (.+)$/, (m) => `the layout's current name is not a valid name (${m[1] ?? ''})`]],
};

/** For every channel: a name the person typed ("name must be 1 to 80 characters") is "the name". */
const NAME_RULE: Rule = [/^name (.+)$/, (m) => `the name ${m[1] ?? ''}`];

export function refusedRequestMessage(channel: Channel, validatorError: string): string {
  const e = validatorError.trim();
  for (const [re, say] of [...(RULES[channel] ?? []), NAME_RULE]) {
    const m = e.match(re);
    if (m !== null) return inAppWords(say(m));
  }
  if (MALFORMED.test(e)) return MALFORMED_WORDS;
  return inAppWords(e);
}
