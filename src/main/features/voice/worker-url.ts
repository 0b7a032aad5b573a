import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Where the worker entry lives. Unbundled (vitest, tsx: this module is a .ts file) it is the
// sibling transcribe-worker.ts. Bundled by electron-vite it is `voice-worker.js`, emitted as
// its own rollup input into out/main/, while this module ends up either in an entry file
// (out/main/*.js) or in a shared chunk (out/main/chunks/*.js): look in both places.

export const BUNDLED_WORKER_FILE = 'voice-worker.js';

export function defaultWorkerUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts')) return new URL('./transcribe-worker.ts', moduleUrl);
  const candidates = [new URL(`./${BUNDLED_WORKER_FILE}`, moduleUrl), new URL(`../${BUNDLED_WORKER_FILE}`, moduleUrl)];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0];
}
