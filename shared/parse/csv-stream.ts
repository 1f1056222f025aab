/**
 * The RFC 4180 reader of csv.ts, fed in chunks: records are handed over one at a time and nothing
 * of the file is kept, so a 57 MB import holds one chunk and one record, not 3.6M row arrays
 * (issue 11 §5: the whole-table parse peaked at 2 GB). Same rules and messages as `parseCsv`:
 * quoted fields, doubled quotes, CRLF, LF or CR line ends, a leading BOM, blank lines dropped.
 * A line without a quote is split with `indexOf`/`split` (the common case, ~10× faster than the
 * character loop); a record with a quote goes through the character loop, whose state survives
 * a chunk boundary.
 */

/** Called with each record (0 = the header) and its number; returns an error message to stop. */
export type RecordHandler = (fields: string[], index: number) => string | null;

export class CsvRecordReader {
  private readonly onRecord: RecordHandler;
  /** The tail of the last chunk that holds no complete line yet (fast path only). */
  private carry = '';
  /** Physical line of the reader's position, for the same messages as parseCsv. */
  private line = 1;
  private records = 0;
  private first = true;
  private error: string | null = null;
  /** The record being read by the character loop, when it spans a chunk boundary. */
  private open: { fields: string[]; field: string; inQuotes: boolean } | null = null;
  /** A CR ended the last chunk: a LF starting the next one belongs to it. */
  private pendingCr = false;

  constructor(onRecord: RecordHandler) {
    this.onRecord = onRecord;
  }

  /** The first error met (a CSV error or the handler's), or null. */
  get failed(): string | null {
    return this.error;
  }

  /** Reads a chunk; returns the first error, after which further chunks are ignored. */
  push(chunk: string): string | null {
    if (this.error !== null) return this.error;
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    const buf = this.carry.length > 0 ? this.carry + text : text;
    this.carry = '';
    let p = 0;
    if (this.open !== null) {
      p = this.slow(buf, 0, false);
      if (p < 0) return this.error;
    }
    this.fast(buf, p, false);
    return this.error;
  }

  /** Ends the input: the last line without a line end, or an unclosed quote. */
  end(): string | null {
    if (this.error !== null) return this.error;
    const rest = this.carry;
    this.carry = '';
    if (this.open !== null) this.slow(rest, 0, true);
    else if (rest.length > 0) this.fast(rest, 0, true);
    return this.error;
  }

  private fail(message: string): string {
    this.error = message;
    return message;
  }

  private emit(fields: string[]): void {
    if (fields.length === 1 && fields[0] === '') return;
    const e = this.onRecord(fields, this.records++);
    if (e !== null) this.fail(e);
  }

  /** Whole lines of `buf` from `start`; a trailing partial line is carried unless `final`. */
  private fast(buf: string, start: number, final: boolean): void {
    const n = buf.length;
    let p = start;
    // Next quote and CR at or after p, searched once each and reused: a search per line would
    // scan to the end of a quote-free chunk every time (quadratic).
    let quote = buf.indexOf('"', p);
    let cr = buf.indexOf('\r', p);
    while (p < n && this.error === null) {
      if (quote >= 0 && quote < p) quote = buf.indexOf('"', p);
      if (cr >= 0 && cr < p) cr = buf.indexOf('\r', p);
      const nl = buf.indexOf('\n', p);
      let stop = nl < 0 ? n : nl;
      if (cr >= 0 && cr < stop) stop = cr;
      if (quote >= 0 && quote < stop) {
        const next = this.slow(buf, p, final);
        if (next < 0) return;
        p = next;
        continue;
      }
      if (stop === n && !final) {
        this.carry = buf.slice(p);
        return;
      }
      const line = buf.slice(p, stop);
      this.line++;
      p = stop + 1;
      if (stop === cr) {
        if (p < n) {
          if (buf.charCodeAt(p) === 10) p++;
        } else if (!final) this.pendingCr = true;
      }
      if (line.length > 0) this.emit(line.split(','));
    }
  }

  /**
   * The character loop of parseCsv from `p` to the end of one record. Returns the index after it,
   * or -1 when the buffer ended inside it (state kept in `open`) or on an error.
   */
  private slow(buf: string, p: number, final: boolean): number {
    const o = this.open ?? { fields: [], field: '', inQuotes: false };
    this.open = null;
    const n = buf.length;
    for (let i = p; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (o.inQuotes) {
        if (c === 34) {
          if (i + 1 >= n && !final) {
            // A quote at the chunk's end: whether it is doubled is in the next chunk.
            this.carry = '"';
            this.open = o;
            return -1;
          }
          if (buf.charCodeAt(i + 1) === 34) {
            o.field += '"';
            i++;
          } else o.inQuotes = false;
        } else {
          if (c === 10) this.line++;
          o.field += buf[i] ?? '';
        }
        continue;
      }
      if (c === 34) {
        if (o.field.length > 0) {
          this.fail(`CSV line ${this.line}: a quote inside an unquoted field`);
          return -1;
        }
        o.inQuotes = true;
      } else if (c === 44) {
        o.fields.push(o.field);
        o.field = '';
      } else if (c === 10 || c === 13) {
        let next = i + 1;
        if (c === 13) {
          if (next < n) {
            if (buf.charCodeAt(next) === 10) next++;
          } else if (!final) this.pendingCr = true;
        }
        o.fields.push(o.field);
        this.line++;
        this.emit(o.fields);
        return this.error === null ? next : -1;
      } else o.field += buf[i] ?? '';
    }
    if (!final) {
      this.open = o;
      return -1;
    }
    if (o.inQuotes) this.fail(`CSV line ${this.line}: a quoted field never closes (truncated file?)`);
    else {
      o.fields.push(o.field);
      this.emit(o.fields);
    }
    return -1;
  }
}
