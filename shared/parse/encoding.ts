/**
 * Files that are not UTF-8. Excel's "Unicode Text" and some Windows tools save UTF-16; read as
 * UTF-8 such a file is NUL bytes between the letters, and the importer used to answer with a
 * parse error about the header. These say what the file is and what to do instead (issue 11 §5).
 */

export const SAVE_AS_UTF8 = 'save it as UTF-8 (in Excel: File → Save As → "CSV UTF-8 (Comma delimited)"; in a text editor: encoding UTF-8) and import it again';

/** How much of the start of a file the checks look at. */
const HEAD = 4096;

/** NULs in more than this share of the first bytes: no CSV (text) file has them; UTF-16 of ASCII is half NULs. */
const NUL_SHARE = 0.1;

function message(kind: string): string {
  return `this file is ${kind}, not UTF-8: ${SAVE_AS_UTF8}`;
}

/** The file's first bytes: a UTF-16 (or UTF-32) byte-order mark, or many NUL bytes. Null when it may be UTF-8. */
export function encodingProblemOfBytes(head: Uint8Array): string | null {
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xff && b1 === 0xfe) return message(head[2] === 0 && head[3] === 0 ? 'UTF-32 (little-endian byte-order mark FF FE 00 00)' : 'UTF-16 (little-endian byte-order mark FF FE)');
  if (b0 === 0xfe && b1 === 0xff) return message('UTF-16 (big-endian byte-order mark FE FF)');
  if (b0 === 0 && b1 === 0 && head[2] === 0xfe && head[3] === 0xff) return message('UTF-32 (big-endian byte-order mark 00 00 FE FF)');
  const n = Math.min(head.length, HEAD);
  let nuls = 0;
  for (let i = 0; i < n; i++) if (head[i] === 0) nuls++;
  return n > 0 && nuls / n > NUL_SHARE ? message('UTF-16 (every other byte is NUL)') : null;
}

/**
 * The same check on text already decoded as UTF-8 (the app reads the file with `File.text()`): a
 * UTF-16 byte-order mark decodes to two U+FFFD replacement characters, and NUL bytes stay U+0000.
 */
export function encodingProblemOfText(text: string): string | null {
  if (text.startsWith('\ufffd\ufffd')) return message('UTF-16 (it starts with a UTF-16 byte-order mark)');
  const n = Math.min(text.length, HEAD);
  let nuls = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) nuls++;
  return n > 0 && nuls / n > NUL_SHARE ? message('UTF-16 (every other character is NUL)') : null;
}
