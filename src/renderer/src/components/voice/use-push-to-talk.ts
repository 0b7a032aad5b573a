import { onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { MicError } from '../../audio/mic-errors';
import type { LevelReading, RecorderOptions } from '../../audio/recorder-options';

export type PttPhase = 'idle' | 'starting' | 'recording' | 'transcribing';

export interface PttError {
  /** A MicError code, a voice service code (details.voiceCode) or 'transcribe_failed'. */
  code: string;
  message: string;
  hint: string;
}

export interface RecorderLike {
  start(): Promise<void>;
  stop(): Promise<Float32Array>;
  cancel(): Promise<void>;
}

export interface PushToTalkOptions {
  /** Sends 16 kHz mono samples to the voice service. */
  transcribe: (pcm: Float32Array) => Promise<{ text: string }>;
  onTranscript: (text: string) => void;
  /** Called as the key goes down: lets main load the model while the user speaks. */
  onPress?: () => void;
  /** KeyboardEvent.code of the hold-to-talk key. Default 'Space'. */
  shortcut?: Ref<string> | string;
  maxSeconds?: Ref<number> | number;
  /** A specific microphone (MediaDeviceInfo.deviceId); default the system's default input. */
  deviceId?: Ref<string | undefined> | string;
  /** Where key events come from. Default window; '' disables the shortcut. */
  keyTarget?: EventTarget | null;
  /** True while the user is typing (the shortcut must not steal Space from a text field). */
  isTyping?: () => boolean;
  /** `(o) => new PcmRecorder(o)` in the app; a fake in unit tests. */
  createRecorder: (options: RecorderOptions) => RecorderLike;
}

/** Clips shorter than this are not sent: whisper needs at least a word. Mirrors the service. */
export const MIN_RECORDING_MS = 300;

const read = <T>(v: Ref<T> | T): T => (typeof v === 'object' && v !== null && 'value' in v ? (v as Ref<T>).value : (v as T));

export function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes((element as HTMLInputElement).type);
  return (element as HTMLElement).isContentEditable === true;
}

/**
 * Hold-to-talk: press (key down or pointer down) records, release transcribes, Esc cancels,
 * the maximum length releases by itself. Exposes the phase, the live level and elapsed time,
 * and the last error with a hint, for whatever button or overlay shows them.
 */
export function usePushToTalk(options: PushToTalkOptions) {
  const phase = ref<PttPhase>('idle');
  const level = ref(0);
  const elapsedMs = ref(0);
  const error = shallowRef<PttError | null>(null);
  let recorder: RecorderLike | null = null;
  /** Released (or cancelled) while the microphone was still starting. */
  let pendingEnd: 'release' | 'cancel' | null = null;

  const makeRecorder = options.createRecorder;

  async function press(): Promise<void> {
    if (phase.value !== 'idle') return;
    error.value = null;
    level.value = 0;
    elapsedMs.value = 0;
    pendingEnd = null;
    phase.value = 'starting';
    options.onPress?.();
    const current = makeRecorder({
      maxSeconds: read(options.maxSeconds ?? 60),
      deviceId: read(options.deviceId) || undefined,
      onLevel: (reading: LevelReading) => { level.value = reading.rms; elapsedMs.value = reading.elapsedMs; },
      onLimit: () => void release(),
    });
    recorder = current;
    try {
      await current.start();
    } catch (e) {
      recorder = null;
      phase.value = 'idle';
      error.value = toPttError(e);
      return;
    }
    if (recorder !== current) return;
    phase.value = 'recording';
    if (pendingEnd === 'cancel') await cancel();
    else if (pendingEnd === 'release') await release();
  }

  async function release(): Promise<void> {
    if (phase.value === 'starting') { pendingEnd = 'release'; return; }
    if (phase.value !== 'recording' || !recorder) return;
    const current = recorder;
    recorder = null;
    phase.value = 'transcribing';
    try {
      const pcm = await current.stop();
      const ms = (pcm.length / 16_000) * 1000;
      if (ms < MIN_RECORDING_MS) {
        error.value = { code: 'audio_too_short', message: 'That was too short to transcribe.', hint: 'Hold the key (or the mic button) while you speak, and release when done.' };
        return;
      }
      const { text } = await options.transcribe(pcm);
      const trimmed = text.trim();
      if (trimmed) options.onTranscript(trimmed);
      else error.value = { code: 'empty_transcript', message: 'No words were recognised.', hint: 'Speak closer to the microphone and try again.' };
    } catch (e) {
      error.value = toPttError(e);
    } finally {
      phase.value = 'idle';
      level.value = 0;
    }
  }

  async function cancel(): Promise<void> {
    if (phase.value === 'starting') { pendingEnd = 'cancel'; return; }
    if (phase.value !== 'recording' || !recorder) return;
    const current = recorder;
    recorder = null;
    await current.cancel();
    phase.value = 'idle';
    level.value = 0;
    elapsedMs.value = 0;
  }

  const isTyping = options.isTyping ?? (() => isTextEntry(typeof document === 'undefined' ? null : document.activeElement));
  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.code === 'Escape' && (phase.value === 'recording' || phase.value === 'starting')) {
      e.preventDefault();
      void cancel();
      return;
    }
    if (e.code !== read(options.shortcut ?? 'Space') || e.ctrlKey || e.metaKey || e.altKey || isTyping()) return;
    e.preventDefault(); // no page scroll, no click on a focused button
    if (!e.repeat) void press();
  };
  const onKeyUp = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.code !== read(options.shortcut ?? 'Space')) return;
    if (phase.value === 'recording' || phase.value === 'starting') {
      e.preventDefault();
      void release();
    }
  };
  const keyTarget = options.keyTarget === undefined ? (typeof window === 'undefined' ? null : window) : options.keyTarget;
  keyTarget?.addEventListener('keydown', onKeyDown);
  keyTarget?.addEventListener('keyup', onKeyUp);

  function dispose(): void {
    keyTarget?.removeEventListener('keydown', onKeyDown);
    keyTarget?.removeEventListener('keyup', onKeyUp);
    void recorder?.cancel();
    recorder = null;
  }
  onScopeDispose(dispose, true);

  return { phase, level, elapsedMs, error, press, release, cancel, dispose };
}

function toPttError(e: unknown): PttError {
  if (e instanceof MicError) return { code: e.code, message: e.message, hint: e.hint };
  const details = (e as { details?: { voiceCode?: string; hint?: string } } | null)?.details;
  return {
    code: details?.voiceCode ?? 'transcribe_failed',
    message: (e as Error)?.message ?? String(e),
    hint: details?.hint ?? 'Try again.',
  };
}
