// `npm run web`: the app's services in plain Node, the renderer in any browser on 127.0.0.1.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppServices } from '../../features/app-services';
import { WsBridge } from './ws-bridge';
import { openInBrowser } from '../../platform/system/open-in-browser';
import { APP_VERSION } from '../../platform/version';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' }, open: { type: 'boolean', default: false } } });
  const services = new AppServices({ transport: 'bridge', version: APP_VERSION, dataDir: values['data-dir'] });
  await services.start();
  const here = dirname(fileURLToPath(import.meta.url));
  const bridge = new WsBridge({ services, rendererDir: join(here, '..', 'renderer'), port: Number(values.port) });
  const url = await bridge.start();
  process.stdout.write(`PhonePilot is ready at ${url}\n(loopback only; the token in the URL is the key; Ctrl+C stops)\n`);
  if (values.open) {
    const problem = await openInBrowser(url);
    if (problem) process.stdout.write(`Could not open a browser (${problem}): open the address above.\n`);
  }
  // Ctrl+C in a terminal reaches every process of the group, and npm start forwards it too:
  // the second signal must not cut the first shutdown short.
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await bridge.stop();
      await services.dispose();
      process.exit(0);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`phonepilot web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
