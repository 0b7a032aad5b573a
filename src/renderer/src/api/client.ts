import type { InjectionKey } from 'vue';
import { inject } from 'vue';
import { createApiClient, type ApiClient } from '../../../shared/contract/client';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport } from './ws-transport';

export const API_KEY: InjectionKey<ApiClient> = Symbol('phonepilot-api');

/** Electron when the preload is present, else the web bridge with the token from the URL. */
export function connectApi(): ApiClient {
  if (window.phonepilot) return createApiClient(createIpcTransport(window.phonepilot));
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) throw new Error('This page needs the token from the URL that `npm run web` printed.');
  return createApiClient(createWsTransport(window.location, token));
}

/** Stores and components get the client by injection, never from a global. */
export function useApi(): ApiClient {
  const api = inject(API_KEY);
  if (!api) throw new Error('API client not provided');
  return api;
}
