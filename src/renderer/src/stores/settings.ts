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

  api.on('settings.changed', (next) => {
    state.value = next;
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

  async function update(patch: SettingsPatch): Promise<void> {
    state.value = await api.settings.update(patch);
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
