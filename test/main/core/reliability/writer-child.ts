/**
 * Child process for the cross-process write test: N writes of one observation each into IORB through
 * the real write path (writeSeriesBatch: reads the stored columns, then writes), on its own
 * connection with the store's busy timeout. Prints one JSON line: writes, failures and their codes.
 * Usage: node --import tsx writer-child.ts DB_FILE PARITY COUNT START_AT_MS
 */
import { openDatabase } from '../../../../main/core/db/open-database.js';
import { writeSeriesBatch } from '../../../../main/core/db/repos/observations-repo.js';
import type { IsoDate } from '../../../../shared/time/iso-date.js';

const [file, parityText, countText, startText] = process.argv.slice(2);
if (file === undefined || parityText === undefined || countText === undefined || startText === undefined) throw new Error('usage: writer-child DB_FILE PARITY COUNT START_AT_MS');
const parity = Number(parityText);
const count = Number(countText);
const db = openDatabase(file);
// Both children begin at the same instant, so their writes overlap from the first one.
while (Date.now() < Number(startText)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const DAY0 = Date.parse('2031-01-01T00:00:00Z');
let failures = 0;
const codes: string[] = [];
for (let i = 0; i < count; i++) {
  const date = new Date(DAY0 + (2 * i + parity) * 86_400_000).toISOString().slice(0, 10) as IsoDate;
  try {
    writeSeriesBatch(db, 'IORB', [{ date, value: 4 + parity + i / 1000 }], { origin: 'import', mode: 'overwrite', seenAt: new Date().toISOString(), checks: 'none' });
  } catch (e) {
    failures++;
    codes.push(String((e as { code?: unknown }).code ?? (e instanceof Error ? e.message : e)));
  }
}
db.close();
process.stdout.write(`${JSON.stringify({ writes: count, failures, codes })}\n`);
