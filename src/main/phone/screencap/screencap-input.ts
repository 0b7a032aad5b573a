// The renderer's control messages as `adb shell input` commands, for the low-frame-rate mirror
// (no scrcpy server, so no control socket): a press and release become a tap, a drag a swipe,
// keys keyevents, ASCII text `input text`. Every argument is quoted by the caller
// (shellCommand); this only builds argv arrays.
import { KEYCODES, KeyAction, MotionAction, PointerId, type ControlMessage } from '#wire';
import { AppError } from '../../../shared/errors';
import { inputTextArg, isInputTextSafe } from '../operators/text-keys';

/** A release within this many device pixels of the press is a tap. */
const TAP_SLOP_PX = 16;
/** Device pixels a wheel notch scrolls. */
const SCROLL_STEP_PX = 300;

interface Press {
  x: number;
  y: number;
  lastX: number;
  lastY: number;
  at: number;
}

export class ScreencapInput {
  private press: Press | null = null;

  /**
   * The shell commands for one message (often none: a press waits for its release).
   * `screen` is the device's screen size the positions are scaled to.
   */
  commands(message: ControlMessage, screen: { width: number; height: number }, now = Date.now()): string[][] {
    switch (message.type) {
      case 'injectTouch': {
        // The second finger of a pinch has no `input` equivalent: the first finger still works.
        if (message.pointerId === PointerId.VIRTUAL_FINGER) return [];
        const p = scale(message, screen);
        if (message.action === MotionAction.DOWN) {
          this.press = { x: p.x, y: p.y, lastX: p.x, lastY: p.y, at: now };
          return [];
        }
        const press = this.press;
        if (!press) return [];
        if (message.action === MotionAction.MOVE) {
          press.lastX = p.x;
          press.lastY = p.y;
          return [];
        }
        this.press = null;
        if (message.action !== MotionAction.UP) return [];
        if (Math.hypot(p.x - press.x, p.y - press.y) <= TAP_SLOP_PX) return [['input', 'tap', String(press.x), String(press.y)]];
        const duration = Math.min(2000, Math.max(100, now - press.at));
        return [['input', 'swipe', String(press.x), String(press.y), String(p.x), String(p.y), String(duration)]];
      }
      case 'injectScroll': {
        const p = scale(message, screen);
        // Wheel down (negative vscroll) scrolls the content down: the finger moves up.
        const toX = clamp(Math.round(p.x + message.hscroll * SCROLL_STEP_PX), 0, screen.width - 1);
        const toY = clamp(Math.round(p.y + message.vscroll * SCROLL_STEP_PX), 0, screen.height - 1);
        return [['input', 'swipe', String(p.x), String(p.y), String(toX), String(toY), '150']];
      }
      case 'injectKeycode':
        return message.action === KeyAction.UP ? [['input', 'keyevent', String(message.keycode)]] : [];
      case 'backOrScreenOn':
        return message.action === KeyAction.UP ? [['input', 'keyevent', String(KEYCODES.BACK)]] : [];
      case 'injectText':
        return [textCommand(message.text)];
      case 'setClipboard':
        if (!message.paste) throw unsupported('Setting the phone\'s clipboard');
        return [textCommand(message.text)];
      case 'expandNotificationPanel':
        return [['cmd', 'statusbar', 'expand-notifications']];
      case 'expandSettingsPanel':
        return [['cmd', 'statusbar', 'expand-settings']];
      case 'collapsePanels':
        return [['cmd', 'statusbar', 'collapse']];
      case 'startApp':
        return [['monkey', '-p', message.name.replace(/^[+?]+/, ''), '-c', 'android.intent.category.LAUNCHER', '1']];
      case 'resetVideo':
      case 'getClipboard':
        return [];
      case 'setDisplayPower':
        throw unsupported('Turning the screen off while mirroring');
      case 'rotateDevice':
        throw unsupported('Rotating the phone');
      default:
        throw unsupported(`"${message.type}"`);
    }
  }
}

function textCommand(text: string): string[] {
  if (!isInputTextSafe(text)) {
    throw new AppError('unavailable', 'Only plain ASCII text can be typed in low frame rate mode (adb shell input): install scrcpy or pick its server in Settings to type other characters, or use the phone\'s own keyboard.');
  }
  return ['input', 'text', inputTextArg(text)];
}

function unsupported(what: string): AppError {
  return new AppError('unavailable', `${what} needs the scrcpy server, which this low frame rate mirror does not have: install scrcpy or pick its server in Settings.`);
}

function scale(m: { x: number; y: number; screenWidth: number; screenHeight: number }, screen: { width: number; height: number }): { x: number; y: number } {
  const sx = m.screenWidth > 0 ? screen.width / m.screenWidth : 1;
  const sy = m.screenHeight > 0 ? screen.height / m.screenHeight : 1;
  return { x: clamp(Math.round(m.x * sx), 0, screen.width - 1), y: clamp(Math.round(m.y * sy), 0, screen.height - 1) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
