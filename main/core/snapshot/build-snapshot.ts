/**
 * Builds resources/snapshot/ from the real files in shared/data: one `date,value` CSV per series in
 * canonical units, and a manifest naming each series' source files, as-of date and row counts.
 * Deterministic (no clock), so a test can check the committed snapshot against a fresh build.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findSeries, guardViolation } from '../../../shared/catalog.js';
import type { RawObservation } from '../../../shared/model/observation.js';
import { conversionFor, toCanonical } from '../../../shared/model/units.js';
import { parseDtsCsv } from '../../../shared/parse/fiscaldata.js';
import { parseFredCsv, parseWideCsv } from '../../../shared/parse/fred-csv.js';
import { parseCsv } from '../../../shared/parse/csv.js';
import { ddpSeries } from '../../../shared/parse/ddp-map.js';
import { parseLongTable } from '../../../shared/parse/table-csv.js';
import { netBillIssuance, parseBillAuctions } from '../../../shared/compute/net-bill-issuance.js';
import { parseRmpOperations, rmpDaily } from '../../../shared/compute/rmp-tracker.js';
import { checkBatch } from '../../../shared/model/batch-checks.js';
import { epochDay, type IsoDate } from '../../../shared/time/iso-date.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { SnapshotInput, SnapshotSeriesSpec } from './snapshot-sources.js';
import { SNAPSHOT_SPECS } from './snapshot-sources.js';
import type { SnapshotManifest, SnapshotManifestSeries } from './manifest.js';
import { SNAPSHOT_FORMAT } from './manifest.js';
import { buildGdpReleaseDates } from './gdp-release-dates.js';

// Files several series read (rates.csv, the DDP file, the auctions) are read and parsed once per build.
const textCache = new Map<string, string>();
function readText(file: string): string {
  let t = textCache.get(file);
  if (t === undefined) textCache.set(file, (t = readFileSync(file, 'utf8')));
  return t;
}

function readInput(dataRoot: string, input: SnapshotInput, fileUnit: string): Result<readonly RawObservation[]> {
  const text = readText(path.join(dataRoot, input.file));
  switch (input.kind) {
    case 'fredgraph':
    case 'two-column': {
      const r = parseFredCsv(text);
      return r.ok ? ok(r.value.observations) : r;
    }
    case 'wide':
      return parseWideCsv(text, input.column);
    case 'dts-csv': {
      const r = parseDtsCsv(text);
      return r.ok ? ok(r.value.observations) : r;
    }
    case 'long': {
      const table = parseCsv(text);
      if (!table.ok) return table;
      const r = parseLongTable(table.value);
      if (!r.ok) return r;
      const one = r.value.find((s) => s.id === input.seriesId);
      return one === undefined ? err(`no rows for ${input.seriesId}`) : ok(one.observations);
    }
    case 'ddp': {
      const r = ddpSeries(text);
      if (!r.ok) return r;
      const col = r.value.find((s) => s.fredId === input.fredId);
      if (col === undefined) return err(`no DDP column maps to ${input.fredId}`);
      if (col.nativeUnit !== fileUnit) return err(`DDP column ${col.code} is in ${col.nativeUnit}, the spec says ${fileUnit}`);
      return ok(col.observations);
    }
    case 'net-bills': {
      const r = parseBillAuctions(text);
      if (!r.ok) return r;
      return ok(netBillIssuance(r.value, input.period).map((x) => ({ date: x.date, value: x.netUsd })));
    }
    case 'rmp-ops': {
      const r = parseRmpOperations(text);
      if (!r.ok) return r;
      return ok(rmpDaily(r.value, input.field, input.by));
    }
    default: {
      const never: never = input;
      return err(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

interface BuiltSeries {
  readonly manifest: SnapshotManifestSeries;
  readonly csv: string;
}

/**
 * `today` bounds the dates (nothing after it, nothing outside the series' possible dates), and every
 * input after the first passes the same unit and frequency checks as an import against what the
 * earlier inputs gave (issue 10 §1): a billions copy of a millions file fails the build.
 */
