import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServices } from '../../../../src/main/features/app-services';
import { audioFileToPcm } from '../../../../src/main/features/voice/audio-input';
import { createRouter } from '../../../../src/main/hosts/router';
import { createApiClient, type ApiClient } from '../../../../src/shared/contract/client';
import type { EventName } from '../../../../src/shared/contract';
import { AppError } from '../../../../src/shared/errors';
import { encodePcm16Base64 } from '../../../../src/shared/voice/pcm-codec';
import { makeTempDir } from '../../../support/temp-dir';
import { FAKE_MODEL, FAKE_TEXT, speechWav } from '../../../support/voice-fixtures';

// The voice domain as the app wires it: AppServices, the router both transports use, and the
// renderer's typed client over an in-process transport (so `api.voice['models.state']` is the
// exact call path of the Settings panel).

describe('voice domain through the router', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let services: AppServices;
  let api: ApiClient;
  let speech: Float32Array;

  beforeAll(async () => {
    tmp = await makeTempDir('pp-voice-domain-');
    speech = await audioFileToPcm(await speechWav(join(tmp.dir, 'speech.wav')));
    services = new AppServices({
      transport: 'bridge', version: 'test', dataDir: join(tmp.dir, 'data'),
      env: { PATH: process.env.PATH ?? '', HOME: tmp.dir, PHONEPILOT_TEST: '1', GGML_NO_BACKTRACE: '1' },
    });
    await services.start();
    const dispatch = createRouter(services.handlers);
    api = createApiClient({
      kind: 'bridge',
      request: (name, payload) => dispatch(name, payload, { transport: 'in-process' }),
      subscribe: (name: EventName, listener) => services.bus.subscribe((event, payload) => { if (event === name) listener(payload); }),
      attachStream: () => { throw new Error('no streams here'); },
    });
  });

  afterAll(async () => {
    await services?.dispose();
    await tmp?.cleanup();
  });

  async function failure(work: Promise<unknown>): Promise<AppError> {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('rejects text that is not base64 before the handler runs, naming the field', async () => {
    const error = await failure(api.voice.transcribe({ pcm16: 'not base64!' }));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/Invalid payload for voice\.transcribe: pcm16: base64/);
  });

  it('rejects base64 that does not hold whole 16-bit samples, with a hint', async () => {
    const error = await failure(api.voice.transcribe({ pcm16: 'QQ==' }));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/recorded audio is malformed/);
    expect(error.details).toMatchObject({ voiceCode: 'bad_audio', hint: 'Record again.' });
  });

  it('rejects empty PCM as too short, with what to do', async () => {
    const error = await failure(api.voice.transcribe({ pcm16: '' }));
    expect(error.details).toMatchObject({ voiceCode: 'audio_too_short' });
    expect(error.message).toMatch(/too short/);
    expect(String(error.details?.hint)).toMatch(/Hold the talk key/);
  });

  it('rejects an unknown language and unknown fields', async () => {
    expect((await failure(api.voice.transcribe({ pcm16: '', language: 'klingon' }))).message).toMatch(/language/);
    expect((await failure(api.voice.transcribe({ pcm16: '', extra: 1 } as never))).message).toMatch(/extra|Unrecognized/);
  });

  it('without a model: status says so and transcription explains where to get one', async () => {
    expect((await api.voice.status()).modelPresent).toBe(false);
    expect((await api.voice['models.state']()).active).toBeNull();
    const error = await failure(api.voice.transcribe({ pcm16: encodePcm16Base64(speech) }));
    expect(error.details).toMatchObject({ voiceCode: 'model_missing' });
    expect(String(error.details?.hint)).toMatch(/Settings > Voice/);
  });

  it('a model copied into the models folder is used with no setting, and transcribes', async () => {
    await mkdir(services.paths.modelsDir, { recursive: true });
    await copyFile(FAKE_MODEL, join(services.paths.modelsDir, 'ggml-fake-en.bin'));
    const status = await api.voice.status();
    expect(status).toMatchObject({ modelPresent: true, modelPath: join(services.paths.modelsDir, 'ggml-fake-en.bin') });
    const result = await api.voice.transcribe({ pcm16: encodePcm16Base64(speech), language: 'en' });
    expect(result.text.trim()).toBe(FAKE_TEXT);
    expect((await api.voice.status()).warm).toBe(true);
  });

  it('activating a model keeps the other voice settings, and removing it clears the choice', async () => {
    await api.settings.update({ voice: { ...(await api.settings.get()).settings.voice, language: 'pt', maxSeconds: 30 } });
    const imported = await api.voice['models.import']({ path: FAKE_MODEL });
    await api.voice['models.activate']({ idOrPath: imported.path });
    let voice = (await api.settings.get()).settings.voice;
    expect(voice).toMatchObject({ modelPath: imported.path, language: 'pt', maxSeconds: 30, shortcut: 'Space', idleUnloadMinutes: 5 });
    expect((await api.voice['models.state']()).active).toEqual({ path: imported.path, present: true });

    await api.voice['models.remove']({ fileName: imported.fileName });
    voice = (await api.settings.get()).settings.voice;
    expect(voice.modelPath).toBe('');
    // The copied model is still there: it is the one in use again.
    expect((await api.voice.status()).modelPath).toBe(join(services.paths.modelsDir, 'ggml-fake-en.bin'));
    await rm(join(services.paths.modelsDir, 'ggml-fake-en.bin'));
    expect((await api.voice.status()).modelPresent).toBe(false);
  });

  it('dispose ends the transcription worker', async () => {
    await mkdir(services.paths.modelsDir, { recursive: true });
    await copyFile(FAKE_MODEL, join(services.paths.modelsDir, 'ggml-fake-en.bin'));
    await api.voice.warmUp();
    const pid = services.voice.voice.status().workerPid;
    expect(pid).toBeGreaterThan(0);
    await services.voice.dispose?.();
    expect(services.voice.voice.status().workerRunning).toBe(false);
    expect(() => process.kill(pid!, 0)).toThrow();
  });
});
