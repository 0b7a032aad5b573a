import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoiceHandlers } from '../../../../src/main/features/voice/voice-handlers';
import { ModelManager } from '../../../../src/main/features/voice/model-manager';
import { VoiceService } from '../../../../src/main/features/voice/voice-service';
import { voiceRequests } from '../../../../src/shared/voice/contract';
import { encodePcm16Base64 } from '../../../../src/shared/voice/pcm-codec';
import { VoiceError } from '../../../../src/shared/voice/errors';
import { FAKE_MODEL, FAKE_TEXT } from '../../../support/voice-fixtures';
import { startModelServer, type ModelServer } from '../../../support/voice-model-server';

// The voice requests as the app's router runs them: payload parsed by the contract, handler,
// result parsed by the contract.

let dir: string;
let server: ModelServer;
let handlers: ReturnType<typeof createVoiceHandlers>;
let voice: VoiceService;
const settings = { modelPath: '', language: 'en' };
const progress: Array<{ id: string; fraction: number | null }> = [];

async function call<N extends keyof typeof voiceRequests>(name: N, payload: unknown): Promise<unknown> {
  const def = voiceRequests[name];
  const parsed = def.payload.parse(payload);
  const handler = handlers[name] as (p: unknown) => Promise<unknown>;
  return def.result.parse(await handler(parsed));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-voice-handlers-'));
  const model = await readFile(FAKE_MODEL);
  server = await startModelServer({ 'ggml-fake.bin': model });
  const models = new ModelManager({
    modelsDir: join(dir, 'models'),
    baseUrl: server.baseUrl,
    catalogue: [{ id: 'fake', fileName: 'ggml-fake.bin', approxBytes: model.length, sizeLabel: '4 MiB', sha1: createHash('sha1').update(model).digest('hex'), multilingual: false }],
  });
  voice = new VoiceService({ modelPath: () => settings.modelPath, idleUnloadMs: 0, threads: 1 });
  handlers = createVoiceHandlers({
    voice,
    models,
    settings: () => settings,
    setModelPath: async (path) => { settings.modelPath = path; },
    emitProgress: (p) => progress.push(p),
  });
});

afterAll(async () => {
  handlers.disposeDownloads();
  await voice.dispose();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('voice request handlers', () => {
  const speech = encodePcm16Base64(Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin(i / 6)));

  it('without a model: status says so and transcribe fails with model_missing', async () => {
    expect(await call('voice.status', {})).toMatchObject({ modelPresent: false, warm: false });
    const error = await call('voice.transcribe', { pcm16: speech }).catch((e: unknown) => e);
    expect((error as VoiceError).voiceCode).toBe('model_missing');
  });

  it('downloads a model with progress events and makes it active', async () => {
    const installed = await call('voice.models.download', { id: 'fake' });
    expect(installed).toMatchObject({ fileName: 'ggml-fake.bin', catalogueId: 'fake' });
    expect(settings.modelPath).toBe(join(dir, 'models', 'ggml-fake.bin'));
    expect(progress.at(-1)).toMatchObject({ id: 'fake', fraction: 1 });
    expect(await call('voice.models.state', {})).toMatchObject({ active: { path: settings.modelPath, present: true } });
    expect(await call('voice.status', {})).toMatchObject({ modelPresent: true });
  });

  it('transcribes base64 PCM with the app names as the prompt, after a warm-up', async () => {
    const { loadMs } = (await call('voice.warmUp', {})) as { loadMs: number };
    expect(loadMs).toBeGreaterThan(0);
    const result = (await call('voice.transcribe', { pcm16: speech, appNames: ['WeChat', 'Settings'] })) as { text: string; durations: { loadMs: number } };
    expect(result.text).toBe(FAKE_TEXT);
    expect(result.durations.loadMs).toBe(0);
  });

  it('refuses a bad language and malformed audio at the contract or with bad_audio', async () => {
    await expect(call('voice.transcribe', { pcm16: speech, language: 'elvish' })).rejects.toThrow(/whisper language/);
    await expect(call('voice.transcribe', { pcm16: 'not base64!' })).rejects.toThrow(/base64/);
    const odd = await call('voice.transcribe', { pcm16: 'AA==' }).catch((e: unknown) => e);
    expect((odd as VoiceError).voiceCode).toBe('bad_audio');
  });

  it('imports, activates and removes models', async () => {
    const imported = (await call('voice.models.import', { path: FAKE_MODEL })) as { path: string };
    await call('voice.models.activate', { idOrPath: 'ggml-fake-en.bin' });
    expect(settings.modelPath).toBe(imported.path);
    expect((await call('voice.transcribe', { pcm16: speech }) as { modelPath: string }).modelPath).toBe(imported.path);
    await call('voice.models.remove', { fileName: 'ggml-fake-en.bin' });
    expect(await call('voice.status', {})).toMatchObject({ modelPresent: false });
    expect(await call('voice.models.cancel', { id: 'fake' })).toEqual({ cancelled: false });
  });

  it('cancels a running download', async () => {
    await call('voice.models.remove', { fileName: 'ggml-fake.bin' });
    server.stallAfter = 1_000_000;
    progress.length = 0;
    const pending = call('voice.models.download', { id: 'fake' }).catch((e: unknown) => e);
    await expect.poll(() => progress.length, { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await call('voice.models.cancel', { id: 'fake' })).toEqual({ cancelled: true });
    expect(((await pending) as VoiceError).voiceCode).toBe('cancelled');
    server.stallAfter = null;
  });
});
