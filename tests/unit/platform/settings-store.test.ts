import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../src/main/platform/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

describe('SettingsStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const open = () => new SettingsStore(join(dir, 'settings.json'), new FileSecretStore(join(dir, 'secrets.json')));

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('keeps a corrupt file aside, reports it and uses defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{"version": 1, "theme": ');
    const state = await open().load();
    expect(state.loadProblem).toMatch(/not valid JSON/);
    expect(state.settings.endpoints).toEqual([]);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"version": 1, "theme": ');
  });

  it('reports a file that parses but does not match the schema', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, theme: 'purple' }));
    const state = await open().load();
    expect(state.loadProblem).toMatch(/schema/);
    expect(state.settings.theme).toBe('system');
  });

  it('loses no update under concurrent writes, and a reload sees them all', async () => {
    const store = open();
    await store.load();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.saveEndpoint({ name: `ep${i}`, baseURL: `http://127.0.0.1:${9000 + i}/v1`, model: 'm', protocol: 'generic' })));
    await Promise.all([store.update({ theme: 'dark' }), store.update({ agent: { maxSteps: 7, lang: 'zh', animationsOff: false } })]);
    const reloaded = await open().load();
    expect(reloaded.settings.endpoints.map((e) => e.name).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ep${i}`).sort());
    expect(reloaded.settings.theme).toBe('dark');
    expect(reloaded.settings.agent.maxSteps).toBe(7);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stores API keys only in the 0600 secrets file and reports just "key set"', async () => {
    const store = open();
    await store.load();
    const saved = await store.saveEndpoint({ name: 'hosted', baseURL: 'https://example.invalid/v1', model: 'm', protocol: 'autoglm', apiKey: 'sk-very-secret' });
    expect(saved).not.toHaveProperty('apiKey');
    expect(saved.hasApiKey).toBe(true);
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('sk-very-secret');
    expect(JSON.stringify(store.state())).not.toContain('sk-very-secret');
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(await store.apiKey(saved.id)).toBe('sk-very-secret');
    // Editing without a key keeps it; an empty key clears it; removing the endpoint deletes it.
    await store.saveEndpoint({ id: saved.id, name: 'renamed', baseURL: 'https://example.invalid/v1', model: 'm', protocol: 'autoglm' });
    expect(store.endpoint(saved.id)?.hasApiKey).toBe(true);
    await store.removeEndpoint(saved.id);
    expect(await store.apiKey(saved.id)).toBeUndefined();
  });
});
