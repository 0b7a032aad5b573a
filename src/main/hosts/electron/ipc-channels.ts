// Channel names used by the preload and main beyond the contract's own request/event names.
// Requests use `req:<name>`, events `evt:<name>`, so the two name spaces cannot collide.
export const REQUEST_PREFIX = 'req:';
export const EVENT_PREFIX = 'evt:';
/** Main -> preload: a MessagePort for one binary stream, tagged with the stream id. */
export const STREAM_PORT_CHANNEL = 'stream-port';
/** Preload -> main: attach the renderer to a stream (main answers with a port). */
export const STREAM_ATTACH_CHANNEL = 'stream-attach';
