import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VoiceService } from '../../../../src/main/features/voice/voice-service';
import { VoiceError } from '../../../../src/shared/voice/errors';
import { FAKE_MODEL, FAKE_TEXT, speechWav, transcode } from '../../../support/voice-fixtures';

let dir: string;
let wavPath: string;
const services: VoiceService[] = [];

function service(options: Partial<ConstructorParameters<typeof VoiceService>[0]> = {}): VoiceService {
  const s = new VoiceService({ modelPath: FAKE_MODEL, idleUnloadMs: 0, threads: 1, ...options });
  services.push(s);
  return s;
}

async function voiceCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(VoiceError);
    expect((error as VoiceError).hint.length).toBeGreaterThan(0);
    return (error as VoiceError).voiceCode;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One second of a 220 Hz tone at 16 kHz: speech-level energy the fake model ignores. */
const tone = () => Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16000));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-voice-'));
  wavPath = await speechWav(join(dir, 'speech.wav'));
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VoiceService with the synthetic model', () => {
  it('transcribes 16 kHz PCM and keeps the model warm for the next call', async () => {
    const s = service();
    const first = await s.transcribe(tone(), { language: 'en', initialPrompt: 'Settings, WeChat, Alipay.' });
    expect(first.text).toBe(FAKE_TEXT);
    expect(first.segments.map((seg) => seg.text.trim())).toEqual([FAKE_TEXT]);
    expect(first.segments[0].endMs).toBeLessThanOrEqual(1000);
    expect(first.durations.audioMs).toBe(1000);
    expect(first.durations.loadMs).toBeGreaterThan(0);
    expect(s.status()).toMatchObject({ warm: true, workerRunning: true, busy: false });

    const second = await s.transcribe(tone(), { language: 'en' });
    expect(second.text).toBe(FAKE_TEXT);
    expect(second.durations.loadMs).toBe(0);
  });

  it('transcribes WAV bytes from espeak-ng (22.05 kHz) and a 48 kHz stereo float WAV', async () => {
    const s = service();
    expect((await s.transcribe(await readFile(wavPath))).text).toBe(FAKE_TEXT);
    const stereo = await transcode(wavPath, join(dir, 'stereo.wav'), ['-ac', '2', '-ar', '48000', '-c:a', 'pcm_f32le']);
    const result = await s.transcribe(await readFile(stereo), { language: 'auto' });
    expect(result.text).toBe(FAKE_TEXT);
    expect(Math.abs(result.durations.audioMs - (await s.transcribe(await readFile(wavPath))).durations.audioMs)).toBeLessThan(50);
  });

  it('transcribes other formats through ffmpeg, and says so when ffmpeg is missing', async () => {
    const ogg = await transcode(wavPath, join(dir, 'speech.ogg'), ['-c:a', 'libvorbis']);
    expect((await service().transcribeFile(ogg)).text).toBe(FAKE_TEXT);
    expect(await voiceCode(service({ ffmpegPath: join(dir, 'no-ffmpeg-here') }).transcribeFile(ogg))).toBe('ffmpeg_missing');
    // WAV needs no ffmpeg.
    expect((await service({ ffmpegPath: join(dir, 'no-ffmpeg-here') }).transcribeFile(wavPath)).text).toBe(FAKE_TEXT);
  });

  it('runs whisper in a worker process that dispose ends', async () => {
    const s = service();
    await s.warmUp();
    const pid = s.status().workerPid;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(isAlive(pid!)).toBe(true);
    await s.dispose();
    expect(s.status()).toMatchObject({ warm: false, workerRunning: false, workerPid: null });
    expect(isAlive(pid!)).toBe(false);
    expect(await voiceCode(s.transcribe(tone()))).toBe('disposed');
  });

  it('survives its worker dying: the next call starts a fresh one', async () => {
    const s = service();
    await s.warmUp();
    const first = s.status().workerPid!;
    process.kill(first, 'SIGKILL'); // what a whisper.cpp assert on a bad model does to it
    await expect.poll(() => s.status().workerRunning, { timeout: 10_000 }).toBe(false);
    const result = await s.transcribe(tone(), { language: 'en' });
    expect(result.text).toBe(FAKE_TEXT);
    expect(result.durations.loadMs).toBeGreaterThan(0);
    expect(s.status().workerPid).not.toBe(first);
  });

  it('unloads the model and stops the worker after the idle time, then reloads on demand', async () => {
    const s = service({ idleUnloadMs: 50 });
    await s.transcribe(tone(), { language: 'en' });
    const pid = s.status().workerPid!;
    await expect.poll(() => s.status().workerRunning, { timeout: 10_000 }).toBe(false);
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
    const again = await s.transcribe(tone(), { language: 'en' });
    expect(again.durations.loadMs).toBeGreaterThan(0);
  });

  it('loads the new model when the active model path changes', async () => {
    const copy = join(dir, 'ggml-copy.bin');
    await writeFile(copy, await readFile(FAKE_MODEL));
    let active = FAKE_MODEL;
    const s = service({ modelPath: () => active });
    expect((await s.transcribe(tone(), { language: 'en' })).modelPath).toBe(FAKE_MODEL);
    active = copy;
    const result = await s.transcribe(tone(), { language: 'en' });
    expect(result.modelPath).toBe(copy);
    expect(result.durations.loadMs).toBeGreaterThan(0);
  });
});

