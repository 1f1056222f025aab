/** The snapshot manifest: what a new data directory is seeded from, validated when read. */
import { isObject, type Json } from '../../../shared/parse/json.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { isIsoDate } from '../../../shared/time/iso-date.js';

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotManifestSeries {
  readonly id: string;
  readonly file: string;
  readonly unit: string;
  readonly fileUnit: string;
  readonly conversion: string;
  readonly first: string;
  readonly last: string;
  readonly rows: number;
  readonly sources: readonly { readonly file: string; readonly column?: string; readonly rowsAdded: number; readonly rowsAgreeing: number }[];
  readonly note?: string;
}

export interface SnapshotManifest {
  readonly format: number;
  readonly description: string;
  readonly asOf: string;
  readonly series: readonly SnapshotManifestSeries[];
}

export function parseManifest(body: Json): Result<SnapshotManifest> {
  if (!isObject(body)) return err('snapshot manifest is not an object');
  if (body['format'] !== SNAPSHOT_FORMAT) return err(`snapshot manifest format ${String(body['format'])} is not ${SNAPSHOT_FORMAT}`);
  const asOf = body['asOf'];
  if (typeof asOf !== 'string' || !isIsoDate(asOf)) return err('snapshot manifest asOf is not a date');
  const list = body['series'];
  if (!Array.isArray(list)) return err('snapshot manifest has no series list');
  for (const s of list) {
    if (!isObject(s) || typeof s['id'] !== 'string' || typeof s['file'] !== 'string' || typeof s['rows'] !== 'number') {
      return err('snapshot manifest has a malformed series entry');
    }
    if (!/^series\/[A-Z0-9_]+\.csv$/.test(s['file'])) return err(`snapshot manifest names an unexpected file ${s['file']}`);
  }
  // Shape checked above; the remaining fields are informational.
  return ok(body as unknown as SnapshotManifest);
}
