import type { z } from 'zod';
import { voiceEvents, voiceRequests } from '../../../shared/voice/contract';
import { decodePcm16Base64 } from '../../../shared/voice/pcm-codec';
import { buildInitialPrompt } from '../../../shared/voice/prompt';
import { VoiceError } from '../../../shared/voice/errors';
import type { ModelManager } from './model-manager';
import type { VoiceService } from './voice-service';
import { stat } from 'node:fs/promises';

type VoiceRequests = typeof voiceRequests;
export type VoiceHandlers = {
  [N in keyof VoiceRequests]: (payload: z.output<VoiceRequests[N]['payload']>) => Promise<z.input<VoiceRequests[N]['result']>>;
};

export interface VoiceHandlerDeps {
  voice: VoiceService;
  models: ModelManager;
  /** settings.voice */
  settings(): { modelPath: string; language: string };
  /** Persists settings.voice.modelPath (settings.update in the app). */
  setModelPath(path: string): Promise<void>;
  /** bus.emit('voice.models.progress', ...) in the app. */
  emitProgress(progress: z.input<(typeof voiceEvents)['voice.models.progress']['payload']>): void;
  /**
   * The phone's app names, most likely first (PhoneAppNames in the app): resolves to []
   * rather than rejecting when the phone cannot be asked. Absent: no phone names.
   */
  phoneAppNames?: { names(serial: string): Promise<string[]>; prefetch(serial: string): void };
}

/**
 * The voice domain's request handlers, transport-free. The app's voice domain is these plus
 * start/dispose: `dispose` must call voice.dispose() and abort downloads (disposeDownloads).
 */
export function createVoiceHandlers(deps: VoiceHandlerDeps): VoiceHandlers & { disposeDownloads(): void } {
  const downloads = new Map<string, AbortController>();
  return {
    async 'voice.transcribe'({ pcm16, language, appNames, serial }) {
      let pcm: Float32Array;
      try {
        pcm = decodePcm16Base64(pcm16);
      } catch (error) {
        throw new VoiceError('bad_audio', `The recorded audio is malformed: ${(error as Error).message}.`, 'Record again.');
      }
      // The caller's names first (it knows what it asks about), then the phone's, under one
      // character budget (whisper keeps at most 224 prompt tokens).
      const phoneNames = serial && deps.phoneAppNames ? await deps.phoneAppNames.names(serial) : [];
      const initialPrompt = buildInitialPrompt([...(appNames ?? []), ...phoneNames]);
      return deps.voice.transcribe(pcm, {
        language: language ?? deps.settings().language,
        initialPrompt: initialPrompt || undefined,
      });
    },
    async 'voice.warmUp'({ serial }) {
      if (serial) deps.phoneAppNames?.prefetch(serial);
      return { loadMs: await deps.voice.warmUp() };
    },
    async 'voice.status'() {
      const status = deps.voice.status();
      const modelPresent = status.modelPath !== '' && (await stat(status.modelPath).then((s) => s.isFile(), () => false));
      return { ...status, modelPresent };
    },
    async 'voice.models.state'() {
      return deps.models.state(deps.settings().modelPath);
    },
    async 'voice.models.download'({ id }) {
      const controller = new AbortController();
      if (downloads.has(id)) throw new VoiceError('download_in_progress', `The ${id} model is already downloading.`, 'Wait for it or cancel it.');
      downloads.set(id, controller);
      try {
        const installed = await deps.models.download(id, { signal: controller.signal, onProgress: deps.emitProgress });
        // The first model becomes active by itself: that is what the user downloaded it for.
        const active = deps.settings().modelPath;
        if (!active || !(await stat(active).then((s) => s.isFile(), () => false))) await deps.setModelPath(installed.path);
        return installed;
      } finally {
        downloads.delete(id);
      }
    },
    async 'voice.models.cancel'({ id }) {
      const controller = downloads.get(id);
      controller?.abort();
      return { cancelled: !!controller };
    },
    async 'voice.models.import'({ path }) {
      return deps.models.import(path);
    },
    async 'voice.models.remove'({ fileName }) {
      await deps.models.remove(fileName);
      return {};
    },
    async 'voice.models.activate'({ idOrPath }) {
      const model = await deps.models.resolve(idOrPath);
      await deps.setModelPath(model.path);
      return model;
    },
    disposeDownloads() {
      for (const controller of downloads.values()) controller.abort();
      downloads.clear();
    },
  };
}

