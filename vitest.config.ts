import { defineConfig } from 'vitest/config';

// Three projects, one runner: `npm test` runs them all after typecheck, lint and build.
// Integration and e2e use real adb, ffmpeg, Chromium: generous timeouts, few workers
// (the machine has 2 cores), never timing assertions (speed lives in `npm run bench`).
// Groups run in order: unit, then integration, then e2e.
const env = { GGML_NO_BACKTRACE: '1', PHONEPILOT_TEST: '1' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env, testTimeout: 20_000, sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration', include: ['tests/integration/**/*.test.ts'], env,
          testTimeout: 90_000, hookTimeout: 90_000, maxWorkers: 2, sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], env,
          testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false, sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
