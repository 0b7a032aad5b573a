import type { z } from 'zod';

// A request: validated payload in, validated result out. An event: validated payload, main to
// renderer. Streams: a request returns a StreamHandle; the renderer attaches to it over the
// transport's binary path (a MessagePort in Electron, a binary WebSocket in the bridge).

export interface RequestDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  kind: 'request';
  payload: P;
  result: R;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  kind: 'event';
  payload: P;
}

export function request<P extends z.ZodType, R extends z.ZodType>(payload: P, result: R): RequestDef<P, R> {
  return { kind: 'request', payload, result };
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { kind: 'event', payload };
}
