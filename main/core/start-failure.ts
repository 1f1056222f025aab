/**
 * The start-up failures a host reports as one plain message (and exit 1) rather than a stack trace:
 * the data folder is held by another Reservoir, or cannot be used for a reason that is not damage.
 */
import { DataFolderLocked } from './data-folder-lock.js';
import { StoreUnavailableError } from './db/classify-open-error.js';

export function startFailure(e: unknown): string | null {
  if (e instanceof DataFolderLocked || e instanceof StoreUnavailableError) return e.message;
  return null;
}
