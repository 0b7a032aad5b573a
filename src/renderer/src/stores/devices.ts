import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DevicesSnapshot } from '../../../shared/contract';
import { useApi } from '../api/client';

/** The device list as main sees it (pushed on every change) and the actions that change it. */
export const useDevices = defineStore('devices', () => {
  const api = useApi();
  const snapshot = ref<DevicesSnapshot | null>(null);
  /** The action in flight ('connect', 'pair', 'simulated', ...), to disable its button. */
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);
  let pushes = 0;

  api.on('devices.changed', (s) => {
    pushes++;
    snapshot.value = s;
  });

  const devices = computed(() => snapshot.value?.devices ?? []);
  const problem = computed(() => snapshot.value?.problem ?? null);
  const offlineServers = computed(() => (snapshot.value?.servers ?? []).filter((s) => !s.connected));

  async function load(): Promise<void> {
    const before = pushes;
    const s = await api.devices.list();
    // A push that arrived meanwhile is newer than this answer.
    if (pushes === before) snapshot.value = s;
  }

  async function run<T>(label: string, action: () => Promise<T>): Promise<T | undefined> {
    busy.value = label;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = (e as Error).message;
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  return {
    snapshot, devices, problem, offlineServers, busy, error, load,
    retry: () => run('retry', async () => { snapshot.value = await api.devices.retry(); }),
    connect: (address: string) => run('connect', () => api.devices.connect({ address })),
    disconnect: (address: string) => run('disconnect', () => api.devices.disconnect({ address })),
    pair: (address: string, code: string) => run('pair', () => api.devices.pair({ address, code })),
    enableWifi: (serial: string) => run('wifi', () => api.devices.enableWifi({ serial })),
    startSimulated: () => run('simulated', () => api.devices.startSimulated()),
    stopSimulated: () => run('simulated', () => api.devices.stopSimulated()),
  };
});
