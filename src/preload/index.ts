/// <reference lib="dom" />
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, REQUEST_NAMES } from '../shared/contract/names';
import { EVENT_PREFIX, REQUEST_PREFIX, STREAM_ATTACH_CHANNEL, STREAM_PORT_CHANNEL } from '../main/hosts/electron/ipc-channels';

// The renderer gets named functions, one per request and event of the contract, and a way to
// attach to a binary stream by id. No channel strings cross this bridge, nothing generic.

const requests: Record<string, (payload: unknown) => Promise<unknown>> = {};
for (const name of REQUEST_NAMES) requests[name] = (payload) => ipcRenderer.invoke(REQUEST_PREFIX + name, payload);

const events: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
for (const name of EVENT_NAMES) {
  events[name] = (listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_PREFIX + name, wrapped);
    return () => ipcRenderer.removeListener(EVENT_PREFIX + name, wrapped);
  };
}

// MessagePorts cannot cross contextBridge; forward them to the page with window.postMessage,
// where the renderer's IPC transport picks them up by stream id.
ipcRenderer.on(STREAM_PORT_CHANNEL, (event, message: { streamId: string }) => {
  const port = event.ports[0];
  if (port) window.postMessage({ phonepilotStream: message.streamId }, window.location.origin, [port]);
});

contextBridge.exposeInMainWorld('phonepilot', {
  requests: Object.freeze(requests),
  events: Object.freeze(events),
  attachStream: (streamId: string) => {
    if (typeof streamId === 'string') ipcRenderer.send(STREAM_ATTACH_CHANNEL, streamId);
  },
});
