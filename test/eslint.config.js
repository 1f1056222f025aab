// ESLint flat config. Enforces the layering of design.md §1/§3 with import restrictions per folder:
// shared/ is pure; only main/shell may import electron; the renderer never reaches into main/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'url', 'util', 'worker_threads', 'stream', 'zlib'];
const nodeBuiltinPatterns = [{ group: ['node:*', ...NODE_BUILTINS], message: 'shared/ and renderer/ run without Node: no Node built-ins here.' }];
const electron = { group: ['electron', 'electron/*'], message: 'Only main/shell imports electron.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'resources/**', 'bench/results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltinPatterns,
            electron,
            { group: ['better-sqlite3', 'react', 'react-dom', 'uplot'], message: 'shared/ is pure computation: no I/O, DOM or UI libraries.' },
            { group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'], message: 'shared/ depends on nothing above it.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ has no clock: take the time as an argument.' },
        { object: 'Math', property: 'random', message: 'shared/ has no randomness unless injected.' },
      ],
      'no-restricted-globals': ['error', 'fetch', 'process', 'window', 'document', 'localStorage', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltinPatterns, electron, { group: ['better-sqlite3'], message: 'The renderer reaches data through the typed api client only.' }, { group: ['**/main/**'], message: 'The renderer never imports main/.' }] },
      ],
    },
  },
  {
    // The bundler config runs under Node at build time, not in the renderer.
    files: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
