import type { z } from 'zod';
import type { RequestName, Requests } from './index';

// What answers the contract: one handler per request, typed from its schemas. Features implement
// it, the hosts' router dispatches to it; it lives with the contract so neither depends on the
// other.

export interface CallContext {
  transport: 'electron' | 'bridge' | 'in-process';
}

export type Handlers = {
  [N in RequestName]: (payload: z.output<Requests[N]['payload']>, ctx: CallContext) => Promise<z.input<Requests[N]['result']>>;
};
