import type { Migration } from '../migrate.js';
import { m0010Initial } from './0010-initial.js';

export const MIGRATIONS: readonly Migration[] = [m0010Initial];
