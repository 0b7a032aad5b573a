import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseEndpoint } from '../../../src/cli/run/endpoint-choice';
import { FileSecretStore } from '../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../src/main/platform/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let settings: SettingsStore;
beforeEach(async () => {
  tmp = await makeTempDir('pp-endpoint-choice-');
  settings = new SettingsStore(join(tmp.dir, 'settings.json'), new FileSecretStore(join(tmp.dir, 'secrets.json')));
  await settings.load();
});
afterEach(async () => { await tmp.cleanup(); });

describe('chooseEndpoint', () => {
  it('takes --base-url/--model with the key from the named environment variable', async () => {
    const e = await chooseEndpoint({ baseUrl: 'http://localhost:8000/v1', model: 'm', apiKeyEnv: 'K', protocol: 'uitars' }, settings, { K: 'sk-1' });
    expect(e).toEqual({ name: 'command line', baseURL: 'http://localhost:8000/v1', model: 'm', protocol: 'uitars', apiKey: 'sk-1' });
  });

  it('refuses what cannot work, with the flag to fix', async () => {
    await expect(chooseEndpoint({ baseUrl: 'localhost:8000', model: 'm' }, settings, {})).rejects.toThrow(/--base-url/);
    await expect(chooseEndpoint({ baseUrl: 'http://x/v1', model: 'm', apiKeyEnv: 'MISSING' }, settings, {})).rejects.toThrow(/MISSING.*not set/);
    await expect(chooseEndpoint({ baseUrl: 'http://x/v1', model: 'm', protocol: 'gpt' }, settings, {})).rejects.toThrow(/--protocol/);
    await expect(chooseEndpoint({ baseUrl: 'http://x/v1' }, settings, {})).rejects.toThrow(/go together/);
    await expect(chooseEndpoint({}, settings, {})).rejects.toThrow(/No model endpoint/);
  });

  it('uses a saved endpoint by name, with its stored key', async () => {
    await settings.saveEndpoint({ name: 'Local AutoGLM', baseURL: 'http://localhost:8000/v1', model: 'autoglm-phone-9b', protocol: 'autoglm', apiKey: 'sk-saved' });
    const e = await chooseEndpoint({ endpoint: 'Local AutoGLM' }, settings, {});
    expect(e).toMatchObject({ name: 'Local AutoGLM', protocol: 'autoglm', apiKey: 'sk-saved' });
    await expect(chooseEndpoint({ endpoint: 'Nope' }, settings, {})).rejects.toThrow(/saved: Local AutoGLM/);
    // The only saved endpoint is the default.
    expect(await chooseEndpoint({}, settings, {})).toMatchObject({ name: 'Local AutoGLM' });
  });
});
