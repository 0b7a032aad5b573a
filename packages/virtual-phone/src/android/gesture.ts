// Turns raw pointer events into tap / long press / drag / scroll, the way a View's touch
// handling does: a small, short touch taps; a still touch of 500 ms long-presses; moving past
// the touch slop scrolls the list under the finger, or drags a slider grabbed on down.
import { type Element, findInPath } from './ui/element';

export const LONG_PRESS_MS = 500;

export interface GestureSink {
  hitPath(x: number, y: number): Element[];
  tap(path: Element[], x: number, y: number): void;
  longPress(path: Element[], x: number, y: number): void;
}

type Mode = 'idle' | 'pending' | 'drag' | 'scroll' | 'cancelled' | 'consumed';

export class GestureRecognizer {
  private mode: Mode = 'idle';
  private pointerId = 0;
  private downX = 0;
  private downY = 0;
  private downAt = 0;
  private path: Element[] = [];
  private dragEl: Element | undefined;
  private scrollEl: Element | undefined;
  private scrollStart = 0;
  private longPressTimer: NodeJS.Timeout | undefined;

  constructor(private readonly sink: GestureSink, private readonly touchSlop: number) {}

  down(x: number, y: number, at: number, pointerId = 0): void {
    // A second finger is ignored; the same pointer going down again (a lost 'up') restarts.
    if (this.mode !== 'idle' && pointerId !== this.pointerId) return;
    this.clearTimer();
    this.pointerId = pointerId;
    this.downX = x; this.downY = y; this.downAt = at;
    this.path = this.sink.hitPath(x, y);
    this.dragEl = findInPath(this.path, 'onDrag');
    this.scrollEl = undefined;
    for (let i = this.path.length - 1; i >= 0; i--) {
      const s = this.path[i].scroll;
      if (s && s.max > 0) { this.scrollEl = this.path[i]; this.scrollStart = s.offset; break; }
    }
    if (this.dragEl) { this.mode = 'drag'; this.dragEl.onDrag!(x, y, 'down'); return; }
    this.mode = 'pending';
    // A finger held still fires the long press while it is still down, as Android does.
    this.longPressTimer = setTimeout(() => {
      this.longPressTimer = undefined;
      if (this.mode !== 'pending') return;
      this.mode = 'consumed';
      this.sink.longPress(this.path, this.downX, this.downY);
    }, LONG_PRESS_MS);
    this.longPressTimer.unref();
  }

  private clearTimer(): void {
    if (this.longPressTimer) clearTimeout(this.longPressTimer);
    this.longPressTimer = undefined;
  }

  move(x: number, y: number, _at: number, pointerId = 0): void {
    if (pointerId !== this.pointerId) return;
    if (this.mode === 'drag') { this.dragEl!.onDrag!(x, y, 'move'); return; }
    if (this.mode === 'pending' && Math.hypot(x - this.downX, y - this.downY) > this.touchSlop) {
      this.mode = this.scrollEl ? 'scroll' : 'cancelled';
      this.clearTimer();
    }
    if (this.mode === 'scroll') {
      this.scrollEl!.scroll!.set(this.scrollStart + (this.downY - y));
     
    }
  }

  up(x: number, y: number, at: number, pointerId = 0): void {
    if (pointerId !== this.pointerId) return;
    this.move(x, y, at, pointerId);
    this.clearTimer();
    const mode = this.mode;
    this.mode = 'idle';
    if (mode === 'drag') { this.dragEl!.onDrag!(x, y, 'up'); return; }
    if (mode !== 'pending') return;
    if (at - this.downAt >= LONG_PRESS_MS) this.sink.longPress(this.path, this.downX, this.downY);
    else this.sink.tap(this.path, this.downX, this.downY);
  }

  cancel(): void {
    this.clearTimer();
    this.mode = 'idle';
  }
}
