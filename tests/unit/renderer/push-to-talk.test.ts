import { effectScope } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { usePushToTalk, type RecorderLike } from '../../../src/renderer/src/components/voice/use-push-to-talk';
import type { RecorderOptions } from '../../../src/renderer/src/audio/recorder-options';
import { MicError } from '../../../src/renderer/src/audio/mic-errors';
import { AppError } from '../../../src/shared/errors';
import { VoiceError } from '../../../src/shared/voice/errors';

/** A recorder that "records" `seconds` of a tone, or fails to start. */
class FakeRecorder implements RecorderLike {
  started = false;
  cancelled = false;
  private release: (() => void) | null = null;
  constructor(readonly options: RecorderOptions, private readonly seconds: number, private readonly startError?: unknown, private readonly holdStart = false) {}
  start(): Promise<void> {
    if (this.startError) return Promise.reject(this.startError);
    if (this.holdStart) return new Promise((resolve) => { this.release = () => { this.started = true; resolve(); }; });
    this.started = true;
    return Promise.resolve();
  }
  finishStart(): void { this.release?.(); }
  async stop(): Promise<Float32Array> {
    return Float32Array.from({ length: Math.round(16000 * this.seconds) }, (_, i) => 0.2 * Math.sin(i / 5));
  }
  async cancel(): Promise<void> { this.cancelled = true; }
}

function key(type: 'keydown' | 'keyup', code: string, extra: Record<string, unknown> = {}): Event {
  return Object.assign(new Event(type, { cancelable: true }), { code, repeat: false, ctrlKey: false, metaKey: false, altKey: false, ...extra });
}

function setup(opts: { seconds?: number; startError?: unknown; holdStart?: boolean; typing?: boolean; transcribe?: (pcm: Float32Array) => Promise<{ text: string }> } = {}) {
  const keys = new EventTarget();
  const recorders: FakeRecorder[] = [];
  const transcripts: string[] = [];
  const transcribe = vi.fn(opts.transcribe ?? (async (pcm: Float32Array) => ({ text: ` heard ${pcm.length} samples ` })));
  const scope = effectScope();
  const ptt = scope.run(() => usePushToTalk({
    transcribe,
    onTranscript: (t) => transcripts.push(t),
    keyTarget: keys,
    isTyping: () => opts.typing ?? false,
    maxSeconds: 30,
    createRecorder: (o) => { const r = new FakeRecorder(o, opts.seconds ?? 1, opts.startError, opts.holdStart); recorders.push(r); return r; },
  }))!;
  return { keys, recorders, transcripts, transcribe, ptt, scope };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('usePushToTalk', () => {
  it('records while Space is held and sends the samples on release', async () => {
    const { keys, transcripts, transcribe, ptt } = setup();
    const down = key('keydown', 'Space');
    keys.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    await settle();
    expect(ptt.phase.value).toBe('recording');
    keys.dispatchEvent(key('keydown', 'Space', { repeat: true })); // auto-repeat does not restart
    keys.dispatchEvent(key('keyup', 'Space'));
    await vi.waitFor(() => expect(ptt.phase.value).toBe('idle'));
    expect(transcribe).toHaveBeenCalledOnce();
    expect(transcripts).toEqual(['heard 16000 samples']);
    expect(ptt.error.value).toBeNull();
  });

  it('Esc cancels: the microphone is released and nothing is transcribed', async () => {
    const { keys, recorders, transcribe, ptt } = setup();
    keys.dispatchEvent(key('keydown', 'Space'));
    await settle();
    keys.dispatchEvent(key('keydown', 'Escape'));
    await vi.waitFor(() => expect(ptt.phase.value).toBe('idle'));
    keys.dispatchEvent(key('keyup', 'Space'));
    await settle();
    expect(recorders[0].cancelled).toBe(true);
    expect(transcribe).not.toHaveBeenCalled();
  });

  it('leaves Space alone while the user types in a text field', async () => {
    const { keys, recorders } = setup({ typing: true });
    const down = key('keydown', 'Space');
    keys.dispatchEvent(down);
    await settle();
    expect(down.defaultPrevented).toBe(false);
    expect(recorders).toHaveLength(0);
  });

  it('a release before the microphone is ready still transcribes once it is', async () => {
    const { recorders, transcripts, ptt } = setup({ holdStart: true });
    void ptt.press();
    await settle();
    expect(ptt.phase.value).toBe('starting');
    await ptt.release();
    recorders[0].finishStart();
    await vi.waitFor(() => expect(transcripts).toEqual(['heard 16000 samples']));
  });

  it('the maximum length releases by itself', async () => {
    const { recorders, transcripts, ptt } = setup();
    await ptt.press();
    expect(recorders[0].options.maxSeconds).toBe(30);
    recorders[0].options.onLimit?.();
    await vi.waitFor(() => expect(transcripts).toHaveLength(1));
  });

  it('reports a too-short press without calling the service', async () => {
    const { transcribe, ptt } = setup({ seconds: 0.1 });
    await ptt.press();
    await ptt.release();
    expect(transcribe).not.toHaveBeenCalled();
    expect(ptt.error.value?.code).toBe('audio_too_short');
  });

  it('explains a denied microphone', async () => {
    const { ptt } = setup({ startError: new MicError('mic_permission_denied', 'Microphone access was denied.', 'Allow it.') });
    await ptt.press();
    expect(ptt.phase.value).toBe('idle');
    expect(ptt.error.value).toEqual({ code: 'mic_permission_denied', message: 'Microphone access was denied.', hint: 'Allow it.' });
  });

  it('keeps the service error code and hint (model missing) from an error envelope', async () => {
    const envelope = new VoiceError('model_missing', 'No speech model is selected.', 'Download a model.').toEnvelope();
    const { ptt, transcripts } = setup({ transcribe: () => Promise.reject(AppError.fromEnvelope(envelope)) });
    await ptt.press();
    await ptt.release();
    expect(transcripts).toEqual([]);
    expect(ptt.error.value).toEqual({ code: 'model_missing', message: 'No speech model is selected.', hint: 'Download a model.' });
  });

  it('stops listening to keys when its scope ends', async () => {
    const { keys, recorders, scope } = setup();
    scope.stop();
    keys.dispatchEvent(key('keydown', 'Space'));
    await settle();
    expect(recorders).toHaveLength(0);
  });
});
