import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { type EndpointInput, type ModelEndpoint, Settings, SETTINGS_VERSION, type SettingsPatch } from '../../../shared/settings';
import type { SettingsState } from '../../../shared/contract';
import { writeFileAtomic } from './atomic-write';
import { SecretUnreadableError, type SecretStore } from './secret-store';

const defaults = (): Settings => Settings.parse({ version: SETTINGS_VERSION });

/**
 * The versioned settings file. Every change goes through one queue (read-modify-write on the
 * in-memory copy, then an atomic write), so concurrent updates never lose one another. A file
 * that fails to parse or validate is renamed aside and reported; defaults are used.
 */
export class SettingsStore {
  private current: Settings = defaults();
  private loadProblem: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly emitter = new EventEmitter();

  constructor(readonly file: string, private readonly secrets: SecretStore) {}

  async load(): Promise<SettingsState> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.state();
      throw new AppError('io', `Cannot read settings file ${this.file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const json: unknown = JSON.parse(raw);
      this.current = Settings.parse(migrate(json));
    } catch (error) {
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.file, aside);
      const reason = error instanceof SyntaxError ? 'it is not valid JSON' : 'it does not match the settings schema';
      this.loadProblem = `The settings file was unreadable (${reason}); it was kept as ${aside} and defaults are in use.`;
      this.current = defaults();
    }
    return this.state();
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  state(): SettingsState {
    return { settings: this.get(), file: this.file, loadProblem: this.loadProblem };
  }

  onChange(listener: (state: SettingsState) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  update(patch: SettingsPatch): Promise<SettingsState> {
    return this.mutate((s) => {
      Object.assign(s, patch);
    });
  }

  async saveEndpoint(input: EndpointInput): Promise<ModelEndpoint> {
    const id = input.id ?? randomUUID();
    if (input.apiKey !== undefined) {
      if (input.apiKey === '') await this.secrets.delete(id);
      else await this.secrets.set(id, input.apiKey);
    }
    let saved: ModelEndpoint | undefined;
    await this.mutate(async (s) => {
      const existing = s.endpoints.find((e) => e.id === id);
      if (input.id && !existing) throw new AppError('not_found', `No endpoint with id ${input.id}`);
      const hasApiKey = input.apiKey !== undefined ? input.apiKey !== '' : await this.secrets.has(id);
      saved = { id, name: input.name, baseURL: input.baseURL.trim().replace(/\/+$/, ''), model: input.model, protocol: input.protocol, hasApiKey };
      if (existing) Object.assign(existing, saved);
      else s.endpoints.push(saved);
      s.activeEndpointId ??= id;
    });
    return saved!;
  }

  async removeEndpoint(id: string): Promise<boolean> {
    let removed = false;
    await this.mutate((s) => {
      const before = s.endpoints.length;
      s.endpoints = s.endpoints.filter((e) => e.id !== id);
      removed = s.endpoints.length !== before;
      if (s.activeEndpointId === id) s.activeEndpointId = s.endpoints[0]?.id ?? null;
    });
    if (removed) await this.secrets.delete(id);
    return removed;
  }

  endpoint(id: string): ModelEndpoint | undefined {
    return this.current.endpoints.find((e) => e.id === id);
  }

  /** The endpoint's key; a key only the desktop app can decrypt is an error naming the endpoint. */
  async apiKey(id: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(id);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new SecretUnreadableError(id, this.endpoint(id)?.name);
    }
  }

  /**
   * Every stored key this process can read: what a trace, an export or a window must never
   * contain, whichever endpoint a task used.
   */
  async storedApiKeys(): Promise<string[]> {
    const keys = await Promise.all(this.current.endpoints.map((e) => this.secrets.get(e.id).catch(() => undefined)));
    return keys.filter((k): k is string => typeof k === 'string' && k !== '');
  }

  private mutate(change: (s: Settings) => void | Promise<void>): Promise<SettingsState> {
    const next = this.queue.then(async () => {
      const draft = this.get();
      await change(draft);
      const valid = Settings.parse(draft);
      await writeFileAtomic(this.file, `${JSON.stringify(valid, null, 2)}\n`);
      this.current = valid;
      const state = this.state();
      this.emitter.emit('change', state);
      return state;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Older settings files are upgraded here, one version at a time. */
function migrate(json: unknown): unknown {
  if (!json || typeof json !== 'object') return json;
  const v = (json as { version?: unknown }).version;
  if (v === undefined) return { ...json, version: SETTINGS_VERSION };
  return json;
}
