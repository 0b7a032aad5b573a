import type { Domain, DomainContext } from './domain';

export function createCoreDomain(ctx: DomainContext): Domain {
  return {
    name: 'core',
    handlers: {
      'app.info': async () => ({ name: 'PhonePilot', version: ctx.version, transport: ctx.transport, platform: process.platform, dataDir: ctx.paths.dataDir }),
      'diagnostics.streamProbe': async ({ count, size }) => {
        const sink = ctx.streams.open();
        let sent = 0;
        const pump = () => {
          // Small batches, so a large probe does not monopolise the event loop.
          for (let batch = 0; batch < 16 && sent < count && !sink.closed; batch++, sent++) {
            const bytes = new Uint8Array(size);
            for (let i = 0; i < size; i++) bytes[i] = (sent + i) & 0xff;
            sink.send(bytes.buffer);
          }
          if (sink.closed) return;
          if (sent < count) setImmediate(pump);
          else sink.end('done');
        };
        // Start once attached, so a slow renderer sees every buffer without the backlog cap.
        const waitAttach = () => (sink.attached ? pump() : sink.closed ? undefined : setTimeout(waitAttach, 5));
        waitAttach();
        return { streamId: sink.id };
      },
    },
  };
}
