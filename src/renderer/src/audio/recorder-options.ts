// What a recorder is configured with; its own file so tests in Node can use it without the
// worklet import (a Vite `?worker&url`) that pcm-recorder.ts has.

export const CAPTURE_RATE = 16_000;

export interface LevelReading {
  /** RMS of the last 100 ms, 0..1. */
  rms: number;
  peak: number;
  /** Recorded so far. */
  elapsedMs: number;
}

export interface RecorderOptions {
  /** Recording stops by itself after this long (onLimit fires). */
  maxSeconds: number;
  onLevel?: (level: LevelReading) => void;
  onLimit?: () => void;
  /** For tests and device pickers; default: the system default input. */
  deviceId?: string;
}
