import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_MODEL, FAKE_TEXT } from '../../../support/voice-fixtures';

// The app runs the voice service from electron-vite's bundle, not from TypeScript. This builds
// the service and the worker the way the main build does (several inputs, shared code split
// into chunks/, dependencies external) and runs the result in plain Node.

const ROOT = join(import.meta.dirname, '../../../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-voice-bundle-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const entries = join(dir, 'src');
  await mkdir(entries);
  const service = JSON.stringify(join(ROOT, 'src/main/features/voice/voice-service.ts'));
  // Two entries that both use the service, so rollup moves it into a shared chunk.
  for (const name of ['one', 'two']) {
    await writeFile(join(entries, `${name}.ts`), [
      `import { VoiceService } from ${service};`,
      'const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin(i / 5));',
      `const s = new VoiceService({ modelPath: process.argv[2], idleUnloadMs: 0, threads: 1 });`,
      `const r = await s.transcribe(tone, { language: 'en' });`,
      `await s.dispose();`,
      `process.stdout.write(r.text);`,
    ].join('\n'));
  }
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir: join(dir, 'out/main'),
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: {
          one: join(entries, 'one.ts'),
          two: join(entries, 'two.ts'),
          'voice-worker': join(ROOT, 'src/main/features/voice/transcribe-worker.ts'),
        },
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^@fugood\//],
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the bundled voice worker', () => {
  it('is found and runs from out/main/voice-worker.js', async () => {
    // The service really sits in a shared chunk, one directory below the worker.
    const chunks = await readdir(join(dir, 'out/main/chunks'));
    const texts = await Promise.all(chunks.map((c) => readFile(join(dir, 'out/main/chunks', c), 'utf8')));
    expect(texts.some((t) => t.includes('class VoiceService'))).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'out/main/one.js'), FAKE_MODEL], {
      env: { ...process.env, GGML_NO_BACKTRACE: '1' },
    });
    expect(stdout).toBe(FAKE_TEXT);
  });
});
