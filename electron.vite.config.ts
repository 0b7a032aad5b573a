import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

// One build for the three Electron targets. The main target also emits the plain-Node entry
// points (web bridge, CLI, worker threads), so they share the exact service code the app runs.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/hosts/electron/main.ts'),
          bridge: resolve(__dirname, 'src/main/hosts/bridge/main.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          // The speech worker runs in its own process (voice/worker-process.ts); found by worker-url.ts.
          'voice-worker': resolve(__dirname, 'src/main/features/voice/transcribe-worker.ts'),
          'trace-image-worker': resolve(__dirname, 'src/main/features/traces/image-worker.ts'), // found by traces/image-pool.ts
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require packages: bundle everything, emit CommonJS.
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [vue()],
    define,
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
