/**
 * Browser-mode app for end-to-end tests: the real core (real SQLite seeded from the snapshot), the
 * real loopback host, the built renderer, and Debian's Chromium driven by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createCore, memoryKeyStore, type Core } from '../../main/core/create-core.js';
import { startHost, type Host } from '../../main/host/server.js';
import { REPO_ROOT } from './paths.js';
import { afterAll, beforeAll } from 'vitest';
import { startReplayServer, type ReplayServer } from './replay-server.js';
import { replayRoutes, urlsFor, seededDataDir } from './sync-harness.js';

export const CHROMIUM = process.env['RESERVOIR_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SHOTS = path.join(REPO_ROOT, 'test-results');

export interface E2eApp {
  readonly core: Core;
  readonly host: Host;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly dataDir: string;
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The built renderer the e2e tests serve: dist/renderer, or the folder named by RESERVOIR_E2E_RENDERER
 * (so two people working in one checkout can each test their own build without overwriting the other's).
 */
export function ensureRendererBuilt(): string {
  const own = process.env['RESERVOIR_E2E_RENDERER'];
  const dir = own !== undefined && own !== '' ? path.resolve(own) : path.join(REPO_ROOT, 'dist', 'renderer');
  if (!existsSync(path.join(dir, 'index.html'))) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  return dir;
}

export async function startE2eApp(sourcesBase: string): Promise<E2eApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does) or set RESERVOIR_CHROMIUM`);
  const staticDir = ensureRendererBuilt();
  const d = seededDataDir();
  const core = createCore({
    dataDir: d.dir,
    fetch: globalThis.fetch,
    now: Date.now,
    random: Math.random,
    urls: urlsFor(sourcesBase),
    keys: memoryKeyStore(),
    saveFile: async (fileName) => ({ saved: false, path: fileName }),
    fredPerSecond: 1000,
  });
  const host = await startHost(core.router, staticDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(host.url);
  return {
    core,
    host,
    browser,
    context,
    page,
    dataDir: d.dir,
    pageErrors,
    async close() {
      await browser.close();
      await host.close();
      await core.dispose();
      d.cleanup();
    },
  };
}

/**
 * A test file's app: the replayed sources and the app start before its tests (`set` receives the app)
 * and close after them. Called at the top of a file or inside a `describe`.
 */
export function useE2eApp(set: (app: E2eApp) => void, viewport?: { readonly width: number; readonly height: number }): void {
  let app: E2eApp | undefined;
  let sources: ReplayServer | undefined;
  beforeAll(async () => {
    sources = await startReplayServer(replayRoutes);
    app = await startE2eApp(sources.base);
    if (viewport) await app.page.setViewportSize(viewport);
    set(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sources?.close();
  });
}

/** Sets a chart's CSV range toggle (a button that switches between the two) to `range`. */
export async function chooseCsvRange(chart: Locator, range: 'visible' | 'full'): Promise<void> {
  const toggle = chart.locator('[data-input="csv-range"]');
  if ((await toggle.getAttribute('data-value')) !== range) await toggle.click();
  if ((await toggle.getAttribute('data-value')) !== range) throw new Error(`CSV range did not switch to ${range}`);
}
