// The phone as the agent sees it: what the agent loop asks of a phone, and what the phone layer
// (adb, scrcpy, the simulated phone in tests) implements. Types only, shared by both sides so
// neither imports the other.
import type { AgentAction } from './actions';

export interface ScreenCapture {
  /** Encoded image bytes (JPEG/PNG/WebP) at full device resolution, current orientation. */
  image: Uint8Array;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  /** Device pixels of the current orientation (a rotated 720x1600 phone reports 1600x720). */
  width: number;
  height: number;
  /** Package (or label) of the foreground app, '' when unknown. */
  currentApp: string;
  /** Optional `uiautomator dump` XML for set-of-marks (generic protocol). */
  uiXml?: string;
  /**
   * Optional identity of what is on screen, for the loop guard's "unchanged screen" test. Default:
   * a hash of `image`. A video-frame source whose bytes differ for identical pixels should set it.
   */
  fingerprint?: string;
}

export interface ExecResult {
  ok: boolean;
  /** Why it failed (app not found, input failed...): fed back to the model, shown to the user. */
  message?: string;
}

export interface WaitForStillOptions {
  /** Give up waiting after this long and carry on (the screen may animate forever). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The phone, as the agent sees it. A real implementation takes screens from the mirror's latest
 * frame (or screencap), executes through scrcpy control (or `adb shell input`), and measures
 * settling by comparing frames. Actions arrive in device pixels; UI-level actions (take_over,
 * interact, note, call_api, finish) never reach `execute`.
 */
export interface PhoneOperator {
  screen(signal?: AbortSignal): Promise<ScreenCapture>;
  execute(action: AgentAction, signal: AbortSignal): Promise<ExecResult>;
  waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }>;
}
