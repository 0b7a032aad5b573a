import { defineStore } from 'pinia';
import { ref } from 'vue';

export type Panel = 'none' | 'settings' | 'doctor' | 'help' | 'history';

/** Which overlay is open; one at a time, Esc closes it. */
export const useUi = defineStore('ui', () => {
  const panel = ref<Panel>('none');
  const toggle = (next: Panel) => {
    panel.value = panel.value === next ? 'none' : next;
  };
  const close = () => {
    panel.value = 'none';
  };
  /** Settings scrolled to one of its sections (e.g. 'voice' from the push-to-talk button). */
  const settingsSection = ref<string | null>(null);
  const openSettings = (section: string | null = null) => {
    settingsSection.value = section;
    panel.value = 'settings';
  };
  return { panel, toggle, close, settingsSection, openSettings };
});
