// Builders for the scrcpy control messages the mirror sends for pointer and wheel input.
// Positions are video pixels and screen_w/screen_h the current video size: the server drops
// positional events computed for another size (e.g. just before a rotation).

import {
  MotionAction, PointerId, type ControlMessage,
} from '#wire';
import type { Size } from './geometry';

export type TouchAction = typeof MotionAction.DOWN | typeof MotionAction.UP | typeof MotionAction.MOVE;

/** A finger touch (touchscreen semantics: no buttons; pressure 1 while down, 0 on lift). */
export function touchMessage(action: TouchAction, pointerId: bigint, point: { x: number; y: number }, video: Size): ControlMessage {
  return {
    type: 'injectTouch',
    action,
    pointerId,
    x: point.x,
    y: point.y,
    screenWidth: video.width,
    screenHeight: video.height,
    pressure: action === MotionAction.UP ? 0 : 1,
    actionButton: 0,
    buttons: 0,
  };
}

/** The pinch helper finger: the point mirrored around the video's center (as scrcpy does). */
export function mirroredPoint(point: { x: number; y: number }, video: Size): { x: number; y: number } {
  return {
    x: Math.min(video.width - 1, Math.max(0, video.width - point.x)),
    y: Math.min(video.height - 1, Math.max(0, video.height - point.y)),
  };
}

/** Touch messages for one pointer step; with `pinch`, the virtual finger follows mirrored. */
export function touchMessages(action: TouchAction, point: { x: number; y: number }, video: Size, pinch: boolean, pointerId: bigint = PointerId.GENERIC_FINGER): ControlMessage[] {
  const out = [touchMessage(action, pointerId, point, video)];
  if (pinch) out.push(touchMessage(action, PointerId.VIRTUAL_FINGER, mirroredPoint(point, video), video));
  return out;
}

/** WheelEvent.deltaMode values. */
const DOM_DELTA_PIXEL = 0;
const DOM_DELTA_LINE = 1;
/**
 * A wheel notch is about 100 device pixels (3 lines) in Chromium; pixel deltas arrive in CSS px,
 * i.e. divided by devicePixelRatio, so they are scaled back first. One notch = one Android unit.
 */
const PIXELS_PER_NOTCH = 100;
const LINES_PER_NOTCH = 3;

/** Browser wheel deltas -> scrcpy scroll amounts in [-16, 16] (one wheel notch = 1). */
export function wheelToScroll(deltaX: number, deltaY: number, deltaMode: number, pixelRatio = 1): { hscroll: number; vscroll: number } {
  const per = deltaMode === DOM_DELTA_PIXEL ? PIXELS_PER_NOTCH / pixelRatio : deltaMode === DOM_DELTA_LINE ? LINES_PER_NOTCH : 1;
  // `|| 0` turns -0 into 0 (no wheel movement on that axis).
  const clamp = (n: number): number => Math.min(16, Math.max(-16, n)) || 0;
  // Browser: positive deltaX/deltaY = scroll right/down. Android: AXIS_HSCROLL positive = right,
  // AXIS_VSCROLL positive = up.
  return { hscroll: clamp(deltaX / per), vscroll: clamp(-deltaY / per) };
}

export function scrollMessage(point: { x: number; y: number }, video: Size, wheel: { deltaX: number; deltaY: number; deltaMode: number }, pixelRatio = 1): ControlMessage {
  return {
    type: 'injectScroll', x: point.x, y: point.y, screenWidth: video.width, screenHeight: video.height,
    ...wheelToScroll(wheel.deltaX, wheel.deltaY, wheel.deltaMode, pixelRatio), buttons: 0,
  };
}
