/**
 * Real app processes for the one-writer and permission suites (issue 11 §1–2): browser mode
 * (`main/host/serve-cli.ts`, what `npm run serve` runs) and the command line, bundled once with
 * esbuild the way `npm run build:host` bundles serve, so each start costs a Node start rather than a
 * tsx transpile. The bundles live in a temporary app root laid out like the repository (dist/host,
 * resources, node_modules), because the core finds its snapshot two folders above its bundle.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { REPO_ROOT } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp-dir.js';

export interface AppBundles {
  readonly serve: string;
  readonly cli: string;
  cleanup(): void;
}

/**
 * The real snapshot cut to a few series (their files hard-linked or copied): every start still seeds,
 * but in milliseconds, so 120 race trials fit in well under a minute. WALCL and IORB are what the
 * race suite checks and imports.
 */
const SMALL_SNAPSHOT = ['WALCL', 'IORB', 'WRESBAL', 'SOFR', 'RRPONTSYD', 'WDTGAL'];
function smallSnapshot(dir: string): void {
  const src = path.join(REPO_ROOT, 'resources', 'snapshot');
  mkdirSync(path.join(dir, 'series'), { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(src, 'manifest.json'), 'utf8')) as { series: { id: string; file: string }[] };
  manifest.series = manifest.series.filter((s) => SMALL_SNAPSHOT.includes(s.id));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const s of manifest.series) linkOrCopy(path.join(src, s.file), path.join(dir, s.file));
  linkOrCopy(path.join(src, 'gdp-first-release.csv'), path.join(dir, 'gdp-first-release.csv'));
}

/**
 * A hard link where the file system allows one, else a copy. Never a symlink into the checkout: a
 * clone made with `mktemp -d` sits in a mode-700 folder, and the unprivileged user the permission
 * suite runs as could not follow it (found: every permission case failed there).
 */
function linkOrCopy(src: string, dst: string): void {
  try {
    linkSync(src, dst);
  } catch {
    copyFileSync(src, dst);
  }
}

/** better-sqlite3 as the bundle loads it: its package file, lib/ and this platform's prebuilt addon. */
function nativeSqlite(nodeModules: string): void {
  const src = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3');
  const dst = path.join(nodeModules, 'better-sqlite3');
  const walk = (rel: string): void => {
    mkdirSync(path.join(dst, rel), { recursive: true });
    for (const e of readdirSync(path.join(src, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else linkOrCopy(path.join(src, r), path.join(dst, r));
    }
  };
  mkdirSync(dst, { recursive: true });
  linkOrCopy(path.join(src, 'package.json'), path.join(dst, 'package.json'));
  walk('lib');
  walk('prebuilds');
}

/** The Node that runs the bundles, inside the app folder (see linkOrCopy). */
const nodeOf = (bundle: string): string => path.join(path.dirname(bundle), '..', '..', 'bin', 'node');

export async function bundleApp(): Promise<AppBundles> {
  const root = tempDir('reservoir-app-');
  // Readable by the unprivileged user the permission suite runs its children as.
  chmodSync(root.dir, 0o755);
  const host = path.join(root.dir, 'dist', 'host');
  mkdirSync(path.join(root.dir, 'dist', 'renderer'), { recursive: true });
  // serve checks the renderer is built; these suites never load the page.
  writeFileSync(path.join(root.dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Reservoir</title>');
  smallSnapshot(path.join(root.dir, 'resources', 'snapshot'));
  nativeSqlite(path.join(root.dir, 'node_modules'));
  mkdirSync(path.join(root.dir, 'bin'));
  linkOrCopy(process.execPath, path.join(root.dir, 'bin', 'node'));
  chmodSync(path.join(root.dir, 'bin', 'node'), 0o755);
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node22', external: ['better-sqlite3'], logLevel: 'warning' };
  await build({ ...common, entryPoints: [path.join(REPO_ROOT, 'main/host/serve-cli.ts')], outfile: path.join(host, 'serve.mjs') });
  await build({ ...common, entryPoints: [path.join(REPO_ROOT, 'main/core/cli/main.ts')], outfile: path.join(host, 'cli.mjs') });
  return { serve: path.join(host, 'serve.mjs'), cli: path.join(host, 'cli.mjs'), cleanup: root.cleanup };
}

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A browser-mode process: `ready` resolves once it prints its address, or with its exit when it fails. */
export interface ServeProcess {
  readonly ready: Promise<'open' | Outcome>;
  readonly exited: Promise<Outcome>;
  stop(): Promise<Outcome>;
}

const NO_NETWORK = {
  RESERVOIR_FRED_GRAPH_URL: 'http://127.0.0.1:9',
  RESERVOIR_NYFED_URL: 'http://127.0.0.1:9',
  RESERVOIR_FISCALDATA_URL: 'http://127.0.0.1:9',
  RESERVOIR_FRED_API_URL: 'http://127.0.0.1:9',
};

export function startServe(bundle: string, dataDir: string, runAs: readonly string[] = []): ServeProcess {
  const argv = [...runAs, nodeOf(bundle), bundle, '--data-dir', dataDir];
  const [cmd, ...args] = argv;
  const child = spawn(cmd ?? process.execPath, args, { env: { ...process.env, ...NO_NETWORK }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: (v: 'open' | Outcome) => void = () => undefined;
  const ready = new Promise<'open' | Outcome>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    // The last line serve prints before it installs its SIGINT/SIGTERM handlers (a signal before
    // them kills it outright, which is not what these suites test), hence also the pause in stop().
    if (/^Press Ctrl-C to stop\./m.test(stdout)) markReady('open');
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<Outcome>((resolve) =>
    child.on('close', (code) => {
      const o = { code, stdout, stderr };
      markReady(o);
      resolve(o);
    }),
  );
  return {
    ready,
    exited,
    async stop() {
      await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

export function runCli(bundle: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, runAs: readonly string[] = []): Promise<Outcome> {
  const [cmd, ...rest] = [...runAs, nodeOf(bundle), bundle, ...args];
  const child = spawn(cmd ?? process.execPath, rest, { env: { ...process.env, ...NO_NETWORK, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * How to run a child as a user the OS applies file modes to. Root ignores them (so mode 000 proves
 * nothing there): as root, `setpriv` drops to `nobody` (uid 65534, on every Debian image, CI's too);
 * any other user is already subject to them. Null (with the reason) when neither works.
 */
export function unprivileged(): { readonly runAs: readonly string[]; readonly uid: number } | { readonly skip: string } {
  const uid = process.getuid?.() ?? -1;
  if (uid === -1) return { skip: 'no POSIX users on this platform' };
  if (uid !== 0) return { runAs: [], uid };
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout === '65534') return { runAs: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], uid: 65534 };
  return { skip: `running as root and setpriv cannot drop to nobody (${probe.error?.message ?? probe.stderr.trim()})` };
}

export const LOCKED_MESSAGE = /^Reservoir is already open on this data folder \(pid \d+, since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)/m;
