// When is the screen "still" after an action? All thresholds live here. The numbers come from
// measuring the simulated phone's scrcpy stream (30 fps cap, libx264) and what scrcpy does on
// a real phone (MediaCodec repeats the previous frame once, 100 ms after the last change):
// - during an animation, frames arrived every 25-75 ms (encoder backlog makes the widest gaps);
// - a transition (tap -> new page) changed the screen for ~340 ms, its first frame arriving
//   ~90 ms after the input;
// - an unchanged screen is re-sent every 500 ms by the simulated server (once after 100 ms on a
//   real phone), so a quiet window must stay well under 500 ms or a still screen never "settles".

export interface SettleConfig {
  /** Mirror: still when no video frame arrived for this long (> 2x the widest animation gap). */
  quietMs: number;
  /**
   * Mirror: the same, while no frame at all arrived since the action: apps take a moment to react
   * (the first frame of a transition came ~90 ms after the input here, up to ~300 ms for an
   * activity launch on a slow phone), and an action with no visible effect costs only this long.
   */
  firstChangeMs: number;
  /**
   * Mirror: after this much of the quiet window, start decoding the last frame ahead of the next
   * screen() (it is almost always the final picture; if another frame comes, one decode is wasted).
   */
  lullMs: number;
  /** Never report still sooner than this after the action. */
  minMs: number;
  /** Give up and carry on after this long (an endless animation, a video); the run's own settle timeout caps it too. */
  maxMs: number;
  /** adb (no mirror): screencaps compared this far apart at least. */
  pollMs: number;
  /** adb: mean absolute difference (0-255) of two thumbnails below which they are the same screen (JPEG/scaling noise, a blinking caret). */
  diffThreshold: number;
}

export const DEFAULT_SETTLE: SettleConfig = {
  quietMs: 150,
  firstChangeMs: 350,
  lullMs: 40,
  minMs: 100,
  maxMs: 3_000,
  pollMs: 0,
  diffThreshold: 1.5,
};

export function settleConfig(overrides: Partial<SettleConfig> = {}): SettleConfig {
  return { ...DEFAULT_SETTLE, ...overrides };
}
