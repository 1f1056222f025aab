/**
 * Child process for the kill-during-sync test: runs the real sync engine against the replay server
 * and prints `ACK <series> <rows>` after each series' transaction has committed.
 * Usage: node --import tsx test/support/kill-child.ts DATA_DIR BASE_URL SERIES...
 */
import { openStore } from '../../main/core/store.js';
import { sleepReal } from '../../main/core/sync/http-client.js';
import { RateLimiter } from '../../main/core/sync/rate-limit.js';
import { runSync } from '../../main/core/sync/sync-service.js';
import { FAST_RETRY, urlsFor } from './sync-harness.js';

const [dataDir, base, ...series] = process.argv.slice(2);
if (dataDir === undefined || base === undefined) throw new Error('usage: kill-child DATA_DIR BASE_URL SERIES...');
const store = openStore({ dataDir, now: Date.now, snapshot: null });
process.stdout.write('READY\n');
await runSync(
  {
    db: store.db,
    http: { fetch: globalThis.fetch, now: Date.now, sleep: sleepReal, random: Math.random },
    urls: urlsFor(base),
    fredApiKey: null,
    retry: FAST_RETRY,
    fredLimiter: new RateLimiter({ perSecond: 1000, perMinute: 100_000, now: Date.now, sleep: sleepReal }),
  },
  { seriesIds: series, onCommitted: (id, rows) => process.stdout.write(`ACK ${id} ${rows}\n`) },
);
process.stdout.write('DONE\n');
store.close();
