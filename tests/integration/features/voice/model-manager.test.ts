import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelManager, type ModelDownloadProgress } from '../../../../src/main/features/voice/model-manager';
import type { CatalogueModel } from '../../../../src/shared/voice/catalogue';
import { VoiceError } from '../../../../src/shared/voice/errors';
import { VoiceService } from '../../../../src/main/features/voice/voice-service';
import { FAKE_MODEL, FAKE_TEXT } from '../../../support/voice-fixtures';
import { startModelServer, type ModelServer } from '../../../support/voice-model-server';

let model: Uint8Array;
let catalogue: CatalogueModel[];
let dir: string;
let server: ModelServer;

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

beforeAll(async () => {
  model = await readFile(FAKE_MODEL);
  catalogue = [
    { id: 'fake', fileName: 'ggml-fake.bin', approxBytes: model.length, sizeLabel: '4 MiB', sha1: sha1(model), multilingual: false },
    { id: 'tampered', fileName: 'ggml-tampered.bin', approxBytes: model.length, sizeLabel: '4 MiB', sha1: sha1(model), multilingual: false },
  ];
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-models-'));
  const tampered = Uint8Array.from(model);
  tampered[tampered.length - 1] ^= 0xff;
  server = await startModelServer({ 'ggml-fake.bin': model, 'ggml-tampered.bin': tampered });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const manager = () => new ModelManager({ modelsDir: join(dir, 'models'), baseUrl: server.baseUrl, catalogue });

async function rejection(promise: Promise<unknown>): Promise<VoiceError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VoiceError);
  return error as VoiceError;
}

