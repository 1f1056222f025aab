/**
 * Child process for the kill-during-backup test (backups.test.ts): takes backups of a seeded store
 * one after another and prints `TOOK <file>` after each has its final name, until killed.
 * Usage: node --import tsx test/main/core/reliability/backup-child.ts DATA_DIR
 */
import { takeBackup } from '../../../../main/core/db/backup.js';
import { openStore } from '../../../../main/core/store.js';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: backup-child DATA_DIR');
const store = openStore({ dataDir, now: Date.now, backups: false, snapshot: null });
const start = Date.parse('2026-11-21T12:00:00Z');
// Distinct stamps a minute apart, so rotation keeps them all within the test's few copies.
for (let i = 0; i < 1000; i++) process.stdout.write(`TOOK ${takeBackup(store.db, dataDir, 'scheduled', start + i * 60_000)}\n`);
store.close();
