/**
 * When BEA first published each quarter's GDP, bundled with the snapshot (resources/snapshot/
 * gdp-first-release.csv: `quarter,first_release_date`) so real-time reserves/GDP works offline.
 *
 * Source: shared/data/derived/rmmomin__fev-macro/gdpc1_releases_first_second_third.csv
 * (PROVENANCE.md §8): `first_release_date` is the first ALFRED vintage of real GDP (GDPC1) in which
 * the quarter has a value; nominal GDP comes out in the same BEA release, so the dates serve GDP too.
 * ALFRED's GDPC1 vintages start on 1991-12-04, so every earlier quarter shows 1991-12-04 or later,
 * which is not its release: only quarters from 1991-Q4 on are written, and the app labels anything
 * earlier as approximate. Deterministic (no clock): the build passes its date bound.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../shared/parse/csv.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import { isIsoDate, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Db } from '../db/open-database.js';
import { getSetting, setSetting } from '../db/repos/settings-repo.js';

export const GDP_RELEASES_FILE = 'gdp-first-release.csv';
export const GDP_RELEASES_SOURCE = 'derived/rmmomin__fev-macro/gdpc1_releases_first_second_third.csv';
/** The first quarter whose ALFRED first vintage is its real first release (vintages start 1991-12-04). */
export const FIRST_REAL_QUARTER = '1991-10-01' as IsoDate;
/** Where a data dir keeps the dates once seeded (see applyGdpReleaseDates). */
export const GDP_RELEASES_SETTING = 'gdp.firstReleaseDates';

/** "1991-10-01" → "1991-Q4". */
export function quarterLabel(quarterStart: IsoDate): string {
  return `${quarterStart.slice(0, 4)}-Q${Math.floor((Number(quarterStart.slice(5, 7)) - 1) / 3) + 1}`;
}

/** "1991-Q4" → "1991-10-01", or null. */
export function quarterStartOf(label: string): IsoDate | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m === null) return null;
  return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01` as IsoDate;
}

/** Builds the bundled file from the fev-macro table: real first-release dates from 1991-Q4, none after `today`. */
export function gdpReleaseDatesCsv(sourceText: string, today: IsoDate): Result<string> {
  const table = parseCsv(sourceText);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  const qi = header?.indexOf('observation_date') ?? -1;
  const ri = header?.indexOf('first_release_date') ?? -1;
  if (qi < 0 || ri < 0) return err(`${GDP_RELEASES_SOURCE}: needs observation_date and first_release_date columns`);
  const lines = ['quarter,first_release_date'];
  let prev = '';
  for (const r of rows) {
    const q = r[qi] ?? '';
    const d = r[ri] ?? '';
    if (!isIsoDate(q) || q.slice(8) !== '01' || !['01', '04', '07', '10'].includes(q.slice(5, 7))) return err(`${GDP_RELEASES_SOURCE}: ${q} is not a quarter start`);
    if (q < FIRST_REAL_QUARTER) continue;
    if (d === '') continue;
    if (!isIsoDate(d)) return err(`${GDP_RELEASES_SOURCE} ${q}: first_release_date ${d} is not a date`);
    // A release comes after its quarter ends and after the previous quarter's release.
    if (d <= q || d <= prev) return err(`${GDP_RELEASES_SOURCE} ${q}: first release ${d} is not after the quarter and the previous release`);
    if (d > today) continue;
    lines.push(`${quarterLabel(q)},${d}`);
    prev = d;
  }
  if (lines.length === 1) return err(`${GDP_RELEASES_SOURCE}: no quarter from ${quarterLabel(FIRST_REAL_QUARTER)} on`);
  return ok(`${lines.join('\n')}\n`);
}

/** The snapshot build's step: reads the source under `dataRoot` and returns [file name, text]. */
export function buildGdpReleaseDates(dataRoot: string, today: IsoDate): Result<readonly [string, string]> {
  let text: string;
  try {
    text = readFileSync(path.join(dataRoot, GDP_RELEASES_SOURCE), 'utf8');
  } catch {
    return err(`cannot read ${GDP_RELEASES_SOURCE} under ${dataRoot}`);
  }
  const csv = gdpReleaseDatesCsv(text, today);
  return csv.ok ? ok([GDP_RELEASES_FILE, csv.value] as const) : csv;
}

/** Parses the bundled file: quarter start → first-release date. */
export function parseGdpReleaseDates(text: string): Result<ReadonlyMap<IsoDate, IsoDate>> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (header?.[0] !== 'quarter' || header[1] !== 'first_release_date') return err(`${GDP_RELEASES_FILE}: header must be quarter,first_release_date`);
  const out = new Map<IsoDate, IsoDate>();
  for (const r of rows) {
    const q = quarterStartOf(r[0] ?? '');
    const d = r[1] ?? '';
    if (q === null || !isIsoDate(d)) return err(`${GDP_RELEASES_FILE}: bad row ${r.join(',')}`);
    out.set(q, d);
  }
  return ok(out);
}

export function readGdpReleaseDates(snapshotDir: string): Result<string> {
  try {
    return ok(readFileSync(path.join(snapshotDir, GDP_RELEASES_FILE), 'utf8'));
  } catch {
    return err(`no ${GDP_RELEASES_FILE} in ${snapshotDir}`);
  }
}

/**
 * Keeps the bundled dates in the data dir (settings table), for hosts whose analysis code cannot
 * find the snapshot folder itself (the packaged Electron app). Meant to run where the snapshot is
 * seeded.
 */
export function applyGdpReleaseDates(db: Db, snapshotDir: string): Result<number> {
  const text = readGdpReleaseDates(snapshotDir);
  if (!text.ok) return text;
  const parsed = parseGdpReleaseDates(text.value);
  if (!parsed.ok) return parsed;
  if (getSetting(db, GDP_RELEASES_SETTING) !== text.value) setSetting(db, GDP_RELEASES_SETTING, text.value);
  return ok(parsed.value.size);
}
