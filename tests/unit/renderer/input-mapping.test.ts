import { describe, expect, it } from 'vitest';
import { KEYCODES, MotionAction, PointerId, serializeControlMessage } from '#wire';
import { AndroidMeta, mapKey, type KeyLike } from '../../../src/renderer/src/mirror/key-mapping';
import { mirroredPoint, scrollMessage, touchMessages, wheelToScroll } from '../../../src/renderer/src/mirror/touch-mapping';

const video = { width: 720, height: 1600 };
const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...k });

describe('touch mapping', () => {
  it('makes a finger touch in video coordinates with the video size as screen size', () => {
    const [down] = touchMessages(MotionAction.DOWN, { x: 100, y: 200 }, video, false);
    expect(down).toEqual({
      type: 'injectTouch', action: MotionAction.DOWN, pointerId: PointerId.GENERIC_FINGER,
      x: 100, y: 200, screenWidth: 720, screenHeight: 1600, pressure: 1, actionButton: 0, buttons: 0,
    });
    const [up] = touchMessages(MotionAction.UP, { x: 100, y: 200 }, video, false);
    expect(up).toMatchObject({ action: MotionAction.UP, pressure: 0 });
    // Byte-exact on the wire: type 2, action 0, pointer id -2 as u64, pos, pressure 0xffff.
    expect([...serializeControlMessage(down)]).toEqual([
      2, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
      0, 0, 0, 100, 0, 0, 0, 200, 0x02, 0xd0, 0x06, 0x40,
      0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('adds a virtual finger mirrored around the center for a pinch', () => {
    const messages = touchMessages(MotionAction.MOVE, { x: 100, y: 300 }, video, true);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ pointerId: PointerId.VIRTUAL_FINGER, x: 620, y: 1300, action: MotionAction.MOVE });
    expect(mirroredPoint({ x: 0, y: 0 }, video)).toEqual({ x: 719, y: 1599 });
  });

  it('turns wheel deltas into scroll units with Android signs', () => {
    expect(wheelToScroll(0, 100, 0)).toEqual({ hscroll: 0, vscroll: -1 });
    expect(wheelToScroll(-50, -300, 0)).toEqual({ hscroll: -0.5, vscroll: 3 });
    expect(wheelToScroll(0, 3, 1)).toEqual({ hscroll: 0, vscroll: -1 });
    expect(wheelToScroll(0, -1, 2)).toEqual({ hscroll: 0, vscroll: 1 });
    expect(wheelToScroll(0, 1e6, 0)).toEqual({ hscroll: 0, vscroll: -16 });
    // On a 2x screen Chromium reports a notch as 50 CSS px.
    expect(wheelToScroll(0, 50, 0, 2)).toEqual({ hscroll: 0, vscroll: -1 });
    expect(wheelToScroll(0, 3, 1, 2)).toEqual({ hscroll: 0, vscroll: -1 });
    expect(scrollMessage({ x: 5, y: 6 }, video, { deltaX: 0, deltaY: 100, deltaMode: 0 })).toEqual({
      type: 'injectScroll', x: 5, y: 6, screenWidth: 720, screenHeight: 1600, hscroll: 0, vscroll: -1, buttons: 0,
    });
  });
});

describe('key mapping', () => {
  it('maps special keys with their meta state', () => {
    expect(mapKey(key({ key: 'Enter', code: 'Enter' }))).toEqual({ keycode: KEYCODES.ENTER, metaState: 0 });
    expect(mapKey(key({ key: 'Backspace' }))).toEqual({ keycode: KEYCODES.DEL, metaState: 0 });
    expect(mapKey(key({ key: 'Delete' }))?.keycode).toBe(KEYCODES.FORWARD_DEL);
    expect(mapKey(key({ key: 'ArrowLeft', shiftKey: true }))).toEqual({ keycode: KEYCODES.DPAD_LEFT, metaState: AndroidMeta.SHIFT_ON });
    expect(mapKey(key({ key: 'Home' }))?.keycode).toBe(KEYCODES.MOVE_HOME);
    expect(mapKey(key({ key: 'AudioVolumeUp' }))?.keycode).toBe(KEYCODES.VOLUME_UP);
  });

  it('leaves printable text (any language) and bare modifiers to the text path', () => {
    for (const k of ['a', 'A', ' ', '中', 'é', '😀', 'Shift', 'Control', 'Process']) {
      expect(mapKey(key({ key: k, code: 'KeyA', shiftKey: k === 'A' }))).toBeNull();
    }
  });

  it('sends shortcuts by physical key, but lets Ctrl+V paste as text', () => {
    expect(mapKey(key({ key: 'a', code: 'KeyA', ctrlKey: true }))).toEqual({ keycode: KEYCODES.A, metaState: AndroidMeta.CTRL_ON });
    // AZERTY: the key labelled "a" sits on code KeyQ; layout-independent like scrcpy.
    expect(mapKey(key({ key: 'a', code: 'KeyQ', ctrlKey: true }))?.keycode).toBe(KEYCODES.Q);
    expect(mapKey(key({ key: 'c', code: 'KeyC', metaKey: true, shiftKey: true }))).toEqual({
      keycode: KEYCODES.C, metaState: AndroidMeta.META_ON | AndroidMeta.SHIFT_ON,
    });
    expect(mapKey(key({ key: '1', code: 'Digit1', altKey: true }))).toEqual({ keycode: KEYCODES['1'], metaState: AndroidMeta.ALT_ON });
    expect(mapKey(key({ key: 'v', code: 'KeyV', ctrlKey: true }))).toBeNull();
    expect(mapKey(key({ key: 'v', code: 'KeyV', metaKey: true }))).toBeNull();
  });
});
