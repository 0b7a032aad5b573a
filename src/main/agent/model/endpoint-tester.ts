import OpenAI from 'openai';
import type { ConnectionTestResult } from '../../../shared/contract';
import { KnownSecrets } from '../../../shared/known-secrets';
import { describeModelError, type DescribedModelError } from './model-error';

export interface EndpointProbe {
  baseURL: string;
  model: string;
  apiKey?: string;
}

/**
 * "Test connection": list the endpoint's models (cheap, no tokens spent). Servers that do not
 * implement /models get one tiny chat request instead. Either way the user sees latency or a
 * precise reason and what to do about it.
 */
export async function testEndpoint(probe: EndpointProbe, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ConnectionTestResult> {
  const client = new OpenAI({
    baseURL: probe.baseURL,
    apiKey: probe.apiKey || 'no-key',
    timeout: options.timeoutMs ?? 10_000,
    maxRetries: 0,
  });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // A server may quote the key it refused; the result goes to a window.
  const known = new KnownSecrets([probe.apiKey]);
  const described = (error: unknown): DescribedModelError => {
    const d = describeModelError(error, probe.baseURL);
    return { ...d, message: known.redact(d.message), hint: known.redact(d.hint) };
  };
  try {
    const page = await client.models.list({ signal: options.signal });
    const models = page.data.map((m) => m.id);
    const modelListed = models.includes(probe.model);
    const message = modelListed
      ? `Connected in ${elapsed()} ms; model "${probe.model}" is served.`
      : `Connected in ${elapsed()} ms, but "${probe.model}" is not among the ${models.length} listed model(s): ${models.slice(0, 5).join(', ') || 'none'}.`;
    return { ok: true, latencyMs: elapsed(), models, modelListed, message };
  } catch (listError) {
    const listFailure = described(listError);
    // Only a 404 on /models can be "this server has no model list"; if the URL itself looks
    // wrong (no /v1) a chat request would 404 too, so report the URL problem straight away.
    if (listFailure.code !== 'model_not_found_url' || !/\/v\d+\/?$/.test(new URL(probe.baseURL).pathname)) {
      return { ok: false, latencyMs: elapsed(), ...listFailure };
    }
    try {
      await client.chat.completions.create(
        { model: probe.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
        { signal: options.signal },
      );
      return { ok: true, latencyMs: elapsed(), models: [], modelListed: false, message: `Connected in ${elapsed()} ms (the server has no model list; a 1-token request succeeded).` };
    } catch (chatError) {
      return { ok: false, latencyMs: elapsed(), ...described(chatError) };
    }
  }
}
