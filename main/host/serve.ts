/**
 * `npm run serve`: browser mode. Starts the core and the loopback host on the user's data dir and
 * prints the address to open; it opens nothing by itself.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, memoryKeyStore } from '../core/create-core.js';
import { defaultDataDir, repoRoot } from '../core/paths.js';
import { lazyFetch } from '../core/sync/http-client.js';
import { PUBLIC_URLS } from '../core/sync/source-context.js';
import { startHost } from './server.js';

export async function serve(argv: readonly string[], reason?: string): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { 'data-dir': { type: 'string' }, port: { type: 'string' } }, allowPositionals: true });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const staticDir = path.join(repoRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error('The renderer is not built: run `npm run build` (npm start does it for you).');
    process.exit(1);
  }
  const env = process.env;
  const core = createCore({
    dataDir,
    fetch: lazyFetch,
    now: Date.now,
    random: Math.random,
    urls: {
      fredApi: env['RESERVOIR_FRED_API_URL'] ?? PUBLIC_URLS.fredApi,
      fredGraph: env['RESERVOIR_FRED_GRAPH_URL'] ?? PUBLIC_URLS.fredGraph,
      nyfed: env['RESERVOIR_NYFED_URL'] ?? PUBLIC_URLS.nyfed,
      fiscaldata: env['RESERVOIR_FISCALDATA_URL'] ?? PUBLIC_URLS.fiscaldata,
    },
    keys: memoryKeyStore(env['FRED_API_KEY']?.trim() || null),
    // Browser mode: the page downloads exports itself; a save request from it lands in the data dir.
    saveFile: async (fileName, _mime, bytes) => {
      const dir = path.join(dataDir, 'exports');
      mkdirSync(dir, { recursive: true });
      const p = path.join(dir, fileName);
      writeFileSync(p, bytes);
      return { saved: true, path: p };
    },
  });
  const host = await startHost(core.router, staticDir, { ...(values.port ? { port: Number(values.port) } : {}) });
  // Handlers first: a Ctrl-C right after the address is printed must still close cleanly (lock, backup).
  const stop = (): void => {
    void host.close().then(() => core.dispose()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (reason) console.log(reason);
  console.log(`Reservoir (browser mode) is running on your data in ${dataDir}`);
  console.log(`Open: ${host.url}`);
  console.log('Press Ctrl-C to stop.');
}

