import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ModelDownloadProgress } from '../../../shared/voice/models';
import { encodePcm16Base64 } from '../../../shared/voice/pcm-codec';
import { useApi } from '../api/client';
import type { VoiceModelsApi } from '../components/voice/voice-models-api';

type VoiceStatus = Awaited<ReturnType<ReturnType<typeof useApi>['voice']['status']>>;

/**
 * Push-to-talk and the speech models, backed by the voice requests: whether a model is
 * present (the button offers a download when not), transcription of recorded samples, the
 * early model load on key down, and the api the Settings model panel runs on.
 */
export const useVoice = defineStore('voice', () => {
  const api = useApi();
  const status = ref<VoiceStatus | null>(null);
  const statusError = ref<string | null>(null);
  /** Until the first answer, assume a model: the button then shows the mic, not a download offer that may flash. */
  const modelReady = computed(() => status.value?.modelPresent ?? true);

  async function refresh(): Promise<void> {
    try {
      status.value = await api.voice.status();
      statusError.value = null;
    } catch (e) {
      statusError.value = (e as Error).message;
    }
  }

  // Another model picked, or the models folder changed through Settings: re-check.
  api.on('settings.changed', () => void refresh());

  /** `serial`: the phone the words are about; main spells its app names the way the phone does. */
  async function transcribe(pcm: Float32Array, serial?: string | null): Promise<{ text: string }> {
    try {
      return await api.voice.transcribe({ pcm16: encodePcm16Base64(pcm), ...(serial ? { serial } : {}) });
    } finally {
      // A model that vanished (or loaded after all) changes what the button offers.
      void refresh();
    }
  }

  /** Key went down: load the model (and list `serial`'s apps) while the user speaks. A failure shows up on transcribe. */
  function warmUp(serial?: string | null): void {
    void api.voice.warmUp(serial ? { serial } : {}).catch(() => undefined);
  }

  /** Import picks the file by path: main reads it directly (the app and the bridge run on this machine). */
  const importPath = ref('');

  const modelsApi: VoiceModelsApi = {
    state: () => api.voice['models.state'](),
    async download(id: string, onProgress: (progress: ModelDownloadProgress) => void) {
      const off = api.on('voice.models.progress', (p) => { if (p.id === id) onProgress(p); });
      try {
        await api.voice['models.download']({ id });
      } finally {
        off();
        void refresh();
      }
    },
    cancel: (id: string) => void api.voice['models.cancel']({ id }).catch(() => undefined),
    async importFile() {
      const path = importPath.value.trim();
      if (!path) throw new Error('Type the full path of a ggml-*.bin model file in the field above, then import it.');
      await api.voice['models.import']({ path });
      importPath.value = '';
      // With no model chosen, main uses the first installed one: the button may be ready now.
      await refresh();
      return true;
    },
    async remove(fileName: string) {
      await api.voice['models.remove']({ fileName });
      await refresh();
    },
    async activate(path: string) {
      await api.voice['models.activate']({ idOrPath: path });
      await refresh();
    },
  };

  return { status, statusError, modelReady, refresh, transcribe, warmUp, importPath, modelsApi };
});
