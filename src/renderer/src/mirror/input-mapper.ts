// DOM binding of the mirror's input: pointer, wheel and keyboard events on the mirror element
// become scrcpy control messages, handed to `send`. The mapping itself lives in pure modules
// (geometry, touch-mapping, key-mapping); this file only listens, tracks pointers and cleans up.

import { KeyAction, MotionAction, PointerId, type ControlMessage, KEYCODES } from '#wire';
import { viewToVideo, type VideoLayout } from './geometry';
import { mapKey } from './key-mapping';
import { scrollMessage, touchMessages, type TouchAction } from './touch-mapping';

export interface InputMapperOptions {
  /** The element showing the video (pointer and wheel events, layout). */
  surface: HTMLElement;
  /**
   * A focusable text field (visually hidden) that receives keyboard, IME and paste input:
   * composition events only reach editable elements.
   */
  textSink: HTMLTextAreaElement | HTMLInputElement;
  /** The current video size and display rotation; null while there is no video. */
  layout(): VideoLayout | null;
  send(message: ControlMessage): void;
}

const BUTTON_PRIMARY = 0;
const BUTTON_MIDDLE = 1;
const BUTTON_SECONDARY = 2;

interface ActivePointer {
  pointerId: bigint;
  /** Ctrl held at press: a virtual second finger mirrors this one (pinch/rotate). */
  pinch: boolean;
  /** Last position sent, in video pixels (reused for the lift if the video went away). */
  last: { x: number; y: number };
}

export class InputMapper {
  private readonly active = new Map<number, ActivePointer>();
  /** Auto-repeat count per held key code, as Android's KeyEvent repeat field. */
  private readonly repeats = new Map<string, number>();
  /** Right/middle buttons whose DOWN was sent: only those get an UP. */
  private readonly heldButtons = new Set<number>();
  private readonly controller = new AbortController();

  constructor(private readonly options: InputMapperOptions) {
    const { surface, textSink } = options;
    const signal = this.controller.signal;
    surface.addEventListener('pointerdown', (e) => this.onPointerDown(e), { signal });
    surface.addEventListener('pointermove', (e) => this.onPointerMove(e), { signal });
    surface.addEventListener('pointerup', (e) => this.onPointerUp(e), { signal });
    surface.addEventListener('pointercancel', (e) => this.onPointerUp(e), { signal });
    surface.addEventListener('lostpointercapture', (e) => this.onPointerUp(e), { signal });
    surface.addEventListener('wheel', (e) => this.onWheel(e), { signal, passive: false });
    // The phone has its own context menu (long press); right click is Back.
    surface.addEventListener('contextmenu', (e) => e.preventDefault(), { signal });
    textSink.addEventListener('keydown', (e) => this.onKey(e as KeyboardEvent, KeyAction.DOWN), { signal });
    textSink.addEventListener('keyup', (e) => this.onKey(e as KeyboardEvent, KeyAction.UP), { signal });
    textSink.addEventListener('input', (e) => this.onInput(e as InputEvent), { signal });
    textSink.addEventListener('compositionend', (e) => this.onCompositionEnd(e as CompositionEvent), { signal });
    textSink.addEventListener('blur', () => this.repeats.clear(), { signal });
  }

