// scrcpy control messages (client -> device, on the control socket). Byte layouts follow
// scrcpy's app/src/control_msg.c (writer) and server ControlMessageReader.java (reader); all
// multi-byte fields are big-endian. The same module serves the product (serialize) and the
// simulated phone's scrcpy server (parse), so both sides can never disagree on a layout.

import {
  ChunkedReader, copyBytes, ScrcpyProtocolError, utf8Decode, utf8Encode, utf8EncodeTruncated, viewOf, parseMessages,
} from '../bytes';

export const ControlMessageType = {
  INJECT_KEYCODE: 0,
  INJECT_TEXT: 1,
  INJECT_TOUCH_EVENT: 2,
  INJECT_SCROLL_EVENT: 3,
  BACK_OR_SCREEN_ON: 4,
  EXPAND_NOTIFICATION_PANEL: 5,
  EXPAND_SETTINGS_PANEL: 6,
  COLLAPSE_PANELS: 7,
  GET_CLIPBOARD: 8,
  SET_CLIPBOARD: 9,
  SET_DISPLAY_POWER: 10,
  ROTATE_DEVICE: 11,
  UHID_CREATE: 12,
  UHID_INPUT: 13,
  UHID_DESTROY: 14,
  OPEN_HARD_KEYBOARD_SETTINGS: 15,
  START_APP: 16,
  RESET_VIDEO: 17,
} as const;

/** The server refuses bigger messages; the client sizes clipboard text from it. */
export const CONTROL_MSG_MAX_SIZE = 1 << 18;
/** The client truncates INJECT_TEXT here: the server injects text char by char (slow). */
export const INJECT_TEXT_MAX_LENGTH = 300;
/** type(1) + sequence(8) + paste(1) + length(4). */
export const CLIPBOARD_TEXT_MAX_LENGTH = CONTROL_MSG_MAX_SIZE - 14;
/** Fields prefixed by a u8 length (UHID name, START_APP name). */
export const TINY_STRING_MAX_LENGTH = 255;

/** Android KeyEvent actions. */
export const KeyAction = { DOWN: 0, UP: 1 } as const;
/** Android MotionEvent actions used by scrcpy. */
export const MotionAction = { DOWN: 0, UP: 1, MOVE: 2, CANCEL: 3, HOVER_MOVE: 7 } as const;
/** Android MotionEvent buttons. */
export const MotionButton = { PRIMARY: 1, SECONDARY: 2, TERTIARY: 4, BACK: 8, FORWARD: 16 } as const;
/** Special pointer ids (sent as u64, i.e. two's complement). */
export const PointerId = { MOUSE: -1n, GENERIC_FINGER: -2n, VIRTUAL_FINGER: -3n } as const;
/** GET_CLIPBOARD copy_key: press COPY or CUT on the device before reading its clipboard. */
export const CopyKey = { NONE: 0, COPY: 1, CUT: 2 } as const;

/** Where a positional event happens, and the video size the client computed it for. */
export interface ScrcpyPosition {
  x: number;
  y: number;
  /** Must equal the current video size or the server drops the event. */
  screenWidth: number;
  screenHeight: number;
}

