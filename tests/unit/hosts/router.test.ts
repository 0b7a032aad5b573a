import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, events, requests } from '../../../src/shared/contract';
import { createApiClient, type Transport } from '../../../src/shared/contract/client';
import { AppError } from '../../../src/shared/errors';
import { createRouter } from '../../../src/main/hosts/router';
import { AppServices } from '../../../src/main/features/app-services';
import { makeTempDir } from '../../support/temp-dir';

describe('contract router (main side)', () => {
  let services: AppServices;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const tmp = await makeTempDir();
    cleanup = tmp.cleanup;
    services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir });
    await services.start();
  });
  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('lists exactly the contract names for the preload', () => {
    expect([...REQUEST_NAMES].sort()).toEqual(Object.keys(requests).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('rejects a bad payload with a validation error naming the field', async () => {
    const dispatch = createRouter(services.handlers);
    const result = await dispatch('endpoints.save', { name: 'x', baseURL: 'not a url', model: 'm', protocol: 'autoglm' }, { transport: 'in-process' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toContain('baseURL');
  });

  it('rejects unknown keys (strict payloads) and unknown channels', async () => {
    const dispatch = createRouter(services.handlers);
    const extra = await dispatch('settings.get', { sneaky: true }, { transport: 'in-process' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
    const unknown = await dispatch('shell.exec', { cmd: 'rm -rf /' }, { transport: 'in-process' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const proto = await dispatch('__proto__', {}, { transport: 'in-process' });
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('keeps the error code across the boundary and rebuilds a typed error in the client', async () => {
    const dispatch = createRouter(services.handlers);
    const transport: Transport = {
      kind: 'bridge',
      request: (name, payload) => dispatch(name, JSON.parse(JSON.stringify(payload)), { transport: 'in-process' }).then((e) => JSON.parse(JSON.stringify(e))),
      subscribe: () => () => undefined,
      attachStream: () => {
        throw new Error('not used');
      },
    };
    const client = createApiClient(transport);
    const error = await client.endpoints.test({ id: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
    expect((await client.app.info()).version).toBe('test');
  });

  it('strips result fields the contract does not declare', async () => {
    const handlers = { ...services.handlers, 'app.info': async () => ({ ...(await services.handlers['app.info']({}, { transport: 'in-process' })), secret: 'sk-leak' }) };
    const result = await createRouter(handlers)('app.info', {}, { transport: 'in-process' });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('sk-leak');
  });
});

describe('composeHandlers', () => {
  it('refuses a request answered twice or not at all', async () => {
    const { composeHandlers } = await import('../../../src/main/features/app-services');
    const tmp = await makeTempDir();
    const services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir });
    const all = { name: 'all', handlers: services.handlers };
    expect(() => composeHandlers([all, { name: 'dup', handlers: { 'app.info': services.handlers['app.info'] } }])).toThrow(/app.info is answered by two domains/);
    const { 'doctor.run': _dropped, ...rest } = services.handlers;
    expect(() => composeHandlers([{ name: 'partial', handlers: rest }])).toThrow(/No handler for request\(s\): doctor.run/);
    await tmp.cleanup();
  });
});

describe('createApiClient', () => {
  it('names methods after the part of the request name behind the first dot', async () => {
    const seen: string[] = [];
    const transport: Transport = {
      kind: 'bridge',
      request: async (name) => {
        seen.push(name);
        return { ok: true, result: {} };
      },
      subscribe: () => () => undefined,
      attachStream: () => {
        throw new Error('not used');
      },
    };
    const client = createApiClient(transport) as unknown as Record<string, Record<string, () => Promise<unknown>>>;
    for (const name of REQUEST_NAMES) {
      const dot = name.indexOf('.');
      await client[name.slice(0, dot)]![name.slice(dot + 1)]!();
    }
    expect(seen).toEqual([...REQUEST_NAMES]);
  });
});
