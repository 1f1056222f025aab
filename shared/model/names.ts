/**
 * The one rule for names users give scenarios and layouts, used by every way a name gets in: save,
 * rename, layout save, and a scenario file's import (contract.ts, scenario.ts). Refused: control
 * characters (C0 U+0000–U+001F, DEL and C1 U+007F–U+009F: invisible, and a newline breaks lists and
 * exported file names), the bidirectional embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069 (they make a name display in another order than it is stored, the "Trojan Source"
 * trick, CVE-2021-42574), and lone UTF-16 surrogates (not text: they cannot be written as UTF-8).
 */
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

export const NAME_MAX = 80;

const hex = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `name` (already trimmed) is refused, or null. `what` starts the message ("name", "the scenario name"). */
export function nameProblem(name: string, what = 'name'): string | null {
  if (name.length === 0 || name.length > NAME_MAX) return `${what} must be 1 to ${NAME_MAX} characters`;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const at = `at character ${i + 1}`;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return `${what} must not contain control characters (${hex(c)} ${at})`;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return `${what} must not contain bidirectional override characters (${hex(c)} ${at}): they show the text in another order than it is stored`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `${what} contains a broken character (a lone UTF-16 surrogate ${hex(c)} ${at})`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `${what} contains a broken character (a lone UTF-16 surrogate ${hex(c)} ${at})`;
  }
  return null;
}

/** A name as given (trimmed), or why it is refused. */
export function checkName(raw: unknown, what = 'name'): Result<string> {
  if (typeof raw !== 'string') return err(`${what} must be a string`);
  const t = raw.trim();
  const problem = nameProblem(t, what);
  return problem === null ? ok(t) : err(problem);
}