export type ControlMessage =
  | { type: 'injectKeycode'; action: number; keycode: number; repeat: number; metaState: number }
  | { type: 'injectText'; text: string }
  | ({
      type: 'injectTouch';
      action: number;
      /** u64 on the wire; negative values are the special ids in PointerId. */
      pointerId: bigint;
      /** 0..1 (encoded as u16 fixed point). */
      pressure: number;
      actionButton: number;
      buttons: number;
    } & ScrcpyPosition)
  | ({
      type: 'injectScroll';
      /** Scroll amounts in [-16, 16] (encoded as i16 fixed point of value / 16). */
      hscroll: number;
      vscroll: number;
      buttons: number;
    } & ScrcpyPosition)
  | { type: 'backOrScreenOn'; action: number }
  | { type: 'expandNotificationPanel' }
  | { type: 'expandSettingsPanel' }
  | { type: 'collapsePanels' }
  | { type: 'getClipboard'; copyKey: number }
  /** sequence 0n = no ACK_CLIPBOARD wanted; paste = also press PASTE on the device. */
  | { type: 'setClipboard'; sequence: bigint; paste: boolean; text: string }
  | { type: 'setDisplayPower'; on: boolean }
  | { type: 'rotateDevice' }
  | { type: 'uhidCreate'; id: number; vendorId: number; productId: number; name: string; reportDescriptor: Uint8Array }
  | { type: 'uhidInput'; id: number; data: Uint8Array }
  | { type: 'uhidDestroy'; id: number }
  | { type: 'openHardKeyboardSettings' }
  /** name: package name, or '?label' to search by app label; a leading '+' force-stops first. */
  | { type: 'startApp'; name: string }
  | { type: 'resetVideo' };

export type ControlMessageKind = ControlMessage['type'];

const TYPE_CODES: Record<ControlMessageKind, number> = {
  injectKeycode: ControlMessageType.INJECT_KEYCODE,
  injectText: ControlMessageType.INJECT_TEXT,
  injectTouch: ControlMessageType.INJECT_TOUCH_EVENT,
  injectScroll: ControlMessageType.INJECT_SCROLL_EVENT,
  backOrScreenOn: ControlMessageType.BACK_OR_SCREEN_ON,
  expandNotificationPanel: ControlMessageType.EXPAND_NOTIFICATION_PANEL,
  expandSettingsPanel: ControlMessageType.EXPAND_SETTINGS_PANEL,
  collapsePanels: ControlMessageType.COLLAPSE_PANELS,
  getClipboard: ControlMessageType.GET_CLIPBOARD,
  setClipboard: ControlMessageType.SET_CLIPBOARD,
  setDisplayPower: ControlMessageType.SET_DISPLAY_POWER,
  rotateDevice: ControlMessageType.ROTATE_DEVICE,
  uhidCreate: ControlMessageType.UHID_CREATE,
  uhidInput: ControlMessageType.UHID_INPUT,
  uhidDestroy: ControlMessageType.UHID_DESTROY,
  openHardKeyboardSettings: ControlMessageType.OPEN_HARD_KEYBOARD_SETTINGS,
  startApp: ControlMessageType.START_APP,
  resetVideo: ControlMessageType.RESET_VIDEO,
};

export function controlMessageTypeCode(kind: ControlMessageKind): number {
  return TYPE_CODES[kind];
}

// ---- fixed-point encodings -------------------------------------------------------------

/** Pressure 0..1 -> u16 fixed point; 1.0 saturates to 0xffff (as scrcpy's sc_float_to_u16fp). */
export function encodePressure(pressure: number): number {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(pressure) ? pressure : 0));
  return Math.min(0xffff, Math.trunc(clamped * 0x10000));
}

/** u16 fixed point -> 0..1; 0xffff means exactly 1 (as the server's u16FixedPointToFloat). */
export function decodePressure(value: number): number {
  return value === 0xffff ? 1 : value / 0x10000;
}

/** Scroll amount in [-16, 16] -> i16 fixed point of amount / 16, clamped like the client. */
export function encodeScroll(amount: number): number {
  const norm = Math.min(1, Math.max(-1, (Number.isFinite(amount) ? amount : 0) / 16));
  return Math.min(0x7fff, Math.trunc(norm * 0x8000));
}

/** i16 fixed point -> scroll amount in [-16, 16). */
export function decodeScroll(value: number): number {
  return (value / 0x8000) * 16;
}

// ---- serialization (client side) ----------------------------------------------------------

