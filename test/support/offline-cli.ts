/**
 * The command line as a test runs it: `main/core/cli/main.ts` under tsx on a fresh data folder, with
 * every network source pointed at a closed loopback port (a sync never reaches the internet, and the
 * snapshot seeds the folder). Created before a file's tests, removed after.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT } from './paths.js';
import { startReplayServer } from './replay-server.js';
import { tempDir } from './temp-dir.js';

export interface OfflineCli {
  readonly cli: (...args: string[]) => SpawnSyncReturns<string>;
  /** The data folder (valid inside tests). */
  readonly dir: () => string;
}

export function useOfflineCli(): OfflineCli {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let dead = '';
  beforeAll(async () => {
    tmp = tempDir();
    const s = await startReplayServer(() => ({ status: 500 }));
    dead = s.base;
    await s.close();
  });
  afterAll(() => tmp?.cleanup());
  const dir = (): string => {
    if (tmp === undefined) throw new Error('useOfflineCli: used outside a test (before beforeAll)');
    return tmp.dir;
  };
  const cli = (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'main/core/cli/main.ts'), ...args, '--data-dir', dir()], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, RESERVOIR_FRED_GRAPH_URL: dead, RESERVOIR_NYFED_URL: dead, RESERVOIR_FISCALDATA_URL: dead, RESERVOIR_FRED_API_URL: dead },
    });
  return { cli, dir };
}
