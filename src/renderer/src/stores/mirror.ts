import { defineStore } from 'pinia';
import { markRaw, ref } from 'vue';
import { toControlWire, type MirrorSessionInfo } from '../../../shared/contract';
import type { BinaryStream } from '../../../shared/contract/streams';
import type { ControlMessage } from '#wire';
import { useApi } from '../api/client';
import { useNotices } from './notices';

export interface MirrorTab {
  serial: string;
  stream: BinaryStream | null;
  info: MirrorSessionInfo;
}

/** Failed input while a mirror reconnects would flood the toasts: one notice per this period. */
const CONTROL_ERROR_QUIET_MS = 5000;

/** The open mirrors (one per device), their streams and states, and input towards them. */
export const useMirror = defineStore('mirror', () => {
  const api = useApi();
  const notices = useNotices();
  const tabs = ref<MirrorTab[]>([]);
  const opening = ref<string | null>(null);
  const error = ref<string | null>(null);
  let lastControlError = 0;

  api.on('mirror.state', (info) => {
    const tab = tabs.value.find((t) => t.serial === info.serial);
    if (tab) tab.info = info;
  });

  // Copy on the phone -> the computer's clipboard, only while the user is in this window
  // (the Clipboard API refuses otherwise, and a background app should not take the clipboard).
  api.on('mirror.clipboard', ({ text }) => {
    if (document.hasFocus()) void navigator.clipboard?.writeText(text).catch(() => undefined);
  });

  function find(serial: string): MirrorTab | undefined {
    return tabs.value.find((t) => t.serial === serial);
  }

  async function open(serial: string): Promise<void> {
    if (find(serial) || opening.value === serial) return;
    opening.value = serial;
    error.value = null;
    try {
      const { streamId, session } = await api.mirror.start({ serial });
      // The stream is a live object: keep Vue's proxies off it.
      tabs.value.push({ serial, stream: markRaw(api.attachStream(streamId)), info: session });
    } catch (e) {
      error.value = `Could not mirror ${serial}: ${(e as Error).message}`;
    } finally {
      opening.value = null;
    }
  }

  async function close(serial: string): Promise<void> {
    const tab = find(serial);
    if (!tab) return;
    tabs.value = tabs.value.filter((t) => t !== tab);
    tab.stream?.close();
    await api.mirror.stop({ serial }).catch((e: unknown) => notices.fromError(e, `Stopping the mirror of ${serial}`));
  }

  /** Fire and forget, in order: the transport keeps requests in sequence. */
  function sendControl(serial: string, message: ControlMessage): void {
    api.mirror.control({ serial, message: toControlWire(message) }).catch((e: unknown) => {
      const now = Date.now();
      if (now - lastControlError < CONTROL_ERROR_QUIET_MS) return;
      lastControlError = now;
      notices.fromError(e, 'Input not delivered');
    });
  }

  async function toggleRecording(serial: string): Promise<void> {
    const tab = find(serial);
    if (!tab) return;
    const wasRecording = Boolean(tab.info.recording);
    try {
      const { file } = await api.mirror.record({ serial, on: !wasRecording });
      if (wasRecording && file) notices.push('info', `Recording saved to ${file}`);
    } catch (e) {
      notices.fromError(e, 'Recording');
    }
  }

  return { tabs, opening, error, open, close, sendControl, toggleRecording };
});
