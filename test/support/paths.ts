import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real public data beside the repository (see shared/data/PROVENANCE.md). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const dataFile = (rel: string): string => path.join(SHARED_DATA, rel);
