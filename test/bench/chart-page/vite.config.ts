// Builds the chart bench page (our chart layer and raw uPlot side by side) into dist/chart-bench.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  build: { outDir: path.join(here, '..', '..', '..', 'dist', 'chart-bench'), emptyOutDir: true, sourcemap: false, target: 'es2022', minify: process.env['BENCH_NOMINIFY'] ? false : undefined },
  oxc: { jsx: { runtime: 'automatic' } },
});