describe('VoiceService errors', () => {
  it('model missing: no model selected, or the file is gone', async () => {
    expect(await voiceCode(service({ modelPath: '' }).transcribe(tone()))).toBe('model_missing');
    expect(await voiceCode(service({ modelPath: join(dir, 'nope.bin') }).transcribe(tone()))).toBe('model_missing');
  });

  it('model failing to load: not a ggml file, and nothing left running', async () => {
    const s = service({ modelPath: wavPath });
    expect(await voiceCode(s.transcribe(tone()))).toBe('model_invalid');
    expect(s.status().workerRunning).toBe(false);
    const truncated = join(dir, 'truncated.bin');
    // Header and vocabulary intact, tensors cut off: whisper.cpp refuses it ("not all tensors loaded").
    await writeFile(truncated, (await readFile(FAKE_MODEL)).subarray(0, 2_000_000));
    const failure = (await service({ modelPath: truncated }).transcribe(tone()).then(() => null, (e: unknown) => e)) as VoiceError;
    expect(failure.voiceCode).toBe('model_load_failed');
    // The reason whisper.cpp logged, instead of its generic "Failed to initialize whisper context".
    expect(failure.message).toMatch(/whisper\.cpp: .*not all tensors loaded/);
  });

  it('audio too short, silent, not WAV, or an unknown language', async () => {
    const s = service();
    expect(await voiceCode(s.transcribe(tone().subarray(0, 3200)))).toBe('audio_too_short');
    expect(await voiceCode(s.transcribe(new Float32Array(16000)))).toBe('audio_silent');
    expect(await voiceCode(s.transcribe(new TextEncoder().encode('not a wav file')))).toBe('bad_audio');
    expect(await voiceCode(s.transcribe(tone(), { language: 'klingon' }))).toBe('bad_language');
    // None of these needed the model.
    expect(s.status().workerRunning).toBe(false);
  });

  it('a transcription that never finishes is stopped and reported, and its worker replaced', async () => {
    // Only the header and vocabulary of a model: whisper.cpp loads it, then never finishes.
    const headerOnly = join(dir, 'header-only.bin');
    await writeFile(headerOnly, (await readFile(FAKE_MODEL)).subarray(0, 4096));
    const s = service({ modelPath: headerOnly, inferenceTimeoutMs: 1500 });
    await s.warmUp();
    const pid = s.status().workerPid!;
    expect(await voiceCode(s.transcribe(tone()))).toBe('worker_failed');
    expect(s.status().workerRunning).toBe(false);
    // whisper_full cannot be interrupted; ending the process is what stops the spinning job.
    expect(isAlive(pid)).toBe(false);
  });

  it('a cancelled signal rejects with cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await voiceCode(service().transcribe(tone(), { signal: controller.signal }))).toBe('cancelled');
  });
});

describe('transcription worker', () => {
  it('an abort cancels a queued or a running job; the worker stays usable', async () => {
    const { WorkerHost } = await import('../../../../src/main/features/voice/worker-host');
    const { defaultWorkerUrl } = await import('../../../../src/main/features/voice/worker-url');
    const { toPcm16 } = await import('../../../../src/main/features/voice/audio-checks');
    const host = new WorkerHost(defaultWorkerUrl(), process.env);
    try {
      await host.request({ op: 'load', modelPath: FAKE_MODEL }).reply;
      const pcm16 = () => toPcm16(tone()).buffer as ArrayBuffer;
      const first = host.request({ op: 'transcribe', pcm16: pcm16(), language: 'en', prompt: '', threads: 1 });
      const queued = host.request({ op: 'transcribe', pcm16: pcm16(), language: 'en', prompt: '', threads: 1 });
      host.request({ op: 'abort', target: queued.id }); // still behind the first one
      host.request({ op: 'abort', target: first.id }); // already inside whisper
      expect(await voiceCode(first.reply)).toBe('cancelled');
      expect(await voiceCode(queued.reply)).toBe('cancelled');
      const next = await host.request<{ text: string }>({ op: 'transcribe', pcm16: pcm16(), language: 'en', prompt: '', threads: 1 }).reply;
      expect(next.text).toBe(FAKE_TEXT);
      await host.request({ op: 'release' }).reply;
    } finally {
      await host.terminate();
    }
    expect(host.running).toBe(false);
    expect(isAlive(host.pid!)).toBe(false);
  });
});
