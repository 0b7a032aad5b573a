import { AppError, type Envelope } from '../errors';
import type { BinaryStream } from './streams';
import { REQUEST_NAMES, type EventName, type EventPayload, type RequestName, type RequestPayload, type RequestResult } from './index';

/**
 * What a transport provides to the client: one request primitive, event subscription and
 * stream attachment. Transports are the preload's named API (Electron) or a WebSocket (bridge);
 * neither is visible to stores, which receive the typed client below.
 */
export interface Transport {
  request(name: RequestName, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
  attachStream(streamId: string): BinaryStream;
  readonly kind: 'electron' | 'bridge';
}

type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
type Namespaces = Split<RequestName>[0];
type MethodsOf<NS extends string> = {
  [N in RequestName as Split<N>[0] extends NS ? Split<N>[1] : never]: (
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "every field optional" test
    ...args: {} extends RequestPayload<N> ? [payload?: RequestPayload<N>] : [payload: RequestPayload<N>]
  ) => Promise<RequestResult<N>>;
};

export type ApiClient = { [NS in Namespaces]: MethodsOf<NS> } & {
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
  attachStream(streamId: string): BinaryStream;
  readonly transport: 'electron' | 'bridge';
};

/** Builds `client.settings.get()`-style named methods from the contract's request names. */
export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, unknown> = {
    on: (name: EventName, listener: (payload: unknown) => void) => transport.subscribe(name, listener),
    attachStream: (streamId: string) => transport.attachStream(streamId),
    transport: transport.kind,
  };
  for (const name of REQUEST_NAMES) {
    // Split at the first dot only, like the `Split` type above: `voice.models.state` becomes
    // `client.voice['models.state']`, not a `models` method that every voice.models.* overwrites.
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    const method = name.slice(dot + 1);
    const group = (client[ns] ??= {}) as Record<string, unknown>;
    group[method] = async (payload: unknown = {}) => {
      const envelope = await transport.request(name, payload);
      if (!envelope.ok) throw AppError.fromEnvelope(envelope.error);
      return envelope.result;
    };
  }
  return client as unknown as ApiClient;
}
