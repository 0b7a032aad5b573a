import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FileTransferPhase } from '../../../shared/contract';
import { useApi } from '../api/client';
import { newUploadId, uploadInPieces } from '../api/chunked-upload';

export interface FileTransfer {
  id: string;
  serial: string;
  name: string;
  kind: 'install' | 'push';
  state: FileTransferPhase | 'done' | 'failed';
  transferred: number;
  total: number;
  /** The outcome: "Installed …", "Copied to …", or the error. */
  message: string | null;
}

/** Files dropped on a phone's mirror: an .apk is installed, anything else goes to /sdcard/Download. */
export const useFiles = defineStore('files', () => {
  const api = useApi();
  const transfers = ref<FileTransfer[]>([]);

  api.on('files.progress', (p) => {
    const t = transfers.value.find((x) => x.id === p.uploadId);
    if (!t || t.state === 'done' || t.state === 'failed') return;
    t.state = p.phase;
    t.transferred = p.transferred;
    t.total = p.total;
  });

  async function send(serial: string, file: File): Promise<void> {
    const id = newUploadId();
    transfers.value.push({
      id, serial, name: file.name, kind: /\.apk$/i.test(file.name) ? 'install' : 'push',
      state: 'uploading', transferred: 0, total: file.size, message: null,
    });
    // The reactive copy, so later changes reach the view.
    const t = transfers.value.find((x) => x.id === id)!;
    try {
      const r = await uploadInPieces(file, (piece) => api.files.send({ serial, name: file.name, size: file.size, ...piece }), id);
      t.state = 'done';
      t.transferred = t.total;
      t.message = r.result?.message ?? 'Done';
    } catch (e) {
      t.state = 'failed';
      t.message = (e as Error).message;
    }
  }

  function dismiss(id: string): void {
    transfers.value = transfers.value.filter((t) => t.id !== id);
  }

  return { transfers, send, dismiss };
});
