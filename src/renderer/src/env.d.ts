/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** What the preload exposes (Electron only): named functions per request and event. */
interface PhonePilotPreloadApi {
  requests: Record<string, (payload: unknown) => Promise<unknown>>;
  events: Record<string, (listener: (payload: unknown) => void) => () => void>;
  attachStream(streamId: string): void;
}

interface Window {
  phonepilot?: PhonePilotPreloadApi;
}

declare const __APP_VERSION__: string;
