import { chmod, readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write';

/** Where API keys live. Values never leave main: the renderer only learns whether one is set. */
export interface SecretStore {
  readonly kind: string;
  get(id: string): Promise<string | undefined>;
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Encrypts and decrypts single values; in the app this is Electron's safeStorage. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/**
 * Secrets in one JSON file written with mode 0600. With a cipher (Electron safeStorage) the
 * values are encrypted; without one (CLI, bridge) the file's permissions are the protection.
 */
export class FileSecretStore implements SecretStore {
  readonly kind: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string, private readonly cipher?: SecretCipher) {
    this.kind = cipher ? 'safeStorage' : 'file-0600';
  }

  async get(id: string): Promise<string | undefined> {
    const stored = (await this.readAll())[id];
    if (stored === undefined) return undefined;
    return this.cipher ? this.cipher.decrypt(Buffer.from(stored, 'base64')) : stored;
  }

  set(id: string, value: string): Promise<void> {
    return this.mutate((all) => {
      all[id] = this.cipher ? this.cipher.encrypt(value).toString('base64') : value;
    });
  }

  delete(id: string): Promise<void> {
    return this.mutate((all) => {
      delete all[id];
    });
  }

  private mutate(change: (all: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.readAll();
      change(all);
      await writeFileAtomic(this.file, JSON.stringify(all), 0o600);
      await chmod(this.file, 0o600);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }
}
