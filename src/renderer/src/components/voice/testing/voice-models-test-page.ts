import { createApp, h } from 'vue';
import { AppError, type ErrorEnvelope } from '../../../../../shared/errors';
import type { ModelDownloadProgress, ModelState } from '../../../../../shared/voice/models';
import VoiceModelsPanel from '../VoiceModelsPanel.vue';
import type { VoiceModelsApi } from '../voice-models-api';

// A Chromium test page for the speech model panel (tests/e2e/voice-models.e2e.test.ts): the
// real panel, its api backed by the test's server, which runs the real ModelManager against
// a local model host. Downloads stream their progress as NDJSON lines.

async function call<T>(path: string, method = 'POST'): Promise<T> {
  const response = await fetch(path, { method });
  const body = (await response.json()) as { ok: true; result: T } | { ok: false; error: ErrorEnvelope };
  if (!body.ok) throw AppError.fromEnvelope(body.error);
  return body.result;
}

const api: VoiceModelsApi = {
  state: () => call<ModelState>('/models/state', 'GET'),
  async download(id, onProgress) {
    const response = await fetch(`/models/download?id=${encodeURIComponent(id)}`, { method: 'POST' });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as { progress?: ModelDownloadProgress; ok?: boolean; error?: ErrorEnvelope };
        buffered = buffered.slice(newline + 1);
        if (line.progress) onProgress(line.progress);
        if (line.error) throw AppError.fromEnvelope(line.error);
      }
    }
  },
  cancel: (id) => void fetch(`/models/cancel?id=${encodeURIComponent(id)}`, { method: 'POST' }),
  importFile: () => call<boolean>('/models/import'),
  remove: (fileName) => call<void>(`/models/remove?name=${encodeURIComponent(fileName)}`),
  activate: (path) => call<void>(`/models/activate?path=${encodeURIComponent(path)}`),
};

createApp({ render: () => h(VoiceModelsPanel, { api }) }).mount(document.body.appendChild(document.createElement('div')));
