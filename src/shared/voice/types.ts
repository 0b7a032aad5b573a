// What the voice service takes and returns, shared by main, preload, renderer and the CLI.

/** Every sample the service hands whisper is 16 kHz mono float32 in [-1, 1]. */
export const WHISPER_SAMPLE_RATE = 16_000;

export interface TranscribeRequestOptions {
  /** 'auto' or a whisper language code (see languages.ts). Default 'auto'. */
  language?: string;
  /** Biases the decoder toward these words (the phone's app names); see buildInitialPrompt. */
  initialPrompt?: string;
  signal?: AbortSignal;
}

export interface TranscriptSegment {
  text: string;
  /** Milliseconds from the start of the audio. */
  startMs: number;
  endMs: number;
}

export interface TranscriptDurations {
  audioMs: number;
  /** Parsing, resampling and checks in the calling thread. */
  prepareMs: number;
  /** Model load; 0 when the model was already warm. */
  loadMs: number;
  /** whisper's own compute inside the worker. */
  inferenceMs: number;
  /** From the call to the result, everything included. */
  totalMs: number;
}

export interface TranscriptResult {
  /** Trimmed text of all segments. */
  text: string;
  segments: TranscriptSegment[];
  /** The language whisper used (detected when 'auto' was asked). */
  language: string;
  modelPath: string;
  durations: TranscriptDurations;
}
