import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { ExportFormat, OpenedTraceWire, ReplayInfo, ReplaySpeed, TraceListWire } from '../../../shared/contract';
import type { TraceListStatus } from '../../../shared/traces/summary';
import { useApi } from '../api/client';
import { uploadInPieces } from '../api/chunked-upload';
import { collectStream, saveBlob } from '../components/history/download';

export interface HistoryFilters {
  search: string;
  status: TraceListStatus[];
  device: string;
  /** yyyy-mm-dd from the date inputs; '' = no bound. */
  from: string;
  to: string;
}

function dayStart(date: string): number | undefined {
  return date ? new Date(`${date}T00:00:00`).getTime() : undefined;
}
function dayEnd(date: string): number | undefined {
  return date ? new Date(`${date}T23:59:59.999`).getTime() : undefined;
}

/**
 * The trace history: the filtered list, the trace open in the viewer (and a second one for
 * comparing), its screenshots (fetched on demand, cached by trace and file), exports, imports
 * and replays.
 */
export const useHistory = defineStore('history', () => {
  const api = useApi();
  const list = ref<TraceListWire | null>(null);
  const filters = reactive<HistoryFilters>({ search: '', status: [], device: '', from: '', to: '' });
  const loading = ref(false);
  const error = ref<string | null>(null);
  const opened = ref<OpenedTraceWire | null>(null);
  /** Two ids to compare side by side. */
  const compareIds = ref<string[]>([]);
  const compared = ref<OpenedTraceWire[] | null>(null);
  const images = reactive<Record<string, string>>({});
  const replays = reactive<Record<string, ReplayInfo>>({});
  const lastExport = ref<{ fileName: string; path: string | null; bytes: number } | null>(null);
  let loadSeq = 0;

  api.on('traces.changed', () => { void load(); });
  api.on('replay.changed', (info) => { replays[info.replayId] = info; });

  async function load(): Promise<void> {
    const seq = ++loadSeq;
    loading.value = true;
    try {
      const result = await api.traces.list({
        search: filters.search.trim() || undefined,
        status: filters.status.length ? [...filters.status] : undefined,
        device: filters.device || undefined,
        from: dayStart(filters.from),
        to: dayEnd(filters.to),
      });
      // An older request answering late must not overwrite a newer filter's result.
      if (seq !== loadSeq) return;
      list.value = result;
      error.value = null;
    } catch (e) {
      if (seq === loadSeq) error.value = (e as Error).message;
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  async function remove(id: string): Promise<void> {
    await api.traces.delete({ id });
    compareIds.value = compareIds.value.filter((c) => c !== id);
    if (opened.value?.summary.id === id) opened.value = null;
    await load();
  }

  async function open(id: string): Promise<void> {
    error.value = null;
    try {
      opened.value = await api.traces.open({ id });
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  function close(): void {
    opened.value = null;
    compared.value = null;
  }

  function toggleCompare(id: string): void {
    const ids = compareIds.value.filter((c) => c !== id);
    if (ids.length === compareIds.value.length) ids.push(id);
    // Two at most: picking a third replaces the oldest pick.
    compareIds.value = ids.slice(-2);
  }

  async function openCompare(): Promise<void> {
    if (compareIds.value.length !== 2) return;
    try {
      compared.value = await Promise.all(compareIds.value.map((id) => api.traces.open({ id })));
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** A screenshot as a data URL, fetched once per trace and file. */
  async function image(id: string, name: string): Promise<string | null> {
    const key = `${id}/${name}`;
    if (images[key]) return images[key];
    try {
      const { dataUrl } = await api.traces.image({ id, name });
      images[key] = dataUrl;
      return dataUrl;
    } catch {
      return null;
    }
  }

  async function exportTrace(id: string, format: ExportFormat, delivery: 'download' | 'exports'): Promise<void> {
    const r = await api.traces.export({ id, format, delivery });
    if (r.streamId) {
      const bytes = await collectStream(api.attachStream(r.streamId), r.bytes);
      saveBlob(new Blob([bytes as BlobPart], { type: format === 'html' ? 'text/html' : 'application/zip' }), r.fileName);
    }
    lastExport.value = { fileName: r.fileName, path: r.path, bytes: r.bytes };
  }

  /** Uploads a bundle file in pieces; returns the new trace's id. */
  async function importBundle(file: Blob): Promise<string> {
    const r = await uploadInPieces(file, (piece) => api.traces.importChunk(piece));
    await load();
    return r.imported!.id;
  }

  async function startReplay(id: string, serial: string, speed: ReplaySpeed, threshold: number): Promise<string> {
    const { replayId } = await api.replay.start({ id, serial, speed, threshold });
    return replayId;
  }

  const totalBytes = computed(() => list.value?.totalBytes ?? 0);

  return {
    list, filters, loading, error, opened, compareIds, compared, images, replays, lastExport, totalBytes,
    load, remove, open, close, toggleCompare, openCompare, image, exportTrace, importBundle, startReplay,
    stopReplay: (replayId: string) => api.replay.stop({ replayId }),
    confirmReplay: (replayId: string, approve: boolean) => api.replay.confirm({ replayId, approve }),
    previewRetention: (keepLast: number, keepDays: number) => api.traces.retentionPreview({ keepLast, keepDays }),
  };
});
