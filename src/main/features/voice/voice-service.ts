import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { VoiceError } from '../../../shared/voice/errors';
import { AUTO_LANGUAGE, isWhisperLanguage } from '../../../shared/voice/languages';
import { WHISPER_SAMPLE_RATE, type TranscribeRequestOptions, type TranscriptResult } from '../../../shared/voice/types';
import { checkAudio, DEFAULT_AUDIO_LIMITS, toPcm16, type AudioLimits } from './audio-checks';
import { audioFileToPcm, audioToPcm, type AudioInput } from './audio-input';
import { hasGgmlMagic } from './model-file';
import { defaultWorkerUrl } from './worker-url';
import { WorkerHost } from './worker-host';
import type { WorkerTranscript } from './worker-protocol';
import type { SpawnWorker } from './worker-process';

export interface VoiceServiceOptions {
  /** The active model file; a function is asked on every call so a settings change applies. */
  modelPath: string | (() => string);
  /**
   * Unload the model (and end its worker process) after this long without use. Default 5 min;
   * 0 never. A function is asked each time the countdown starts, so a settings change applies.
   */
  idleUnloadMs?: number | (() => number);
  /** whisper threads. Default: all cores up to 4 (more rarely helps the small models). */
  threads?: number;
  /** The worker entry; see worker-url.ts for the default (dev .ts vs bundled voice-worker.js). */
  workerUrl?: URL;
  /** How the worker process is started: fork() by default; Electron may pass utilityProcess. */
  spawnWorker?: SpawnWorker;
  limits?: Partial<AudioLimits>;
  ffmpegPath?: string;
  env?: NodeJS.ProcessEnv;
  /** How long dispose/unload wait for whisper to finish before terminating the worker. Default 5 s. */
  stopTimeoutMs?: number;
  /**
   * A transcription still running after this long is cancelled and reported (a damaged model
   * can make whisper spin forever). Default 60 s plus 5x the audio length.
   */
  inferenceTimeoutMs?: number;
}

export interface VoiceStatus {
  modelPath: string;
  /** A model is loaded in a live worker. */
  warm: boolean;
  workerRunning: boolean;
  /** The worker process, while it runs (diagnostics, leak tests). */
  workerPid: number | null;
  busy: boolean;
}

const DEFAULT_IDLE_MS = 5 * 60_000;

/**
 * Local speech-to-text. The model is loaded once into a worker process and kept warm between
 * push-to-talk presses (loading costs far more than a short transcription), then unloaded with
 * its worker after an idle period so a rarely used feature does not hold hundreds of MB.
 * Calls are serialised: one whisper context runs one job at a time.
 */
export class VoiceService {
  private host: WorkerHost | null = null;
  private loadedPath = '';
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private active = 0;
  private disposed = false;
  /** The worker request id of the transcription in flight, for abort on dispose. */
  private running: number | null = null;
  private readonly stopTimeoutMs: number;
  private readonly limits: AudioLimits;
  private readonly threads: number;
  private readonly workerUrl: URL;

