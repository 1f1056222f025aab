import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, KEYCHAIN_STORAGE, MEMORY_STORAGE, openKeychainStore, type AsyncSafeStorage } from '../../../main/shell/keychain.js';

/** A stand-in for safeStorage (not encryption: a reversible byte flip), counting calls. */
function fakeSafe(opts: { available?: boolean; backend?: string; reEncrypt?: boolean } = {}): AsyncSafeStorage & { calls: string[] } {
  const calls: string[] = [];
  const flip = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0xa5));
  return {
    calls,
    isAsyncEncryptionAvailable: async () => opts.available ?? true,
    encryptStringAsync: async (s) => (calls.push('encrypt'), flip(Buffer.from(`enc:${s}`))),
    decryptStringAsync: async (b) => {
      calls.push('decrypt');
      const s = flip(b).toString();
      if (!s.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: s.slice(4), shouldReEncrypt: opts.reEncrypt ?? false };
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
}

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'reservoir-keychain-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the FRED key through the asynchronous safeStorage API', () => {
  it('is encrypted on disk and read back at the next start', async () => {
    const dir = tmp();
    const safe = fakeSafe();
    const a = await openKeychainStore(dir, safe, 'darwin');
    expect(a.storage).toBe(KEYCHAIN_STORAGE);
    expect(a.get()).toBeNull();
    a.set('abcdef0123456789abcdef0123456789');
    expect(a.get()).toBe('abcdef0123456789abcdef0123456789');
    await a.flushed();
    const onDisk = readFileSync(path.join(dir, KEY_FILE));
    expect(onDisk.toString('latin1')).not.toContain('abcdef0123456789');
    const b = await openKeychainStore(dir, safe, 'darwin');
    expect(b.get()).toBe('abcdef0123456789abcdef0123456789');
    b.set(null);
    await b.flushed();
    expect(readFileSync(path.join(dir, KEY_FILE)).length).toBe(0);
    expect((await openKeychainStore(dir, safe, 'darwin')).get()).toBeNull();
  });

  it('the last of quick changes wins on disk', async () => {
    const dir = tmp();
    const s = await openKeychainStore(dir, fakeSafe(), 'win32');
    s.set('1'.repeat(32));
    s.set('2'.repeat(32));
    s.set('3'.repeat(32));
    await s.flushed();
    expect((await openKeychainStore(dir, fakeSafe(), 'win32')).get()).toBe('3'.repeat(32));
  });

  it('Linux with the basic_text backend: memory only, nothing written, nothing encrypted', async () => {
    const dir = tmp();
    const safe = fakeSafe({ backend: 'basic_text' });
    const s = await openKeychainStore(dir, safe, 'linux');
    expect(s.storage).toBe(MEMORY_STORAGE);
    s.set('k');
    await s.flushed();
    expect(s.get()).toBe('k');
    expect(existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(safe.calls).toEqual([]);
    // The same backend name on another OS is not a reason to refuse.
    expect((await openKeychainStore(dir, fakeSafe({ backend: 'basic_text' }), 'darwin')).storage).toBe(KEYCHAIN_STORAGE);
  });

  it('no encryption available: memory only', async () => {
    const dir = tmp();
    const s = await openKeychainStore(dir, fakeSafe({ available: false }), 'win32');
    expect(s.storage).toBe(MEMORY_STORAGE);
    s.set('k');
    await s.flushed();
    expect(existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('an undecryptable file counts as no key, with a warning; a rotated key is written again', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, KEY_FILE), Buffer.from('garbage from another machine'));
    const warnings: string[] = [];
    expect((await openKeychainStore(dir, fakeSafe(), 'darwin', (l) => warnings.push(l))).get()).toBeNull();
    expect(warnings.join('\n')).toMatch(/could not be decrypted/);
    const first = await openKeychainStore(dir, fakeSafe(), 'darwin');
    first.set('r'.repeat(32));
    await first.flushed();
    const safe = fakeSafe({ reEncrypt: true });
    const again = await openKeychainStore(dir, safe, 'darwin');
    await again.flushed();
    expect(again.get()).toBe('r'.repeat(32));
    expect(safe.calls).toEqual(['decrypt', 'encrypt']);
  });

  it('a stored value that is not a FRED key (damaged, foreign, over-long) counts as no key, with a warning', async () => {
    const dir = tmp();
    const first = await openKeychainStore(dir, fakeSafe(), 'darwin');
    first.set('k'.repeat(201));
    await first.flushed();
    const warnings: string[] = [];
    expect((await openKeychainStore(dir, fakeSafe(), 'darwin', (l) => warnings.push(l))).get()).toBeNull();
    expect(warnings.join('\n')).toMatch(/not a FRED API key/);
  });
});
