import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppServices } from '../../../../src/main/features/app-services';
import { audioFileToPcm } from '../../../../src/main/features/voice/audio-input';
import { forkWorker, type SpawnWorker } from '../../../../src/main/features/voice/worker-process';
import { createRouter } from '../../../../src/main/hosts/router';
import { createApiClient, type ApiClient } from '../../../../src/shared/contract/client';
import type { EventName } from '../../../../src/shared/contract';
import { encodePcm16Base64 } from '../../../../src/shared/voice/pcm-codec';
import { startAdbServer, type AdbServerHandle } from '../../../support/adb-server';
import { makeTempDir } from '../../../support/temp-dir';
import { startConnectedPhone, type ConnectedPhone } from '../../../support/virtual-phone';
import { appTestEnv } from '../../../support/app-env';
import { FAKE_MODEL, FAKE_TEXT, speechWav } from '../../../support/voice-fixtures';

// voice.transcribe with the selected phone's serial: main lists that phone's apps (the app's
// one catalog, over the private adb server) and hands their labels to the real transcription
// worker as whisper's initial prompt. The fake model says the same words whatever the prompt,
// so the test reads the prompt where it crosses into the worker process.

describe('voice prompt from the phone\'s app names, through the router', () => {
  let tmp: Awaited<ReturnType<typeof makeTempDir>>;
  let adb: AdbServerHandle;
  let english: ConnectedPhone;
  let chinese: ConnectedPhone;
  let services: AppServices;
  let api: ApiClient;
  let pcm16: string;
  /** The `prompt` of every transcribe message sent to the worker process. */
  const prompts: string[] = [];

  const spyingSpawn: SpawnWorker = (entry, env) => {
    const worker = forkWorker(entry, env);
    return {
      send(message) {
        const m = message as { op?: string; prompt?: string };
        if (m.op === 'transcribe') prompts.push(m.prompt ?? '');
        worker.send(message);
      },
      onMessage: (listener) => worker.onMessage(listener),
      onExit: (listener) => worker.onExit(listener),
      kill: () => worker.kill(),
      get pid() { return worker.pid; },
      onLog: (listener) => worker.onLog?.(listener),
    };
  };

  async function connected(serial: string): Promise<boolean> {
    const { devices } = await api.devices.list();
    return devices.some((d) => d.serial === serial && d.state === 'device');
  }

  beforeAll(async () => {
    tmp = await makeTempDir('pp-voice-phone-prompt-');
    adb = await startAdbServer();
    english = await startConnectedPhone(adb);
    chinese = await startConnectedPhone(adb, { android: { locale: 'zh-CN' } });
    pcm16 = encodePcm16Base64(await audioFileToPcm(await speechWav(join(tmp.dir, 'speech.wav'))));
    services = new AppServices({
      transport: 'bridge', version: 'test', dataDir: join(tmp.dir, 'data'),
      env: await appTestEnv(tmp.dir, adb.port),
      voice: { service: { threads: 1, spawnWorker: spyingSpawn } },
    });
    await services.start();
    await mkdir(services.paths.modelsDir, { recursive: true });
    await copyFile(FAKE_MODEL, join(services.paths.modelsDir, 'ggml-fake-en.bin'));
    const dispatch = createRouter(services.handlers);
    api = createApiClient({
      kind: 'bridge',
      request: (name, payload) => dispatch(name, payload, { transport: 'in-process' }),
      subscribe: (name: EventName, listener) => services.bus.subscribe((event, payload) => { if (event === name) listener(payload); }),
      attachStream: () => { throw new Error('no streams here'); },
    });
    await vi.waitFor(async () => {
      expect(await connected(english.serial)).toBe(true);
      expect(await connected(chinese.serial)).toBe(true);
    }, { timeout: 30_000, interval: 100 });
  });

  afterAll(async () => {
    await services?.dispose();
    await english?.stop();
    await chinese?.stop();
    await adb?.stop();
    await tmp?.cleanup();
  });

  it('passes the phone\'s app labels to whisper, the app the user installed first', async () => {
    const result = await api.voice.transcribe({ pcm16, language: 'en', serial: english.serial });
    expect(result.text.trim()).toBe(FAKE_TEXT);
    const prompt = prompts.at(-1)!;
    // Shop is the simulated phone's only non-system app; the system apps follow.
    expect(prompt.startsWith('Shop, ')).toBe(true);
    for (const label of ['Settings', 'Messages', 'Contacts', 'Clock']) expect(prompt).toContain(label);
    expect(prompt.length).toBeLessThanOrEqual(400);
  });

  it('spells the apps of a zh-CN phone in Chinese', async () => {
    await api.voice.warmUp({ serial: chinese.serial });
    await api.voice.transcribe({ pcm16, serial: chinese.serial });
    const prompt = prompts.at(-1)!;
    expect(prompt.startsWith('外卖, ')).toBe(true);
    for (const label of ['设置', '短信', '联系人', '时钟']) expect(prompt).toContain(label);
    expect(prompt).not.toContain('Settings');
  });

  it('puts names the caller gives before the phone\'s, and sends no prompt without a phone', async () => {
    await api.voice.transcribe({ pcm16, serial: english.serial, appNames: ['Authenticator'] });
    expect(prompts.at(-1)!.startsWith('Authenticator, Shop, ')).toBe(true);
    await api.voice.transcribe({ pcm16 });
    expect(prompts.at(-1)).toBe('');
  });

  it('still transcribes, without app names, when the phone is gone or unknown', async () => {
    await chinese.stop();
    await vi.waitFor(async () => expect(await connected(chinese.serial)).toBe(false), { timeout: 30_000, interval: 100 });
    const result = await api.voice.transcribe({ pcm16, serial: chinese.serial });
    expect(result.text.trim()).toBe(FAKE_TEXT);
    expect(prompts.at(-1)).toBe('');
    const unknown = await api.voice.transcribe({ pcm16, serial: 'no-such-phone' });
    expect(unknown.text.trim()).toBe(FAKE_TEXT);
    expect(prompts.at(-1)).toBe('');
  });
});
