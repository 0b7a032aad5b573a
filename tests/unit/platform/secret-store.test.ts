// One secrets.json for the app (safeStorage), the CLI and the web bridge (no cipher): each reads
// the other's plain entries; an entry the app encrypted is marked, so the CLI says it cannot use
// it instead of sending the ciphertext as a key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileSecretStore, SecretUnreadableError, type SecretCipher } from '../../../src/main/platform/settings/secret-store';
import { makeTempDir } from '../../support/temp-dir';

/** Stands in for Electron's safeStorage: its output starts with the same "v10" tag. */
const keychain: SecretCipher = {
  encrypt: (plain) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
  decrypt: (data) => {
    if (data.subarray(0, 3).toString('latin1') !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(data.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;
beforeEach(async () => {
  tmp = await makeTempDir('pp-secrets-');
  file = join(tmp.dir, 'secrets.json');
});
afterEach(async () => { await tmp.cleanup(); });

describe('FileSecretStore shared by the app and the CLI', () => {
  it('the app stores marked ciphertext; the CLI knows the key is there and refuses to use it, clearly', async () => {
    const app = new FileSecretStore(file, keychain);
    await app.set('ep1', 'sk-app-saved-key-0001');
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('sk-app-saved-key-0001');
    expect(JSON.parse(raw).ep1).toEqual({ safeStorage: expect.any(String) });
    expect(await app.get('ep1')).toBe('sk-app-saved-key-0001');
    const cli = new FileSecretStore(file);
    expect(await cli.has('ep1')).toBe(true);
    const error = await cli.get('ep1').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SecretUnreadableError);
    expect((error as Error).message).toMatch(/saved by the PhonePilot desktop app, encrypted with the system keychain/);
  });

  it('a key typed in the CLI or the bridge is read by the app; the CLI keeps the app\'s entries when it writes', async () => {
    await new FileSecretStore(file, keychain).set('ep1', 'sk-app-saved-key-0001');
    const cli = new FileSecretStore(file);
    await cli.set('ep2', 'sk-cli-saved-key-0002');
    const app = new FileSecretStore(file, keychain);
    expect(await app.get('ep2')).toBe('sk-cli-saved-key-0002');
    expect(await app.get('ep1')).toBe('sk-app-saved-key-0001');
  });

  it('an unmarked ciphertext from an older app is read as encrypted; a plain key that merely looks like base64 stays plain', async () => {
    await writeFile(file, JSON.stringify({ old: keychain.encrypt('sk-old-app-key-0003').toString('base64'), plain: 'AbCdEfGhIjKlMnOpQrSt' }));
    expect(await new FileSecretStore(file, keychain).get('old')).toBe('sk-old-app-key-0003');
    await expect(new FileSecretStore(file).get('old')).rejects.toBeInstanceOf(SecretUnreadableError);
    expect(await new FileSecretStore(file).get('plain')).toBe('AbCdEfGhIjKlMnOpQrSt');
    expect(await new FileSecretStore(file, keychain).get('plain')).toBe('AbCdEfGhIjKlMnOpQrSt');
  });
});
