import { AppError } from '../../../shared/errors';
import type { Domain, DomainContext } from '../domain';
import { testEndpoint } from '../../agent/model/endpoint-tester';

export function createSettingsDomain({ settings, bus }: DomainContext): Domain {
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'settings',
    async start() {
      unsubscribe = settings.onChange((s) => bus.emit('settings.changed', s));
    },
    async dispose() {
      unsubscribe?.();
    },
    handlers: {
      'settings.get': async () => settings.state(),
      'settings.update': async (patch) => settings.update(patch),
      'endpoints.save': async (input) => settings.saveEndpoint(input),
      'endpoints.remove': async ({ id }) => ({ removed: await settings.removeEndpoint(id) }),
      'endpoints.test': async (payload) => {
        if ('baseURL' in payload) {
          const apiKey = payload.apiKey || (payload.keyOf ? await settings.apiKey(payload.keyOf) : undefined);
          return testEndpoint({ baseURL: payload.baseURL, model: payload.model, apiKey });
        }
        const endpoint = settings.endpoint(payload.id);
        if (!endpoint) throw new AppError('not_found', `No endpoint with id ${payload.id}`);
        return testEndpoint({ baseURL: endpoint.baseURL, model: endpoint.model, apiKey: await settings.apiKey(endpoint.id) });
      },
    },
  };
}
