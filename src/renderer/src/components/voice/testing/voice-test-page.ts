import { createApp, h, ref } from 'vue';
import { AppError, type ErrorEnvelope } from '../../../../../shared/errors';
import VoiceButton from '../VoiceButton.vue';

// A Chromium test page for push-to-talk (tests/e2e/voice.e2e.test.ts): the real VoiceButton,
// recorder and AudioWorklet, with `transcribe` posting the samples to the test's server (which
// runs the real VoiceService), and a task box like the app's. `?model=none` shows the
// no-model state; window.voiceTest exposes what the test checks besides the DOM.

const params = new URLSearchParams(location.search);
const task = ref('');
const state = { downloads: 0, sentSamples: [] as number[], errors: [] as string[] };
(window as unknown as { voiceTest: typeof state }).voiceTest = state;

async function transcribe(pcm: Float32Array): Promise<{ text: string }> {
  state.sentSamples.push(pcm.length);
  const response = await fetch('/transcribe', { method: 'POST', body: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength).slice(), headers: { 'content-type': 'application/octet-stream' } });
  const body = (await response.json()) as { ok: true; result: { text: string } } | { ok: false; error: ErrorEnvelope };
  if (!body.ok) throw AppError.fromEnvelope(body.error);
  return body.result;
}

createApp({
  setup() {
    return () => h('main', [
      h('textarea', {
        'data-testid': 'task-input',
        value: task.value,
        onInput: (e: Event) => { task.value = (e.target as HTMLTextAreaElement).value; },
      }),
      h('button', { 'data-testid': 'other-button', type: 'button' }, 'Other'),
      h(VoiceButton, {
        transcribe,
        modelReady: params.get('model') !== 'none',
        maxSeconds: Number(params.get('max') ?? 60),
        deviceId: params.get('device') ?? '',
        onTranscript: (text: string) => { task.value = task.value ? `${task.value} ${text}` : text; },
        'onDownload-model': () => { state.downloads++; },
        onError: (e: { code: string }) => { state.errors.push(e.code); },
      }),
    ]);
  },
}).mount(document.body.appendChild(document.createElement('div')));
