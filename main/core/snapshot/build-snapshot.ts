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
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { SnapshotInput, SnapshotSeriesSpec } from './snapshot-sources.js';
import { SNAPSHOT_SPECS } from './snapshot-sources.js';
import type { SnapshotManifest, SnapshotManifestSeries } from './manifest.js';
import { SNAPSHOT_FORMAT } from './manifest.js';

function readInput(dataRoot: string, input: SnapshotInput): Result<readonly RawObservation[]> {
  const text = readFileSync(path.join(dataRoot, input.file), 'utf8');
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

export function buildSeries(dataRoot: string, spec: SnapshotSeriesSpec): Result<BuiltSeries> {
  const def = findSeries(spec.id);
  if (def === undefined) return err(`${spec.id} is not in the catalog`);
  const conv = conversionFor(spec.fileUnit);
  if (conv.canonical !== def.conversion.canonical) return err(`${spec.id}: file unit ${spec.fileUnit} does not convert to ${def.conversion.canonical}`);
  const merged = new Map<string, number>();
  const sources: SnapshotManifestSeries['sources'][number][] = [];
  for (const input of spec.inputs) {
    const r = readInput(dataRoot, input);
    if (!r.ok) return err(`${spec.id} from ${input.file}: ${r.error}`);
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
    sources.push({ file: input.file, ...(input.kind === 'wide' ? { column: input.column } : {}), rowsAdded: added, rowsAgreeing: agreed });
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

export function buildSnapshot(dataRoot: string): Result<BuildResult> {
  const files = new Map<string, string>();
  const series: SnapshotManifestSeries[] = [];
  for (const spec of SNAPSHOT_SPECS) {
    const r = buildSeries(dataRoot, spec);
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
  return ok({ manifest, files });
}

export function writeSnapshot(outDir: string, built: BuildResult): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'series'), { recursive: true });
  for (const [name, text] of built.files) writeFileSync(path.join(outDir, name), text);
}