  /** Removes every listener; lifts any finger or button still down so the phone is not left pressed. */
  dispose(): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort();
    const layout = this.options.layout();
    for (const pointer of this.active.values()) {
      if (layout) this.sendTouch(MotionAction.UP, pointer, pointer.last, layout);
    }
    if (this.heldButtons.has(BUTTON_SECONDARY)) this.options.send({ type: 'backOrScreenOn', action: KeyAction.UP });
    if (this.heldButtons.has(BUTTON_MIDDLE)) this.options.send({ type: 'injectKeycode', action: KeyAction.UP, keycode: KEYCODES.HOME, repeat: 0, metaState: 0 });
    this.active.clear();
    this.repeats.clear();
    this.heldButtons.clear();
  }

  private map(e: MouseEvent, layout: VideoLayout): { x: number; y: number; inside: boolean } {
    const box = this.options.surface.getBoundingClientRect();
    return viewToVideo({ x: e.clientX - box.left, y: e.clientY - box.top }, { width: box.width, height: box.height }, layout);
  }

  private sendTouch(action: TouchAction, pointer: ActivePointer, point: { x: number; y: number }, layout: VideoLayout): void {
    for (const message of touchMessages(action, point, layout.video, pointer.pinch, pointer.pointerId)) this.options.send(message);
  }

  private onPointerDown(e: PointerEvent): void {
    // Keep keyboard input flowing to the phone after a click on it.
    this.options.textSink.focus({ preventScroll: true });
    const layout = this.options.layout();
    if (!layout) return;
    if (e.button === BUTTON_SECONDARY) {
      e.preventDefault();
      this.heldButtons.add(BUTTON_SECONDARY);
      this.options.send({ type: 'backOrScreenOn', action: KeyAction.DOWN });
      return;
    }
    if (e.button === BUTTON_MIDDLE) {
      e.preventDefault(); // no autoscroll
      this.heldButtons.add(BUTTON_MIDDLE);
      this.options.send({ type: 'injectKeycode', action: KeyAction.DOWN, keycode: KEYCODES.HOME, repeat: 0, metaState: 0 });
      return;
    }
    if (e.button !== BUTTON_PRIMARY || this.active.has(e.pointerId)) return;
    const point = this.map(e, layout);
    if (!point.inside) return; // a press on the letterbox bars is not a touch
    e.preventDefault();
    this.options.surface.setPointerCapture(e.pointerId);
    // Mouse and pen act as one finger; real touches keep their own ids (multi-touch).
    const pointerId = e.pointerType === 'touch' ? BigInt(e.pointerId) : PointerId.GENERIC_FINGER;
    const pointer: ActivePointer = { pointerId, pinch: e.ctrlKey && e.pointerType !== 'touch', last: point };
    this.active.set(e.pointerId, pointer);
    this.sendTouch(MotionAction.DOWN, pointer, point, layout);
  }

  private onPointerMove(e: PointerEvent): void {
    const pointer = this.active.get(e.pointerId);
    const layout = this.options.layout();
    if (!pointer || !layout) return;
    // Clamped to the picture: a drag may leave it and still moves the finger along the edge.
    const point = this.map(e, layout);
    if (point.x === pointer.last.x && point.y === pointer.last.y) return;
    pointer.last = point;
    this.sendTouch(MotionAction.MOVE, pointer, point, layout);
  }

  private onPointerUp(e: PointerEvent): void {
    if (e.type === 'pointerup' && e.button === BUTTON_SECONDARY) {
      if (this.heldButtons.delete(BUTTON_SECONDARY)) this.options.send({ type: 'backOrScreenOn', action: KeyAction.UP });
      return;
    }
    if (e.type === 'pointerup' && e.button === BUTTON_MIDDLE) {
      if (this.heldButtons.delete(BUTTON_MIDDLE)) this.options.send({ type: 'injectKeycode', action: KeyAction.UP, keycode: KEYCODES.HOME, repeat: 0, metaState: 0 });
      return;
    }
    const pointer = this.active.get(e.pointerId);
    if (!pointer) return;
    this.active.delete(e.pointerId);
    const layout = this.options.layout();
    if (!layout) return;
    const point = e.type === 'pointerup' ? this.map(e, layout) : pointer.last;
    this.sendTouch(MotionAction.UP, pointer, point, layout);
  }

  private onWheel(e: WheelEvent): void {
    const layout = this.options.layout();
    if (!layout) return;
    const point = this.map(e, layout);
    if (!point.inside) return;
    e.preventDefault();
    this.options.send(scrollMessage(point, layout.video, e, window.devicePixelRatio));
  }

  private onKey(e: KeyboardEvent, action: typeof KeyAction.DOWN | typeof KeyAction.UP): void {
    // Keys that belong to an IME composition are the IME's, not the phone's.
    if (e.isComposing || e.keyCode === 229) return;
    const mapped = mapKey(e);
    if (!mapped) return; // text: arrives as an input event
    e.preventDefault();
    let repeat = 0;
    if (action === KeyAction.DOWN) {
      repeat = e.repeat ? (this.repeats.get(e.code) ?? 0) + 1 : 0;
      this.repeats.set(e.code, repeat);
    } else {
      this.repeats.delete(e.code);
    }
    this.options.send({ type: 'injectKeycode', action, keycode: mapped.keycode, repeat, metaState: mapped.metaState });
  }

  private onInput(e: InputEvent): void {
    const sink = this.options.textSink;
    if (e.isComposing || e.inputType === 'insertCompositionText') return;
    const text = e.inputType === 'insertText' && e.data !== null ? e.data : sink.value;
    sink.value = '';
    this.sendText(text);
  }

  private onCompositionEnd(e: CompositionEvent): void {
    this.options.textSink.value = '';
    this.sendText(e.data);
  }

  /** Any Unicode text via the device clipboard + paste (INJECT_TEXT drops non-ASCII). */
  private sendText(text: string): void {
    if (text.length === 0) return;
    this.options.send({ type: 'setClipboard', sequence: 0n, paste: true, text });
  }
}
