/**
 * A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a leading UTF-8 BOM.
 * Hand-written because the inputs are small, trusted-format files and the reader must run in the
 * renderer and the main process without a dependency; property tests cover it.
 */
import type { Result } from '../result.js';
import { err, ok } from '../result.js';

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits CSV text into rows of fields. Blank lines are dropped. */
export function parseCsv(text: string): Result<string[][]> {
  const src = stripBom(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.length > 0) return err(`CSV line ${line}: a quote inside an unquoted field`);
      inQuotes = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      field = '';
      line++;
    } else {
      field += c;
    }
  }
  if (inQuotes) return err(`CSV line ${line}: a quoted field never closes (truncated file?)`);
  row.push(field);
  if (!(row.length === 1 && row[0] === '')) rows.push(row);
  return ok(rows);
}

/** True when text looks like an HTML page (servers answer unknown ids and errors with HTML). */
export function looksLikeHtml(text: string): boolean {
  const head = stripBom(text).slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<?xml') || head.startsWith('<body');
}
