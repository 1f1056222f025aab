/**
 * Identities for things the user edits in lists (Workspace panels, RMP steps): React keys and edits
 * go by these, never by array position, so removing or reordering one never shows one item's state
 * on another (issue 11 §4). Random, not a counter: ids are stored and restored across restarts.
 */
export function newId(prefix: string): string {
  const b = new Uint8Array(8);
  crypto.getRandomValues(b);
  return `${prefix}${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}
