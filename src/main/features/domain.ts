import type { AppInfo } from '../../shared/contract';
import type { Handlers } from '../../shared/contract';
import type { AppPaths } from '../platform/app-paths';
import type { EventBus } from '../platform/event-bus';
import type { SettingsStore } from '../platform/settings/settings-store';
import type { StreamHub } from '../platform/stream-hub';

/** What every domain of the app gets: shared infrastructure, no other domain's internals. */
export interface DomainContext {
  paths: AppPaths;
  bus: EventBus;
  streams: StreamHub;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  transport: AppInfo['transport'];
  version: string;
}

/**
 * One area of the app (settings, devices, mirror, agent, voice, traces): the requests it
 * answers and what it owns. Started in order, disposed in reverse.
 */
export interface Domain {
  name: string;
  handlers: Partial<Handlers>;
  start?(): Promise<void>;
  dispose?(): Promise<void>;
}