  constructor(private readonly options: VoiceServiceOptions) {
    this.limits = { ...DEFAULT_AUDIO_LIMITS, ...options.limits };
    this.threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism()));
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  }

  status(): VoiceStatus {
    return {
      modelPath: this.modelPath(),
      warm: !!this.host?.running && this.loadedPath !== '',
      workerRunning: !!this.host?.running,
      workerPid: this.host?.running ? this.host.pid ?? null : null,
      busy: this.active > 0,
    };
  }

  /**
   * Loads the model now (call it when the talk key goes down: the load then overlaps the
   * recording instead of adding to release-to-text latency). Resolves to the load time, 0 if warm.
   */
  warmUp(): Promise<number> {
    return this.serialise(async () => {
      const loadMs = await this.ensureLoaded();
      this.armIdleTimer();
      return loadMs;
    });
  }

  /** 16 kHz mono float32 samples (from the AudioWorklet) or the bytes of a WAV file. */
  async transcribe(input: AudioInput, options: TranscribeRequestOptions = {}): Promise<TranscriptResult> {
    const started = performance.now();
    return this.run(audioToPcm(input), options, started);
  }

  /** A file on disk: WAV directly, any other format through ffmpeg. */
  async transcribeFile(filePath: string, options: TranscribeRequestOptions = {}): Promise<TranscriptResult> {
    const started = performance.now();
    const pcm = await audioFileToPcm(filePath, { ffmpegPath: this.options.ffmpegPath, signal: options.signal });
    return this.run(pcm, options, started);
  }

  /** Releases the model and stops the worker; the next call loads it again. */
  unload(): Promise<void> {
    return this.serialise(() => this.stopWorker());
  }

  /**
   * Final. Stops a running transcription, gives the queue a bounded time to settle (a corrupt
   * model can make whisper spin), then releases the model and terminates the worker.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.clearIdleTimer();
    if (this.running !== null && this.host) void this.host.request({ op: 'abort', target: this.running }).reply.catch(() => undefined);
    await settleWithin(this.queue, this.stopTimeoutMs);
    await this.stopWorker();
  }

  private run(pcm: Float32Array, options: TranscribeRequestOptions, started: number): Promise<TranscriptResult> {
    const language = options.language ?? AUTO_LANGUAGE;
    if (!isWhisperLanguage(language)) {
      return Promise.reject(new VoiceError('bad_language', `"${language}" is not a language whisper knows.`, 'Pick "auto" or a language from the list in Settings.'));
    }
    try {
      checkAudio(pcm, this.limits);
    } catch (error) {
      return Promise.reject(error);
    }
    const prepareMs = performance.now() - started;
    return this.serialise(async () => {
      if (options.signal?.aborted) throw new VoiceError('cancelled', 'Transcription was cancelled.', 'Record again when ready.');
      const loadMs = await this.ensureLoaded();
      const transcript = await this.infer(pcm, language, options);
      this.armIdleTimer();
      const audioMs = (pcm.length / WHISPER_SAMPLE_RATE) * 1000;
      return {
        text: transcript.text,
        // whisper works on 30 s windows and may stamp the padding: clamp to the real audio.
        segments: transcript.segments.map((s) => ({ ...s, startMs: Math.min(s.startMs, audioMs), endMs: Math.min(s.endMs, audioMs) })),
        language: transcript.language,
        modelPath: this.loadedPath,
        durations: {
          audioMs,
          prepareMs,
          loadMs,
          inferenceMs: transcript.inferenceMs,
          totalMs: performance.now() - started,
        },
      };
    });
  }

  private async infer(pcm: Float32Array, language: string, options: TranscribeRequestOptions): Promise<WorkerTranscript> {
    const host = this.host as WorkerHost;
    const pcm16 = toPcm16(pcm).buffer as ArrayBuffer;
    const { id, reply } = host.request<WorkerTranscript>({ op: 'transcribe', pcm16, language, prompt: options.initialPrompt ?? '', threads: this.threads });
    const onAbort = () => void host.request({ op: 'abort', target: id }).reply.catch(() => undefined);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort(); // aborted between the queue check and now
    const limitMs = this.options.inferenceTimeoutMs ?? 60_000 + 5 * (pcm.length / WHISPER_SAMPLE_RATE) * 1000;
    let timedOut = false;
    const watchdog = setTimeout(() => { timedOut = true; onAbort(); }, limitMs);
    this.running = id;
    try {
      return await reply;
    } catch (error) {
      if (!timedOut) throw error;
      // Whatever state whisper is in, start from a fresh worker next time.
      await this.stopWorker();
      throw new VoiceError('worker_failed', `Transcription did not finish within ${Math.round(limitMs / 1000)} s and was stopped.`,
        'The model may be damaged or too slow for this computer: download it again or pick a smaller one.', { cause: error });
    } finally {
      clearTimeout(watchdog);
      this.running = null;
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Starts the worker and loads the current model unless that model is already warm. */
  private async ensureLoaded(): Promise<number> {
    if (this.disposed) throw new VoiceError('disposed', 'Voice input has been shut down.', 'Restart PhonePilot.');
    const modelPath = this.modelPath();
    if (this.host?.running && this.loadedPath === modelPath) return 0;
    await this.assertModelFile(modelPath);
    await this.stopWorker();
    const host = new WorkerHost(this.workerUrl, this.options.env ?? process.env, this.options.spawnWorker);
    this.host = host;
    try {
      const { loadMs } = await host.request<{ loadMs: number }>({ op: 'load', modelPath }).reply;
      this.loadedPath = modelPath;
      return loadMs;
    } catch (error) {
      await this.stopWorker(); // resolves once the worker's log is fully read
      const reason = host.nativeReason();
      if (!(error instanceof VoiceError) || !reason) throw error;
      // whisper.cpp explains a load failure only in its log ("not all tensors loaded", ...).
      throw new VoiceError(error.voiceCode, `${error.message.replace(/\.$/, '')} (whisper.cpp: ${reason}).`, error.hint,
        { details: { ...error.details, nativeLog: host.nativeLog() }, cause: error });
    }
  }

  private async assertModelFile(modelPath: string): Promise<void> {
    const hint = 'Download a model (Settings > Voice) or import a ggml-*.bin file.';
    if (!modelPath) throw new VoiceError('model_missing', 'No speech model is selected.', hint);
    const info = await stat(modelPath).catch(() => null);
    if (!info?.isFile()) {
      throw new VoiceError('model_missing', `The speech model ${modelPath} is missing.`, hint, { details: { modelPath } });
    }
    if (!(await hasGgmlMagic(modelPath))) {
      throw new VoiceError('model_invalid', `${modelPath} is not a whisper.cpp ggml model.`,
        'Pick a ggml-*.bin model from the whisper.cpp project, or download one in Settings > Voice.', { details: { modelPath } });
    }
  }

  private async stopWorker(): Promise<void> {
    this.clearIdleTimer();
    const host = this.host;
    this.host = null;
    this.loadedPath = '';
    if (!host) return;
    // Release first so whisper.cpp frees its context in order; the kill is the backstop.
    if (host.running) await settleWithin(host.request({ op: 'release' }).reply, this.stopTimeoutMs);
    await host.terminate();
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    this.active++;
    // Count down inside the task, so `busy` is already false when the caller's await resumes.
    const counted = async () => {
      try {
        return await task();
      } finally {
        this.active--;
      }
    };
    const result = this.queue.then(counted, counted);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    const { idleUnloadMs = DEFAULT_IDLE_MS } = this.options;
    const idleMs = typeof idleUnloadMs === 'function' ? idleUnloadMs() : idleUnloadMs;
    if (idleMs <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.active === 0) void this.unload();
    }, idleMs);
    // An idle countdown must not keep a CLI or test process alive.
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private modelPath(): string {
    const { modelPath } = this.options;
    return typeof modelPath === 'function' ? modelPath() : modelPath;
  }
}

/** Waits for `promise` to settle, but no longer than `ms`. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
  try {
    await Promise.race([promise.then(() => undefined, () => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
