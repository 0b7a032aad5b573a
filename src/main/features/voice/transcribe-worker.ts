import { openParentChannel } from './worker-channel';
import { initCpuContext, loadWhisperApi, type NativeWhisperContext, type WhisperJob, type NativeTranscript } from './whisper-binding';
import type { WorkerErrorPayload, WorkerReply, WorkerRequest, WorkerTranscript } from './worker-protocol';

// Worker process entry: owns the one whisper context. Loading a model and running whisper_full
// take hundreds of milliseconds to seconds, so they never run in the app's main process (see
// worker-process.ts for why a process). Requests are handled in arrival order except 'abort'.

const port = openParentChannel();

const api = loadWhisperApi();
let context: NativeWhisperContext | null = null;
// whisper.node 1.1.3 never settles a job's promise when stop() catches it before or inside
// whisper_full (its error callback passes one argument where its resolver waits for two), so
// a cancelled job is settled here and the native promise is left behind.
const running = new Map<number, { job: WhisperJob<NativeTranscript>; cancel: () => void }>();
/** Aborts that arrived while their transcription was still queued behind another request. */
const abortedEarly = new Set<number>();
/** Request ids grow; an abort for an id at or below this one came after its job ended. */
let lastStartedId = 0;
let queue: Promise<void> = Promise.resolve();

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

function fail(id: number, error: WorkerErrorPayload): void {
  reply({ id, ok: false, error });
}

async function load(id: number, modelPath: string): Promise<void> {
  if (context) await context.release();
  context = null;
  const started = performance.now();
  try {
    context = await initCpuContext(api, modelPath);
  } catch (error) {
    // whisper.cpp prints the precise reason to stderr; the file's magic was already checked.
    fail(id, {
      voiceCode: 'model_load_failed',
      message: `whisper.cpp could not load ${modelPath}: ${(error as Error).message}.`,
      hint: 'The file may be truncated or too large for the available memory; download it again or pick a smaller model.',
    });
    return;
  }
  reply({ id, ok: true, value: { loadMs: performance.now() - started } });
}

async function transcribe(request: Extract<WorkerRequest, { op: 'transcribe' }>): Promise<void> {
  if (!context) {
    fail(request.id, { voiceCode: 'model_load_failed', message: 'No model is loaded in the transcription worker.', hint: 'Select a model and try again.' });
    return;
  }
  lastStartedId = Math.max(lastStartedId, request.id);
  if (abortedEarly.delete(request.id)) {
    fail(request.id, { voiceCode: 'cancelled', message: 'Transcription was cancelled.', hint: 'Record again when ready.' });
    return;
  }
  const started = performance.now();
  const job = context.transcribeData(request.pcm16, {
    language: request.language,
    ...(request.prompt ? { prompt: request.prompt } : {}),
    maxThreads: request.threads,
  });
  job.promise.catch(() => undefined); // may reject after we stopped waiting
  let cancel: () => void = () => undefined;
  const cancelled = new Promise<null>((resolve) => { cancel = () => resolve(null); });
  running.set(request.id, { job, cancel });
  try {
    const result = await Promise.race([job.promise, cancelled]);
    if (result === null || result.isAborted) {
      fail(request.id, { voiceCode: 'cancelled', message: 'Transcription was cancelled.', hint: 'Record again when ready.' });
      return;
    }
    const transcript: WorkerTranscript = {
      text: result.result.trim(),
      // The binding already converts whisper's 10 ms ticks to milliseconds.
      segments: result.segments.map((s) => ({ text: s.text, startMs: s.t0, endMs: s.t1 })),
      language: result.language ?? request.language,
      inferenceMs: performance.now() - started,
    };
    reply({ id: request.id, ok: true, value: transcript });
  } catch (error) {
    fail(request.id, { voiceCode: 'worker_failed', message: `whisper.cpp failed: ${(error as Error).message}`, hint: 'Try again; if it persists, pick another model.' });
  } finally {
    running.delete(request.id);
  }
}

async function release(id: number): Promise<void> {
  for (const { job, cancel } of running.values()) {
    cancel();
    await job.stop();
  }
  if (context) await context.release();
  context = null;
  reply({ id, ok: true, value: null });
}

port.onMessage((message) => {
  const request = message as WorkerRequest;
  if (request.op === 'abort') {
    const entry = running.get(request.target);
    if (entry) {
      entry.cancel();
      void entry.job.stop();
    }
    else if (request.target > lastStartedId) abortedEarly.add(request.target);
    reply({ id: request.id, ok: true, value: null });
    return;
  }
  queue = queue.then(() => {
    if (request.op === 'load') return load(request.id, request.modelPath);
    if (request.op === 'transcribe') return transcribe(request);
    return release(request.id);
  });
});
