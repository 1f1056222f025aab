/** `npm run schema`: rewrite resources/scenario.schema.json from the zod declaration. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioSchemaPath, scenarioSchemaText } from './scenario-schema-file.js';

const out = scenarioSchemaPath();
writeFileSync(out, scenarioSchemaText());
console.log(`scenario JSON Schema → ${path.relative(process.cwd(), out)}`);
