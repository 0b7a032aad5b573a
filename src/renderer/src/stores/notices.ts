import { defineStore } from 'pinia';
import { ref } from 'vue';
import { AppError } from '../../../shared/errors';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Toasts: background failures and results of actions the user took. */
export const useNotices = defineStore('notices', () => {
  const items = ref<Notice[]>([]);
  let next = 1;

  function push(level: Notice['level'], message: string, timeoutMs = level === 'error' ? 12_000 : 5_000): void {
    const id = next++;
    items.value.push({ id, level, message });
    setTimeout(() => dismiss(id), timeoutMs);
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id);
  }

  function fromError(error: unknown, context: string): void {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    push('error', `${context}: ${message}`);
  }

  return { items, push, dismiss, fromError };
});
