/**
 * The FRED key in the OS keychain through Electron's asynchronous safeStorage API (issue 15 §3: the
 * synchronous one is deprecated in Electron 45 and removed in 46). The key is decrypted once at start
 * and kept in memory, because the router reads it synchronously; a change is encrypted and written in
 * the background, one write after the other so the last change wins. On Linux a `basic_text` backend
 * would store the key in plain text: refused, and the key is then kept in memory only.
 * Takes the few safeStorage members it uses, so it is tested with a stand-in.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyStore } from '../core/router.js';

export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend(): string;
}

export const KEY_FILE = 'fred-key.bin';
/** What settings:set-fred-key accepts (shared/ipc/contract.ts): a stored key that is not this is ignored. */
const FRED_KEY = /^[a-z0-9]{32}$/;
export const KEYCHAIN_STORAGE = 'the OS keychain (encrypted with safeStorage)';
export const MEMORY_STORAGE = 'memory only: this system has no secure keychain, so the key is not written to disk';

export interface KeychainStore extends KeyStore {
  /** Resolves when every change made so far is on disk (quit waits for it). */
  flushed(): Promise<void>;
}

export async function openKeychainStore(dataDir: string, safe: AsyncSafeStorage, platform: NodeJS.Platform, warn: (line: string) => void = () => undefined): Promise<KeychainStore> {
  const file = path.join(dataDir, KEY_FILE);
  const plain = platform === 'linux' && safe.getSelectedStorageBackend() === 'basic_text';
  const usable = !plain && (await safe.isAsyncEncryptionAvailable());
  let memory: string | null = null;
  let writes: Promise<void> = Promise.resolve();
  // Written beside and renamed into place: a quit during the write never leaves half a key.
  const write = (bytes: Buffer): void => {
    writeFileSync(`${file}.partial`, bytes);
    renameSync(`${file}.partial`, file);
  };
  const persist = (key: string | null): void => {
    writes = writes
      .then(async () => write(key === null ? Buffer.alloc(0) : await safe.encryptStringAsync(key)))
      .catch((e: unknown) => warn(`warning: the FRED key was not saved to the keychain: ${e instanceof Error ? e.message : String(e)}`));
  };
  if (usable && existsSync(file)) {
    try {
      const bytes = readFileSync(file);
      if (bytes.length > 0) {
        const r = await safe.decryptStringAsync(bytes);
        if (FRED_KEY.test(r.result)) {
          memory = r.result;
          // The keychain's key was rotated: store the key again under the new one.
          if (r.shouldReEncrypt) persist(memory);
        } else {
          // Not a FRED key (a damaged or foreign file): as if none were set, and never handed to the core.
          warn('warning: the stored FRED key is not a FRED API key (32 lower-case letters and digits); it is ignored');
        }
      }
    } catch (e) {
      // Encrypted by another user or machine, or damaged: as if no key were set.
      warn(`warning: the stored FRED key could not be decrypted: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return {
    storage: usable ? KEYCHAIN_STORAGE : MEMORY_STORAGE,
    get: () => memory,
    set(key) {
      memory = key;
      if (usable) persist(key);
    },
    flushed: () => writes,
  };
}
