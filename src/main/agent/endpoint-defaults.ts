// Generation settings per protocol, as the models' reference clients use them, so an endpoint
// from Settings becomes a working model client without the user tuning anything.
import type { ModelClientOptions } from './model-client';
import type { ProtocolId } from './protocols/types';

export type GenerationSettings = Pick<ModelClientOptions, 'temperature' | 'topP' | 'frequencyPenalty' | 'maxTokens'>;

export const PROTOCOL_GENERATION_DEFAULTS: Record<ProtocolId, GenerationSettings> = {
  // Open-AutoGLM's defaults (deterministic, mild repetition penalty, room for the <think> part).
  autoglm: { temperature: 0, topP: 0.85, frequencyPenalty: 0.2, maxTokens: 3000 },
  uitars: { temperature: 0, maxTokens: 1000 },
  generic: { temperature: 0, maxTokens: 1024 },
};

export interface EndpointLike { baseURL: string; model: string; protocol: ProtocolId }

/** Model client options for an endpoint; `apiKey` stays in the returned object only. */
export function modelClientOptionsFor(endpoint: EndpointLike, apiKey: string | undefined, overrides: Partial<ModelClientOptions> = {}): ModelClientOptions {
  return { baseURL: endpoint.baseURL, model: endpoint.model, ...(apiKey ? { apiKey } : {}), ...PROTOCOL_GENERATION_DEFAULTS[endpoint.protocol], ...overrides };
}
