import type { z } from 'zod';
import { agentEvents, agentRequests } from './agent';
import { appEvents, appRequests } from './app';
import type { EventDef, RequestDef } from './define';
import { doctorRequests } from './doctor';
import { devicesEvents, devicesRequests } from './devices';
import { mirrorEvents, mirrorRequests } from './mirror';
import { filesEvents, filesRequests } from './files';
import { settingsEvents, settingsRequests } from './settings';
import { tracesEvents, tracesRequests } from './traces';
import { voiceEvents, voiceRequests } from './voice';
import { EVENT_NAMES, REQUEST_NAMES } from './names';

// The one contract of the app. Each domain declares its requests and events in its own file
// and is listed here; Electron IPC, the preload, the WebSocket bridge and the renderer client
// are all derived from these two objects.
export const requests = {
  ...appRequests,
  ...settingsRequests,
  ...doctorRequests,
  ...devicesRequests,
  ...mirrorRequests,
  ...filesRequests,
  ...agentRequests,
  ...tracesRequests,
  ...voiceRequests,
} satisfies Record<string, RequestDef>;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...devicesEvents,
  ...mirrorEvents,
  ...filesEvents,
  ...agentEvents,
  ...tracesEvents,
  ...voiceEvents,
} satisfies Record<string, EventDef>;

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
export type RequestPayload<N extends RequestName> = z.input<Requests[N]['payload']>;
export type RequestResult<N extends RequestName> = z.output<Requests[N]['result']>;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export { REQUEST_NAMES, EVENT_NAMES } from './names';

// Both directions, so a request added to a domain file but not to names.ts fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestNamesMatch: Same<RequestName, (typeof REQUEST_NAMES)[number]> = true;
const eventNamesMatch: Same<EventName, (typeof EVENT_NAMES)[number]> = true;
void requestNamesMatch;
void eventNamesMatch;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export * from './define';
export type * from './handlers';
export * from './streams';
export * from './app';
export * from './settings';
export * from './doctor';
export * from './devices';
export * from './mirror';
export * from './files';
export * from './agent';
export * from './traces';
export * from './voice';
