import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DoctorReport } from '../../../shared/contract';
import { useApi } from '../api/client';

export const useDoctor = defineStore('doctor', () => {
  const api = useApi();
  const report = ref<DoctorReport | null>(null);
  const running = ref(false);
  const error = ref<string | null>(null);

  async function run(includeEndpoints = true): Promise<void> {
    running.value = true;
    error.value = null;
    try {
      report.value = await api.doctor.run({ includeEndpoints });
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      running.value = false;
    }
  }

  return { report, running, error, run };
});
