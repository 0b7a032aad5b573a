import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConnectionTestResult, SettingsState } from '../../../shared/contract';
import type { EndpointInput, SettingsPatch } from '../../../shared/settings';
import { useApi } from '../api/client';

export const useSettings = defineStore('settings', () => {
  const api = useApi();
  const state = ref<SettingsState | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const settings = computed(() => state.value?.settings ?? null);
  const endpoints = computed(() => settings.value?.endpoints ?? []);

  let updates = 0;
  let inFlight = 0;
  api.on('settings.changed', (next) => {
    // While our own updates are on their way, a broadcast describes an older state than the one
    // shown (optimistically); the last update's answer brings main's final word.
    if (inFlight === 0) state.value = next;
  });

  async function load(): Promise<void> {
    loading.value = true;
    try {
      state.value = await api.settings.get();
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  /**
   * Optimistic: the patch shows at once, so a second change made before main answered the first
   * builds on it instead of on stale values (quick edits of one nested group lost each other).
   * Only the newest answer is kept; a failure reloads what main really has.
   */
  async function update(patch: SettingsPatch): Promise<void> {
    const mine = ++updates;
    inFlight++;
    if (state.value) state.value = { ...state.value, settings: { ...state.value.settings, ...patch } };
    try {
      const next = await api.settings.update(patch);
      if (mine === updates) state.value = next;
    } catch (e) {
      await load();
      throw e;
    } finally {
      inFlight--;
    }
  }

  async function saveEndpoint(input: EndpointInput) {
    const saved = await api.endpoints.save(input);
    state.value = await api.settings.get();
    return saved;
  }

  async function removeEndpoint(id: string): Promise<void> {
    await api.endpoints.remove({ id });
    state.value = await api.settings.get();
  }

  function testEndpoint(payload: Parameters<typeof api.endpoints.test>[0]): Promise<ConnectionTestResult> {
    return api.endpoints.test(payload);
  }

  return { state, settings, endpoints, loading, error, load, update, saveEndpoint, removeEndpoint, testEndpoint };
});