describe('ModelManager downloads', () => {
  it('downloads with progress, verifies the SHA-1 and installs a model the service can use', async () => {
    const m = manager();
    expect((await m.state()).catalogue.map((e) => [e.id, e.installed])).toEqual([['fake', false], ['tampered', false]]);
    const events: ModelDownloadProgress[] = [];
    const installed = await m.download('fake', { onProgress: (p) => events.push(p) });

    expect(installed).toMatchObject({ fileName: 'ggml-fake.bin', sizeBytes: model.length, catalogueId: 'fake' });
    const downloading = events.filter((e) => e.phase === 'downloading');
    expect(downloading.length).toBeGreaterThan(2);
    expect(downloading.every((e) => e.totalBytes === model.length)).toBe(true);
    expect(downloading.map((e) => e.receivedBytes)).toEqual([...downloading.map((e) => e.receivedBytes)].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ phase: 'verifying', receivedBytes: model.length, fraction: 1 });
    expect(await readdir(join(dir, 'models'))).toEqual(['ggml-fake.bin']);

    const state = await m.state(installed.path);
    expect(state.catalogue[0]).toMatchObject({ installed: true, partialBytes: 0, downloading: false });
    expect(state.active).toEqual({ path: installed.path, present: true });

    const service = new VoiceService({ modelPath: installed.path, idleUnloadMs: 0, threads: 1 });
    try {
      const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin(i / 7));
      expect((await service.transcribe(tone, { language: 'en' })).text).toBe(FAKE_TEXT);
    } finally {
      await service.dispose();
    }
  });

  it('rejects a checksum mismatch with a clear error and deletes the bad file', async () => {
    const error = await rejection(manager().download('tampered'));
    expect(error.voiceCode).toBe('checksum_mismatch');
    expect(error.message).toMatch(/corrupt.*SHA-1.*expected/);
    expect(error.details).toMatchObject({ expected: sha1(model), actual: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(await readdir(join(dir, 'models'))).toEqual([]);
  });

  it('resumes a partial file with an HTTP range request', async () => {
    const m = manager();
    const models = join(dir, 'models');
    await m.download('fake'); // creates the directory
    await rm(join(models, 'ggml-fake.bin'));
    await writeFile(join(models, 'ggml-fake.bin.partial'), model.subarray(0, 1_000_000));
    expect((await m.state()).catalogue[0].partialBytes).toBe(1_000_000);
    server.ranges.length = 0;

    const events: ModelDownloadProgress[] = [];
    await m.download('fake', { onProgress: (p) => events.push(p) });
    expect(server.ranges).toEqual(['bytes=1000000-']);
    expect(events[0]).toMatchObject({ resumedFrom: 1_000_000, receivedBytes: 1_000_000, totalBytes: model.length });
    expect(sha1(await readFile(join(models, 'ggml-fake.bin')))).toBe(sha1(model));
  });

  it('starts over when the server ignores the range', async () => {
    await server.close();
    server = await startModelServer({ 'ggml-fake.bin': model }, { honourRange: false });
    const models = join(dir, 'models');
    await manager().download('fake');
    await rm(join(models, 'ggml-fake.bin'));
    await writeFile(join(models, 'ggml-fake.bin.partial'), model.subarray(0, 500_000));
    await manager().download('fake');
    expect(sha1(await readFile(join(models, 'ggml-fake.bin')))).toBe(sha1(model));
  });

  it('cancels cleanly: no model installed, the partial file kept, a second download resumes it', async () => {
    const m = manager();
    server.stallAfter = 1_500_000;
    const controller = new AbortController();
    const pending = m.download('fake', {
      signal: controller.signal,
      // Progress is reported in steps, so cancel once well into the first 1.5 MB.
      onProgress: (p) => { if (p.receivedBytes >= 1_000_000) controller.abort(); },
    });
    const error = await rejection(pending);
    expect(error.voiceCode).toBe('cancelled');
    const state = await m.state();
    expect(state.catalogue[0]).toMatchObject({ installed: false, downloading: false });
    const kept = state.catalogue[0].partialBytes;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1_500_000);
    expect(state.installed).toEqual([]);

    server.stallAfter = null;
    server.ranges.length = 0;
    await m.download('fake');
    expect(server.ranges).toEqual([`bytes=${kept}-`]);
    expect((await m.state()).catalogue[0]).toMatchObject({ installed: true, partialBytes: 0 });
  });

  it('refuses a second concurrent download of the same model and an unknown name', async () => {
    const m = manager();
    server.stallAfter = 100_000;
    const controller = new AbortController();
    const first = m.download('fake', { signal: controller.signal });
    expect((await rejection(m.download('fake'))).voiceCode).toBe('download_in_progress');
    controller.abort();
    expect((await rejection(first)).voiceCode).toBe('cancelled');
    expect((await rejection(m.download('huge'))).voiceCode).toBe('model_missing');
  });

  it('reports an HTTP error from the host', async () => {
    const m = new ModelManager({ modelsDir: join(dir, 'models'), baseUrl: server.baseUrl, catalogue: [{ ...catalogue[0], fileName: 'ggml-gone.bin' }] });
    const error = await rejection(m.download('fake'));
    expect(error.voiceCode).toBe('download_failed');
    expect(error.message).toMatch(/404/);
  });
});

describe('ModelManager import and removal', () => {
  it('imports a ggml file, refuses anything else, and removes models', async () => {
    const m = manager();
    const imported = await m.import(FAKE_MODEL);
    expect(imported).toMatchObject({ fileName: 'ggml-fake-en.bin', catalogueId: null, sizeBytes: model.length });
    expect((await m.import(FAKE_MODEL)).fileName).toBe('ggml-fake-en-1.bin');
    expect((await m.resolve('ggml-fake-en.bin')).path).toBe(imported.path);

    const notModel = join(dir, 'notes.bin');
    await writeFile(notModel, 'GGUF but not whisper');
    expect((await rejection(m.import(notModel))).voiceCode).toBe('model_invalid');
    expect((await rejection(m.import(join(dir, 'absent.bin')))).voiceCode).toBe('model_missing');

    await m.remove('ggml-fake-en-1.bin');
    expect((await m.installed()).map((x) => x.fileName)).toEqual(['ggml-fake-en.bin']);
    await expect(stat(join(dir, 'models', 'ggml-fake-en-1.bin'))).rejects.toThrow();
    expect((await m.state(join(dir, 'models', 'ggml-fake-en-1.bin'))).active?.present).toBe(false);
  });
});
