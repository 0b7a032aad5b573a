import type { EventName, RequestName } from '../../../shared/contract';
import type { Transport } from '../../../shared/contract/client';
import type { Envelope } from '../../../shared/errors';
import { ListenerStream } from './port-stream';

type ServerMessage = { t: 'res'; id: number; envelope: Envelope<unknown> } | { t: 'evt'; name: string; payload: unknown };

/**
 * The web bridge: requests and events over one WebSocket (reconnecting), each binary stream
 * over its own. The token comes from the page URL the bridge printed.
 */
export function createWsTransport(location: Location, token: string): Transport {
  const base = `ws://${location.host}`;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  const connect = () => {
    socket = new WebSocket(`${base}/ws?token=${encodeURIComponent(token)}`);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('Cannot reach the PhonePilot bridge')), { once: true });
    });
    ready.catch(() => undefined);
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.t === 'res') {
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the PhonePilot bridge closed.', retryable: true } });
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    kind: 'bridge',
    async request(name: RequestName, payload: unknown) {
      try {
        await ready;
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: (error as Error).message, retryable: true } };
      }
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ t: 'req', id, name, payload }));
      });
    },
    subscribe(name: EventName, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    attachStream(streamId: string) {
      const ws = new WebSocket(`${base}/stream?token=${encodeURIComponent(token)}&id=${encodeURIComponent(streamId)}`);
      ws.binaryType = 'arraybuffer';
      const stream = new ListenerStream(() => ws.close());
      ws.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) stream.deliver(event.data);
      });
      ws.addEventListener('close', (event) => stream.finish(event.reason || undefined));
      return stream;
    },
  };
}
