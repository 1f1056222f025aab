/** `npm run snapshot`: rebuild resources/snapshot from ../shared/data. */
import path from 'node:path';
import { buildSnapshot, writeSnapshot } from './build-snapshot.js';
import { repoRoot } from '../paths.js';
import { isoDateOfInstant } from '../../../shared/time/iso-date.js';

const dataRoot = process.argv[2] ?? path.resolve(repoRoot(), '..', 'shared', 'data');
const out = path.join(repoRoot(), 'resources', 'snapshot');
// The real clock bounds the dates here; the committed-snapshot test rebuilds with a fixed date.
const built = buildSnapshot(dataRoot, isoDateOfInstant(Date.now()));
if (!built.ok) {
  console.error(`snapshot build failed: ${built.error}`);
  process.exit(1);
}
writeSnapshot(out, built.value);
for (const s of built.value.manifest.series) console.log(`${s.id.padEnd(14)} ${s.first} … ${s.last}  ${String(s.rows).padStart(6)} rows`);
console.log(`snapshot as of ${built.value.manifest.asOf}: ${built.value.manifest.series.length} series → ${path.relative(process.cwd(), out)}`);