function encodedSize(msg: ControlMessage, strings: Uint8Array[]): number {
  switch (msg.type) {
    case 'injectKeycode': return 14;
    case 'injectText': return 5 + strings[0].length;
    case 'injectTouch': return 32;
    case 'injectScroll': return 21;
    case 'backOrScreenOn':
    case 'getClipboard':
    case 'setDisplayPower': return 2;
    case 'setClipboard': return 14 + strings[0].length;
    case 'uhidCreate': return 1 + 6 + 1 + strings[0].length + 2 + msg.reportDescriptor.length;
    case 'uhidInput': return 1 + 2 + 2 + msg.data.length;
    case 'uhidDestroy': return 3;
    case 'startApp': return 2 + strings[0].length;
    case 'expandNotificationPanel':
    case 'expandSettingsPanel':
    case 'collapsePanels':
    case 'rotateDevice':
    case 'openHardKeyboardSettings':
    case 'resetVideo': return 1;
  }
}

function stringsOf(msg: ControlMessage): Uint8Array[] {
  switch (msg.type) {
    case 'injectText': return [utf8EncodeTruncated(msg.text, INJECT_TEXT_MAX_LENGTH)];
    case 'setClipboard': return [utf8EncodeTruncated(msg.text, CLIPBOARD_TEXT_MAX_LENGTH)];
    case 'uhidCreate': return [utf8EncodeTruncated(msg.name, TINY_STRING_MAX_LENGTH)];
    case 'startApp': return [utf8EncodeTruncated(msg.name, TINY_STRING_MAX_LENGTH)];
    default: return [];
  }
}

function writePosition(dv: DataView, off: number, p: ScrcpyPosition): void {
  dv.setInt32(off, p.x);
  dv.setInt32(off + 4, p.y);
  dv.setUint16(off + 8, p.screenWidth);
  dv.setUint16(off + 10, p.screenHeight);
}

/** One message as the scrcpy client writes it (text fields truncated like the client does). */
export function serializeControlMessage(msg: ControlMessage): Uint8Array {
  const strings = stringsOf(msg);
  const out = new Uint8Array(encodedSize(msg, strings));
  const dv = viewOf(out);
  out[0] = TYPE_CODES[msg.type];
  switch (msg.type) {
    case 'injectKeycode':
      out[1] = msg.action;
      dv.setInt32(2, msg.keycode);
      dv.setUint32(6, msg.repeat);
      dv.setUint32(10, msg.metaState);
      break;
    case 'injectText':
      dv.setUint32(1, strings[0].length);
      out.set(strings[0], 5);
      break;
    case 'injectTouch':
      out[1] = msg.action;
      dv.setBigUint64(2, BigInt.asUintN(64, msg.pointerId));
      writePosition(dv, 10, msg);
      dv.setUint16(22, encodePressure(msg.pressure));
      dv.setUint32(24, msg.actionButton);
      dv.setUint32(28, msg.buttons);
      break;
    case 'injectScroll':
      writePosition(dv, 1, msg);
      dv.setInt16(13, encodeScroll(msg.hscroll));
      dv.setInt16(15, encodeScroll(msg.vscroll));
      dv.setUint32(17, msg.buttons);
      break;
    case 'backOrScreenOn':
      out[1] = msg.action;
      break;
    case 'getClipboard':
      out[1] = msg.copyKey;
      break;
    case 'setClipboard':
      dv.setBigUint64(1, BigInt.asUintN(64, msg.sequence));
      out[9] = msg.paste ? 1 : 0;
      dv.setUint32(10, strings[0].length);
      out.set(strings[0], 14);
      break;
    case 'setDisplayPower':
      out[1] = msg.on ? 1 : 0;
      break;
    case 'uhidCreate': {
      dv.setUint16(1, msg.id);
      dv.setUint16(3, msg.vendorId);
      dv.setUint16(5, msg.productId);
      out[7] = strings[0].length;
      out.set(strings[0], 8);
      const at = 8 + strings[0].length;
      dv.setUint16(at, msg.reportDescriptor.length);
      out.set(msg.reportDescriptor, at + 2);
      break;
    }
    case 'uhidInput':
      dv.setUint16(1, msg.id);
      dv.setUint16(3, msg.data.length);
      out.set(msg.data, 5);
      break;
    case 'uhidDestroy':
      dv.setUint16(1, msg.id);
      break;
    case 'startApp':
      out[1] = strings[0].length;
      out.set(strings[0], 2);
      break;
    default:
      break; // type byte only
  }
  return out;
}

