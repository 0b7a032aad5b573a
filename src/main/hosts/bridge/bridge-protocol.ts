import { z } from 'zod';

// Messages on the bridge's JSON WebSocket. Binary streams use their own sockets (/stream).
export const BridgeClientMessage = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  payload: z.unknown(),
});
export type BridgeClientMessage = z.infer<typeof BridgeClientMessage>;

export type BridgeServerMessage =
  | { t: 'res'; id: number; envelope: unknown }
  | { t: 'evt'; name: string; payload: unknown };
