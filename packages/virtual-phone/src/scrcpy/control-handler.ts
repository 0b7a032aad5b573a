// Applies scrcpy control messages to the simulated Android, as the server's Controller does,
// and answers with device messages (clipboard, clipboard ACKs).
import { KEYCODES, ControlMessageReader, MotionAction, type ControlMessage, serializeDeviceMessage, type DeviceMessage } from '#wire';
import type { SimulatedAndroid, TouchAction } from '../android/types';
import type { EventLog } from '../event-log';
import type { CaptureGeometry } from './capture-geometry';

const KEYCODE_COPY = 278;
const KEYCODE_CUT = 277;
const ACTION_POINTER_DOWN = 5;
const ACTION_POINTER_UP = 6;

export interface ControlHandlerOptions {
  android: SimulatedAndroid;
  log: EventLog;
  /** The current video and its mapping to the screen: positional events for another size are dropped. */
  geometry(): CaptureGeometry;
  sendDeviceMessage(bytes: Uint8Array): void;
  resetVideo(): void;
  clipboardAutosync: boolean;
}

/** What INJECT_TEXT can type: the virtual keyboard's key map only has ASCII. */
export function injectableText(text: string): { typed: string; dropped: string[] } {
  let typed = '';
  const dropped: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code < 0x7f) || ch === '\n' || ch === '\t') typed += ch;
    else dropped.push(ch);
  }
  return { typed, dropped };
}

export class ControlHandler {
  private readonly reader = new ControlMessageReader();
  private readonly unsubscribe: () => void;

  constructor(private readonly o: ControlHandlerOptions) {
    this.unsubscribe = o.android.on('clipboard', (text) => {
      if (this.o.clipboardAutosync) this.send({ type: 'clipboard', text });
    });
  }

  /** Feeds socket bytes; throws ScrcpyProtocolError on an unknown message type (framing lost). */
  push(chunk: Uint8Array): void {
    for (const msg of this.reader.push(chunk)) this.apply(msg);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private send(msg: DeviceMessage): void {
    this.o.sendDeviceMessage(serializeDeviceMessage(msg));
  }

  private log(detail: string, data?: Record<string, unknown>): void {
    this.o.log.add('control', detail, data);
  }

  /** Device coordinates for a video position, or null when the client used a stale size. */
  private map(p: { x: number; y: number; screenWidth: number; screenHeight: number }): { x: number; y: number } | null {
    const geometry = this.o.geometry();
    const video = geometry.video;
    if (p.screenWidth !== video.width || p.screenHeight !== video.height) {
      this.log(`Ignore positional event generated for size ${p.screenWidth}x${p.screenHeight} (current size is ${video.width}x${video.height})`);
      return null;
    }
    return geometry.toScreen(p.x, p.y);
  }

  private apply(msg: ControlMessage): void {
    const android = this.o.android;
    switch (msg.type) {
      case 'injectKeycode':
        android.key(msg.keycode, msg.action === 0 ? 'down' : 'up', msg.metaState);
        this.log(`key ${msg.action === 0 ? 'down' : 'up'} ${msg.keycode}`, { keycode: msg.keycode, action: msg.action, repeat: msg.repeat, metaState: msg.metaState });
        return;
      case 'injectText': {
        const { typed, dropped } = injectableText(msg.text);
        if (dropped.length) this.log(`Could not inject char ${dropped.map((c) => `u+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join(', ')}`);
        if (typed) android.inputText(typed);
        this.log(`text ${typed}`, { text: msg.text, typed });
        return;
      }
      case 'injectTouch': {
        const pos = this.map(msg);
        if (!pos) return;
        let action: TouchAction | null;
        switch (msg.action) {
          case MotionAction.DOWN: case ACTION_POINTER_DOWN: action = 'down'; break;
          case MotionAction.MOVE: action = 'move'; break;
          case MotionAction.UP: case ACTION_POINTER_UP: case MotionAction.CANCEL: action = 'up'; break;
          default: action = null; // hover moves: no touch on a phone screen
        }
        if (action) android.touch(action, pos.x, pos.y, Number(BigInt.asIntN(32, msg.pointerId)));
        this.log(`touch ${action ?? `action ${msg.action}`} ${Math.round(pos.x)} ${Math.round(pos.y)}`, { action: msg.action, x: pos.x, y: pos.y, pointerId: msg.pointerId.toString() });
        return;
      }
      case 'injectScroll': {
        const pos = this.map(msg);
        if (!pos) return;
        // scrcpy's vscroll > 0 is a wheel-up (content moves down); the model's dy > 0 is wheel-down.
        android.scroll(pos.x, pos.y, -msg.hscroll, -msg.vscroll);
        this.log(`scroll ${msg.hscroll} ${msg.vscroll}`, { x: pos.x, y: pos.y, hscroll: msg.hscroll, vscroll: msg.vscroll });
        return;
      }
      case 'backOrScreenOn':
        // Controller: a sleeping device is woken (on key down), an awake one gets BACK.
        if (android.power?.awake === false) { if (msg.action === 0) android.key(KEYCODES.WAKEUP, 'downup'); }
        else android.key(KEYCODES.BACK, msg.action === 0 ? 'down' : 'up');
        this.log(`back-or-screen-on ${msg.action}`);
        return;
      case 'setDisplayPower':
        // The panel goes dark; the content is still drawn, so the mirror keeps showing it.
        android.setDisplayPower?.(msg.on);
        this.log(`set-display-power ${msg.on ? 'on' : 'off'}`, { on: msg.on });
        return;
      case 'getClipboard':
        if (msg.copyKey === 1) android.key(KEYCODE_COPY, 'downup');
        if (msg.copyKey === 2) android.key(KEYCODE_CUT, 'downup');
        this.send({ type: 'clipboard', text: android.getClipboard() });
        this.log(`get-clipboard ${msg.copyKey}`);
        return;
      case 'setClipboard':
        android.setClipboard(msg.text, msg.paste);
        if (msg.sequence !== 0n) this.send({ type: 'ackClipboard', sequence: msg.sequence });
        this.log(`set-clipboard paste=${msg.paste}`, { text: msg.text, paste: msg.paste, sequence: msg.sequence.toString() });
        return;
      case 'rotateDevice':
        android.rotate();
        this.log('rotate');
        return;
      case 'startApp': {
        let name = msg.name;
        const forceStop = name.startsWith('+');
        if (forceStop) name = name.slice(1);
        let pkg = name;
        if (name.startsWith('?')) {
          const q = name.slice(1).toLowerCase();
          const apps = android.installedApps();
          pkg = (apps.find((a) => a.label.toLowerCase() === q) ?? apps.find((a) => a.label.toLowerCase().startsWith(q)))?.packageName ?? '';
        }
        if (forceStop && pkg) android.forceStop(pkg);
        const ok = pkg !== '' && android.launchPackage(pkg);
        this.log(ok ? `start-app ${pkg}` : `No app found for "${msg.name}"`, { name: msg.name, packageName: pkg, started: ok });
        return;
      }
      case 'resetVideo':
        this.log('reset-video');
        this.o.resetVideo();
        return;
      case 'expandNotificationPanel':
      case 'expandSettingsPanel':
      case 'collapsePanels':
      case 'openHardKeyboardSettings':
      case 'uhidCreate':
      case 'uhidInput':
      case 'uhidDestroy':
        // Accepted without effect: the simulated phone has no notification shade or HID.
        this.log(msg.type);
        return;
    }
  }
}