// ---- parsing (device side) ------------------------------------------------------------------

/** Needs more bytes: the caller keeps the tail and retries when the next chunk arrives. */
const INCOMPLETE = null;

function readPosition(dv: DataView, off: number): ScrcpyPosition {
  return {
    x: dv.getInt32(off),
    y: dv.getInt32(off + 4),
    screenWidth: dv.getUint16(off + 8),
    screenHeight: dv.getUint16(off + 10),
  };
}

function checkLength(len: number): void {
  // The server reads any length, but nothing legitimate exceeds the message cap: refusing it
  // keeps a corrupt stream from making us buffer gigabytes waiting for a "complete" message.
  if (len > CONTROL_MSG_MAX_SIZE) throw new ScrcpyProtocolError(`control message field of ${len} bytes exceeds ${CONTROL_MSG_MAX_SIZE}`);
}

/** Parses one message at buf[0..]; returns it with its size, or null if buf is too short. */
function parseOne(buf: Uint8Array): { msg: ControlMessage; size: number } | null {
  if (buf.length < 1) return INCOMPLETE;
  const dv = viewOf(buf);
  const type = buf[0];
  const need = (n: number): boolean => buf.length >= n;
  switch (type) {
    case ControlMessageType.INJECT_KEYCODE:
      if (!need(14)) return INCOMPLETE;
      return {
        size: 14,
        msg: { type: 'injectKeycode', action: buf[1], keycode: dv.getInt32(2), repeat: dv.getUint32(6), metaState: dv.getUint32(10) },
      };
    case ControlMessageType.INJECT_TEXT: {
      if (!need(5)) return INCOMPLETE;
      const len = dv.getUint32(1);
      checkLength(len);
      if (!need(5 + len)) return INCOMPLETE;
      return { size: 5 + len, msg: { type: 'injectText', text: utf8Decode(buf.subarray(5, 5 + len)) } };
    }
    case ControlMessageType.INJECT_TOUCH_EVENT:
      if (!need(32)) return INCOMPLETE;
      return {
        size: 32,
        msg: {
          type: 'injectTouch',
          action: buf[1],
          pointerId: dv.getBigInt64(2),
          ...readPosition(dv, 10),
          pressure: decodePressure(dv.getUint16(22)),
          actionButton: dv.getUint32(24),
          buttons: dv.getUint32(28),
        },
      };
    case ControlMessageType.INJECT_SCROLL_EVENT:
      if (!need(21)) return INCOMPLETE;
      return {
        size: 21,
        msg: {
          type: 'injectScroll',
          ...readPosition(dv, 1),
          hscroll: decodeScroll(dv.getInt16(13)),
          vscroll: decodeScroll(dv.getInt16(15)),
          buttons: dv.getUint32(17),
        },
      };
    case ControlMessageType.BACK_OR_SCREEN_ON:
      if (!need(2)) return INCOMPLETE;
      return { size: 2, msg: { type: 'backOrScreenOn', action: buf[1] } };
    case ControlMessageType.EXPAND_NOTIFICATION_PANEL:
      return { size: 1, msg: { type: 'expandNotificationPanel' } };
    case ControlMessageType.EXPAND_SETTINGS_PANEL:
      return { size: 1, msg: { type: 'expandSettingsPanel' } };
    case ControlMessageType.COLLAPSE_PANELS:
      return { size: 1, msg: { type: 'collapsePanels' } };
    case ControlMessageType.GET_CLIPBOARD:
      if (!need(2)) return INCOMPLETE;
      return { size: 2, msg: { type: 'getClipboard', copyKey: buf[1] } };
    case ControlMessageType.SET_CLIPBOARD: {
      if (!need(14)) return INCOMPLETE;
      const len = dv.getUint32(10);
      checkLength(len);
      if (!need(14 + len)) return INCOMPLETE;
      return {
        size: 14 + len,
        msg: { type: 'setClipboard', sequence: dv.getBigUint64(1), paste: buf[9] !== 0, text: utf8Decode(buf.subarray(14, 14 + len)) },
      };
    }
    case ControlMessageType.SET_DISPLAY_POWER:
      if (!need(2)) return INCOMPLETE;
      return { size: 2, msg: { type: 'setDisplayPower', on: buf[1] !== 0 } };
    case ControlMessageType.ROTATE_DEVICE:
      return { size: 1, msg: { type: 'rotateDevice' } };
    case ControlMessageType.UHID_CREATE: {
      if (!need(8)) return INCOMPLETE;
      const nameLen = buf[7];
      if (!need(8 + nameLen + 2)) return INCOMPLETE;
      const descLen = dv.getUint16(8 + nameLen);
      const size = 8 + nameLen + 2 + descLen;
      if (!need(size)) return INCOMPLETE;
      return {
        size,
        msg: {
          type: 'uhidCreate',
          id: dv.getUint16(1),
          vendorId: dv.getUint16(3),
          productId: dv.getUint16(5),
          name: utf8Decode(buf.subarray(8, 8 + nameLen)),
          // Copy: the caller's buffer is a reused socket chunk; messages must outlive it.
          reportDescriptor: copyBytes(buf, 8 + nameLen + 2, size),
        },
      };
    }
    case ControlMessageType.UHID_INPUT: {
      if (!need(5)) return INCOMPLETE;
      const len = dv.getUint16(3);
      if (!need(5 + len)) return INCOMPLETE;
      return { size: 5 + len, msg: { type: 'uhidInput', id: dv.getUint16(1), data: copyBytes(buf, 5, 5 + len) } };
    }
    case ControlMessageType.UHID_DESTROY:
      if (!need(3)) return INCOMPLETE;
      return { size: 3, msg: { type: 'uhidDestroy', id: dv.getUint16(1) } };
    case ControlMessageType.OPEN_HARD_KEYBOARD_SETTINGS:
      return { size: 1, msg: { type: 'openHardKeyboardSettings' } };
    case ControlMessageType.START_APP: {
      if (!need(2)) return INCOMPLETE;
      const len = buf[1];
      if (!need(2 + len)) return INCOMPLETE;
      return { size: 2 + len, msg: { type: 'startApp', name: utf8Decode(buf.subarray(2, 2 + len)) } };
    }
    case ControlMessageType.RESET_VIDEO:
      return { size: 1, msg: { type: 'resetVideo' } };
    default:
      // Same as the server: an unknown type means we lost framing; nothing after it is usable.
      throw new ScrcpyProtocolError(`unknown control message type ${type}`);
  }
}

/**
 * Device side: parses every complete message at the start of `buf`. `consumed` bytes were used;
 * keep buf.subarray(consumed) and prepend it to the next chunk (messages may be split across
 * reads or several may share one). Throws ScrcpyProtocolError on an unknown type.
 */
export function parseControlMessages(buf: Uint8Array): { messages: ControlMessage[]; consumed: number } {
  return parseMessages(buf, parseOne);
}

/** UTF-8 length check helper for callers that want to know if text would be truncated. */
export function injectTextFits(text: string): boolean {
  return utf8Encode(text).length <= INJECT_TEXT_MAX_LENGTH;
}

/** Push-based device-side reader: `push(chunk)` returns the messages completed by that chunk. */
export class ControlMessageReader extends ChunkedReader<ControlMessage> {
  constructor() {
    super(parseControlMessages);
  }
}
