/**
 * The core's messages are shared by the command line and the app. Some name a command or a flag
 * ("`status` lists the catalog", "pass --scale 1000"), which means nothing in a window (issue 12).
 * Every message the router sends to the app goes through `inAppWords`, which swaps those hints for
 * what to do in the app; the command line keeps its own words.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/; `status` lists the catalog/g, '; the catalog in the Data view lists every series'],
  [/bring newer data in with `import`/g, 'bring newer data in with Import a CSV in the Data view'],
  [/: say which to import with --column NAME \[--series ID\]/g, ': type the one to import in the Column box (and its series id in the Series id box)'],
  [/: pick one with --column NAME --series ([A-Z0-9_]+)/g, ': type one in the Column box and $1 in the Series id box'],
  [/: say which series it is with --series ID/g, ': type which series it is in the Series id box'],
  [/, or pass --allow-frequency to store them as they are/g, ''],
  // batch-checks.ts: "— re-download it from FRED or pass --scale 1000": the app has no scale option.
  [/ or pass --scale [\d.e+-]+/g, ' in the units it is published in'],
  [/ \(after your --scale [\d.e+-]+(: check it)?\)/g, ''],
  [/ — check the file and the --scale you gave/g, ' — check the file'],
  [/check the key in Settings/g, 'check the key under FRED API key in the Data view'],
  [/check it in Settings/g, 'check it under FRED API key in the Data view'],
];

export function inAppWords(message: string): string {
  let out = message;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
