// `npm run web`: the app's services in plain Node, the renderer in any browser on 127.0.0.1.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppServices } from '../../features/app-services';
import { WsBridge } from './ws-bridge';
import { APP_VERSION } from '../../platform/version';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } } });
  const services = new AppServices({ transport: 'bridge', version: APP_VERSION, dataDir: values['data-dir'] });
  await services.start();
  const here = dirname(fileURLToPath(import.meta.url));
  const bridge = new WsBridge({ services, rendererDir: join(here, '..', 'renderer'), port: Number(values.port) });
  const url = await bridge.start();
  process.stdout.write(`PhonePilot web bridge: open ${url}\n(loopback only; the token in the URL is the key; Ctrl-C stops)\n`);
  const shutdown = async () => {
    await bridge.stop();
    await services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`phonepilot web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
