/**
 * resources/scenario.schema.json: the scenario file's JSON Schema, generated from the zod declaration
 * in shared/model/scenario-schema.ts (issue 15 §7) so that other tools can write scenario files. The
 * file is committed; a test regenerates this text and fails if the two differ.
 */
import path from 'node:path';
import { repoRoot } from '../paths.js';
import { scenarioJsonSchema } from '../../../shared/model/scenario-schema.js';

export const scenarioSchemaPath = (): string => path.join(repoRoot(), 'resources', 'scenario.schema.json');

export function scenarioSchemaText(): string {
  return `${JSON.stringify({ title: 'Reservoir scenario file', ...scenarioJsonSchema() }, null, 2)}\n`;
}
