// A DomainContext on a temp data dir (real settings file, bus, stream hub) and a router over one
// domain's handlers, so requests are validated against the contract both ways as in the app.
import { appPaths } from '../../../../src/main/platform/app-paths';
import type { DomainContext } from '../../../../src/main/features/domain';
import { EventBus } from '../../../../src/main/platform/event-bus';
import { FileSecretStore } from '../../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../../src/main/platform/settings/settings-store';
import { StreamHub } from '../../../../src/main/platform/stream-hub';
import { createRouter } from '../../../../src/main/hosts/router';
import type { EventName, Handlers, RequestName, RequestPayload, RequestResult } from '../../../../src/shared/contract';
import { AppError } from '../../../../src/shared/errors';

export async function domainContext(dataDir: string): Promise<{ ctx: DomainContext; events: Array<{ name: EventName; payload: unknown }> }> {
  const paths = appPaths(dataDir);
  const settings = new SettingsStore(paths.settingsFile, new FileSecretStore(paths.secretsFile));
  await settings.load();
  const bus = new EventBus();
  const events: Array<{ name: EventName; payload: unknown }> = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  return { ctx: { paths, bus, streams: new StreamHub(), settings, env: {}, transport: 'bridge', version: 'test' }, events };
}

/** Calls a request through the router; a failure rejects with the AppError the renderer would see. */
export function caller(handlers: Partial<Handlers>) {
  const dispatch = createRouter(handlers as Handlers);
  return async <N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N>> => {
    const envelope = await dispatch(name, payload, { transport: 'in-process' });
    if (!envelope.ok) throw AppError.fromEnvelope(envelope.error);
    return envelope.result as RequestResult<N>;
  };
}
