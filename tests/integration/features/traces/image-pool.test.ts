// The HTML export's worker threads (image-pool.ts): the same bytes as the single-thread path,
// decode errors told apart from pool failures, and close() leaves no thread (and no native
// leak warning on stderr) behind.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOWNSCALE, downscaleImage, downscaleImageSync } from '../../../../src/main/features/traces/image-downscale';
import { BUNDLED_IMAGE_WORKER_FILE, defaultImageWorkers, defaultImageWorkerUrl, ImageDecodeError, ImagePool, ImagePoolError } from '../../../../src/main/features/traces/image-pool';
import { renderScreen } from '../../../fixtures/traces/synthetic-trace';
import { makeTempDir } from '../../../support/temp-dir';

const threads = () => readdirSync('/proc/self/task').length;
let inputs: Array<{ label: string; bytes: Uint8Array }>;

beforeAll(async () => {
  inputs = [
    { label: 'full-size JPEG', bytes: await renderScreen(1) },
    { label: 'full-size PNG', bytes: await renderScreen(2, { width: 1080, height: 2400 }, 'image/png') },
    { label: 'landscape JPEG', bytes: await renderScreen(3, { width: 2400, height: 1080 }) },
    { label: 'small JPEG (kept as is)', bytes: await renderScreen(4, { width: 270, height: 600 }) },
    { label: 'small PNG (re-encoded)', bytes: await renderScreen(5, { width: 270, height: 600 }, 'image/png') },
  ];
});

describe('image pool', () => {
  it('gives byte-identical images to the single-thread paths, for every option set', async () => {
    const pool = new ImagePool(2);
    try {
      for (const options of [DEFAULT_DOWNSCALE, { maxSide: 400, format: 'webp' as const, quality: 60 }]) {
        const pooled = await Promise.all(inputs.map(({ bytes }) => pool.run(bytes, options)));
        for (const [i, { label, bytes }] of inputs.entries()) {
          const single = await downscaleImage(bytes, options);
          const sync = downscaleImageSync(bytes, options);
          expect(Buffer.from(sync.data).equals(Buffer.from(single.data)), label).toBe(true);
          expect(Buffer.from(pooled[i]!.data).equals(Buffer.from(single.data)), label).toBe(true);
          expect({ ...pooled[i], data: undefined }, label).toEqual({ ...single, data: undefined });
        }
      }
      expect(Buffer.from((await pool.run(inputs[3]!.bytes, DEFAULT_DOWNSCALE)).data).equals(Buffer.from(inputs[3]!.bytes))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('rejects a non-image with a decode error and keeps working', async () => {
    const pool = new ImagePool(1);
    try {
      await expect(pool.run(new TextEncoder().encode('not a jpeg'), DEFAULT_DOWNSCALE)).rejects.toBeInstanceOf(ImageDecodeError);
      const ok = await pool.run(inputs[0]!.bytes, DEFAULT_DOWNSCALE);
      expect(Math.max(ok.width, ok.height)).toBe(960);
    } finally {
      await pool.close();
    }
  });

  it('close() ends every thread: none left running, later jobs refused', async () => {
    const jobs = () => Promise.all(inputs.map(({ bytes }) => downscaleImage(bytes)));
    await jobs(); // libuv's pool threads exist from here on, so they do not count below
    const before = threads();
    const pool = new ImagePool(3);
    await Promise.all([...inputs, ...inputs].map(({ bytes }) => pool.run(bytes, DEFAULT_DOWNSCALE)));
    expect(pool.threadIds).toHaveLength(3);
    expect(threads()).toBeGreaterThanOrEqual(before + 3);
    await pool.close();
    expect(pool.threadIds).toEqual([]);
    expect(threads()).toBe(before);
    await expect(pool.run(inputs[0]!.bytes, DEFAULT_DOWNSCALE)).rejects.toBeInstanceOf(ImagePoolError);
  });

  it('close() while jobs are queued or running fails them as pool errors, and still ends the threads', async () => {
    const before = threads();
    const pool = new ImagePool(1);
    const pending = inputs.map(({ bytes }) => pool.run(bytes, DEFAULT_DOWNSCALE).then(() => 'done', (err: unknown) => err));
    await pool.close();
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((o) => o === 'done' || o instanceof ImagePoolError)).toBe(true);
    expect(outcomes.some((o) => o instanceof ImagePoolError)).toBe(true);
    expect(threads()).toBe(before);
  });

  it('a worker that cannot start fails its jobs as pool errors (the export then works in-thread)', async () => {
    const pool = new ImagePool(2, pathToFileURL('/nonexistent/trace-image-worker.js'));
    await expect(pool.run(inputs[0]!.bytes, DEFAULT_DOWNSCALE)).rejects.toBeInstanceOf(ImagePoolError);
    // Once every worker is gone, a new job fails at once instead of waiting forever.
    await expect(pool.run(inputs[1]!.bytes, DEFAULT_DOWNSCALE)).rejects.toBeInstanceOf(ImagePoolError);
    await pool.close();
    expect(pool.threadIds).toEqual([]);
  });

  it('refuses to start with an entry that cannot be a worker, as a pool error', () => {
    expect(() => new ImagePool(2, new URL('https://example.invalid/trace-image-worker.js'))).toThrow(ImagePoolError);
  });

  it('finds its entry from source and from the bundle (out/main/ or out/main/chunks/)', () => {
    expect(fileURLToPath(defaultImageWorkerUrl('file:///app/src/main/features/traces/image-pool.ts'))).toBe('/app/src/main/features/traces/image-worker.ts');
    const here = dirname(fileURLToPath(import.meta.url));
    expect(defaultImageWorkerUrl(pathToFileURL(join(here, 'chunks', 'x.js')).href).href).toBe(pathToFileURL(join(here, 'chunks', BUNDLED_IMAGE_WORKER_FILE)).href);
    expect(defaultImageWorkers(3)).toBe(0);
    expect(defaultImageWorkers(100)).toBeGreaterThanOrEqual(1);
  });
});

describe('image pool shutdown output', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => { tmp = await makeTempDir('phonepilot-pool-'); });
  afterAll(async () => tmp.cleanup());

  it('writes nothing to stderr: the workers release their images before they end', async () => {
    // @napi-rs/canvas prints "ObjectRef is not unref" for uncollected Images when a thread is
    // terminated (most runs, for dozens of images); only a separate process shows its stderr.
    const script = join(tmp.dir, 'pool-run.mts');
    const poolUrl = pathToFileURL(fileURLToPath(new URL('../../../../src/main/features/traces/image-pool.ts', import.meta.url))).href;
    const fixtureUrl = pathToFileURL(fileURLToPath(new URL('../../../fixtures/traces/synthetic-trace.ts', import.meta.url))).href;
    await writeFile(script, `import { ImagePool } from ${JSON.stringify(poolUrl)};
import { renderScreen } from ${JSON.stringify(fixtureUrl)};
const shot = await renderScreen(1);
const pool = new ImagePool(2);
await Promise.all(Array.from({ length: 48 }, () => pool.run(shot, { maxSide: 960, format: 'jpeg', quality: 75 })));
await pool.close();
process.stdout.write('closed\\n');
`);
    const loader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', loader, script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, out, err }).toEqual({ code: 0, out: 'closed\n', err: '' });
  });
});
