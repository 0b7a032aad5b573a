import { chmod, readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from './atomic-write';

/** Where API keys live. Values never leave main: the renderer only learns whether one is set. */
export interface SecretStore {
  readonly kind: string;
  get(id: string): Promise<string | undefined>;
  /** Whether a value is stored, readable here or not (a key the app encrypted, seen from the CLI). */
  has(id: string): Promise<boolean>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Encrypts and decrypts single values; in the app this is Electron's safeStorage. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/**
 * A stored value that only the desktop app can read: it was encrypted with the system keychain
 * (Electron safeStorage), and the CLI and the web bridge run without it.
 */
export class SecretUnreadableError extends AppError {
  /** `endpoint`: the name of the endpoint the key belongs to, for the message. */
  constructor(readonly id: string, readonly endpoint?: string) {
    super('unavailable', `The API key of ${endpoint ? `the endpoint "${endpoint}"` : 'this endpoint'} was saved by the PhonePilot desktop app, encrypted with the system keychain, which only the desktop app can read: type the key again in Settings > Model endpoints here, or use the desktop app.`, { details: { fix: 'key', endpointId: id } });
    this.name = 'SecretUnreadableError';
  }
}

/**
 * One entry of secrets.json. A plain string is the value itself (written by the CLI or the web
 * bridge, protected by the file's 0600 mode); `{ safeStorage }` is the value encrypted by the app
 * with the system keychain, marked as such so a process without that keychain knows it cannot
 * use it instead of sending the ciphertext as a key.
 */
type StoredSecret = string | { safeStorage: string };

/**
 * Before entries were marked, the app stored its ciphertext as a bare base64 string. Electron's
 * safeStorage output starts with a version tag ("v10"/"v11" on Linux and macOS) or, on Windows,
 * the DPAPI blob header: such a string is read as encrypted.
 */
function looksEncrypted(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length < 16) return false;
  const head = Buffer.from(value.slice(0, 16), 'base64');
  return /^v1\d/.test(head.subarray(0, 3).toString('latin1')) || head.subarray(0, 4).equals(Buffer.from([1, 0, 0, 0]));
}

/**
 * Secrets in one JSON file written with mode 0600, shared by the app, the CLI and the bridge.
 * With a cipher (Electron safeStorage) new values are stored encrypted and marked; without one
 * they are stored as typed and the file's permissions are the protection. Both read each
 * other's plain entries; an encrypted entry read without the cipher is a SecretUnreadableError.
 */
export class FileSecretStore implements SecretStore {
  readonly kind: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string, private readonly cipher?: SecretCipher) {
    this.kind = cipher ? 'safeStorage' : 'file-0600';
  }

  async get(id: string): Promise<string | undefined> {
    const stored = entryOf((await this.readAll())[id]);
    if (stored === undefined) return undefined;
    if (typeof stored === 'object') {
      if (!this.cipher) throw new SecretUnreadableError(id);
      return this.cipher.decrypt(Buffer.from(stored.safeStorage, 'base64'));
    }
    if (!looksEncrypted(stored)) return stored;
    if (!this.cipher) throw new SecretUnreadableError(id);
    try {
      return this.cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      return stored; // a plain key that merely looked like ciphertext
    }
  }

  async has(id: string): Promise<boolean> {
    return entryOf((await this.readAll())[id]) !== undefined;
  }

  set(id: string, value: string): Promise<void> {
    return this.mutate((all) => {
      all[id] = this.cipher ? { safeStorage: this.cipher.encrypt(value).toString('base64') } : value;
    });
  }

  delete(id: string): Promise<void> {
    return this.mutate((all) => {
      delete all[id];
    });
  }

  /** Entries this version does not understand are written back as they were. */
  private mutate(change: (all: Record<string, unknown>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.readAll();
      change(all);
      await writeFileAtomic(this.file, JSON.stringify(all), 0o600);
      await chmod(this.file, 0o600);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readAll(): Promise<Record<string, unknown>> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
}

function entryOf(value: unknown): StoredSecret | undefined {
  if (typeof value === 'string') return value;
  const encrypted = value && typeof value === 'object' ? (value as { safeStorage?: unknown }).safeStorage : undefined;
  return typeof encrypted === 'string' ? { safeStorage: encrypted } : undefined;
}
