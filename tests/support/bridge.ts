import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppServices } from '../../src/main/features/app-services';
import { WsBridge } from '../../src/main/hosts/bridge/ws-bridge';
import { makeTempDir } from './temp-dir';

export const RENDERER_DIR = join(process.cwd(), 'out', 'renderer');

export interface TestBridge {
  services: AppServices;
  bridge: WsBridge;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The app's services and the web bridge in this process, on a private data dir. */
export async function startTestBridge(options: { env?: NodeJS.ProcessEnv; requireRenderer?: boolean } = {}): Promise<TestBridge> {
  if (options.requireRenderer && !existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}): run \`npm run build\` first (npm test does).`);
  }
  const tmp = await makeTempDir('phonepilot-bridge-');
  const services = new AppServices({ transport: 'bridge', version: 'test', dataDir: tmp.dir, env: options.env });
  await services.start();
  const bridge = new WsBridge({ services, rendererDir: RENDERER_DIR });
  const url = await bridge.start();
  return {
    services, bridge, url, dataDir: tmp.dir,
    async stop() {
      await bridge.stop();
      await services.dispose();
      await tmp.cleanup();
    },
  };
}
