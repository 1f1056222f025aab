/**
 * `import FILE` from disk, streamed: the file is read in 1 MiB chunks straight into the importer's
 * typed columns, so the peak memory is the columns (12 bytes a row) plus a chunk, not the file's
 * text and a table of it (issue 11 §5: a 57 MB, 3.6M-row file peaked at 2.0 GB when read whole).
 * The first bytes are checked for UTF-16 before anything is decoded as UTF-8.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { encodingProblemOfBytes } from '../../../shared/parse/encoding.js';
import type { Result } from '../../../shared/result.js';
import { err } from '../../../shared/result.js';
import type { Db } from '../db/open-database.js';
import { beginImport, HEAD_CHARS, importCsvText, MAX_IMPORT_BYTES, storeCatalog, writeImport, type ImportOptions, type ImportReport } from './import-csv.js';

const CHUNK = 1 << 20;

export async function importCsvFile(db: Db, file: string, opts: ImportOptions): Promise<Result<ImportReport>> {
  const size = (await stat(file)).size;
  if (size > MAX_IMPORT_BYTES) return err(`${file} is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte limit`);
  // The head: enough bytes for HEAD_CHARS characters of any UTF-8 (at most 4 bytes each is more than needed for a header).
  const headBytes = Buffer.alloc(Math.min(size, HEAD_CHARS));
  const fh = await open(file, 'r');
  let got: number;
  try {
    got = (await fh.read(headBytes, 0, headBytes.length, 0)).bytesRead;
  } finally {
    await fh.close();
  }
  const head = headBytes.subarray(0, got);
  const encoding = encodingProblemOfBytes(head);
  if (encoding !== null) return err(encoding);
  const decoder = new StringDecoder('utf8');
  const headText = decoder.write(head);
  const complete = got >= size;
  // The built-in catalog and the user's FRED series, as for a sync.
  const start = beginImport(complete ? headText + decoder.end() : headText, complete, opts, storeCatalog(db));
  if (!start.ok) return start;
  // A whole-text format (DDP: a release's few hundred rows) is read as one string.
  if (start.value.kind === 'whole') return importCsvText(db, await readFile(file, 'utf8'), opts);
  const reader = start.value.reader;
  reader.push(headText);
  if (!complete && reader.failed === null) {
    const stream = createReadStream(file, { start: got, highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) {
        // A refused header or a bad row ends the read at once: the rest of a 57 MB file is not needed for the message.
        if (reader.push(decoder.write(chunk as Buffer)) !== null) break;
      }
    } finally {
      stream.destroy();
    }
    if (reader.failed === null) reader.push(decoder.end());
  }
  return writeImport(db, reader.end(), opts);
}
