/** The layering rules of design.md are enforced by lint: check that they really fire. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: path.join(REPO_ROOT, 'test/eslint.config.js') });
const lint = async (file: string, code: string): Promise<string[]> => {
  const [r] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('import boundaries', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /Node built-ins/],
    ['shared/x.ts', "import Database from 'better-sqlite3';\nexport const D = Database;", /pure computation/],
    ['shared/x.ts', 'export const t = Date.now();', /no clock/],
    ['shared/x.ts', 'export const r = Math.random();', /no randomness/],
    ['main/core/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/shell imports electron/],
    ['renderer/x.ts', "import { openStore } from '../main/core/store.js';\nexport const o = openStore;", /never imports main/],
    ['main/core/x.ts', 'export const v: any = 1;', /no-explicit-any/],
  ])('%s: forbidden code is reported', async (file, code, msg) => {
    const messages = await lint(file, code);
    expect(messages.join('\n')).toMatch(msg);
  });

  it('allowed code passes', async () => {
    expect(await lint('main/shell/x.ts', "import { app } from 'electron';\nexport const a = app;")).toEqual([]);
    expect(await lint('shared/x.ts', 'export const f = (now: number): number => now + 1;')).toEqual([]);
  });
});
