import type { Transport } from '../../../shared/contract/client';
import type { Envelope } from '../../../shared/errors';
import { ListenerStream } from './port-stream';

/** Electron: the preload's named functions; stream ports arrive by window.postMessage. */
export function createIpcTransport(api: PhonePilotPreloadApi): Transport {
  const pending = new Map<string, ListenerStream>();
  window.addEventListener('message', (event: MessageEvent) => {
    const id = (event.data as { phonepilotStream?: unknown } | null)?.phonepilotStream;
    if (event.source !== window || typeof id !== 'string') return;
    const stream = pending.get(id);
    const port = event.ports[0];
    if (!stream || !port) return;
    pending.delete(id);
    port.onmessage = (message: MessageEvent) => {
      if (message.data instanceof ArrayBuffer) stream.deliver(message.data);
      else {
        stream.finish((message.data as { reason?: string } | null)?.reason);
        port.close();
      }
    };
    port.start();
  });
  return {
    kind: 'electron',
    request: (name, payload) => {
      const fn = api.requests[name];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown request ${name}`, retryable: false } });
      return fn(payload) as Promise<Envelope<unknown>>;
    },
    subscribe: (name, listener) => api.events[name]?.(listener) ?? (() => undefined),
    attachStream: (streamId) => {
      const stream = new ListenerStream(() => pending.delete(streamId));
      pending.set(streamId, stream);
      api.attachStream(streamId);
      return stream;
    },
  };
}