export function buildSeries(dataRoot: string, spec: SnapshotSeriesSpec, today: IsoDate): Result<BuiltSeries> {
  const def = findSeries(spec.id);
  if (def === undefined) return err(`${spec.id} is not in the catalog`);
  const conv = conversionFor(spec.fileUnit);
  if (conv.canonical !== def.conversion.canonical) return err(`${spec.id}: file unit ${spec.fileUnit} does not convert to ${def.conversion.canonical}`);
  const merged = new Map<string, number>();
  const sources: SnapshotManifestSeries['sources'][number][] = [];
  for (const input of spec.inputs) {
    const r = readInput(dataRoot, input, spec.fileUnit);
    if (!r.ok) return err(`${spec.id} from ${input.file}: ${r.error}`);
    const incoming = r.value.filter((o) => o.value !== null).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const soFar = [...merged.keys()].sort();
    const problem = checkBatch(
      def,
      { days: incoming.map((o) => epochDay(o.date)), values: incoming.map((o) => toCanonical(o.value ?? Number.NaN, conv)) },
      { days: soFar.map((d) => epochDay(d as IsoDate)), values: soFar.map((d) => merged.get(d) ?? Number.NaN) },
      { today },
    );
    if (problem !== null) return err(`${spec.id} from ${input.file}: ${problem}`);
    let added = 0;
    let agreed = 0;
    for (const o of r.value) {
      if (o.value === null) continue;
      const v = toCanonical(o.value, conv);
      const problem = guardViolation(def, o.date, v);
      if (problem !== null) return err(`${input.file}: ${problem}`);
      const prev = merged.get(o.date);
      if (prev === undefined) {
        merged.set(o.date, v);
        added++;
      } else if (Math.abs(prev - v) > 1e-9) {
        return err(`${spec.id} ${o.date}: ${input.file} has ${v} but an earlier source has ${prev}`);
      } else {
        agreed++;
      }
    }
    const column = input.kind === 'wide' ? input.column : input.kind === 'long' ? input.seriesId : input.kind === 'ddp' ? input.fredId : input.kind === 'net-bills' ? `net bill issuance by ${input.period}` : input.kind === 'rmp-ops' ? `is_rmp ${input.field}_b by ${input.by} date` : undefined;
    sources.push({ file: input.file, ...(column === undefined ? {} : { column }), rowsAdded: added, rowsAgreeing: agreed });
  }
  const dates = [...merged.keys()].sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return err(`${spec.id}: no observations`);
  const lines = ['date,value', ...dates.map((d) => `${d},${merged.get(d) ?? ''}`)];
  return ok({
    manifest: {
      id: spec.id,
      file: `series/${spec.id}.csv`,
      unit: def.conversion.canonical,
      fileUnit: spec.fileUnit,
      conversion: conv.label,
      first,
      last,
      rows: dates.length,
      sources,
      ...(spec.note === undefined ? {} : { note: spec.note }),
    },
    csv: `${lines.join('\n')}\n`,
  });
}

export interface BuildResult {
  readonly manifest: SnapshotManifest;
  readonly files: ReadonlyMap<string, string>;
}

/**
 * `today` is the build's date bound: observations after it are refused. The committed snapshot is
 * rebuilt in a test with a fixed date, so the build stays deterministic.
 */
export function buildSnapshot(dataRoot: string, today: IsoDate): Result<BuildResult> {
  const files = new Map<string, string>();
  const series: SnapshotManifestSeries[] = [];
  for (const spec of SNAPSHOT_SPECS) {
    const r = buildSeries(dataRoot, spec, today);
    if (!r.ok) return r;
    series.push(r.value.manifest);
    files.set(r.value.manifest.file, r.value.csv);
  }
  const asOf = series.map((s) => s.last).sort().at(-1) ?? '';
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    description: 'Real public data from shared/data (see PROVENANCE.md there), converted to canonical units ($bn, percent).',
    asOf,
    series,
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  // GDP first-release dates for real-time reserves/GDP (gdp-release-dates.ts; issue 10 §3).
  const gdpReleases = buildGdpReleaseDates(dataRoot, today);
  if (!gdpReleases.ok) return gdpReleases;
  files.set(gdpReleases.value[0], gdpReleases.value[1]);
  return ok({ manifest, files });
}

export function writeSnapshot(outDir: string, built: BuildResult): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'series'), { recursive: true });
  for (const [name, text] of built.files) writeFileSync(path.join(outDir, name), text);
}
