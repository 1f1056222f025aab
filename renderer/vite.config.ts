// Builds the renderer into dist/renderer for both hosts (Electron loads it from disk, browser mode
// from the loopback host). Relative base: the desktop app serves it from app://reservoir/, browser mode from /.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: { outDir: path.join(here, '..', 'dist', 'renderer'), emptyOutDir: true, sourcemap: false, target: 'es2022' },
  oxc: { jsx: { runtime: 'automatic' } },
});
