/** Where things live on disk. */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: two levels above this module, which holds both for main/core/paths.ts and for
 * the bundles built from it (dist/host/serve.mjs, dist/shell/start.mjs). (The bundled Electron shell
 * has no import.meta and passes its own paths to the core instead of calling this.)
 */
export function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function snapshotDir(): string {
  return path.join(repoRoot(), 'resources', 'snapshot');
}

/**
 * The app's user-data folder, the same one Electron's `app.getPath('userData')` gives for
 * productName "Reservoir", so the command line and the app share one database.
 * `RESERVOIR_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env['RESERVOIR_DATA_DIR'];
  if (override !== undefined && override !== '') return path.resolve(override);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Reservoir');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Reservoir');
    default:
      return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Reservoir');
  }
}
