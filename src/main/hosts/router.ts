import type { z } from 'zod';
import { isRequestName, requests, type CallContext, type Handlers } from '../../shared/contract';
import { AppError, toErrorEnvelope, type Envelope } from '../../shared/errors';

function validationError(where: string, name: string, error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
  return new AppError('validation', `Invalid ${where} for ${name}: ${issues.join('; ')}`, { details: { issues } });
}

/**
 * The single entry point of both transports: checks the channel name, validates the payload
 * against the contract, runs the handler and validates (and strips) its result, so nothing the
 * contract does not declare (a secret, an internal field) can reach a renderer.
 */
export function createRouter(handlers: Handlers) {
  return async function dispatch(name: unknown, payload: unknown, ctx: CallContext): Promise<Envelope<unknown>> {
    try {
      if (!isRequestName(name)) throw new AppError('unknown_channel', `Unknown request "${String(name).slice(0, 100)}"`);
      const def = requests[name];
      const parsed = def.payload.safeParse(payload ?? {});
      if (!parsed.success) throw validationError('payload', name, parsed.error);
      const handler = handlers[name] as (p: unknown, c: CallContext) => Promise<unknown>;
      const result = await handler(parsed.data, ctx);
      const checked = def.result.safeParse(result);
      if (!checked.success) throw validationError('result', name, checked.error);
      return { ok: true, result: checked.data };
    } catch (error) {
      return { ok: false, error: toErrorEnvelope(error) };
    }
  };
}

export type Dispatch = ReturnType<typeof createRouter>;
