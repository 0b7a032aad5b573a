// Which model endpoint `phonepilot run` talks to: --base-url/--model (key from --api-key-env),
// a saved endpoint by --endpoint NAME, or the active endpoint from Settings. The key stays in
// the returned object only: never printed, never traced.
import { MODEL_PROTOCOLS, type ModelProtocol } from '../../shared/settings';
import type { SettingsStore } from '../../main/platform/settings/settings-store';
import { SecretUnreadableError } from '../../main/platform/settings/secret-store';
import { CliError } from '../command';

export interface EndpointFlags {
  endpoint?: string;
  baseUrl?: string;
  model?: string;
  apiKeyEnv?: string;
  protocol?: string;
}

export interface ChosenEndpoint {
  /** The saved endpoint's id (none for --base-url). */
  id?: string;
  name: string;
  baseURL: string;
  model: string;
  protocol: ModelProtocol;
  apiKey?: string;
}

function protocolOf(value: string | undefined, fallback: ModelProtocol): ModelProtocol {
  if (value === undefined) return fallback;
  if (!(MODEL_PROTOCOLS as readonly string[]).includes(value)) throw new CliError(`--protocol must be one of ${MODEL_PROTOCOLS.join(', ')}`, 2);
  return value as ModelProtocol;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new CliError(`--base-url "${url}" is not a URL (expected e.g. http://localhost:8000/v1)`, 2); }
  if (!/^https?:$/.test(parsed.protocol)) throw new CliError(`--base-url must start with http:// or https:// (got ${parsed.protocol})`, 2);
  return url;
}

export async function chooseEndpoint(flags: EndpointFlags, settings: SettingsStore, env: NodeJS.ProcessEnv): Promise<ChosenEndpoint> {
  let apiKey: string | undefined;
  if (flags.apiKeyEnv !== undefined) {
    apiKey = env[flags.apiKeyEnv];
    if (!apiKey) throw new CliError(`--api-key-env ${flags.apiKeyEnv}: that environment variable is not set`, 2);
  }
  if (flags.baseUrl !== undefined || flags.model !== undefined) {
    if (!flags.baseUrl || !flags.model) throw new CliError('--base-url and --model go together', 2);
    if (flags.endpoint) throw new CliError('use either --endpoint or --base-url/--model', 2);
    return { name: 'command line', baseURL: checkUrl(flags.baseUrl), model: flags.model, protocol: protocolOf(flags.protocol, 'autoglm'), apiKey };
  }
  const saved = settings.get().endpoints;
  const wanted = flags.endpoint;
  const endpoint = wanted
    ? saved.find((e) => e.name === wanted || e.id === wanted)
    : saved.find((e) => e.id === settings.get().activeEndpointId) ?? (saved.length === 1 ? saved[0] : undefined);
  if (!endpoint) {
    if (wanted) throw new CliError(`No saved endpoint named "${wanted}"${saved.length ? ` (saved: ${saved.map((e) => e.name).join(', ')})` : ''}`, 2);
    throw new CliError('No model endpoint: pass --base-url URL --model M, or --endpoint NAME of one saved in Settings', 2);
  }
  return {
    id: endpoint.id, name: endpoint.name, baseURL: endpoint.baseURL, model: endpoint.model,
    protocol: protocolOf(flags.protocol, endpoint.protocol),
    apiKey: apiKey ?? (endpoint.hasApiKey ? await savedKey(settings, endpoint.id, endpoint.name) : undefined),
  };
}

/** The saved key, or how to give it when only the desktop app can read it. */
async function savedKey(settings: SettingsStore, id: string, name: string): Promise<string | undefined> {
  try {
    return await settings.apiKey(id);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    throw new CliError(`the API key of "${name}" was saved by the PhonePilot desktop app, encrypted with the system keychain, which the command line cannot read: give it with --api-key-env VAR (export VAR=<your key>; phonepilot run --endpoint "${name}" --api-key-env VAR ...)`, 2);
  }
}
