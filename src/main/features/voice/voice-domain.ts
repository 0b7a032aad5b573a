// The voice area of the app: push-to-talk transcription and the speech model manager, behind
// the voice requests of the contract (src/shared/voice/contract.ts). The handlers themselves
// are transport-free (voice-handlers.ts); this file connects them to the app's settings,
// models directory and event bus, and owns the worker process's lifetime.
import { stat } from 'node:fs/promises';
import type { AppCatalog } from '../../phone/apps/app-catalog';
import { DeviceShell } from '../../phone/adb/device-shell';
import type { DevicesDomain } from '../devices/device-domain';
import type { Domain, DomainContext } from '../domain';
import { PhoneAppNames } from './phone-app-names';
import { MODEL_HOST_ENV, ModelManager } from './model-manager';
import { createVoiceHandlers, type VoiceHandlerDeps } from './voice-handlers';
import { VoiceService, type VoiceServiceOptions } from './voice-service';

export interface VoiceDomainOptions {
  /** Where catalogue models are downloaded from. Default: $PHONEPILOT_WHISPER_MODEL_HOST, else whisper.cpp's repository. */
  modelsBaseUrl?: string;
  /** Passed through to VoiceService (tests: one thread). */
  service?: Pick<VoiceServiceOptions, 'threads' | 'spawnWorker' | 'workerUrl'>;
  /**
   * The phones, for an initial prompt of the selected phone's app names (voice.transcribe's
   * `serial`): the app's devices domain and its one app catalog (shared with agent runs).
   */
  phones?: { devices: DevicesDomain; catalog: AppCatalog };
}

export interface VoiceDomain extends Domain {
  readonly voice: VoiceService;
  readonly models: ModelManager;
}

export function createVoiceDomain(ctx: DomainContext, options: VoiceDomainOptions = {}): VoiceDomain {
  const models = new ModelManager({ modelsDir: ctx.paths.modelsDir, baseUrl: options.modelsBaseUrl ?? (ctx.env[MODEL_HOST_ENV] || undefined) });
  /**
   * The model in use: settings.voice.modelPath, or the first installed model while that is
   * empty (a model copied into the models folder works without visiting Settings). Kept as a
   * value because VoiceService asks for it synchronously; refreshed before every request.
   */
  let fallbackPath = '';
  const activePath = () => ctx.settings.get().voice.modelPath || fallbackPath;
  async function refreshFallback(): Promise<void> {
    if (ctx.settings.get().voice.modelPath) return;
    fallbackPath = (await models.installed())[0]?.path ?? '';
  }

  const voice = new VoiceService({
    modelPath: activePath,
    idleUnloadMs: () => ctx.settings.get().voice.idleUnloadMinutes * 60_000,
    env: ctx.env,
    ...options.service,
  });

  const phones = options.phones;
  const phoneAppNames = phones && new PhoneAppNames({
    catalog: phones.catalog,
    shell(serial) {
      const service = phones.devices.service;
      const device = service?.get(serial);
      if (!service || !device) throw new Error(`${serial} is not connected`);
      if (device.state !== 'device') throw new Error(`${serial} is ${device.rawState}`);
      return new DeviceShell(service.clientFor(serial), serial);
    },
  });

  const deps: VoiceHandlerDeps = {
    voice,
    models,
    settings: () => ({ modelPath: activePath(), language: ctx.settings.get().voice.language }),
    async setModelPath(path) {
      // A settings patch replaces the whole voice object: keep the other voice fields.
      await ctx.settings.update({ voice: { ...ctx.settings.get().voice, modelPath: path } });
    },
    emitProgress: (progress) => ctx.bus.emit('voice.models.progress', progress),
    ...(phoneAppNames ? { phoneAppNames } : {}),
  };
  const handlers = createVoiceHandlers(deps);

  /** Requests that read the active model see the fallback as it is now, not as it was. */
  function refreshing<P, R>(handler: (payload: P) => Promise<R>): (payload: P) => Promise<R> {
    return async (payload) => {
      await refreshFallback();
      return handler(payload);
    };
  }

  let unsubscribe: (() => void) | null = null;
  let unsubscribeDevices: (() => void) | null = null;
  return {
    name: 'voice',
    voice,
    models,
    handlers: {
      'voice.transcribe': refreshing(handlers['voice.transcribe']),
      'voice.warmUp': refreshing(handlers['voice.warmUp']),
      'voice.status': refreshing(handlers['voice.status']),
      'voice.models.state': refreshing(handlers['voice.models.state']),
      'voice.models.download': refreshing(handlers['voice.models.download']),
      'voice.models.cancel': handlers['voice.models.cancel'],
      'voice.models.import': handlers['voice.models.import'],
      'voice.models.remove': async (payload) => {
        const result = await handlers['voice.models.remove'](payload);
        // Removing the active model must not leave the setting pointing at a deleted file
        // (the button would then offer a download although another model is installed).
        const selected = ctx.settings.get().voice.modelPath;
        if (selected && !(await stat(selected).then((s) => s.isFile(), () => false))) await deps.setModelPath('');
        return result;
      },
      'voice.models.activate': handlers['voice.models.activate'],
    },
    async start() {
      await refreshFallback();
      // A phone that left (or came back) may have other apps or another language by then.
      if (phones && phoneAppNames) {
        let present = new Set<string>();
        unsubscribeDevices = phones.devices.onDevices((devices) => {
          const now = new Set(devices.filter((d) => d.state === 'device').map((d) => d.serial));
          for (const serial of present) {
            if (now.has(serial)) continue;
            phoneAppNames.forget(serial);
            phones.catalog.invalidate(serial);
          }
          present = now;
        });
      }
      // Another model selected: release the old one now instead of at the next transcription.
      let selected = ctx.settings.get().voice.modelPath;
      unsubscribe = ctx.settings.onChange(({ settings }) => {
        if (settings.voice.modelPath === selected) return;
        selected = settings.voice.modelPath;
        void voice.unload().catch(() => undefined);
      });
    },
    async dispose() {
      unsubscribe?.();
      unsubscribeDevices?.();
      handlers.disposeDownloads();
      await voice.dispose();
    },
  };
}
