/**
 * `import FILE`: a FRED-format CSV (either header, either missing marker, BOM, CRLF) or a FiscalData
 * DTS CSV export, with the same conversion, guards and one-transaction atomicity as a sync.
 * Analysts behind firewalls download files by hand and bring them in this way.
 */
import { findSeries, type SeriesDef } from '../../../shared/catalog.js';
import { prepareBatch, type RawObservation } from '../../../shared/model/observation.js';
import { stripBom } from '../../../shared/parse/csv.js';
import { parseDtsCsv } from '../../../shared/parse/fiscaldata.js';
import { parseFredCsv } from '../../../shared/parse/fred-csv.js';
import type { Result } from '../../../shared/result.js';
import { err, ok } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { writeSeriesBatch, type WriteSummary } from '../db/repos/observations-repo.js';
import { recordSeriesError } from '../db/repos/series-repo.js';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ImportReport extends WriteSummary {
  readonly seriesId: string;
  readonly format: 'fred-csv' | 'dts-csv';
  readonly rows: number;
  readonly missing: number;
}

function detect(text: string): 'dts-csv' | 'fred-csv' {
  return stripBom(text).startsWith('Record Date,') ? 'dts-csv' : 'fred-csv';
}

export function importCsvText(db: Db, text: string, opts: { readonly seriesId?: string; readonly seenAt: string }): Result<ImportReport> {
  const format = detect(text);
  let raw: readonly RawObservation[];
  let def: SeriesDef | undefined;
  if (format === 'dts-csv') {
    const parsed = parseDtsCsv(text);
    if (!parsed.ok) return parsed;
    def = findSeries(opts.seriesId ?? 'TGA_DTS');
    if (def?.id !== 'TGA_DTS') return err('a FiscalData DTS export can only be imported into TGA_DTS');
    raw = parsed.value.observations;
  } else {
    const parsed = parseFredCsv(text);
    if (!parsed.ok) return parsed;
    const id = opts.seriesId ?? parsed.value.headerId;
    if (id === null) return err('this file has a generic "date,value" header: say which series it is with --series ID');
    if (opts.seriesId !== undefined && parsed.value.headerId !== null && parsed.value.headerId !== opts.seriesId.toUpperCase()) {
      return err(`the file is for ${parsed.value.headerId}, not ${opts.seriesId.toUpperCase()}`);
    }
    def = findSeries(id);
    if (def === undefined) return err(`unknown series ${id}; \`status\` lists the catalog`);
    raw = parsed.value.observations;
  }
  const prepared = prepareBatch(def, raw);
  if (!prepared.ok) {
    recordSeriesError(db, def.id, `import: ${prepared.error}`, opts.seenAt);
    return prepared;
  }
  const w = writeSeriesBatch(db, def.id, prepared.value.rows, { origin: 'import', mode: 'overwrite', seenAt: opts.seenAt });
  return ok({ ...w, seriesId: def.id, format, rows: prepared.value.rows.length, missing: prepared.value.missing });
}
