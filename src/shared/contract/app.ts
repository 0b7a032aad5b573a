import { z } from 'zod';
import { event, request } from './define';
import { StreamHandle } from './streams';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'bridge', 'cli']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appRequests = {
  'app.info': request(z.object({}).strict(), AppInfo),
  /**
   * Opens a stream of `count` buffers of `size` bytes (byte i of buffer n = (n + i) & 0xff).
   * It proves and measures the binary fast path of a transport (doctor, tests, benchmarks).
   */
  'diagnostics.streamProbe': request(
    z.object({ count: z.number().int().min(1).max(10_000), size: z.number().int().min(1).max(4 * 1024 * 1024) }).strict(),
    StreamHandle,
  ),
};

export const appEvents = {
  /** A service failed in the background: shown to the user as a toast. */
  'app.notice': event(z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), code: z.string().optional() })),
};
